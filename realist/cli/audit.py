"""`realist audit`: evidence profiles, suggested vs assigned strength, flags, RAMESES II."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, exit_with, format_option, project_option


@click.command()
@project_option
@click.option("--strict", is_flag=True, help="Exit 1 when there is any flag.")
@click.option("--theory", "theory_ids", multiple=True, metavar="ID", help="Audit only this theory (repeatable).")
@format_option("text", "md", "json", default="text")
def audit(project_path: Path | None, strict: bool, theory_ids: tuple[str, ...], fmt: str) -> None:
    """Weigh the evidence behind each theory and suggest a strength of evidence.

    For each theory: the four GRADE-CERQual components (adequacy, coherence,
    methodological limitations, relevance) computed from the coded evidence,
    the rating the rules in realist.yaml suggest beside your own rating, and
    flags (elements without evidence, unanswered refuting excerpts, links that
    point nowhere...). Then the RAMESES II reporting items the project can
    show. Your rating is never changed. Exits 1 with --strict when there is a
    flag.

    \b
    Example:
      realist audit
      realist audit --theory trusting-relationships --format md
      realist audit --strict --format json
    """
    from realist.graph.audit import audit as run_audit
    from realist.graph.render import audit_markdown, audit_text
    from realist.store.project import load_project, scan

    found, report = scan(project_path)
    # without a usable manifest, the strict load raises its problem as one clear line
    project = found if found is not None else load_project(project_path)
    if report.errors:
        sys.stderr.write(f"warning: the project has {len(report.errors)} problem"
                         f"{'s' * (len(report.errors) != 1)} (run `realist check`); the audit reads what it can\n")
    for tid in theory_ids:
        project.theory(tid)
    result = run_audit(project)
    if theory_ids:
        result.theories = [t for t in result.theories if t.id in theory_ids]
        result.flags = [f for f in result.flags if f.theory in theory_ids]
    if fmt == "json":
        emit_json(result.as_dict())
    elif fmt == "md":
        sys.stdout.write(audit_markdown(result))
    else:
        sys.stdout.write(audit_text(result))
    n = len(result.flags)
    sys.stderr.write(f"{n} flag{'s' * (n != 1)} on {len(result.theories)} theor{'ies' if len(result.theories) != 1 else 'y'}"
                     + ("" if n == 0 or strict else "; --strict would fail") + "\n")
    exit_with(1 if strict and n else 0)
