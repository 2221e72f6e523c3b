"""Theories and free codes as a REFI-QDA code tree, and back.

Each theory is a code with its C/I/M/O elements as child codes; free codes sit in a
folder "Free codes". The theory's file travels whole inside its code's description, so
importing the export back into realist restores every field (history, links, comments)
while the other tool shows a readable "If ..., then ..., because ..." first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from realist.model import Element, Project, Theory
from realist.refiqda.guids import guid

KIND_LABEL = {"context": "Context", "intervention": "Intervention", "mechanism": "Mechanism",
              "outcome": "Outcome"}
#: colours by element kind and for theories (the other tool shows them in its code list)
KIND_COLOUR = {"context": "#4E79A7", "intervention": "#B07AA1", "mechanism": "#F28E2B", "outcome": "#59A14F"}
GROUP_COLOURS = ("#E15759", "#76B7B2", "#EDC948", "#9C755F", "#FF9DA7", "#BAB0AC", "#AF7AA1", "#86BCB6")
FREE_FOLDER = "Free codes"

_BLOCK = re.compile(r"\[realist theory (?P<id>[^\]\s:]+): [^\]]*\]\n(?P<yaml>.*?)\n?\[end of realist theory (?P=id)\]",
                    re.DOTALL)
ELEMENT_NAME = re.compile(r"^\s*(?P<id>[CIMO]\d+[a-z]?)\b\s*[:.\-–]?\s*(?P<text>.*)$", re.DOTALL)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the few characters XML 1.0 cannot hold (control characters)."""
    return _NOT_XML.sub("", value)


@dataclass
class Code:
    """One code of the tree. ``ref`` is our code (``alpha``, ``alpha:C1``, ``free:x``); None for a folder."""

    guid: str
    name: str
    ref: str | None = None
    description: str | None = None
    colour: str | None = None
    children: list[Code] = field(default_factory=list)

    @property
    def codable(self) -> bool:
        return self.ref is not None

    def walk(self) -> list[Code]:
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


def theory_file_text(theory: Theory) -> str:
    """The theory's file exactly as written (comments and all)."""
    if theory.path is not None and theory.path.is_file():
        return theory.path.read_text(encoding="utf-8")
    import yaml

    return yaml.safe_dump({"id": theory.id, "title": theory.title}, allow_unicode=True, sort_keys=False)


def theory_description(project: Project, theory: Theory) -> str:
    """A readable summary for the other tool, then the whole theory file between markers."""
    lines = [theory.statement.sentence()]
    facts = []
    if theory.group:
        facts.append(f"Group: {project.manifest.groups.get(theory.group, theory.group)}.")
    if theory.strength.rating:
        facts.append(f"Strength of evidence: {theory.strength.rating}.")
    if theory.latest_status:
        facts.append(f"Status: {theory.latest_status}.")
    if facts:
        lines.append(" ".join(facts))
    body = theory_file_text(theory).rstrip("\n")
    lines += ["", f"[realist theory {theory.id}: the theory file, kept whole so that importing this "
                  "back into realist loses nothing; edit the codes rather than this block]",
              body, f"[end of realist theory {theory.id}]"]
    return "\n".join(lines)


def theory_blocks(description: str | None) -> dict[str, str]:
    """The realist theory files held in a code description, by theory id."""
    if not description:
        return {}
    return {m.group("id"): m.group("yaml") + "\n" for m in _BLOCK.finditer(description)}


def element_description(theory: Theory, element: Element) -> str:
    detail = element.role or element.mechanism_kind or (f"{element.term} term" if element.term else None)
    text = f"{KIND_LABEL[element.kind]}{f' ({detail})' if detail else ''} of the theory '{theory.title}'."
    if element.definition:
        text += f"\nDefinition: {element.definition}"
    return text


def free_codes(project: Project) -> dict[str, str | None]:
    """The project's free codes (name -> definition); none when the coding module is absent."""
    try:
        from realist.coding.codes import load_codebook
    except ImportError:
        return {}
    return {name: code.definition for name, code in load_codebook(project).items()}


def code_tree(project: Project) -> list[Code]:
    """The project's codes: one per theory with its elements under it, then the free codes folder."""
    groups = list(project.manifest.groups)
    tree = []
    for theory in project.theories.values():
        colour = GROUP_COLOURS[groups.index(theory.group) % len(GROUP_COLOURS)] \
            if theory.group in groups else None
        code = Code(guid("theory", theory.id), theory.title or theory.id, theory.id,
                    theory_description(project, theory), colour)
        for element in theory.elements:
            code.children.append(Code(guid("element", theory.id, element.id), f"{element.id}: {element.text}",
                                      f"{theory.id}:{element.id}", element_description(theory, element),
                                      KIND_COLOUR[element.kind]))
        tree.append(code)
    free = free_codes(project)
    if free:
        folder = Code(guid("folder", "free"), FREE_FOLDER, None,
                      "Inductive codes not yet placed in a programme theory (realist's codebook.yaml).")
        folder.children = [Code(guid("free", name), name, f"free:{name}", definition)
                           for name, definition in free.items()]
        tree.append(folder)
    return tree


def code_element(ns: str, code: Code, *, notes: dict[str, list[str]] | None = None) -> ET.Element:
    """``<Code>`` in namespace ``ns`` (NoteRefs only in a project, never in a codebook)."""
    attrs = {"guid": code.guid, "name": xml_text(code.name), "isCodable": "true" if code.codable else "false"}
    if code.colour:
        attrs["color"] = code.colour
    el = ET.Element(f"{{{ns}}}Code", attrs)
    if code.description:
        ET.SubElement(el, f"{{{ns}}}Description").text = xml_text(code.description)
    for note in (notes or {}).get(code.guid, []):
        ET.SubElement(el, f"{{{ns}}}NoteRef", {"targetGUID": note})
    for child in code.children:
        el.append(code_element(ns, child, notes=notes))
    return el
