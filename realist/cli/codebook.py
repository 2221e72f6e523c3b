"""`realist codebook [add]`: every code with its definition and how often it is used."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from realist.cli.common import emit_json, format_option, open_project, project_option
from realist.cli.lazy import LazyGroup


def codebook_rows(project: Any) -> list[dict[str, Any]]:
    """Every code (theories, their elements, free codes) with its definition and excerpt count."""
    from realist.coding import load_codebook, load_excerpts

    counts: dict[str, int] = {}
    for e in load_excerpts(project):
        for c in e.codes:
            counts[c] = counts.get(c, 0) + 1
    rows = []
    for t in project.theories.values():
        rows.append({"code": t.id, "kind": "theory", "text": t.title, "excerpts": counts.get(t.id, 0)})
        for el in t.elements:
            code = f"{t.id}:{el.id}"
            rows.append({"code": code, "kind": el.kind, "text": el.text, "excerpts": counts.get(code, 0)})
    for name, free in load_codebook(project).items():
        code = f"free:{name}"
        rows.append({"code": code, "kind": "free", "text": free.definition or "", "excerpts": counts.get(code, 0)})
    return rows


@click.group(cls=LazyGroup, lazy={}, invoke_without_command=True)
@project_option
@format_option("table", "tsv", "json")
@click.pass_context
def codebook(ctx: click.Context, project_path: Path | None, fmt: str | None) -> None:
    """Every code you can use, with its definition and number of excerpts.

    Codes are a theory id, theory:ELEMENT, or free:name for inductive codes kept
    in codebook.yaml until they find a place in a theory.

    \b
    Example:
      realist codebook
      realist codebook add family-support --definition "Family members help with appointments"
    """
    if ctx.invoked_subcommand is not None:
        return
    from realist import ui

    project = open_project(project_path)
    rows = codebook_rows(project)
    fmt = fmt or ("table" if ui.is_terminal() else "tsv")
    if fmt == "json":
        emit_json(rows)
        return
    if fmt == "tsv":
        sys.stdout.write("code\tkind\texcerpts\ttext\n")
        for r in rows:
            sys.stdout.write(f"{r['code']}\t{r['kind']}\t{r['excerpts']}\t{r['text']}\n")
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(rows)} codes", title_justify="left")
    table.add_column("code", no_wrap=True)
    table.add_column("kind")
    table.add_column("excerpts", justify="right")
    table.add_column("definition", ratio=1)
    for r in rows:
        table.add_row(escape(r["code"]), r["kind"], str(r["excerpts"]), escape(r["text"]))
    ui.out().print(table)


@codebook.command("add")
@click.argument("name")
@click.option("--definition", default=None, help="What the code means, for other coders.")
@project_option
def add(name: str, definition: str | None, project_path: Path | None) -> None:
    """Add a free (inductive) code to codebook.yaml; code with it as free:NAME.

    \b
    Example:
      realist codebook add family-support --definition "Family members help with appointments"
    """
    from realist.coding import add_free_code

    project = open_project(project_path)
    free = add_free_code(project, name, definition)
    sys.stderr.write(f"added free:{free.name} to codebook.yaml\n")
