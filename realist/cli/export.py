"""`realist export ...`: appendix tables, REFI-QDA projects and codebooks (one module per format)."""

from __future__ import annotations

import click

from realist.cli.lazy import LazyGroup


@click.group(cls=LazyGroup, lazy={
    "tables": ("realist.cli.export_tables", "tables", "Appendix tables as md, csv, xlsx, docx, tex or html."),
    "qdpx": ("realist.cli.qdpx", "export_qdpx", "The project as a REFI-QDA .qdpx for NVivo, ATLAS.ti, MAXQDA."),
    "qdc": ("realist.cli.qdpx", "export_qdc", "The codebook as a REFI-QDA .qdc file."),
})
def export() -> None:
    """Export appendix tables, REFI-QDA projects and codebooks.

    \b
    Example:
      realist export tables --format docx --out out/tables
    """
