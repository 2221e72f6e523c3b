"""`.qdc` codebooks: the theories (with their elements) and free codes, exported and imported.

>>> export_qdc(project, Path("iom.qdc"))  # doctest: +SKIP
>>> import_qdc(Path("iom.qdc"), project=project, dry_run=True).lines()  # doctest: +SKIP
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from realist import __version__
from realist.errors import InputError, UsageError
from realist.model import Project
from realist.refiqda.codes import Code, code_element, code_tree, xml_text
from realist.refiqda.codes_in import kid, kids, local, plan_codes, read_codes, text_of
from realist.refiqda.guids import guid
from realist.refiqda.report import ImportReport
from realist.refiqda.safe import read_qdc
from realist.refiqda.schema import CODEBOOK_NS, check_valid
from realist.store.atomic import atomic_write_bytes
from realist.text import plural

ORIGIN = f"realist {__version__}"


def group_sets(project: Project, tree: list[Code]) -> list[tuple[str, str, str, list[str]]]:
    """Each group of theories as a set: (guid, label, description, member code GUIDs)."""
    sets = []
    for group, label in project.manifest.groups.items():
        members = [code.guid for code in tree if code.ref in project.theories
                   and project.theories[code.ref].group == group]
        if members:
            sets.append((guid("group", group), label, f"realist group '{group}' of programme theories", members))
    return sets


def group_labels(sets: list[Any]) -> dict[str, str]:
    """Group id -> label, from the sets realist writes (description ``realist group 'ID' ...``)."""
    import re

    found = {}
    for s in sets:
        match = re.match(r"realist group '([^']+)'", text_of(s, "Description") or "")
        if match and s.get("name"):
            found[match.group(1)] = s.get("name")
    return found


def to_xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def codebook_xml(project: Project) -> bytes:
    """The project's codebook as .qdc XML, valid against the shipped Codebook schema."""
    ET.register_namespace("", CODEBOOK_NS)
    tree = code_tree(project)
    if not tree:
        raise UsageError("the project has no theories and no free codes, so there is no codebook to export")
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": ORIGIN})
    codes = ET.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    for code in tree:
        codes.append(code_element(CODEBOOK_NS, code))
    sets = group_sets(project, tree)
    if sets:
        sets_el = ET.SubElement(root, f"{{{CODEBOOK_NS}}}Sets")
        for set_guid, label, description, members in sets:
            el = ET.SubElement(sets_el, f"{{{CODEBOOK_NS}}}Set", {"guid": set_guid, "name": xml_text(label)})
            ET.SubElement(el, f"{{{CODEBOOK_NS}}}Description").text = description
            for member in members:
                ET.SubElement(el, f"{{{CODEBOOK_NS}}}MemberCode", {"guid": member})
    data = to_xml(root)
    check_valid(data, "codebook")
    return data


def export_qdc(project: Project, out: Path) -> int:
    """Write the codebook to ``out``; returns the number of codes written."""
    data = codebook_xml(project)
    atomic_write_bytes(out, data)
    return sum(1 for top in code_tree(project) for c in top.walk() if c.codable)


def import_qdc(path: Path, *, project: Project | None = None, new: Path | None = None,
               dry_run: bool = False) -> ImportReport:
    """Import a .qdc into ``project``, or into a ``new`` project folder."""
    from realist.refiqda import apply

    if (project is None) == (new is None):
        raise UsageError("import into either an existing project or a new folder, not both")
    root = read_qdc(path)
    if local(root) != "CodeBook":
        raise InputError(f"is not a REFI-QDA codebook: its root element is <{local(root)}>, not <CodeBook>",
                         path=path)
    target = str(new) if new is not None else str(project.root)  # type: ignore[union-attr]
    report = ImportReport(path.name, target, dry_run=dry_run)
    codes_el = kid(root, "Codes")
    codes = read_codes(codes_el, report) if codes_el is not None else []
    plan = plan_codes(codes, project, report)
    sets_el = kid(root, "Sets")
    labels = group_labels(kids(sets_el, "Set") if sets_el is not None else [])
    if sets_el is not None:
        foreign = [s.get("name") for s in kids(sets_el, "Set")
                   if not (text_of(s, "Description") or "").startswith("realist group")]
        if foreign:
            report.note(f"{plural(len(foreign), 'code set')} ({', '.join(map(str, foreign))}) not imported: "
                        "realist groups theories in realist.yaml instead")
    if dry_run:
        return report
    if new is not None:
        folder = apply.new_project_folder(new)
        from realist.store.atomic import atomic_write_text

        atomic_write_text(folder / "realist.yaml", apply.manifest_for(path.stem, plan.theories, labels))
        for sub in ("theories/evidence", "transcripts"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        from realist.store.project import load_project

        project = load_project(folder, strict=False)
    assert project is not None
    apply.write_theories(project, plan)
    project = apply.reload(project)
    apply.write_free_codes(project, plan, report)
    apply.after_check(project, report)
    return report
