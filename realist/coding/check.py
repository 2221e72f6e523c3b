"""`check(project, report)`: transcripts, participants, codebook and every excerpt, positioned.

Called by ``realist check`` (see realist/check.py). Codings files are parsed with
libyaml and checked by hand rather than through jsonschema, so a project of
100,000 excerpts checks quickly; each finding still names the file and the line
of the excerpt.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from realist.errors import InputError
from realist.ingest.normalise import normalise
from realist.model import STANCES, Project, Transcript
from realist.store.codings import coding_files, codings_root, parse_codings
from realist.store.findings import Report
from realist.store.participants import participants_path
from realist.store.schema import check_shape
from realist.store.transcripts import metadata_files, sha256_text, transcript_from
from realist.store.yamlio import YamlProblem, load
from realist.text import did_you_mean, one_of

_EXCERPT_LINE = re.compile(r'^(?:- id: |\s*\{"id": )', re.MULTILINE)


def check(project: Project, report: Report) -> None:
    """Add a finding for every problem of the tool-managed coding files."""
    people = _check_participants(project, report)
    free = _check_codebook(project, report)
    transcripts = _check_transcripts(project, report, people)
    _check_codings(project, report, transcripts, free)


def _doc(path: Path, schema: str, report: Report) -> Any:
    report.files += 1
    try:
        doc = load(path)
    except YamlProblem as p:
        report.add(p.path, p.line, p.col, p.message, rule="yaml")
        return None
    if not isinstance(doc.data, dict):
        report.add(path, 1, 1, "must be a mapping of keys to values", rule="schema.type")
        return None
    if not check_shape(doc, schema, report):
        return None
    return doc


def _check_participants(project: Project, report: Report) -> set[str]:
    path = participants_path(project)
    if not path.is_file():
        return set()
    doc = _doc(path, "participants", report)
    if doc is None:
        return set()
    ids: set[str] = set()
    strands = project.manifest.strands
    for i, item in enumerate(doc.data.get("participants") or []):
        pid = item["id"]
        if pid in ids:
            line, col = doc.pos("participants", i, "id")
            report.add(path, line, col, f"participant id '{pid}' is used twice", rule="id.unique")
        ids.add(pid)
        strand = item.get("strand")
        if strand and strands and strand not in strands:
            line, col = doc.pos("participants", i, "strand")
            report.add(path, line, col, f"strand '{strand}' is not in realist.yaml{did_you_mean(strand, strands)}",
                       rule="ref.strand")
    return ids


def _check_codebook(project: Project, report: Report) -> set[str]:
    from realist.coding.codes import codebook_path

    path = codebook_path(project)
    if not path.is_file():
        return set()
    doc = _doc(path, "codebook", report)
    if doc is None:
        return set()
    names: set[str] = set()
    for i, item in enumerate(doc.data.get("codes") or []):
        name = item if isinstance(item, str) else item["name"]
        if name in names:
            line, col = doc.pos("codes", i)
            report.add(path, line, col, f"free code '{name}' is listed twice", rule="id.unique")
        if name in project.theories:
            line, col = doc.pos("codes", i)
            report.add(path, line, col, f"free code '{name}' has the id of a theory; rename it", rule="id.unique",
                       level="warning")
        names.add(name)
    return names


def _check_transcripts(project: Project, report: Report, people: set[str]) -> dict[str, Transcript]:
    found: dict[str, Transcript] = {}
    phases = project.manifest.phases
    for path in metadata_files(project):
        doc = _doc(path, "transcript", report)
        if doc is None:
            continue
        data = doc.data
        t = transcript_from(data, path)
        if t.id != path.stem:
            line, col = doc.pos("id")
            report.add(path, line, col, f"id '{t.id}' differs from the file name '{path.stem}'", rule="id.file")
        text_file = path.with_suffix(".txt")
        try:
            t.text = text_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            report.add(path, 1, 1, f"its text {text_file.name} is missing", rule="transcript.text")
            continue
        except UnicodeDecodeError as exc:
            report.add(text_file, 1, 1, f"is not UTF-8 text (byte offset {exc.start})", rule="transcript.text")
            continue
        report.files += 1
        found[t.id] = t
        if normalise(t.text) != t.text:
            report.add(text_file, 1, 1, "is not normalised (NFC, LF, no trailing spaces); positions may drift: "
                       "re-import the source or run `realist reanchor`", level="warning", rule="transcript.normal")
        if t.text_sha256 and sha256_text(t.text) != t.text_sha256:
            report.add(text_file, 1, 1, "was edited since it was imported; run `realist reanchor --apply` to "
                       "re-locate its excerpts and record the new text", level="warning", rule="transcript.edited")
        if t.stage is not None and phases and t.stage not in phases:
            line, col = doc.pos("stage")
            report.add(path, line, col, f"stage '{t.stage}' is not a phase of realist.yaml ({one_of(phases)})"
                       f"{did_you_mean(t.stage, phases)}", rule="ref.phase")
        for i, pid in enumerate(t.participants):
            if pid not in people:
                line, col = doc.pos("participants", i)
                report.add(path, line, col, f"no participant '{pid}' in participants.yaml"
                           f"{did_you_mean(pid, people)}", rule="ref.participant")
        for label, mapped in t.speakers.items():
            if mapped is not None and mapped not in people:
                line, col = doc.pos("speakers", label)
                report.add(path, line, col, f"speaker '{label}' points to no participant '{mapped}'",
                           rule="ref.participant")
    return found


def _check_codings(project: Project, report: Report, transcripts: dict[str, Transcript], free: set[str]) -> None:
    from realist.coding.codes import all_codes

    try:
        known_codes = set(all_codes(project)) | {f"free:{name}" for name in free}
    except InputError:  # an unreadable codebook.yaml is reported above; check the theory codes
        known_codes = {c for t in project.theories.values() for c in (t.id, *(f"{t.id}:{e.id}" for e in t.elements))}
    seen_ids: dict[str, str] = {}
    root = codings_root(project)
    for path in coding_files(project):
        report.files += 1
        rel = path.relative_to(root)
        try:
            text = path.read_text(encoding="utf-8")
            data = parse_codings(path)
        except InputError as p:
            report.add(path, p.line or 1, p.col or 1, p.message, rule="yaml")
            continue
        except (OSError, UnicodeDecodeError) as exc:
            report.add(path, 1, 1, f"cannot be read ({exc})", rule="yaml")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("excerpts"), list):
            report.add(path, 1, 1, "is not a codings file (expected 'transcript', 'coder' and 'excerpts')",
                       rule="schema.type")
            continue
        tid, coder = str(data.get("transcript")), str(data.get("coder"))
        if tid != rel.parts[0] or coder != path.stem:
            report.add(path, 1, 1, f"says transcript '{tid}' and coder '{coder}' but lives in "
                       f"codings/{rel.parts[0]}/{path.name}", rule="codings.place")
        t = transcripts.get(tid)
        if t is None:
            report.add(path, 1, 1, f"codes transcript '{tid}', which is not imported{did_you_mean(tid, transcripts)}",
                       rule="ref.transcript")
        lines = [text[: m.start()].count("\n") + 1 for m in _EXCERPT_LINE.finditer(text)]
        for i, item in enumerate(data["excerpts"]):
            line = lines[i] if i < len(lines) else 1
            _check_excerpt(path, line, item, t, known_codes, seen_ids, report)


def _check_excerpt(path: Path, line: int, item: Any, t: Transcript | None, known_codes: set[str],
                   seen_ids: dict[str, str], report: Report) -> None:
    def add(message: str, rule: str, level: str = "error") -> None:
        report.add(path, line, 3, message, rule=rule, level=level)

    if not isinstance(item, dict):
        add("an excerpt must be a mapping with id, start, end, codes, stance and quote", "schema.type")
        return
    missing = [k for k in ("id", "start", "end", "codes", "quote") if k not in item]
    if missing:
        add(f"excerpt lacks {', '.join(missing)}", "schema.required")
        return
    eid, start, end, quote = str(item["id"]), item["start"], item["end"], item["quote"]
    if eid in seen_ids:
        add(f"excerpt id '{eid}' is also used in {seen_ids[eid]}", "id.unique")
    seen_ids[eid] = str(path.name)
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
        add(f"excerpt {eid}: start and end must be whole numbers with start < end", "schema.type")
        return
    codes = item["codes"] if isinstance(item["codes"], list) else []
    if not codes:
        add(f"excerpt {eid} has no codes", "schema.required")
    for code in codes:
        if code not in known_codes:
            add(f"excerpt {eid}: unknown code '{code}'{did_you_mean(str(code), known_codes)}", "ref.code")
    stance = item.get("stance", "supports")
    if stance not in STANCES:
        add(f"excerpt {eid}: stance '{stance}' is not one of {one_of(STANCES)}", "schema.enum")
    if t is None:
        return
    if end > len(t.text):
        add(f"excerpt {eid} at {start}-{end} is past the end of transcript '{t.id}' ({len(t.text):,} characters; "
            f"expected \"{_short(str(quote))}\"); run `realist reanchor`", "anchor.range")
    elif t.text[start:end] != quote:
        add(f"excerpt {eid} no longer matches transcript '{t.id}' at {start}-{end} "
            f"(expected \"{_short(str(quote))}\"); run `realist reanchor`", "anchor.quote")


def _short(text: str, size: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"
