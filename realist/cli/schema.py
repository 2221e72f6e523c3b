"""`realist schema NAME`: print a shipped JSON Schema."""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("name", default="theory")
def schema(name: str) -> None:
    """Print the JSON Schema of a file kind: realist, theory, evidence, toc,
    transcript, participants, codings or codebook.

    Point your editor's YAML support at it for completion and checking.

    \b
    Example:
      realist schema theory > theory.schema.json
    """
    from realist.store.schema import schema_text

    sys.stdout.write(schema_text(name))
