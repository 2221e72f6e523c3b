"""The codebook as a researcher reads it, and the moves of inductive coding.

:func:`codebook_rows` lists every theory, element and free code with its definition and how
many excerpts carry it. :func:`promote` moves a free code into a theory (adding the element
when it is new) and re-points its codings; :func:`rename` and :func:`merge` tidy free codes.
Every codings file that changes is written once, atomically, under the project lock; memos on
a free code follow it (only their ``on:`` line changes).

>>> promote(project, "free:family-support", "trusting-relationships:C7")  # doctest: +SKIP
ChangeReport(code='trusting-relationships:C7', excerpts=14, files=5, memos=1, added_element=True)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from realist.errors import UsageError
from realist.model import ELEMENT_KINDS, ELEMENT_PREFIX, Project


@dataclass
class ChangeReport:
    code: str  # where the codings now point
    excerpts: int  # excerpts changed
    files: int  # codings files written
    memos: int = 0  # memos re-pointed
    added_element: bool = False


def codebook_rows(project: Project) -> list[dict[str, Any]]:
    """Every code (theories, their elements, free codes) with its text, definition and counts.

    ``excerpts`` counts the excerpts carrying the code itself; for a theory ``excerpts_any``
    counts those carrying it or any of its elements. ``coders`` lists who used the code.
    """
    from realist.coding.codes import load_codebook
    from realist.coding.query import load_excerpts

    counts: Counter[str] = Counter()
    coders: dict[str, set[str]] = {}
    for e in load_excerpts(project):
        for code in set(e.codes):
            counts[code] += 1
            coders.setdefault(code, set()).add(e.coder)
        for theory in set(e.theories):
            counts[f"{theory}*"] += 1

    def row(code: str, kind: str, text: str, definition: str | None) -> dict[str, Any]:
        return {"code": code, "kind": kind, "text": text, "definition": definition,
                "excerpts": counts.get(code, 0), "coders": sorted(coders.get(code, ()))}

    rows = []
    for t in project.theories.values():
        r = row(t.id, "theory", t.title, t.statement.sentence())
        r["excerpts_any"] = counts.get(f"{t.id}*", 0)
        rows.append(r)
        rows.extend(row(f"{t.id}:{el.id}", el.kind, el.text, el.definition) for el in t.elements)
    for name, free in load_codebook(project).items():
        rows.append(row(f"free:{name}", "free", free.definition or "", free.definition))
    return rows


def promote(project: Project, free: str, target: str, *, text: str | None = None) -> ChangeReport:
    """Move free code ``free`` into a theory as ``target`` (``theory:C3``) and re-point its codings.

    When the theory has no such element yet it is added to the theory file (its text: ``text``,
    else the free code's definition, else its name), keeping the file's comments and layout.
    """
    from realist.coding.codes import load_codebook

    name = _free_name(project, free)
    theory_id, colon, element_id = target.partition(":")
    theory = project.theory(theory_id)
    if not colon or not element_id:
        raise UsageError(f"promote to an element: --to {theory_id}:C1 (a context), :M1 (a mechanism), "
                         ":O1 (an outcome) or :I1 (an intervention)")
    element_id = element_id.upper() if element_id[:1].islower() else element_id
    added = False
    if theory.element(element_id) is None:
        letter = element_id[:1]
        if letter not in ELEMENT_PREFIX or not element_id[1:2].isdigit():
            raise UsageError(f"'{element_id}' is not an element id; use C, I, M or O and a number (C7, M3)")
        book = load_codebook(project)
        definition = book[name].definition
        _add_element(project, theory_id, element_id, text or definition or name.replace("-", " ").capitalize(),
                     f"{definition} (was free:{name})" if definition else f"was free:{name}")
        added = True
    code = f"{theory_id}:{element_id}"
    report = _repoint(project, {f"free:{name}": code})
    _drop_free_codes(project, [name])
    report.added_element = added
    return report


def rename(project: Project, old: str, new: str) -> ChangeReport:
    """Rename a free code: in codebook.yaml, in every coding and in memos on it."""
    from realist.coding.codes import CODEBOOK_FILE, load_codebook

    name = _free_name(project, old)
    new_name = new.removeprefix("free:").strip()
    if new_name in load_codebook(project):
        raise UsageError(f"free code '{new_name}' is already in {CODEBOOK_FILE}; to fold '{name}' into it use "
                         f"`realist codebook merge free:{name} --into free:{new_name}`")
    _check_free_name(project, new_name)
    _edit_codebook(project, lambda entries: [_renamed(e, name, new_name) for e in entries])
    return _repoint(project, {f"free:{name}": f"free:{new_name}"})


def merge(project: Project, sources: list[str], into: str) -> ChangeReport:
    """Fold free codes ``sources`` into ``into`` (a free code or a theory element); codings follow."""
    if into.startswith("free:"):
        target = f"free:{_free_name(project, into)}"
    else:
        from realist.coding.codes import parse_code

        target = parse_code(project, into)
    names = [_free_name(project, s) for s in sources]
    if f"free:{names[0]}" == target or target in {f"free:{n}" for n in names}:
        raise UsageError("a code cannot be merged into itself")
    report = _repoint(project, {f"free:{n}": target for n in names})
    if target.startswith("free:"):
        keep = target[5:]

        def note(entries: list[Any]) -> list[Any]:
            for e in entries:
                if isinstance(e, dict) and e.get("name") == keep:
                    merged = [*(e.get("merged_from") or []), *names]
                    e["merged_from"] = merged
            return entries

        _edit_codebook(project, note)
    _drop_free_codes(project, names)
    return report


# ---------------------------------------------------------------- helpers


def _free_name(project: Project, code: str) -> str:
    from realist.coding.codes import parse_code

    raw = code.strip()
    if not raw.startswith("free:"):
        raise UsageError(f"'{raw}' is not a free code; free codes are written free:NAME")
    return parse_code(project, raw)[5:]


def _check_free_name(project: Project, name: str) -> None:
    import re

    if not re.match(r"^[a-z0-9][a-z0-9_-]{0,63}$", name):
        raise UsageError(f"free code name '{name}' must be lower case letters, digits, '-' or '_' "
                         "(for example family-support)")
    if name in project.theories:
        raise UsageError(f"'{name}' is a theory id; choose another name")


def _renamed(entry: Any, old: str, new: str) -> Any:
    if isinstance(entry, str):
        return new if entry == old else entry
    if isinstance(entry, dict) and entry.get("name") == old:
        entry["name"] = new
        entry["renamed_from"] = [*(entry.get("renamed_from") or []), old]
    return entry


def _edit_codebook(project: Project, change: Any) -> None:
    """Apply ``change`` to the list of codes in codebook.yaml (comments and layout kept)."""
    from realist.coding.codes import codebook_path
    from realist.store.atomic import atomic_write_text, project_lock
    from realist.store.edit import dump_roundtrip, load_roundtrip

    path = codebook_path(project)
    with project_lock(project.root):
        yaml, data, _ = load_roundtrip(path)
        codes = data.get("codes")
        new = change(list(codes))
        codes.clear()
        codes.extend(new)
        atomic_write_text(path, dump_roundtrip(yaml, data))
    project._cache.pop("codebook", None)


def _drop_free_codes(project: Project, names: list[str]) -> None:
    drop = set(names)
    _edit_codebook(project, lambda entries: [
        e for e in entries if not ((isinstance(e, str) and e in drop) or (isinstance(e, dict) and e.get("name") in drop))])


def _add_element(project: Project, theory_id: str, element_id: str, text: str, definition: str) -> None:
    from realist.store.atomic import atomic_write_text, project_lock
    from realist.store.edit import _flow, _verify, dump_roundtrip, load_roundtrip

    theory = project.theory(theory_id)
    assert theory.path is not None
    section = ELEMENT_KINDS[ELEMENT_PREFIX[element_id[0]]][0]
    with project_lock(project.root):
        yaml, data, _ = load_roundtrip(theory.path)
        items = data.get(section)
        entry = {"id": element_id, "text": text, "definition": definition}
        if items is None:
            from ruamel.yaml.comments import CommentedSeq

            items = CommentedSeq()
            data[section] = items
        flow = not len(items) or (getattr(items[-1], "fa", None) is not None and items[-1].fa.flow_style())
        items.append(_flow(entry) if flow else entry)
        out = dump_roundtrip(yaml, data)
        _verify(theory.path, out)
        atomic_write_text(theory.path, out)
    from realist.store.build import theory_from
    from realist.store.yamlio import load

    project.theories[theory_id] = theory_from(load(theory.path).data, theory.path)


def _repoint(project: Project, mapping: dict[str, str]) -> ChangeReport:
    """Replace codes in every coding (dropping repeats) and in memos; one write per changed file."""
    from dataclasses import replace

    from realist.store.atomic import project_lock
    from realist.store.codings import coding_files, read_codings, write_codings

    changed_excerpts = files = 0
    needles = tuple(mapping)
    with project_lock(project.root):
        for path in coding_files(project):
            if not any(n in path.read_text(encoding="utf-8") for n in needles):
                continue
            excerpts = read_codings(path)
            dirty = False
            for i, e in enumerate(excerpts):
                if any(c in mapping for c in e.codes):
                    codes: list[str] = []
                    for c in e.codes:
                        c = mapping.get(c, c)
                        if c not in codes:
                            codes.append(c)
                    excerpts[i] = replace(e, codes=codes)
                    changed_excerpts += 1
                    dirty = True
            if dirty:
                write_codings(project, excerpts[0].transcript, excerpts[0].coder, excerpts)
                files += 1
        memos = _repoint_memos(project, mapping)
    project._cache.pop("excerpts", None)
    return ChangeReport(code=next(iter(mapping.values())), excerpts=changed_excerpts, files=files, memos=memos)


def _repoint_memos(project: Project, mapping: dict[str, str]) -> int:
    """Change the ``on:`` line of memos on a moved code; nothing else in the file."""
    from realist.store.atomic import atomic_write_text
    from realist.store.memos import load_memos

    n = 0
    for memo in load_memos(project.root).memos:
        if memo.on in mapping and memo.path is not None:
            text = memo.path.read_text(encoding="utf-8")
            lines = text.split("\n")
            for i, line in enumerate(lines[1:], start=1):
                if line.strip() == "---":
                    break
                if line.startswith("on:"):
                    lines[i] = f"on: {mapping[memo.on]}"
                    break
            atomic_write_text(memo.path, "\n".join(lines))
            n += 1
    project._cache.pop("memos", None)
    return n
