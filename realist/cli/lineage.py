"""`realist theory lineage ID`: every step that led to the theory as it stands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, format_option, open_project, project_option


@click.command()
@click.argument("theory_id", metavar="ID")
@project_option
@format_option("text", "json", default="text")
def lineage(theory_id: str, project_path: Path | None, fmt: str) -> None:
    """Trace a theory: every phase, revision, merge and split that led to it.

    Theories merged into it or split from it are traced too. Under each step:
    the statement before a revision, the excerpts coded in that phase (by
    stance) and the memos written then; at the end, the quantitative evidence.

    \b
    Example:
      realist theory lineage control-to-deter
    """
    from realist.graph.build import build
    from realist.graph.phases import lineage as trace
    from realist.graph.render import lineage_text

    project = open_project(project_path)
    project.theory(theory_id)
    data = trace(project, build(project), theory_id)
    if fmt == "json":
        emit_json(data)
    else:
        sys.stdout.write(lineage_text(data))
