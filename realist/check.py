"""`check_project`: every validation the toolkit knows, as one report.

Each capability contributes a checker; the report collects all findings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from realist.store.findings import Report

#: extra checkers: (project, report) -> None, run after the theory files load.
#: Modules register here when imported (see _load_checkers).
Checker = Callable[[Any, Report], None]
_CHECKER_MODULES = ("realist.coding.check", "realist.quant.check", "realist.coding.memos")


def _load_checkers() -> list[Checker]:
    import importlib
    import importlib.util

    checkers = []
    for name in _CHECKER_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:  # its parent package is not there (yet)
            found = False
        if found:
            checkers.append(importlib.import_module(name).check)
    return checkers


def check_project(root: Path | str | None = None, *, privacy: bool = False,
                  key_path: Path | None = None, scan_paths: list[Path] | None = None) -> Report:
    """Validate the project at or above ``root`` and return every finding.

    >>> check_project(".").valid()  # doctest: +SKIP
    True
    """
    from realist.store.project import scan

    project, report = scan(root)
    if project is not None:
        for checker in _load_checkers():
            checker(project, report)
        if privacy:
            from realist.privacy import check_privacy

            check_privacy(project, report, key_path, scan_paths)
    return report
