"""The coded side of a project as the graph sees it: transcripts, participants, excerpts, memos.

The graph reads these objects by attribute (``excerpt.codes``, ``transcript.stage``...), so a test
can hand-build them with :class:`SimpleNamespace` or the model's dataclasses, and the loader below
is the one place that knows how the coding module stores them.
"""

from __future__ import annotations

import importlib
import importlib.util
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


def _call_first(module_name: str, names: tuple[str, ...], project: Any) -> Any:
    """Call the first function of ``names`` that ``module_name`` has, or return None."""
    if importlib.util.find_spec(module_name.rsplit(".", 1)[0]) is None:
        return None
    try:
        if importlib.util.find_spec(module_name) is None:
            return None
    except ModuleNotFoundError:
        return None
    module = importlib.import_module(module_name)
    for name in names:
        func = getattr(module, name, None)
        if callable(func):
            return func(project)
    return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.values())
    return list(value)


def load_coded(project: Any) -> Coded:
    """Load transcripts, participants, excerpts and memos through the coding module when installed.

    A project without coded data (or a toolkit without the coding module) gives empty lists.
    """
    coded = Coded()
    cache = getattr(project, "_cache", {})
    if "graph.coded" in cache:
        return cache["graph.coded"]  # type: ignore[no-any-return]
    store = _call_first("realist.coding.store", ("load_coding", "load_all", "load"), project)
    if store is not None:
        coded.transcripts = _as_list(getattr(store, "transcripts", None))
        coded.participants = _as_list(getattr(store, "participants", None))
        coded.excerpts = _as_list(getattr(store, "excerpts", None))
        coded.memos = _as_list(getattr(store, "memos", None))
    if not coded.memos:
        memos = _call_first("realist.coding.memos", ("load_memos", "list_memos"), project)
        coded.memos = _as_list(memos)
    cache["graph.coded"] = coded
    return coded
