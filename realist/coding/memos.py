"""Memos as the rest of the toolkit reads them (graph, audit): ``load_memos(project)``.

The files and their format are :mod:`realist.store.memos`; see docs/analysis.md.

>>> [m.target for m in load_memos(project)]  # doctest: +SKIP
['trusting-relationships:M1', 'excerpt:rnfgk3vf']
"""

from __future__ import annotations

from realist.model import Project
from realist.store.memos import Memo, add_memo, project_memos


def load_memos(project: Project) -> list[Memo]:
    """Every readable memo of the project, oldest first (unreadable files are left out)."""
    return list(project_memos(project).memos)


__all__ = ["Memo", "add_memo", "load_memos"]
