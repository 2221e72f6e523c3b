"""A realist project as a REFI-QDA project: ``project.qde`` plus ``sources/<GUID>.txt`` in a zip.

The output is deterministic (stable GUIDs, no timestamps of its own, members in a fixed
order) and is checked against the shipped Project schema before anything is written.

>>> export_qdpx(project, Path("out/iom.qdpx"))  # doctest: +SKIP
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from realist.graph.passages import collection_paused
from realist.model import Project
from realist.refiqda.codes import code_element, code_tree, xml_text
from realist.refiqda.gather import Gathered, gather
from realist.refiqda.guids import guid
from realist.refiqda.qdc import ORIGIN, group_sets
from realist.refiqda.schema import PROJECT_NS, check_valid, check_valid_file

NS = PROJECT_NS
VARIABLES = ("role", "group", "site")
_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")
FILE_NOTE = "realist file: "


def code_guid(ref: str) -> str:
    """The GUID of one of our codes: ``alpha``, ``alpha:C1`` or ``free:name``."""
    if ref.startswith("free:"):
        return guid("free", ref[5:])
    theory, _, element = ref.partition(":")
    return guid("element", theory, element) if element else guid("theory", theory)


def block(kind: str, key: str, data: Any, intro: str) -> str:
    """A realist block inside a description: ``[realist KIND KEY: intro]`` YAML ``[end of realist KIND KEY]``."""
    from realist.store.transcripts import dump  # libyaml: transcripts carry hundreds of turns

    body = data if isinstance(data, str) else dump(data)
    return f"[realist {kind} {key}: {intro}]\n{body.rstrip(chr(10))}\n[end of realist {kind} {key}]"


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str | None] | None = None, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}{tag}", {k: xml_text(v) for k, v in (attrs or {}).items() if v is not None})
    if text is not None:
        el.text = xml_text(text)
    return el


def _when(value: Any) -> str | None:
    text = str(value) if value is not None else ""
    return text if _DATETIME.match(text) else None


@dataclass
class Exported:
    """What went into the .qdpx, for the command's summary."""

    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, project: Project, found: Gathered) -> None:
        self.project = project
        self.found = found
        self.warnings: list[str] = []
        self.memo_refs: dict[str, list[str]] = {}  # target GUID -> memo note GUIDs
        self.known_codes: set[str] = set()

    def user(self, name: str | None) -> str | None:
        return guid("user", name) if name else None

    def memo_targets(self) -> None:
        for memo in self.found.memos:
            on = str(memo.on)
            target = guid("excerpt", on[8:]) if on.startswith("excerpt:") else code_guid(on)
            self.memo_refs.setdefault(target, []).append(guid("memo", memo.id))

    def users(self, root: ET.Element) -> None:
        if self.found.coders:
            users = _sub(root, "Users")
            for name in self.found.coders:
                _sub(users, "User", {"guid": guid("user", name), "name": name, "id": name})

    def codebook(self, root: ET.Element) -> None:
        tree = code_tree(self.project)
        self.tree = tree
        for code in tree:
            self.known_codes.update(c.guid for c in code.walk())
        if tree:
            codes = _sub(_sub(root, "CodeBook"), "Codes")
            for code in tree:
                codes.append(code_element(NS, code, notes=self.memo_refs))

    def cases(self, root: ET.Element) -> None:
        people = self.found.participants
        if not people:
            return
        variables = _sub(root, "Variables")
        for name in VARIABLES:
            _sub(variables, "Variable", {"guid": guid("variable", name), "name": name, "typeOfVariable": "Text"})
        cases = _sub(root, "Cases")
        for p in people.values():
            data = {k: v for k, v in vars(p).items() if v is not None}
            case = _sub(cases, "Case", {"guid": guid("participant", p.id), "name": p.label})
            _sub(case, "Description", text=block("participant", p.id, data,
                                                   "kept so that importing this back into realist loses nothing"))
            for name in VARIABLES:
                value = getattr(p, name, None)
                if value:
                    vv = _sub(case, "VariableValue")
                    _sub(vv, "VariableRef", {"targetGUID": guid("variable", name)})
                    _sub(vv, "TextValue", text=str(value))
            for t in self.found.transcripts.values():
                if p.id in t.participants or p.id in t.speakers.values():
                    _sub(case, "SourceRef", {"targetGUID": guid("transcript", t.id)})

    def sources(self) -> Iterator[ET.Element]:
        """One ``TextSource`` element at a time (a national project has 90,000 selections)."""
        from realist.store.transcripts import transcript_data

        by_transcript: dict[str, list[Any]] = {}
        for e in self.found.excerpts:
            by_transcript.setdefault(e.transcript, []).append(e)
        for t in self.found.transcripts.values():
            key = guid("transcript", t.id)
            attrs = {"guid": key, "name": t.title or t.id, "plainTextPath": f"internal://{key}.txt"}
            source = ET.Element(f"{{{NS}}}TextSource", {k: xml_text(v) for k, v in attrs.items()})
            facts = ", ".join(str(x) for x in (t.type, t.stage and f"stage {t.stage}", t.site) if x)
            _sub(source, "Description", text=f"{facts[:1].upper()}{facts[1:]}.\n\n" + block(
                "transcript", t.id, transcript_data(t), "kept so that importing this back into realist loses nothing"))
            for e in by_transcript.pop(t.id, []):
                self.selection(source, t, e)
            yield source
        for tid, orphans in by_transcript.items():
            self.warnings.append(f"{len(orphans)} excerpts of the missing transcript '{tid}' were not exported")

    def selection(self, source: ET.Element, t: Any, e: Any) -> None:
        if t.text[e.start:e.end] != e.quote:
            self.warnings.append(f"excerpt {e.id} no longer matches its transcript (run `realist reanchor`); "
                                 "exported at its recorded position")
        user = self.user(e.coder)
        sel = _sub(source, "PlainTextSelection", {
            "guid": guid("excerpt", e.id), "name": t.text[e.start:e.end], "startPosition": str(e.start),
            "endPosition": str(e.end), "creatingUser": user, "creationDateTime": _when(e.created)})
        trailer = f"Stance: {e.stance}.{' Key quotation.' if e.key else ''} [realist excerpt {e.id}]"
        _sub(sel, "Description", text=(f"{e.memo}\n\n" if e.memo else "") + trailer)
        for ref in e.codes:
            target = code_guid(ref)
            if target not in self.known_codes:
                self.warnings.append(f"excerpt {e.id}: code '{ref}' is not in the codebook; left out")
                continue
            coding = _sub(sel, "Coding", {"guid": guid("coding", e.id, ref), "creatingUser": user,
                                          "creationDateTime": _when(e.created)})
            _sub(coding, "CodeRef", {"targetGUID": target})
        for note in self.memo_refs.get(guid("excerpt", e.id), []):
            _sub(sel, "NoteRef", {"targetGUID": note})

    def notes(self, root: ET.Element) -> None:
        if not self.found.memos and not self.found.files:
            return
        notes = _sub(root, "Notes")
        for memo in self.found.memos:
            first = memo.text.strip().splitlines()[0][:80] if memo.text.strip() else "memo"
            note = _sub(notes, "Note", {"guid": guid("memo", memo.id), "name": f"Memo on {memo.on}: {first}",
                                        "creatingUser": self.user(memo.author),
                                        "creationDateTime": _when(memo.date)})
            data = {"id": memo.id, "on": memo.on, "author": memo.author, "date": memo.date}
            _sub(note, "Description", text=block("memo", memo.id, data, "what the memo is on, by whom, when"))
            _sub(note, "PlainTextContent", text=memo.text)
        for rel, text in self.found.files.items():
            note = _sub(notes, "Note", {"guid": guid("file", rel), "name": FILE_NOTE + rel})
            _sub(note, "Description", text="A realist project file, carried whole so that importing this "
                                            "back into realist restores it.")
            _sub(note, "PlainTextContent", text=text)

    def links(self, root: ET.Element) -> None:
        rows: list[dict[str, str | None]] = []
        for theory in self.project.theories.values():
            for link in theory.links:
                if link.to not in self.project.theories:
                    continue
                origin = code_guid(f"{theory.id}:{link.via}" if link.via else theory.id)
                if origin not in self.known_codes:
                    origin = code_guid(theory.id)
                rows.append({"guid": guid("link", theory.id, link.to, link.via or ""),
                             "name": link.label or f"{theory.title} -> {self.project.theories[link.to].title}",
                             "direction": "OneWay", "originGUID": origin, "targetGUID": code_guid(link.to)})
        if rows:
            links = _sub(root, "Links")
            for row in rows:
                _sub(links, "Link", row)

    def sets(self, root: ET.Element) -> None:
        found = group_sets(self.project, self.tree)
        if found:
            sets = _sub(root, "Sets")
            for set_guid, label, description, members in found:
                el = _sub(sets, "Set", {"guid": set_guid, "name": label})
                _sub(el, "Description", text=description)
                for member in members:
                    _sub(el, "MemberCode", {"targetGUID": member})


_XMLNS = f' xmlns="{NS}"'


def _chunk(el: ET.Element, level: int) -> str:
    """``el`` serialised as it is inside the whole document, indented at ``level``: written one
    section (one source) at a time, the document is byte for byte what one tree would give."""
    ET.indent(el, space="  ", level=level)
    return ET.tostring(el, encoding="unicode").replace(_XMLNS, "", 1)


def write_qde(project: Project, out: IO[bytes]) -> tuple[Gathered, list[str], dict[str, int]]:
    """Write ``project.qde`` for ``project`` to ``out``, one section (one source) at a time.

    Returns what was gathered (the sources' texts go into the archive beside it), the warnings and
    the counts.
    """
    ET.register_namespace("", NS)
    found = gather(project)
    w = _Writer(project, found)
    w.memo_targets()
    manifest = project.manifest
    sections = ET.Element(f"{{{NS}}}Project")  # everything but the sources: small
    w.users(sections)
    w.codebook(sections)
    w.cases(sections)
    before = list(sections)
    for el in before:
        sections.remove(el)
    w.notes(sections)
    w.links(sections)
    w.sets(sections)
    if manifest.programme:
        _sub(sections, "Description", text=f"Realist evaluation of {manifest.programme}.")
    after = list(sections)
    root = ET.Element(f"{{{NS}}}Project", {"name": manifest.title, "origin": ORIGIN})

    def put(text: str) -> None:
        out.write(text.encode("utf-8"))

    put('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not before and not after and not found.transcripts:
        put(ET.tostring(root, encoding="unicode") + "\n")
    else:
        ET.SubElement(root, f"{{{NS}}}_")
        put(ET.tostring(root, encoding="unicode").split("<_", 1)[0])
        for el in before:
            put("\n  " + _chunk(el, 1))
        if found.transcripts:
            put("\n  <Sources>")
            for source in w.sources():
                put("\n    " + _chunk(source, 2))
            put("\n  </Sources>")
        for el in after:
            put("\n  " + _chunk(el, 1))
        put("\n</Project>\n")
    counts = {"theories": len(project.theories), "transcripts": len(found.transcripts),
              "excerpts": len(found.excerpts), "participants": len(found.participants),
              "coders": len(found.coders), "memos": len(found.memos)}
    return found, w.warnings, counts


def _members(found: Gathered) -> list[tuple[str, Any]]:
    """The sources' archive members (name, transcript) in the archive's order."""
    return sorted((f"sources/{guid('transcript', t.id)}.txt", t) for t in found.transcripts.values())


def project_archive(project: Project) -> tuple[bytes, dict[str, bytes], list[str], dict[str, int]]:
    """(project.qde, {member: bytes}, warnings, counts) for ``project``, in memory (for small projects
    and tests; :func:`export_qdpx` streams)."""
    import io

    buffer = io.BytesIO()
    found, warnings, counts = write_qde(project, buffer)
    qde = buffer.getvalue()
    check_valid(qde, "project")
    return qde, {name: t.text.encode("utf-8") for name, t in _members(found)}, warnings, counts


def export_qdpx(project: Project, out: Path) -> Exported:
    """Write ``project`` as a .qdpx archive at ``out`` (atomically).

    The .qde goes to an anonymous temporary file beside ``out``, is validated while it is read
    back, and is deflated into the archive in pieces, with each source's text after it: neither
    the whole XML nor the whole archive is ever in memory.
    """
    try:
        return _export(project, out)
    except OSError as exc:
        from realist.errors import UsageError

        raise UsageError(f"could not write {out}: {exc.strerror or exc}; choose a folder you can write to "
                         "with room for the archive") from None


def _export(project: Project, out: Path) -> Exported:
    import os
    import shutil
    import tempfile

    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=out.parent, prefix=f".{out.name}.qde.") as qde:
        with collection_paused():  # a national project's elements, no cycles among them
            found, warnings, counts = write_qde(project, qde)
        qde.seek(0)
        check_valid_file(qde, "project")
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                    qde.seek(0)
                    with archive.open(_info("project.qde"), "w") as member:
                        shutil.copyfileobj(qde, member, 1 << 20)
                    for name, t in _members(found):
                        archive.writestr(_info(name), t.text.encode("utf-8"), compresslevel=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, out.stat().st_mode & 0o777 if out.exists() else 0o644)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return Exported(out, counts, warnings)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info._compresslevel = 1  # type: ignore[attr-defined]  # quick: a national project's sources are ~50 MB
    return info
