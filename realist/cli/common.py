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
