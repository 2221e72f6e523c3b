"""Text sources, selections and cases of a .qdpx turned into transcripts, excerpts and participants.

Selections are placed with the reading :func:`choose_reading` picks for the whole file; a
selection repeated once per code (some tools do that) is merged into one excerpt; codings
by two users become two coders' excerpts.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import yaml

from realist.refiqda.codes_in import CodePlan
from realist.refiqda.offsets import Choice, Reading, SourceText, choose_reading, normalise_text
from realist.refiqda.parse import Note, Parsed, Source, realist_block
from realist.refiqda.report import ImportReport
from realist.text import plural

_CODER_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


def coder_name(name: str | None) -> str:
    """A user's name as a realist coder name (usable as a file name)."""
    cleaned = _CODER_CHARS.sub("-", (name or "").strip()).strip("-.")[:64]
    return cleaned or "imported"


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class SourcesPlan:
    transcripts: dict[str, Any] = field(default_factory=dict)  # id -> Transcript to write
    kept: set[str] = field(default_factory=set)  # ids already in the project, unchanged
    existing_participants: dict[str, list[str]] = field(default_factory=dict)  # kept id -> its participants
    by_guid: dict[str, str] = field(default_factory=dict)  # source GUID -> transcript id
    sel_guid: dict[str, str] = field(default_factory=dict)  # selection GUID -> transcript id
    excerpts: dict[tuple[str, str], list[Any]] = field(default_factory=dict)  # (transcript, coder) -> Excerpts
    participants: dict[str, Any] = field(default_factory=dict)  # id -> Participant to write


def _transcript(source: Source, text: str, taken: set[str], existing: dict[str, Any], phases: list[str],
                report: ImportReport) -> tuple[Any, bool]:
    """(Transcript, already_there) for one source."""
    from realist.ingest.speakers import find_turns, guess_speakers, is_interviewer
    from realist.model import Transcript
    from realist.store.transcripts import sha256_text, slug, transcript_from, valid_id

    found = realist_block(source.description, "transcript")
    if found is not None:
        key, body, _ = found
        data = yaml.safe_load(body) or {}
        from pathlib import Path

        t = transcript_from(data if isinstance(data, dict) else {}, Path("transcript.yaml"))
        t.path = None
        if not valid_id(t.id):  # an id becomes a file name: never trust it
            t.id = slug(t.id)
        if t.text_sha256 and t.text_sha256 != sha256_text(text):
            report.note(f"the text of transcript '{t.id}' was changed in the other tool; its speaker turns "
                        "were found again")
            t.turns = find_turns(text, list(t.speakers))
            for turn in t.turns:
                turn.participant = t.speakers.get(turn.speaker) if turn.speaker else None
            t.text_sha256 = sha256_text(text)
    else:
        name = re.sub(r"\.(txt|docx?|rtf|pdf|md)$", "", source.name, flags=re.IGNORECASE)
        labels = guess_speakers(text)
        voices = [label for label in labels if not is_interviewer(label)]
        turns = find_turns(text, labels)
        t = Transcript(id=slug(name), text=text, type="focus-group" if len(voices) >= 3 else "interview",
                       stage=phases[0] if phases else None, speakers={label: None for label in labels},
                       turns=turns, source=source.name,
                       source_sha256=hashlib.sha256((source.raw or "").encode("utf-8")).hexdigest(),
                       text_sha256=sha256_text(text), imported=now(), title=source.name)
    t.text = text
    before = existing.get(t.id)
    if before is not None and before.text == text:
        return before, True
    base, n = t.id, 2
    while t.id in taken or t.id in existing:
        t.id = f"{base}-{n}"
        n += 1
    if t.id != base:
        report.note(f"source '{source.name}' became transcript '{t.id}' ('{base}' is taken by another text)")
    return t, False


_TRAILER = re.compile(r"(?:^|\n)Stance: (?P<stance>supports|refutes|refines)\.(?P<key> Key quotation\.)?"
                      r"(?: \[realist excerpt (?P<id>[A-Za-z0-9._-]+)\])?\s*$", re.IGNORECASE)


def _excerpt_facts(description: str | None) -> tuple[dict[str, Any], str | None, str | None]:
    """(realist facts, memo text, excerpt id) from a selection's description."""
    text = description or ""
    found = _TRAILER.search(text)
    if found is None:
        return {}, text.strip() or None, None
    rest = text[:found.start()].strip()
    facts = {"stance": found.group("stance").lower(), "key": bool(found.group("key"))}
    return facts, rest or None, found.group("id")


def plan_sources(parsed: Parsed, codes: CodePlan, project: Any, phases: list[str], memo_notes: set[str],
                 report: ImportReport, reading: Reading | None = None) -> SourcesPlan:
    """Transcripts and excerpts to write, with the reading chosen for the file's positions."""
    from realist.coding.anchor import context, excerpt_id
    from realist.model import STANCES, Excerpt

    existing: dict[str, Any] = {}
    if project is not None:
        from realist.store.transcripts import load_transcripts

        existing = load_transcripts(project)
    plan = SourcesPlan()
    placed: list[tuple[Source, Any, SourceText]] = []
    for source in parsed.sources:
        if source.raw is None:
            continue
        text = normalise_text(source.raw)
        if not text.strip():
            report.note(f"source '{source.name}' has no text; not imported")
            continue
        t, already = _transcript(source, text, set(plan.transcripts), existing, phases, report)
        plan.by_guid[source.guid] = t.id
        if already:
            plan.kept.add(t.id)
            plan.existing_participants[t.id] = list(t.participants)
            report.keep("transcripts")
        else:
            plan.transcripts[t.id] = t
            report.add("transcripts")
        if source.whole_codings:
            report.note(f"{plural(source.whole_codings, 'coding')} of the whole source '{source.name}' were not imported: "
                        "realist codes passages; code the passages that carry the evidence")
        placed.append((source, t, SourceText(source.raw, t.text)))
    choice = choose_reading([(st, [s.at for s in src.selections]) for src, _, st in placed])
    if reading is not None:
        choice = Choice(reading, "as you asked with --positions")
    if any(src.selections for src, _, _ in placed):
        report.reading = f"read as {choice.reading.describe()} ({choice.why})"
    if choice.ambiguous:
        report.note("another way of counting positions fits the selections equally well; check a few excerpts "
                    "with `realist excerpts` against the other tool")
    defaulted = 0
    used_ids: set[str] = set()
    for source, t, st in placed:
        merged: dict[tuple[str, int, int], Any] = {}
        for sel in source.selections:
            plan.sel_guid[sel.guid] = t.id
            span = st.locate(sel.at, choice.reading)
            if span is None or span[0] >= span[1]:
                report.note(f"selection {sel.at.start}-{sel.at.end} in '{source.name}' is outside its text or "
                            "empty; not imported")
                continue
            start, end = span
            facts, memo, key = _excerpt_facts(sel.description)
            notes = [parsed.notes[g] for g in sel.notes if g in parsed.notes and g not in memo_notes]
            if not sel.codings:
                report.note(f"selection '{t.text[start:end][:40]}' in '{source.name}' has no code; not imported")
                continue
            for coding in sel.codings:
                ref = codes.refs.get(coding.code or "")
                if ref is None:
                    report.note(f"a coding in '{source.name}' points at a code the file does not define "
                                f"({coding.code}); not imported")
                    continue
                coder = coder_name(parsed.users.get(coding.user or sel.user or source.user or parsed.creator or ""))
                extra = [parsed.notes[g] for g in coding.notes if g in parsed.notes and g not in memo_notes]
                slot = merged.get((coder, start, end))
                if slot is None:
                    stance = str(facts.get("stance") or "supports")
                    if stance not in STANCES:
                        stance = "supports"
                    if not facts:
                        defaulted += 1
                    new_id = key if key and key not in used_ids else excerpt_id(t.id, start, end, coder)
                    salt = 0
                    while new_id in used_ids:
                        salt += 1
                        new_id = excerpt_id(t.id, start, end, coder, salt)
                    used_ids.add(new_id)
                    prefix, suffix = context(t.text, start, end)
                    slot = merged[(coder, start, end)] = Excerpt(
                        id=new_id, transcript=t.id, start=start, end=end, quote=t.text[start:end], prefix=prefix,
                        suffix=suffix, codes=[], stance=stance, coder=coder, memo=memo,
                        key=bool(facts.get("key", False)),
                        created=sel.created if sel.created and _DATETIME.match(sel.created) else now())
                if ref not in slot.codes:
                    slot.codes.append(ref)
                slot.memo = _with_notes(slot.memo, [*notes, *extra])
        for (coder, _, _), excerpt in merged.items():
            plan.excerpts.setdefault((t.id, coder), []).append(excerpt)
            report.add("excerpts")
    if defaulted:
        report.note(f"{plural(defaulted, 'excerpt carries', 'excerpts carry')} no stance in the file; recorded as 'supports' (change one with "
                    "`realist recode ID CODE... --stance refutes`)")
    return plan


def _with_notes(memo: str | None, notes: list[Note]) -> str | None:
    parts = [memo] if memo else []
    for note in notes:
        if note.text.strip() and note.text.strip() not in parts:
            parts.append(note.text.strip())
    return "\n\n".join(parts) if parts else None
