"""Codes from a .qdc or .qdpx, mapped onto theories, theory elements and free codes.

A code whose description holds a realist theory block is that theory; its child codes map
to the theory's elements (by GUID, else by a name starting ``C1``, ``M2``...). Every other
code becomes a free code with a name realist accepts; the original name is kept in its
definition. Folders (codes that cannot be coded) lend their names to their codes when two
codes share a name. Each such decision leaves a line in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from realist.model import Project
from realist.refiqda.codes import ELEMENT_NAME, FREE_FOLDER, free_codes, theory_blocks
from realist.refiqda.guids import guid, same
from realist.refiqda.report import ImportReport


def local(el: Any) -> str:
    """An element's tag without its namespace (files from other tools vary)."""
    return str(el.tag).rsplit("}", 1)[-1]


def kids(el: Any, name: str) -> list[Any]:
    return [c for c in el if local(c) == name]


def kid(el: Any, name: str) -> Any | None:
    found = kids(el, name)
    return found[0] if found else None


def text_of(el: Any, name: str) -> str | None:
    child = kid(el, name)
    return child.text if child is not None and child.text else None


@dataclass
class Incoming:
    """A code as the file has it."""

    guid: str
    name: str
    codable: bool
    description: str | None
    path: str
    notes: list[str] = field(default_factory=list)
    children: list[Incoming] = field(default_factory=list)

    def walk(self) -> list[Incoming]:
        return [self, *(c for child in self.children for c in child.walk())]


def read_codes(container: Any, report: ImportReport, parent: str = "") -> list[Incoming]:
    """The ``<Code>`` children of ``container`` (a ``<Codes>`` or a ``<Code>``), recursively."""
    found = []
    for el in kids(container, "Code"):
        key = same(el.get("guid"))
        name = (el.get("name") or "").strip() or "unnamed code"
        path = f"{parent} / {name}" if parent else name
        if key is None:
            report.note(f"code '{path}' has no valid GUID; skipped with its sub-codes")
            continue
        code = Incoming(key, name, (el.get("isCodable") or "true").strip().lower() in ("true", "1"),
                        text_of(el, "Description"), path,
                        [g for g in (same(n.get("targetGUID")) for n in kids(el, "NoteRef")) if g])
        code.children = read_codes(el, report, path)
        found.append(code)
    return found


THEORY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def slug(name: str) -> str:
    """A free-code name realist accepts: lower case letters, digits, '-' or '_'.

    >>> slug("Family support (informal)"), slug("Oltás típusa")
    ('family-support-informal', 'oltas-tipusa')
    """
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9_]+", "-", plain.lower()).strip("-_")
    return (text or "code")[:60].rstrip("-_") or "code"


@dataclass
class CodePlan:
    """Which of our codes each GUID of the file stands for, and what must be created."""

    refs: dict[str, str] = field(default_factory=dict)  # file GUID -> theory | theory:E | free:name
    theories: dict[str, str] = field(default_factory=dict)  # new theory id -> file text
    free: dict[str, str | None] = field(default_factory=dict)  # new free code -> definition
    code_notes: dict[str, list[str]] = field(default_factory=dict)  # our code -> note GUIDs on it


class _Planner:
    def __init__(self, project: Project | None, report: ImportReport) -> None:
        self.project = project
        self.report = report
        self.plan = CodePlan()
        self.existing_free = free_codes(project) if project is not None else {}
        self.theory_ids = set(project.theories) if project is not None else set()
        self.name_counts: dict[str, int] = {}
        self.known_theories = {guid("theory", t.id): t for t in project.theories.values()} if project else {}

    def theory(self, code: Incoming, theory_id: str, text: str) -> None:
        import yaml

        from realist.store.build import theory_from

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            self.report.note(f"code '{code.path}' carries a realist theory that cannot be read ({exc}); "
                             "imported as a free code instead")
            self.free(code, "")
            return
        existing = self.project.theories.get(theory_id) if self.project is not None else None
        if existing is not None:
            ours = existing.path.read_text(encoding="utf-8") if existing.path else ""
            if ours.strip() != text.strip():
                self.report.note(f"theory '{theory_id}' is already in the project and differs from the file's; "
                                 "kept the project's version")
            self.report.keep("theories")
            theory = existing
        elif theory_id in self.plan.theories:
            self.report.note(f"theory '{theory_id}' appears twice in the file; the second ('{code.path}') "
                             "maps onto the first")
            theory = theory_from(data)
        else:
            self.plan.theories[theory_id] = text
            self.theory_ids.add(theory_id)
            self.report.add("theories")
            theory = theory_from(data)
        self.plan.refs[code.guid] = theory_id
        self._notes(code, theory_id)
        by_guid = {guid("element", theory_id, e.id): e for e in theory.elements}
        for child in code.children:
            match = ELEMENT_NAME.match(child.name)
            element = by_guid.get(child.guid) or (theory.element(match.group("id")) if match else None)
            if element is None:
                self.report.note(f"code '{child.path}' is not an element of theory '{theory_id}'; "
                                 "imported as a free code")
                self.free(child, code.name)
                continue
            ref = f"{theory_id}:{element.id}"
            self.plan.refs[child.guid] = ref
            self._notes(child, ref)
            text_now = match.group("text").strip() if match else child.name
            if existing is None:
                self.report.add("elements")
            if text_now and text_now != element.text.strip():
                self.report.note(f"element {ref} is named '{text_now}' in the file but '{element.text}' in the "
                                 "theory; the theory's wording was kept")
            for grandchild in child.children:
                self.report.note(f"code '{grandchild.path}' sits under an element; imported as a free code")
                self.free(grandchild, child.name)

    def _notes(self, code: Incoming, ref: str) -> None:
        if code.notes:
            self.plan.code_notes.setdefault(ref, []).extend(code.notes)

    def _unique(self, name: str, parent: str) -> str:
        base = slug(name)
        if base in self.theory_ids:
            base = f"{base}-code"
        candidate = base
        if parent and self.name_counts.get(slug(name), 0) > 1:  # "Positive" under two parents
            candidate = slug(f"{parent} {name}")
        n = 2
        stem = candidate
        while candidate in self.plan.free or candidate in self.theory_ids:
            candidate = f"{stem}-{n}"
            n += 1
        return candidate

    def free(self, code: Incoming, parent: str) -> None:
        if not code.codable:
            if code.children:
                self.report.note(f"folder '{code.path}' cannot be coded; its codes were imported on their own")
            else:
                self.report.note(f"empty folder '{code.path}' was not imported")
        else:
            if code.name in self.existing_free:
                name = code.name
                self.report.keep("free_codes")
            else:
                name = self._unique(code.name, parent)
                definition = code.description
                if name != code.name:
                    definition = (f"Imported from the code '{code.path}'." +
                                  (f" {definition}" if definition else ""))
                if name in self.existing_free:
                    self.report.keep("free_codes")
                else:
                    self.plan.free[name] = definition
                    self.report.add("free_codes")
            self.plan.refs[code.guid] = f"free:{name}"
            self._notes(code, f"free:{name}")
        for child in code.children:
            self.free(child, code.name)

    def visit(self, code: Incoming) -> None:
        blocks = theory_blocks(code.description)
        known = self.known_theories.get(code.guid)
        if not blocks and known is not None and known.path is not None:
            # the other tool dropped the description but kept the GUID: still the project's theory
            blocks = {known.id: known.path.read_text(encoding="utf-8")}
        if len(blocks) == 1:
            (theory_id, text), = blocks.items()
            if THEORY_ID.match(theory_id):
                self.theory(code, theory_id, text)
                return
            self.report.note(f"code '{code.path}' carries a theory with the unusable id '{theory_id}'; "
                             "imported as a free code")
            self.free(code, "")
        elif code.guid == guid("folder", "free") or (code.name == FREE_FOLDER and not code.codable):
            for child in code.children:
                self.free(child, "")
        else:
            self.free(code, "")


def plan_codes(codes: list[Incoming], project: Project | None, report: ImportReport) -> CodePlan:
    """Map the file's code tree onto ``project`` (None: a new project)."""
    planner = _Planner(project, report)
    for top in codes:
        for code in top.walk():
            planner.name_counts[slug(code.name)] = planner.name_counts.get(slug(code.name), 0) + 1
    for code in codes:
        planner.visit(code)
    return planner.plan
