"""`realist import ...`: REFI-QDA projects and codebooks from other qualitative tools."""

from __future__ import annotations

import click

from realist.cli.lazy import LazyGroup


@click.group("import", cls=LazyGroup, lazy={
    "qdpx": ("realist.cli.qdpx", "import_qdpx", "A REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA..."),
    "qdc": ("realist.cli.qdpx", "import_qdc", "A REFI-QDA codebook (.qdc): theories and free codes."),
})
def import_() -> None:
    """Import REFI-QDA projects (.qdpx) and codebooks (.qdc) from other qualitative tools.

    \b
    Example:
      realist import qdpx study.qdpx --new ../study --dry-run
      realist import qdc codebook.qdc
    """
