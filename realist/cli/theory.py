"""`realist theories` and `realist theory show | revise`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from realist.cli.common import emit_json, format_option, open_project, project_option
from realist.cli.lazy import LazyGroup


@click.command()
@project_option
@format_option("table", "tsv", "json")
def theories(project_path: Path | None, fmt: str | None) -> None:
    """List the programme theories with their group, rating and elements.

    \b
    Example:
      realist theories
      realist theories --format json
    """
    from realist import ui
    from realist.views import theory_row

    project = open_project(project_path)
    rows = [theory_row(t) for t in project.theories.values()]
    fmt = fmt or ("table" if ui.is_terminal() else "tsv")
    if fmt == "json":
        emit_json(rows)
        return
    if fmt == "tsv":
        sys.stdout.write("id\ttitle\tgroup\trating\telements\tstatus\n")
        for r in rows:
            sys.stdout.write("\t".join(str(r[k] or "") for k in ("id", "title", "group", "rating", "elements",
                                                                  "status")) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{project.manifest.title}: {len(rows)} theories", title_justify="left")
    for col in ("id", "title", "group", "rating", "elements", "status"):
        table.add_column(col)
    for r in rows:
        table.add_row(*(str(r[k] or "—") for k in ("id", "title", "group", "rating", "elements", "status")))
    ui.out().print(table)


@click.group(cls=LazyGroup, lazy={
    "lineage": ("realist.cli.lineage", "lineage", "Every step that led to the theory as it stands."),
})
def theory() -> None:
    """Show, revise or trace one programme theory."""


@theory.command()
@click.argument("theory_id", metavar="ID")
@project_option
@format_option("text", "json")
def show(theory_id: str, project_path: Path | None, fmt: str | None) -> None:
    """Show one theory: If/Then/Because, its C/I/M/O elements, links, phases and evidence.

    \b
    Example:
      realist theory show trusting-relationships
    """
    from realist.views import theory_detail

    project = open_project(project_path)
    detail = theory_detail(project, project.theory(theory_id))
    if fmt == "json":
        emit_json(detail)
        return
    _print_detail(detail)


def _print_detail(d: dict[str, Any]) -> None:
    from rich.markup import escape

    from realist import ui
    from realist.views import ROLE_LABELS, TERM_LABELS

    con = ui.out()
    p = con.print
    group = f"  [dim]({escape(d['group_title'] or d['group'])})[/dim]" if d["group"] else ""
    p(f"[bold]{escape(d['title'])}[/bold]  [dim]{d['id']}[/dim]{group}")
    s = d["statement"]
    p(f"  [bold]If[/bold]      {escape(s['if'])}")
    p(f"  [bold]Then[/bold]    {escape(s['then'])}")
    if s["because"]:
        p(f"  [bold]Because[/bold] {escape(s['because'])}")
    st = d["strength"]
    if st["rating"] or st["sources"]:
        p(f"\n[bold]Strength of evidence:[/bold] {st['rating'] or 'not rated'}"
          + (f"  [dim]sources: {', '.join(st['sources'])}[/dim]" if st["sources"] else ""))
        if st["note"]:
            p(f"  {escape(st['note'])}")
    if d["contexts"]:
        p("\n[bold]Contexts[/bold]")
        for role in ("requirement", "supportive", "barrier", None):
            items = [e for e in d["contexts"] if e.get("role") == role]
            if items:
                p(f"  [italic]{ROLE_LABELS[role]}[/italic]")
                for e in items:
                    p(f"    {e['id']:<4} {escape(e['text'])}")
    for key, title in (("interventions", "Interventions"), ("mechanisms", "Mechanisms"), ("outcomes", "Outcomes")):
        if d[key]:
            p(f"\n[bold]{title}[/bold]")
            for e in d[key]:
                tag = e.get("kind") or (TERM_LABELS.get(e["term"]) if e.get("term") else "")
                p(f"  {e['id']:<4} {escape(e['text'])}" + (f"  [dim]({tag})[/dim]" if tag else ""))
    if d["links_out"] or d["links_in"]:
        p("\n[bold]Connections[/bold]")
        for link in d["links_out"]:
            via = f" via {link['via']}" if link["via"] else ""
            label = f": {escape(link['label'])}" if link["label"] else ""
            p(f"  → {link['to']}{via}{label}")
        for link in d["links_in"]:
            via = f" (their {link['via']})" if link["via"] else ""
            label = f": {escape(link['label'])}" if link["label"] else ""
            p(f"  ← {link['from']}{via}{label}")
    if d["history"]:
        p("\n[bold]Phases[/bold]")
        for h in d["history"]:
            extra = ""
            if h["into"]:
                extra = f" into {', '.join(h['into'])}"
            if h["from"]:
                extra = f" from {', '.join(h['from'])}"
            note = f"  [dim]{escape(h['note'])}[/dim]" if h["note"] else ""
            p(f"  {h['phase']:<10} {h['status']}{extra}{note}")
    if d["evidence"]:
        p("\n[bold]Quantitative evidence[/bold]")
        for ev in d["evidence"]:
            stance = ev["stance"] if ev.get("counts_as", ev["stance"]) == ev["stance"] \
                else f"{ev['stance']}, but inconclusive:"
            p(f"  {ev['id']} ({stance} {ev['target']}): {escape(ev['title'])}")
            if ev.get("statement"):
                p(f"    [dim]{escape(ev['statement'])}[/dim]")
    for section in d.get("extra_sections", []):
        p(f"\n[bold]{escape(section['title'])}[/bold]")
        for line in section["lines"]:
            p(f"  {escape(line)}")


@theory.command()
@click.argument("theory_id", metavar="ID")
@click.option("--phase", required=True, help="The phase of iteration (one of realist.yaml's phases).")
@click.option("--status", required=True,
              help="proposed, supported, revised, refuted, merged, split or retired.")
@click.option("--note", default=None, help="Why: what the evidence showed.")
@click.option("--into", "into", multiple=True, help="merged: the theory it merged into (repeatable).")
@click.option("--from", "from_", multiple=True, help="split: the theory it was split from (repeatable).")
@project_option
def revise(theory_id: str, phase: str, status: str, note: str | None, into: tuple[str, ...],
           from_: tuple[str, ...], project_path: Path | None) -> None:
    """Record what happened to a theory in a phase of iteration.

    Appends to the theory's history and keeps your comments and layout. With
    --status revised the statement as it stood is kept as `previous:`; edit
    the statement itself in the file.

    \b
    Example:
      realist theory revise flexibility --phase third --status supported --note "held across both sites"
    """
    from realist.store.edit import revise_theory

    project = open_project(project_path)
    entry = revise_theory(project, theory_id, phase=phase, status=status, note=note, into=list(into),
                          from_=list(from_))
    path = project.theory(theory_id).path
    sys.stderr.write(f"recorded: {theory_id} {entry['status']} in phase {entry['phase']} "
                     f"({path.relative_to(project.root) if path else ''})\n")
