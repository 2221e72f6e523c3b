"""What every command shares: --project, loading, output formats, exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def project_option(func: F) -> F:
    """Add ``--project PATH`` (default: found from the working directory, like git)."""
    return click.option("--project", "project_path", type=click.Path(path_type=Path), default=None,
                        help="The project folder (default: the nearest folder above with a realist.yaml).")(func)


def format_option(*choices: str, default: str | None = None) -> Callable[[F], F]:
    """``--format`` with the given choices; the default is a table on a terminal."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default,
                        help=f"Output format ({', '.join(choices)}).")


def open_project(project_path: Path | None) -> Any:
    """Load the project strictly: malformed input is exit 2 with one clear line."""
    from realist.store.project import load_project

    return load_project(project_path)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def exit_with(code: int) -> None:
    raise click.exceptions.Exit(code)


def emit_report(report: Any, fmt: str, strict: bool, *, files: str = "files", ok: str | None = None) -> None:
    """Print a check's findings (one per line on stdout, a summary on stderr) and exit 0 or 1.

    ``files`` names what was read ("files", "evidence files"); ``ok`` is the all-clear line.
    """
    if fmt == "json":
        emit_json(report.as_dict(strict))
    else:
        for finding in report.sorted():
            sys.stdout.write(f"{finding}\n")
        errors, warnings = len(report.errors), len(report.warnings)
        if errors or warnings:
            sys.stderr.write(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
                             f"in {report.files} {files}\n")
        else:
            sys.stderr.write((ok or f"ok: {report.files} {files} checked, no problems") + "\n")
    exit_with(0 if report.valid(strict) else 1)
