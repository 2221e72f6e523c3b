"""Codes: ``theory``, ``theory:ELEMENT`` or ``free:name``; the codebook of free codes.

``codebook.yaml`` (next to realist.yaml) lists the inductive codes not yet placed
in a theory::

    codes:
      - {name: family-support, definition: Family members help the person keep appointments}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from realist.errors import UsageError
from realist.model import Project
from realist.store.yamlio import YamlProblem, load_fast
from realist.text import did_you_mean

CODEBOOK_FILE = "codebook.yaml"
_FREE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass
class FreeCode:
    name: str
    definition: str | None = None
    created: str | None = None


def codebook_path(project: Project) -> Path:
    return project.root / CODEBOOK_FILE


def load_codebook(project: Project) -> dict[str, FreeCode]:
    """The free codes by name (``family-support``, without ``free:``)."""
    cached = project._cache.get("codebook")
    if cached is not None:
        return dict(cached)
    path = codebook_path(project)
    found: dict[str, FreeCode] = {}
    if path.is_file():
        try:
            data = load_fast(path)
        except YamlProblem as p:
            raise p.as_input_error() from None
        items = data.get("codes") if isinstance(data, dict) else None
        for item in items or []:
            if isinstance(item, str):
                found[item] = FreeCode(item)
            elif isinstance(item, dict) and item.get("name"):
                found[str(item["name"])] = FreeCode(str(item["name"]), item.get("definition"),
                                                     str(item["created"]) if item.get("created") else None)
    project._cache["codebook"] = found
    return dict(found)


def all_codes(project: Project) -> list[str]:
    """Every code a coder may use, theories first, in file order."""
    codes: list[str] = []
    for theory in project.theories.values():
        codes.append(theory.id)
        codes.extend(f"{theory.id}:{e.id}" for e in theory.elements)
    codes.extend(f"free:{name}" for name in load_codebook(project))
    return codes


def parse_code(project: Project, code: str) -> str:
    """Validate one code and return it in its canonical form; UsageError with a did-you-mean.

    >>> parse_code(project, "trusting-relationships:c1")  # doctest: +SKIP
    'trusting-relationships:C1'
    """
    raw = code.strip()
    if not raw:
        raise UsageError("an empty code; give `theory`, `theory:ELEMENT` or `free:name`")
    if raw.startswith("free:"):
        name = raw[5:]
        book = load_codebook(project)
        if name not in book:
            hint = did_you_mean(name, book) or did_you_mean(raw, all_codes(project))
            raise UsageError(f"no free code '{name}' in {CODEBOOK_FILE}{hint}; "
                             f"add it with `realist codebook add {name}`")
        return raw
    theory_id, colon, element_id = raw.partition(":")
    if theory_id not in project.theories:
        hint = did_you_mean(raw, all_codes(project)) or did_you_mean(theory_id, project.theories)
        raise UsageError(f"unknown code '{raw}'{hint}; codes are `theory`, `theory:ELEMENT` or `free:name` "
                         "(see `realist codebook`)")
    theory = project.theories[theory_id]
    if not colon:
        return theory_id
    element = theory.element(element_id) or theory.element(element_id.upper())
    if element is None:
        ids = [e.id for e in theory.elements]
        raise UsageError(f"theory '{theory_id}' has no element '{element_id}'{did_you_mean(element_id, ids)}; "
                         f"its elements are {', '.join(ids) or 'none'}")
    return f"{theory_id}:{element.id}"


def parse_codes(project: Project, codes: list[str] | tuple[str, ...]) -> list[str]:
    """Validate several codes (commas allowed too), dropping repeats, keeping the order given."""
    out: list[str] = []
    for chunk in codes:
        for code in chunk.split(","):
            if code.strip():
                canonical = parse_code(project, code)
                if canonical not in out:
                    out.append(canonical)
    if not out:
        raise UsageError("give at least one code: `theory`, `theory:ELEMENT` or `free:name`")
    return out


def add_free_code(project: Project, name: str, definition: str | None = None) -> FreeCode:
    """Add ``name`` to codebook.yaml (keeping the file's comments and layout).

    >>> add_free_code(project, "family-support", "Family help with appointments")  # doctest: +SKIP
    """
    from realist.store.atomic import atomic_write_text, project_lock
    from realist.store.edit import dump_roundtrip, load_roundtrip

    name = name.removeprefix("free:").strip()
    if not _FREE.match(name):
        raise UsageError(f"free code name '{name}' must be lower case letters, digits, '-' or '_' "
                         "(for example family-support)")
    if name in project.theories:
        raise UsageError(f"'{name}' is a theory id; code it as `{name}` rather than as a free code")
    path = codebook_path(project)
    with project_lock(project.root):
        project._cache.pop("codebook", None)
        if name in load_codebook(project):
            raise UsageError(f"free code '{name}' is already in {CODEBOOK_FILE}")
        entry: dict[str, Any] = {"name": name}
        if definition:
            entry["definition"] = definition
        entry["created"] = date.today().isoformat()
        if path.is_file():
            yaml, data, _ = load_roundtrip(path)
            if data is None:
                data = {}
            data.setdefault("codes", [])
            if data["codes"] is None:
                data["codes"] = []
            data["codes"].append(entry)
            text = dump_roundtrip(yaml, data)
        else:
            from realist.store.transcripts import dump

            text = "# Free (inductive) codes, not yet placed in a theory. Use them as free:NAME.\n" + \
                dump({"codes": [entry]})
        atomic_write_text(path, text)
        project._cache.pop("codebook", None)
    return FreeCode(name, definition, entry["created"])
