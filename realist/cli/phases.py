"""`realist phases`: the theory x phase matrix of statuses (Figure B.1)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, format_option, open_project, project_option


@click.command()
@project_option
@format_option("table", "tsv", "md", "json")
def phases(project_path: Path | None, fmt: str | None) -> None:
    """Show what happened to each theory in each phase of iteration.

    A row per theory, a column per phase: proposed, supported, revised,
    refuted, merged into..., split from..., retired. "revised (remit changed,
    title kept)" marks a revision that recorded the previous statement. An
    empty cell: the theory was not revisited in that phase.

    \b
    Example:
      realist phases
      realist phases --format md > figure-b1.md
    """
    from realist import ui
    from realist.graph.phases import phase_matrix
    from realist.graph.render import matrix_markdown, matrix_text, matrix_tsv

    project = open_project(project_path)
    matrix = phase_matrix(project)
    fmt = fmt or ("table" if ui.is_terminal() else "tsv")
    if fmt == "json":
        emit_json(matrix)
    elif fmt == "md":
        sys.stdout.write(matrix_markdown(matrix))
    elif fmt == "tsv":
        sys.stdout.write(matrix_tsv(matrix))
    else:
        from rich.table import Table

        table = Table(title=f"{project.manifest.title}: phases of iteration", title_justify="left")
        table.add_column("theory")
        for phase in matrix["phases"]:
            table.add_column(phase)
        for row in matrix["rows"]:
            table.add_row(row["id"], *(row["cells"][p] or "" for p in matrix["phases"]))
        ui.out().print(table)
        if not matrix["rows"]:
            sys.stderr.write(matrix_text(matrix))
