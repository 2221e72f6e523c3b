"""Appendix tables and the report: pandas tables written to md, csv, xlsx, docx, tex and html.

    >>> import realist
    >>> from realist.export import build_tables
    >>> tables = build_tables(realist.load_project("."))   # doctest: +SKIP
    >>> tables[0].number, tables[0].caption                # doctest: +SKIP
    ('A.1', 'Theory of change')
    >>> tables[0].frame                                    # a pandas DataFrame  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realist.export.table import Table


def build_tables(project: Any, only: list[str] | None = None) -> list[Table]:
    """Every appendix table of ``project`` (or those named in ``only``), numbered and captioned."""
    from realist.export.catalogue import build_tables as _build

    return _build(project, only)


__all__ = ["build_tables"]
