"""Targeted edits of human-written YAML that keep comments, key order and layout."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from realist.errors import InputError, UsageError
from realist.model import STATUSES, Project
from realist.store.atomic import atomic_write_text, project_lock
from realist.text import did_you_mean, one_of


def _roundtrip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def load_roundtrip(path: Path) -> tuple[Any, Any, str]:
    """(yaml, data, original text) with the file's own indentation guessed."""
    from ruamel.yaml.util import load_yaml_guess_indent

    text = path.read_text(encoding="utf-8")
    _, _, block_seq_indent = load_yaml_guess_indent(text)
    offset = block_seq_indent or 0
    yaml = _roundtrip()
    yaml.indent(mapping=_mapping_indent(text), sequence=offset + 2, offset=offset)
    return yaml, yaml.load(text), text


def _mapping_indent(text: str) -> int:
    """How far a nested mapping is indented under its key (2 unless the file says otherwise)."""
    import re

    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for here, after in zip(lines, lines[1:], strict=False):
        if re.match(r"^(\s*)[^\s#-][^:]*:\s*(#.*)?$", here) and not after.lstrip().startswith("- "):
            step = (len(after) - len(after.lstrip())) - (len(here) - len(here.lstrip()))
            if step > 0:
                return step
    return 2


def dump_roundtrip(yaml: Any, data: Any) -> str:
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def _flow(mapping: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap(mapping)
    out.fa.set_flow_style()
    return out


def revise_theory(project: Project, theory_id: str, *, phase: str, status: str, note: str | None = None,
                  into: list[str] | None = None, from_: list[str] | None = None,
                  on: date | None = None) -> dict[str, Any]:
    """Append a phase entry to a theory's history (and snapshot the statement when revised).

    >>> revise_theory(project, "flexibility", phase="third", status="supported")  # doctest: +SKIP
    {'phase': 'third', 'status': 'supported'}
    """
    theory = project.theory(theory_id)
    phases = project.manifest.phases
    if phase not in phases:
        raise UsageError(f"phase '{phase}' is not in realist.yaml ({one_of(phases)}){did_you_mean(phase, phases)}")
    if status not in STATUSES:
        raise UsageError(f"status '{status}' is not one of {one_of(STATUSES)}{did_you_mean(status, STATUSES)}")
    if theory.history and theory.history[-1].phase in phases \
            and phases.index(theory.history[-1].phase) > phases.index(phase):
        raise UsageError(f"theory '{theory_id}' already has an entry for the later phase "
                         f"'{theory.history[-1].phase}'; phases are recorded in order")
    for name in [*(into or []), *(from_ or [])]:
        if name not in project.theories:
            raise UsageError(f"no theory '{name}'{did_you_mean(name, project.theories)}")
    if status == "merged" and not into:
        raise UsageError("a merge needs --into THEORY (the theory it merged into)")
    if status == "split" and not from_:
        raise UsageError("a split needs --from THEORY (the theory it was split from)")
    assert theory.path is not None
    path = theory.path
    entry: dict[str, Any] = {"phase": phase, "status": status}
    if note:
        entry["note"] = note
    if into:
        entry["into"] = list(into)
    if from_:
        entry["from"] = list(from_)
    if on is not None:
        entry["date"] = on.isoformat()

    with project_lock(project.root):
        yaml, data, before = load_roundtrip(path)
        if status == "revised":
            statement = data.get("statement") or {}
            entry["previous"] = _flow({k: str(statement[k]) for k in ("if", "then", "because") if k in statement})
        history = data.get("history")
        if history is None:
            from ruamel.yaml.comments import CommentedSeq

            history = CommentedSeq()
            data["history"] = history
        flow = bool(len(history)) and getattr(history[-1], "fa", None) is not None \
            and history[-1].fa.flow_style()
        history.append(_flow(entry) if flow or not len(history) else entry)
        text = dump_roundtrip(yaml, data)
        _verify(path, text)
        atomic_write_text(path, text)
    return entry


def _verify(path: Path, text: str) -> None:
    """Refuse to write a file that no longer parses as the same kind of document."""
    from realist.store.yamlio import YamlProblem, parse

    try:
        parse(text, path)
    except YamlProblem as p:  # pragma: no cover - a bug in the edit, never the user's fault
        raise InputError(f"the edit would break the file ({p.message}); nothing was written", path=path) from None
