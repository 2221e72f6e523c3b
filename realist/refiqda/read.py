"""`import_qdpx`: a REFI-QDA project into a new or an existing realist project.

Everything is read and planned before anything is written, so a refused archive or a
dry run leaves the disk as it was. Transcripts, codings, participants, free codes and
memos are written through their own modules (atomic writes; one codings file per coder
per transcript).

>>> report = import_qdpx(Path("study.qdpx"), new=Path("../study"), dry_run=True)  # doctest: +SKIP
>>> print("\\n".join(report.lines()))  # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from realist.errors import InputError, UsageError
from realist.model import Project
from realist.refiqda import apply
from realist.refiqda.codes_in import CodePlan, local, plan_codes
from realist.refiqda.offsets import Reading
from realist.refiqda.parse import Parsed, parse_project, realist_block
from realist.refiqda.report import ImportReport
from realist.refiqda.safe import DEFAULT_LIMITS, Archive, Limits, parse_xml
from realist.refiqda.sources_in import SourcesPlan, now, plan_sources
from realist.refiqda.write import FILE_NOTE
from realist.text import plural

GROUPS = ("staff", "recipient", "peer-mentor", "other")
_MEMO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d([T ][0-9:.]+(Z|[+-]\d\d:?\d\d)?)?$")


@dataclass
class Plan:
    codes: CodePlan
    sources: SourcesPlan | None = None
    files: dict[str, str] = field(default_factory=dict)
    memos: list[Any] = field(default_factory=list)


def _read(path: Path, limits: Limits, report: ImportReport) -> Parsed:
    with Archive(path, limits) as archive:
        entry = archive.project_entry()
        root = parse_xml(archive.read(entry), f"{path}: {entry}")
        if local(root) != "Project":
            raise InputError(f"{entry} is not a REFI-QDA project: its root element is <{local(root)}>", path=path)
        return parse_project(root, archive, report)


def _memos(parsed: Parsed, codes: CodePlan, project: Project | None, report: ImportReport) -> tuple[list[Any], set[str]]:
    """Memos to write (realist memo notes, and other tools' notes on codes), and the GUIDs used up."""
    try:
        from realist.store.memos import Memo, load_memos, new_memo
    except ImportError:
        return [], set()
    earlier = load_memos(project.root).memos if project is not None else []
    have = {m.id for m in earlier}
    said = {(m.on, m.text.strip()) for m in earlier}
    out: list[Any] = []
    used: set[str] = set()
    for key, note in parsed.notes.items():
        found = realist_block(note.description, "memo")
        if found is None:
            continue
        used.add(key)
        data = yaml.safe_load(found[1]) or {}
        if not isinstance(data, dict) or not data.get("on"):
            continue
        memo = Memo(id=str(data.get("id") or found[0]), on=str(data["on"]), text=note.text,
                    date=str(data.get("date") or note.created or now()), author=data.get("author"))
        if not _MEMO_ID.match(memo.id) or not _DATE.match(memo.date):  # both go into the file name
            memo = new_memo(memo.on, memo.text, memo.author)
        if memo.id in have:
            report.keep("memos")
            continue
        out.append(memo)
        report.add("memos")
    for ref, guids in codes.code_notes.items():
        for key in guids:
            found_note = parsed.notes.get(key)
            if found_note is None or key in used or not found_note.text.strip():
                continue
            used.add(key)
            if (ref, found_note.text.strip()) in said:
                report.keep("memos")
                continue
            out.append(new_memo(ref, found_note.text.strip(), parsed.users.get(found_note.user or "")))
            report.add("memos")
    return out, used


def _files(parsed: Parsed, project: Project | None, report: ImportReport) -> tuple[dict[str, str], set[str]]:
    files: dict[str, str] = {}
    used: set[str] = set()
    for key, note in parsed.notes.items():
        if not note.name.startswith(FILE_NOTE):
            continue
        used.add(key)
        rel = note.name[len(FILE_NOTE):].strip()
        parts = Path(rel).parts
        if not rel or Path(rel).is_absolute() or ".." in parts or not rel.endswith((".yaml", ".yml")):
            report.note(f"project file '{rel}' in the file has an unsafe or unexpected name; not written")
            continue
        if project is not None:
            path = project.root / rel
            if path.is_file() and path.read_text(encoding="utf-8").strip() != note.text.strip():
                report.note(f"project file {rel} differs from this project's; kept the project's")
            elif not path.is_file():
                report.note(f"project file {rel} from the file was not written into this existing project")
            continue
        files[rel] = note.text if note.text.endswith("\n") else note.text + "\n"
        report.add("files")
    return files, used


def _participants(parsed: Parsed, sources: SourcesPlan, project: Project | None, report: ImportReport) -> None:
    from realist.model import Participant

    have: dict[str, Any] = {}
    if project is not None:
        from realist.store.participants import load_participants

        have = load_participants(project)
    counts: dict[str, int] = {}
    for p in have.values():
        counts[p.role.lower()] = max(counts.get(p.role.lower(), 0), p.number)
    for case in parsed.cases:
        found = realist_block(case.description, "participant")
        if found is not None:
            data = yaml.safe_load(found[1]) or {}
            person = Participant(**{k: v for k, v in data.items() if k in Participant.__dataclass_fields__})
        else:
            values = {k.strip().lower(): v.strip() for k, v in case.values.items()}
            role = values.pop("role", "") or "Participant"
            group = values.pop("group", None)
            if group is not None and group.lower() not in GROUPS:
                report.note(f"case '{case.name}': group '{group}' is not one of {', '.join(GROUPS)}; left empty")
                group = None
            site = values.pop("site", None)
            same_person = _already(have, sources, case.sources, role, group, site)
            if same_person is not None:
                report.keep("participants")
                continue
            n = len(have) + len(sources.participants) + 1
            while f"P{n:02d}" in have or f"P{n:02d}" in sources.participants:
                n += 1
            counts[role.lower()] = counts.get(role.lower(), 0) + 1
            person = Participant(f"P{n:02d}", role=role, number=counts[role.lower()],
                                 group=group.lower() if group else None, site=site)
            report.note(f"case '{case.name}' became participant {person.id} ({person.label}); case names are not "
                        "kept, because participants are pseudonymised")
            if values:
                report.note(f"case '{case.name}': {'variables' if len(values) > 1 else 'variable'} "
                            f"{', '.join(sorted(values))} not kept "
                            "(realist keeps role, group and site)")
        if person.id in have:
            report.keep("participants")
        elif person.id not in sources.participants:
            sources.participants[person.id] = person
            report.add("participants")
        for key in case.sources:
            t = sources.transcripts.get(sources.by_guid.get(key, ""))
            if t is not None and person.id not in t.participants:
                t.participants.append(person.id)
        for key in case.selections:
            t = sources.transcripts.get(sources.sel_guid.get(key, ""))
            if t is not None and person.id not in t.participants:
                t.participants.append(person.id)
    people = {**have, **sources.participants}
    for t in sources.transcripts.values():
        sites = {people[p].site for p in t.participants if p in people}
        if t.site is None and len(sites) == 1:
            t.site = sites.pop()
        # one voice, one person: that voice is the person
        voices = [s for s, who in t.speakers.items() if who is None and not _interviewer(s)]
        if len(t.participants) == 1 and len(voices) == 1:
            t.speakers[voices[0]] = t.participants[0]
            for turn in t.turns:
                if turn.speaker == voices[0]:
                    turn.participant = t.participants[0]


def _already(have: dict[str, Any], sources: SourcesPlan, case_sources: list[str], role: str, group: str | None,
             site: str | None) -> str | None:
    """The participant a case from an earlier import of the same file became, if any."""
    for key in case_sources:
        tid = sources.by_guid.get(key)
        if tid not in sources.kept:
            continue
        for pid in sources.existing_participants.get(tid or "", []):
            p = have.get(pid)
            if p is not None and (p.role, p.site) == (role, site) and (group is None or p.group == group.lower()):
                return pid
    return None


def _interviewer(label: str) -> bool:
    from realist.ingest.speakers import is_interviewer

    return is_interviewer(label)


def _links(parsed: Parsed, codes: CodePlan, project: Project | None, report: ImportReport) -> None:
    from realist.store.build import theory_from

    theories: dict[str, Any] = {tid: theory_from(yaml.safe_load(text)) for tid, text in codes.theories.items()}
    if project is not None:
        theories = {**project.theories, **theories}
    for link in parsed.links:
        origin, target = codes.refs.get(link.origin or ""), codes.refs.get(link.target or "")
        what = f"link '{link.name or link.guid}'"
        if origin is None or target is None or origin.startswith("free:") or target.startswith("free:"):
            report.note(f"{what} does not join two theories; not imported")
            continue
        source, _, via = origin.partition(":")
        to = target.split(":", 1)[0]
        theory = theories.get(source)
        if theory is not None and any(x.to == to and (x.via or "") == via for x in theory.links):
            if source in codes.theories:
                report.add("links")
            continue
        report.note(f"{what} from {origin} to {to} is not in the theory file of '{source}'; "
                    f"add it under links: if you want it")


def import_qdpx(path: Path, *, project: Project | None = None, new: Path | None = None, dry_run: bool = False,
                limits: Limits = DEFAULT_LIMITS, reading: Reading | None = None) -> ImportReport:
    """Import the .qdpx at ``path`` into ``project`` or into a ``new`` project folder.

    ``reading`` fixes how the file's text positions are counted (default: chosen from the file).
    """
    if (project is None) == (new is None):
        raise UsageError("import into either an existing project or a new folder, not both")
    if new is not None:
        apply.new_project_folder(new)
    target = str(new) if new is not None else str(project.root)  # type: ignore[union-attr]
    report = ImportReport(path.name, target, dry_run=dry_run)
    parsed = _read(path, limits, report)
    plan = Plan(plan_codes(parsed.codes, project, report))
    plan.files, file_notes = _files(parsed, project, report)
    plan.memos, memo_notes = _memos(parsed, plan.codes, project, report)
    phases = project.manifest.phases if project is not None else _phases(plan.files)
    try:
        plan.sources = plan_sources(parsed, plan.codes, project, phases, memo_notes, report, reading)
    except ImportError:
        if parsed.sources:
            report.note(f"{len(parsed.sources)} sources were not imported: this realist has no transcripts")
    if plan.sources is not None:
        _participants(parsed, plan.sources, project, report)
    _links(parsed, plan.codes, project, report)
    attached = memo_notes | file_notes | {g for gs in plan.codes.code_notes.values() for g in gs}
    attached |= {g for s in parsed.sources for sel in s.selections for g in [*sel.notes,
                 *(n for c in sel.codings for n in c.notes)]}
    loose = [n for key, n in parsed.notes.items() if key not in attached]
    if loose:
        report.note(f"{plural(len(loose), 'note is', 'notes are')} not on a code or a coded passage (realist "
                    "keeps memos on theories, elements, free codes and excerpts), so not imported: "
                    f"{', '.join(repr(n.name) for n in loose[:5])}{' ...' if len(loose) > 5 else ''}")
    if plan.sources is not None and project is not None:
        from realist.refiqda.store_in import drop_known_excerpts

        drop_known_excerpts(project, plan.sources, report)
    if plan.sources is not None:
        _count_coders(plan.sources, project, report)
    if dry_run:
        return report
    from realist.refiqda.store_in import write_all

    write_all(plan, project, new, parsed.name, report)
    return report


def _count_coders(sources: SourcesPlan, project: Project | None, report: ImportReport) -> None:
    coders = {coder for (_, coder), excerpts in sources.excerpts.items() if excerpts}
    known: set[str] = set()
    if project is not None:
        from realist.coding import load_excerpts

        known = {e.coder for e in load_excerpts(project)}
    report.add("coders", len(coders - known))
    report.keep("coders", len(coders & known))
    for key in ("coders",):
        if not report.created.get(key):
            report.created.pop(key, None)
        if not report.kept.get(key):
            report.kept.pop(key, None)


def _phases(files: dict[str, str]) -> list[str]:
    manifest = yaml.safe_load(files.get("realist.yaml", "")) or {}
    phases = manifest.get("phases") if isinstance(manifest, dict) else None
    return [str(p) for p in phases] if isinstance(phases, list) else ["initial", "second", "third"]
