"""A ``project.qde`` read leniently into plain records (any namespace, GUIDs compared without
case or braces), with the text of each source fetched safely from the archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from realist.refiqda.codes_in import Incoming, kid, kids, local, read_codes, text_of
from realist.refiqda.guids import same
from realist.refiqda.offsets import Selection
from realist.refiqda.report import ImportReport
from realist.refiqda.safe import Archive
from realist.text import plural

_BLOCK = re.compile(r"\[realist (?P<kind>[a-z]+) (?P<key>[^\]\s:]+): [^\]]*\]\n(?P<body>.*?)\n?"
                    r"\[end of realist (?P=kind) (?P=key)\]", re.DOTALL)


def realist_block(description: str | None, kind: str) -> tuple[str, str, str] | None:
    """(key, body, description without the block) when ``description`` holds a realist ``kind`` block."""
    if not description:
        return None
    for m in _BLOCK.finditer(description):
        if m.group("kind") == kind:
            rest = (description[:m.start()] + description[m.end():]).strip()
            return m.group("key"), m.group("body"), rest
    return None


@dataclass
class Coding:
    code: str | None  # file GUID of the code
    user: str | None
    notes: list[str] = field(default_factory=list)


@dataclass
class Sel:
    guid: str
    at: Selection
    user: str | None
    description: str | None
    codings: list[Coding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    created: str | None = None


@dataclass
class Source:
    guid: str
    name: str
    raw: str | None  # None when the text could not be had
    description: str | None
    selections: list[Sel] = field(default_factory=list)
    whole_codings: int = 0
    user: str | None = None


@dataclass
class Case:
    guid: str
    name: str
    description: str | None
    values: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    selections: list[str] = field(default_factory=list)


@dataclass
class Note:
    guid: str
    name: str
    text: str
    description: str | None
    user: str | None
    created: str | None


@dataclass
class LinkRec:
    guid: str
    name: str | None
    direction: str | None
    origin: str | None
    target: str | None


@dataclass
class Parsed:
    name: str
    users: dict[str, str] = field(default_factory=dict)  # GUID -> name
    codes: list[Incoming] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    links: list[LinkRec] = field(default_factory=list)
    project_notes: list[str] = field(default_factory=list)
    creator: str | None = None


def decode(data: bytes, what: str = "a source", report: ImportReport | None = None) -> str:
    """Bytes of a plain-text source: UTF-16 (with a BOM, or zero bytes that give it away), else UTF-8
    (a BOM kept as U+FEFF, so the readings can count it). Bytes that are not text are reported.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "\ufeff" + data[2:].decode("utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be",
                                          errors="replace")
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a byte-order mark
        even_zeros = head[0::2].count(b"\x00") > head[1::2].count(b"\x00")
        return data.decode("utf-16-be" if even_zeros else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if report is not None:
            report.note(f"{what} is not UTF-8 text (byte {exc.start}); characters that could not be read "
                        "show as \ufffd: check it against the original")
        return data.decode("utf-8", errors="replace")


def _notes(el: Any) -> list[str]:
    return [g for g in (same(n.get("targetGUID")) for n in kids(el, "NoteRef")) if g]


def _text(archive: Archive, el: Any, what: str, report: ImportReport) -> str | None:
    content = kid(el, "PlainTextContent")
    path = el.get("plainTextPath")
    if content is not None and content.text and not path:
        return content.text
    if not path:
        if content is not None:
            return content.text or ""
        report.note(f"{what} has no text (neither PlainTextContent nor plainTextPath); not imported")
        return None
    if path.lower().startswith("internal://"):
        name = path[len("internal://"):]
        member = archive.find(f"sources/{name}")
        if member is None:
            report.note(f"{what}: its text sources/{name} is not in the archive; not imported")
            return None
        return decode(archive.read(member), what, report)
    report.note(f"{what} points outside the archive ({path}); such files are never read without your "
                "say-so, so it was not imported: copy the text into the archive or import it as a transcript")
    return None


def _source(archive: Archive, el: Any, report: ImportReport) -> Source | None:
    key = same(el.get("guid"))
    name = el.get("name") or "unnamed source"
    if key is None:
        report.note(f"source '{name}' has no valid GUID; not imported")
        return None
    raw = _text(archive, el, f"source '{name}'", report)
    source = Source(key, name, raw, text_of(el, "Description"), user=same(el.get("creatingUser")))
    for sel in kids(el, "PlainTextSelection"):
        sel_key = same(sel.get("guid"))
        try:
            start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
        except ValueError:
            report.note(f"a selection in '{name}' has no readable positions; not imported")
            continue
        if sel_key is None:
            report.note(f"a selection in '{name}' has no valid GUID; not imported")
            continue
        record = Sel(sel_key, Selection(start, end, sel.get("name")), same(sel.get("creatingUser")),
                     text_of(sel, "Description"), notes=_notes(sel), created=sel.get("creationDateTime"))
        for coding in kids(sel, "Coding"):
            ref = kid(coding, "CodeRef")
            record.codings.append(Coding(same(ref.get("targetGUID")) if ref is not None else None,
                                         same(coding.get("creatingUser")), _notes(coding)))
        source.selections.append(record)
    source.whole_codings = len(kids(el, "Coding"))
    return source


def parse_project(root: Any, archive: Archive, report: ImportReport) -> Parsed:
    """Every part of ``<Project>`` realist can use; a report line for the parts it cannot."""
    parsed = Parsed(root.get("name") or archive.path.stem, creator=same(root.get("creatingUserGUID")))
    users = kid(root, "Users")
    for user in kids(users, "User") if users is not None else []:
        key = same(user.get("guid"))
        if key:
            parsed.users[key] = user.get("name") or user.get("id") or "coder"
    book = kid(root, "CodeBook")
    codes = kid(book, "Codes") if book is not None else None
    if codes is not None:
        parsed.codes = read_codes(codes, report)
    variables = {same(v.get("guid")): v.get("name") or "" for v in kids(kid(root, "Variables") or [], "Variable")}
    for el in kids(kid(root, "Cases") or [], "Case"):
        key = same(el.get("guid"))
        if key is None:
            continue
        case = Case(key, el.get("name") or "", text_of(el, "Description"))
        for vv in kids(el, "VariableValue"):
            ref = kid(vv, "VariableRef")
            var = variables.get(same(ref.get("targetGUID")) if ref is not None else None)
            value = next((c.text for c in vv if local(c) != "VariableRef" and c.text), None)
            if var and value is not None:
                case.values[var] = value
        case.sources = [g for g in (same(s.get("targetGUID")) for s in kids(el, "SourceRef")) if g]
        case.selections = [g for g in (same(s.get("targetGUID")) for s in kids(el, "SelectionRef")) if g]
        parsed.cases.append(case)
    sources = kid(root, "Sources")
    for el in list(sources) if sources is not None else []:
        kind = local(el)
        if kind != "TextSource":
            report.note(f"{kind} '{el.get('name') or el.get('guid')}' was not imported: realist codes text only")
            continue
        source = _source(archive, el, report)
        if source is not None:
            parsed.sources.append(source)
    for el in kids(kid(root, "Notes") or [], "Note"):
        key = same(el.get("guid"))
        if key is None:
            continue
        text = _text(archive, el, f"note '{el.get('name') or key}'", report)
        parsed.notes[key] = Note(key, el.get("name") or "", text or "", text_of(el, "Description"),
                                 same(el.get("creatingUser")), el.get("creationDateTime"))
    for el in kids(kid(root, "Links") or [], "Link"):
        parsed.links.append(LinkRec(same(el.get("guid")) or "", el.get("name"), el.get("direction"),
                                    same(el.get("originGUID")), same(el.get("targetGUID"))))
    parsed.project_notes = _notes(root)
    sets = [s for s in kids(kid(root, "Sets") or [], "Set")
            if not (text_of(s, "Description") or "").startswith("realist group")]
    if sets:
        report.note(f"{plural(len(sets), 'set')} ({', '.join(s.get('name') or '?' for s in sets)}) not imported: "
                    "realist groups theories in realist.yaml instead")
    graphs = kids(kid(root, "Graphs") or [], "Graph")
    if graphs:
        report.note(f"{plural(len(graphs), 'graph')} not imported: realist draws its own diagrams")
    return parsed
