"""The coded side of a project as the graph sees it: transcripts, participants, excerpts, memos.

The graph reads these objects by attribute (``excerpt.codes``, ``transcript.stage``...), so a test
can hand-build them with :class:`SimpleNamespace` or the model's dataclasses, and the loader below
is the one place that knows how the coding module stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Coded:
    """Everything coded in a project, as plain objects.

    >>> Coded().excerpts
    []
    """

    transcripts: list[Any] = field(default_factory=list)
    participants: list[Any] = field(default_factory=list)
    excerpts: list[Any] = field(default_factory=list)
    memos: list[Any] = field(default_factory=list)


def load_coded(project: Any) -> Coded:
    """Load transcripts, participants, excerpts and memos of the project (each cached by its loader).

    A project without coded data gives empty lists.
    """
    from realist.coding import load_excerpts, load_participants, load_transcripts
    from realist.store.memos import project_memos

    return Coded(list(load_transcripts(project).values()), list(load_participants(project).values()),
                 list(load_excerpts(project)), list(project_memos(project).memos))
