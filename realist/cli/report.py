"""`realist report`: the appendix as one Word or HTML document."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import open_project, project_option


@click.command()
@click.option("--format", "fmt", type=click.Choice(["docx", "html"]), default=None,
              help="docx (Word) or html (one self-contained file); default: from --out's suffix, else html.")
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The file to write (default: out/report.html or out/report.docx).")
@project_option
def report(fmt: str | None, out_file: Path | None, project_path: Path | None) -> None:
    """Write the appendix as one document: the theory of change, each group's theory
    table, each theory's diagram and key quotations, the phases of iteration, the
    quantitative tables with their plain-English statements, the evidence matrix and
    the codebook.

    The HTML file holds its figures as inline SVG and needs nothing else: it opens
    from an e-mail. Wording and numbering are set under `report:` in realist.yaml.

    \b
    Example:
      realist report --format html --out out/report.html
      realist report --format docx --out out/report.docx
    """
    from realist.errors import UsageError
    from realist.export.report import write_report

    if fmt is None:
        suffix = out_file.suffix.lower().lstrip(".") if out_file else ""
        fmt = suffix if suffix in ("docx", "html") else "html"
    if out_file is None:
        out_file = Path("out") / f"report.{fmt}"
    if out_file.suffix.lower() in (".docx", ".html", ".htm") and out_file.suffix.lower().lstrip(".")[:3] != fmt[:3]:
        raise UsageError(f"--out {out_file} does not end in .{fmt}; give a file name ending in .{fmt} "
                         f"or choose --format {out_file.suffix.lstrip('.').lower()}")
    if out_file.exists() and out_file.is_dir():
        raise UsageError(f"--out {out_file} is a folder; give a file name such as {out_file / ('report.' + fmt)}")
    project = open_project(project_path)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    written = write_report(project, fmt, out_file)
    for warning in written.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    sys.stderr.write(f"wrote {out_file} ({len(written.tables)} tables, {len(written.figures)} figures)\n")
