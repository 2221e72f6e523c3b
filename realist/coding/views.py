"""What the transcript commands show: rows of a transcript list, and lines with codes in the margin."""

from __future__ import annotations

from typing import Any

from realist.coding.anchor import line_starts
from realist.coding.query import load_excerpts
from realist.model import Excerpt, Project, Transcript
from realist.store.transcripts import load_transcripts


def compact_codes(codes: list[str]) -> str:
    """``alpha:C1 alpha:M1 free:x`` -> ``alpha:C1,M1 free:x`` (elements of one theory together)."""
    groups: dict[str, list[str]] = {}
    for code in codes:
        head, _, tail = code.partition(":") if not code.startswith("free:") else (code, "", "")
        groups.setdefault(head, [])
        if tail:
            groups[head].append(tail)
    return " ".join(f"{head}:{','.join(tails)}" if tails else head for head, tails in groups.items())


def transcript_rows(project: Project) -> list[dict[str, Any]]:
    """One row per transcript: id, type, stage, site, date, participants, speakers, lines, words, excerpts."""
    counts: dict[str, int] = {}
    coders: dict[str, set[str]] = {}
    for e in load_excerpts(project):
        counts[e.transcript] = counts.get(e.transcript, 0) + 1
        coders.setdefault(e.transcript, set()).add(e.coder)
    rows = []
    for t in load_transcripts(project).values():
        rows.append({"id": t.id, "type": t.type, "stage": t.stage, "site": t.site, "date": t.date,
                     "participants": list(t.participants), "speakers": len(t.speakers),
                     "lines": len(line_starts(t.text)), "words": len(t.text.split()),
                     "excerpts": counts.get(t.id, 0), "coders": sorted(coders.get(t.id, set())),
                     "source": t.source})
    return rows


def margin_lines(project: Project, transcript: Transcript, coders: list[str] | None = None) -> list[dict[str, Any]]:
    """Each line of the transcript with the excerpts that start on it and those that run through it.

    ``starts``: ``[(excerpt id, compact codes, stance)]``; ``through``: ids of excerpts continuing.
    """
    text = transcript.text
    starts = line_starts(text)
    excerpts: list[Excerpt] = [e for e in load_excerpts(project, [transcript.id])
                               if not coders or e.coder in coders]
    rows: list[dict[str, Any]] = []
    for i, first in enumerate(starts):
        last = starts[i + 1] - 1 if i + 1 < len(starts) else len(text.rstrip("\n"))
        rows.append({"line": i + 1, "text": text[first:last], "starts": [], "through": []})
    import bisect

    for e in excerpts:
        a = max(0, bisect.bisect_right(starts, e.start) - 1)
        b = max(0, bisect.bisect_right(starts, max(e.start, e.end - 1)) - 1)
        if a >= len(rows):
            continue
        rows[a]["starts"].append({"id": e.id, "codes": compact_codes(e.codes), "stance": e.stance,
                                  "coder": e.coder})
        for j in range(a + 1, min(b, len(rows) - 1) + 1):
            rows[j]["through"].append(e.id)
    return rows
