"""`realist codebook [add]`: every code with its definition and how often it is used."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, format_option, open_project, project_option
from realist.cli.lazy import LazyGroup


@click.group(cls=LazyGroup, lazy={
    "promote": ("realist.cli.codebook_moves", "promote", "Move a free code into a theory; its codings follow."),
    "rename": ("realist.cli.codebook_moves", "rename", "Rename a free code everywhere."),
    "merge": ("realist.cli.codebook_moves", "merge", "Fold free codes into another code."),
}, invoke_without_command=True)
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
      realist codebook promote free:family-support --to trusting-relationships:C7
    """
    if ctx.invoked_subcommand is not None:
        return
    from realist import ui
    from realist.coding.codebook import codebook_rows

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
        text = escape(r["text"])
        if r["definition"] and r["definition"] != r["text"] and r["kind"] != "theory":
            text += f"\n[dim]{escape(r['definition'])}[/dim]"
        count = str(r["excerpts"]) + (f" [dim]({r['excerpts_any']})[/dim]" if r.get("excerpts_any") else "")
        table.add_row(escape(r["code"]), r["kind"], count, text)
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
