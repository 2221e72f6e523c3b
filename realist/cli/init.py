"""`realist init [DIR]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("."))
@click.option("--title", default=None, help="The evaluation's title (default: the folder name).")
def init(folder: Path, title: str | None) -> None:
    """Start a project: realist.yaml, a theories folder with one example theory.

    \b
    Example:
      realist init my-evaluation --title "Housing First evaluation"
    """
    from realist.store.scaffold import init_project

    for path in init_project(folder, title):
        sys.stderr.write(f"created {path}\n")
    sys.stderr.write("next: edit the example theory, then run `realist check`\n")
