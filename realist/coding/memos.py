"""Memos as the rest of the toolkit reads them (graph, audit): ``load_memos(project)``.

The files and their format are :mod:`realist.store.memos`; see docs/analysis.md.

>>> [m.target for m in load_memos(project)]  # doctest: +SKIP
['trusting-relationships:M1', 'excerpt:rnfgk3vf']
"""

from __future__ import annotations

from typing import Any

from realist.model import Project
from realist.store.memos import Memo, add_memo, project_memos


def load_memos(project: Project) -> list[Memo]:
    """Every readable memo of the project, oldest first (unreadable files are left out)."""
    return list(project_memos(project).memos)


__all__ = ["Memo", "add_memo", "load_memos"]


def check(project: Project, report: Any) -> None:
    """`realist check`: memo files that cannot be read (errors) and memos on nothing (warnings)."""
    from realist.coding.codes import load_codebook
    from realist.coding.query import load_excerpts

    found = project_memos(project)
    report.files += len(found.memos) + len(found.problems)
    for problem in found.problems:
        report.add(problem.path, problem.line, 1, problem.message, rule="memo.read")
    excerpt_ids: set[str] | None = None
    for memo in found.memos:
        on = memo.on
        missing = None
        if on.startswith("excerpt:"):
            if excerpt_ids is None:
                excerpt_ids = {e.id for e in load_excerpts(project)}
            if on[8:] not in excerpt_ids:
                missing = f"excerpt '{on[8:]}'"
        elif on.startswith("free:"):
            if on[5:] not in load_codebook(project):
                missing = f"free code '{on[5:]}' in codebook.yaml"
        else:
            theory_id, _, element_id = on.partition(":")
            theory = project.theories.get(theory_id)
            if theory is None:
                missing = f"theory '{theory_id}'"
            elif element_id and theory.element(element_id) is None:
                missing = f"element '{element_id}' in theory '{theory_id}'"
        if missing and memo.path is not None:
            report.add(memo.path, _on_line(memo.path), 1, f"memo {memo.id} is on {on}, but there is no {missing}; "
                       "the memo is kept: correct its on: line", level="warning", rule="memo.target")


def _on_line(path: Any) -> int:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, start=1) if line.startswith("on:")), 1)
