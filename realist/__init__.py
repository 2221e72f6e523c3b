"""realist: a terminal toolkit for realist evaluation.

The public Python API mirrors the command line::

    >>> import realist
    >>> project = realist.load_project(".")          # doctest: +SKIP
    >>> [t.id for t in project.theories.values()]    # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from realist.model import Project


def load_project(path: Any = ".", *, strict: bool = True) -> Project:
    """Load the project whose root is at or above ``path``.

    With ``strict`` (the default) an invalid project raises
    :class:`realist.errors.ProjectInvalid` listing every finding.
    """
    from realist.store.project import load_project as _load

    return _load(path, strict=strict)


__all__ = ["__version__", "load_project"]
