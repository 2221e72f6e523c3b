"""`realist excerpts`: find coded excerpts with combinable filters."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import click

from realist.cli.common import emit_json, format_option, open_project, project_option


def _multi(name: str, help: str) -> Any:
    return click.option(f"--{name}", name, multiple=True, help=help + " (repeatable: any of them)")


@click.command()
@_multi("theory", "A theory id.")
@_multi("element", "An element: C1 (of any theory, or of --theory) or theory:C1.")
@_multi("code", "An exact code: theory, theory:ELEMENT or free:name.")
@_multi("stance", "supports, refutes or refines.")
@_multi("role", "The speaker's role, e.g. 'Probation Officer'.")
@_multi("group", "The speaker's group: staff, recipient, peer-mentor.")
@_multi("site", "The speaker's site (else the transcript's).")
@_multi("stage", "The transcript's stage (a phase).")
@_multi("coder", "Who coded it.")
@_multi("transcript", "A transcript id.")
@_multi("strand", "The speaker's evidence strand (a strand of realist.yaml).")
@click.option("--text", default=None, help="Words the quotation contains (case ignored).")
@click.option("--key", "key", is_flag=True, default=None, help="Only key quotations.")
@project_option
@format_option("table", "csv", "json", "md")
def excerpts(theory: tuple[str, ...], element: tuple[str, ...], code: tuple[str, ...], stance: tuple[str, ...],
             role: tuple[str, ...], group: tuple[str, ...], site: tuple[str, ...], stage: tuple[str, ...],
             coder: tuple[str, ...], transcript: tuple[str, ...], strand: tuple[str, ...], text: str | None,
             key: bool | None,
             project_path: Path | None, fmt: str | None) -> None:
    """Find coded excerpts; every filter given must hold.

    Prints a table with each quotation attributed ("— Probation Officer 1,
    Region A"), or csv, json or md (block quotes for a report). The default is a
    table on a terminal and csv when piped.

    \b
    Example:
      realist excerpts --theory trusting-relationships --stance refutes
      realist excerpts --element M1 --group recipient --site "Region A" --format md
    """
    from realist import ui
    from realist.coding import excerpt_rows, query_excerpts

    project = open_project(project_path)
    found = query_excerpts(project, theory=theory, element=element, code=code, stance=stance, role=role,
                           group=group, site=site, stage=stage, coder=coder, text=text, transcript=transcript,
                           key=key or None, strand=strand)
    rows = excerpt_rows(project, found)
    fmt = fmt or ("table" if ui.is_terminal() else "csv")
    if fmt == "json":
        emit_json(rows)
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        cols = ("id", "transcript", "lines", "codes", "stance", "coder", "attribution", "role", "group", "site",
                "stage", "key", "quote", "memo")
        writer.writerow((*cols, "memos"))
        for r in rows:
            writer.writerow([";".join(r[c]) if c == "codes" else ("" if r[c] is None else r[c]) for c in cols]
                            + ["\n\n".join(_memo_text(m) for m in r["memos"])])
        return
    if fmt == "md":
        for r in rows:
            sys.stdout.write(_markdown(r) + "\n")
        if not rows:
            sys.stdout.write("_No excerpts match._\n")
        return
    _table(rows)


def _markdown(r: dict[str, Any]) -> str:
    quote = "\n> ".join(r["quote"].split("\n"))
    who = f"\n>\n> — {r['attribution']}" if r["attribution"] else ""
    extra = f" · {r['stance']}" if r["stance"] != "supports" else ""
    lines = f"lines {r['lines']}" if "-" in r["lines"] else f"line {r['lines']}"
    memos = "".join(f"\n*Memo* ({m['author'] or 'unknown'}, {m['date'][:10]}): {m['text']}\n" for m in r["memos"])
    return (f"**{r['id']}** · {r['transcript']}, {lines} · {', '.join(r['codes'])}{extra}\n\n"
            f"> {quote}{who}\n{memos}")


def _memo_text(m: dict[str, Any]) -> str:
    return f"{m['text']} ({m['author'] or 'unknown'}, {m['date'][:10]})"


def _table(rows: list[dict[str, Any]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from realist import ui
    from realist.coding.views import compact_codes

    if not rows:
        sys.stderr.write("no excerpts match\n")
        return
    table = Table(title=f"{len(rows)} excerpt{'s' if len(rows) != 1 else ''}", title_justify="left",
                  show_lines=True)
    table.add_column("excerpt", no_wrap=True)
    table.add_column("codes", ratio=1)
    table.add_column("quotation", ratio=3)
    for r in rows:
        where = f"{r['transcript']}, line{'s' if '-' in r['lines'] else ''} {r['lines']}"
        who = f"— {escape(r['attribution'])}  " if r["attribution"] else ""
        stance = "" if r["stance"] == "supports" else f"\n[bold]{r['stance']}[/bold]"
        key = "\n[bold]key[/bold]" if r["key"] else ""
        memos = (f"\n[italic]memo:[/italic] {escape(r['memo'])}" if r["memo"] else "") + "".join(
            f"\n[italic]memo:[/italic] {escape(_memo_text(m))}" for m in r["memos"])
        table.add_row(f"{r['id']}\n[dim]{escape(r['coder'])}[/dim]{stance}{key}", escape(compact_codes(r["codes"])),
                      f"“{escape(r['quote'])}”\n{who}[dim]({escape(where)})[/dim]{memos}")
    ui.out().print(table)
