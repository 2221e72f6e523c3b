"""`realist agreement --coders A,B`: inter-coder agreement at character level."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from realist.cli.common import emit_json, project_option


@click.command()
@click.option("--coders", required=True, metavar="A,B", help="The two coders to compare, comma-separated.")
@click.option("--transcript", "transcripts", multiple=True, metavar="ID",
              help="Compare on this transcript (repeatable; default: every transcript both coded).")
@click.option("--code", "codes", multiple=True, metavar="CODE",
              help="Only this code (repeatable; a theory id brings its elements; default: every code used).")
@click.option("--spans", "max_spans", type=int, default=None,
              help="Show at most N disagreements (default on a terminal: 40; 0 for none).")
@project_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "md", "json"]), default=None,
              help="table (default on a terminal), csv, md or json.")
def agreement(coders: str, transcripts: tuple[str, ...], codes: tuple[str, ...], max_spans: int | None,
              project_path: Path | None, fmt: str | None) -> None:
    """Inter-coder agreement: percent agreement, Cohen's kappa and Krippendorff's alpha per code
    and overall, character by character, and the spans where the two coders differ.

    Every character of a compared transcript counts: coded with the code by both, by one,
    or by neither. Kappa and alpha are 1 for perfect agreement and 0 for agreement no better
    than chance; alpha of 0.8 or more is usually taken as reliable, 0.667 as the least for
    tentative conclusions. Percent agreement is high whenever most text is uncoded, so read
    kappa or alpha.

    \b
    Example:
      realist agreement --coders alice,bob
      realist agreement --coders alice,bob --transcript po-1 --code trusting-relationships
      realist agreement --coders alice,bob --format csv > agreement.csv
    """
    from realist import ui
    from realist.cli.common import open_project
    from realist.coding.agreement import agreement as compare
    from realist.errors import UsageError

    names = [c.strip() for c in coders.split(",") if c.strip()]
    if len(names) != 2:
        raise UsageError(f"--coders takes two coder names separated by a comma (for example --coders alice,bob), "
                         f"not '{coders}'")
    project = open_project(project_path)
    report = compare(project, names[0], names[1], transcripts=list(transcripts) or None, codes=list(codes) or None)
    rows = [c.row() for c in report.codes] + [report.overall.row()]
    spans: list[dict[str, Any]] = [{"transcript": d.transcript, "line": d.line, "code": d.code, "start": d.start, "end": d.end,
              "coded_by": d.coded_by, "quote": d.quote} for d in report.disagreements]
    fmt = fmt or ("table" if ui.is_terminal() else "csv")
    if fmt == "json":
        emit_json({"coders": [report.coder_a, report.coder_b], "transcripts": report.transcripts,
                   "skipped": report.skipped, "codes": rows[:-1], "overall": rows[-1], "disagreements": spans})
        return
    a, b = report.coder_a, report.coder_b
    header = ["code", f"{a} chars", f"{b} chars", "both", "% agreement", "kappa", "alpha"]
    body = [[r["code"], r["coded_a"], r["coded_b"], r["both"], _pct(r["percent"]), _num(r["kappa"]),
             _num(r["alpha"])] for r in rows]
    if fmt in ("csv", "md"):
        from realist.coding.grids import Grid

        grid = Grid(f"Agreement of {a} and {b} on {len(report.transcripts)} transcripts", header, body,
                    name="agreement")
        sys.stdout.write(grid.csv() if fmt == "csv" else grid.markdown())
        limit = len(spans) if max_spans is None else max_spans
        if fmt == "md" and limit:
            sys.stdout.write(f"\n**Where {a} and {b} disagree**\n\n")
            for d in spans[:limit]:
                sys.stdout.write(f"- {d['transcript']}:{d['line']} `{d['code']}` only {d['coded_by']}: "
                                 f"“{_short(d['quote'], 200)}”\n")
        return
    _print(report, header, body, spans, 40 if max_spans is None else max_spans)


def _print(report: Any, header: list[str], body: list[list[Any]], spans: list[dict[str, Any]], limit: int) -> None:
    from rich.markup import escape
    from rich.table import Table

    from realist import ui

    con = ui.out()
    n = len(report.transcripts)
    table = Table(title=f"Agreement of {report.coder_a} and {report.coder_b}, character by character, on "
                        f"{n} transcript{'s' if n != 1 else ''}", title_justify="left")
    for i, head in enumerate(header):
        table.add_column(escape(head), justify="left" if i == 0 else "right")
    for k, row in enumerate(body):
        last = k == len(body) - 1
        cells = [escape(str(v)) for v in row]
        table.add_row(*([f"[bold]{c}[/bold]" for c in cells] if last else cells), end_section=k == len(body) - 2)
    con.print(table)
    con.print("[dim]kappa and alpha: 1 is perfect agreement, 0 no better than chance; alpha of 0.8 or more is "
              "usually taken as reliable, 0.667 as the least for tentative conclusions.[/dim]")
    if report.skipped:
        con.print(f"[dim]Not compared (coded by only one of them): {escape(', '.join(report.skipped))}[/dim]")
    if not spans:
        con.print("No disagreements: every coded character matches.")
        return
    if limit <= 0:
        return
    con.print(f"\n[bold]Where they disagree[/bold] ({len(spans)} span{'s' if len(spans) != 1 else ''})")
    for d in spans[:limit]:
        con.print(f"  {escape(d['transcript'])}:{d['line']}  {escape(d['code'])}  only {escape(d['coded_by'])}: "
                  f"[italic]“{escape(_short(d['quote'], 60))}”[/italic]")
    if len(spans) > limit:
        con.print(f"  [dim]… {len(spans) - limit} more (--spans 0 hides them, --format md lists all)[/dim]")


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}".replace("-0.000", "0.000")
