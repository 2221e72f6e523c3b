"""`realist guide --phase P [--group G]`: an interview guide for the next phase, from the audit's gaps."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import open_project, project_option


@click.command()
@click.option("--phase", required=True, help="The phase the guide is for (one of realist.yaml's phases).")
@click.option("--group", "groups", multiple=True,
              help="Participant group: staff, recipient, peer-mentor or other (repeatable; default staff and "
                   "recipient).")
@click.option("--theory", "theory_ids", multiple=True, metavar="ID", help="Only this theory (repeatable).")
@click.option("--max-elements", default=5, show_default=True, type=click.IntRange(0, 50),
              help="Weak elements to ask about per theory.")
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default="md", help="Markdown or Word.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write to this file (needed for docx; default for md: standard output).")
@project_option
def guide(phase: str, groups: tuple[str, ...], theory_ids: tuple[str, ...], max_elements: int, fmt: str,
          out: Path | None, project_path: Path | None) -> None:
    """Write an interview guide for the next phase from the gaps the audit finds.

    For each theory with gaps: its "If ... then ... because ..." statement to
    put to participants, and questions that would confirm, refute or refine its
    weakest elements, worded for each participant group. Groups not yet heard
    on a theory come first.

    \b
    Example:
      realist guide --phase third
      realist guide --phase third --group recipient --format docx --out guide.docx
    """
    from realist.errors import UsageError
    from realist.graph.audit import audit
    from realist.graph.guide import build_guide, guide_markdown, write_guide_docx
    from realist.store.atomic import atomic_write_text

    project = open_project(project_path)
    for tid in theory_ids:
        project.theory(tid)
    result = audit(project)
    if theory_ids:
        result.theories = [t for t in result.theories if t.id in theory_ids]
    g = build_guide(project, result, phase, list(groups) or None, max_elements)
    n = len(g.sections)
    summary = f"{n} theor{'ies' if n != 1 else 'y'} with gaps"
    if fmt == "docx":
        if out is None:
            raise UsageError("a Word guide needs a file: add --out guide.docx")
        write_guide_docx(g, out)
        sys.stderr.write(f"wrote {out} ({summary})\n")
        return
    text = guide_markdown(g)
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write_text(out, text)
        sys.stderr.write(f"wrote {out} ({summary})\n")
