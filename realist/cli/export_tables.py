"""`realist export tables`: the appendix tables, numbered and captioned, in six formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import project_option


@click.command()
@click.option("--only", "only", multiple=True, metavar="NAMES",
              help="Only these tables, comma-separated: a kind (toc, theories, phases, quantitative, evidence, "
                   "codebook, quotations), a name (theories-carrot) or a number (B.2).")
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "xlsx", "docx", "tex", "html"]), default="md",
              show_default=True, help="md, csv (one file per table), xlsx (one sheet per table), docx, tex or html.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder to write into. Without it, md, tex and html go to standard output "
                   "and the other formats to out/tables.")
@click.option("--list", "list_only", is_flag=True, help="List the tables (number, name, caption) and stop.")
@project_option
def tables(only: tuple[str, ...], fmt: str, out_dir: Path | None, list_only: bool, project_path: Path | None) -> None:
    """Export the appendix tables: theory of change, theory tables per group, phases,
    quantitative results, evidence matrix, codebook and key quotations.

    Every table has a number and a caption. Wording, numbering and the order of the
    theories are set under `report:` in realist.yaml (see docs/tables.md).

    \b
    Example:
      realist export tables --format docx --out out/tables
      realist export tables --only theories,toc --format xlsx --out out/tables
      realist export tables --only B.2
      realist export tables --list
    """
    from realist.cli.common import open_project
    from realist.errors import UsageError
    from realist.export.catalogue import build_tables, table_index
    from realist.export.files import render_text, write_tables
    from realist.export.settings import settings_of

    project = open_project(project_path)
    settings = settings_of(project)
    names = [n for item in only for n in item.split(",") if n.strip()]
    chosen = build_tables(project, names or None, settings)
    if list_only:
        for row in table_index(chosen):
            sys.stdout.write(f"{row['number']}\t{row['name']}\t{row['caption']}\n")
        return
    if not chosen:
        what = ", ".join(names) if names else "any"
        raise UsageError(f"nothing to export: the project has no {what} tables yet "
                         "(see `realist export tables --list` for what there is)")
    title = settings.title or settings.say("report_title", title=project.manifest.title)
    to_stdout = out_dir is None and (fmt in ("md", "tex", "html") or (fmt == "csv" and len(chosen) == 1))
    if to_stdout:
        sys.stdout.write(render_text(chosen, fmt, title))
        return
    if out_dir is None:
        out_dir = Path("out/tables")
    if out_dir.suffix.lower() in (".md", ".csv", ".xlsx", ".docx", ".tex", ".html", ".htm"):
        inside = "one file per table is" if fmt == "csv" else f"tables.{fmt} is"
        raise UsageError(f"--out takes a folder, not a file name ('{out_dir}'); {inside} written inside it")
    written = write_tables(chosen, fmt, out_dir, title)
    numbers = ", ".join(t.number for t in chosen)
    if len(written) > 3:
        sys.stderr.write(f"wrote {len(written)} files in {out_dir}\n")
    else:
        for path in written:
            sys.stderr.write(f"wrote {path}\n")
    sys.stderr.write(f"{len(chosen)} table{'s' * (len(chosen) != 1)}: {numbers}\n")
