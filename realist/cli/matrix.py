"""`realist matrix`, `realist framework` and `realist cooccur`: the analyst's queries."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from realist.cli.common import emit_json, project_option
from realist.coding.matrix import COL_KINDS, ROW_KINDS, UNITS
from realist.model import STANCES

_FORMATS = click.Choice(["table", "csv", "md", "xlsx", "json"])


def _coder_option(func: Any) -> Any:
    return click.option("--coder", "coders", multiple=True,
                        help="Only this coder's excerpts (repeatable; default: every coder).")(func)


def _out_option(func: Any) -> Any:
    return click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Write to this file (xlsx: default out/<command>.xlsx).")(func)


@click.command()
@click.option("--rows", type=click.Choice(ROW_KINDS), default="theory", show_default=True,
              help="One row per theory, per element (theory:C1) or per code (free codes too).")
@click.option("--cols", type=click.Choice(COL_KINDS), default="strand", show_default=True,
              help="One column per role, group, site, stage, strand or transcript.")
@click.option("--stance", type=click.Choice(STANCES), default=None, help="Only excerpts with this stance.")
@click.option("--participants", is_flag=True, help="Count distinct participants instead of excerpts.")
@_coder_option
@project_option
@click.option("--format", "fmt", type=_FORMATS, default=None, help="table (default on a terminal), csv, md, "
              "xlsx or json.")
@_out_option
def matrix(rows: str, cols: str, stance: str | None, participants: bool, coders: tuple[str, ...],
           project_path: Path | None, fmt: str | None, out: Path | None) -> None:
    """Coding matrix: how many excerpts (or participants) speak to each theory, per strand, site...

    Every theory (element, code) and every strand or stage is listed, so gaps show as 0.
    Open a cell with `realist excerpts` and the same two filters.

    \b
    Example:
      realist matrix --rows theory --cols strand
      realist matrix --rows element --cols site --stance refutes
      realist matrix --rows theory --cols role --participants --format xlsx --out matrix.xlsx
    """
    from realist.cli.common import open_project
    from realist.coding.grids import matrix_grid
    from realist.coding.matrix import coding_matrix
    from realist.coding.records import all_values, excerpt_records

    project = open_project(project_path)
    records = excerpt_records(project, coder=coders or None, turns=False, text=False)
    m = coding_matrix(records, rows=rows, cols=cols, stance=stance, participants=participants,
                      all_rows=all_values(project, rows), all_cols=all_values(project, cols))
    grid = matrix_grid(m, stance=stance)
    grid.notes.extend(_coders_note(records, coders))
    flag = {"theory": "--theory", "element": "--element", "code": "--code"}[rows]
    row, col = max(m.cells, key=lambda k: m.cells[k]) if m.cells else (
        m.rows[0] if m.rows else "ROW", m.cols[0] if m.cols else "COLUMN")
    value = f'"{col}"' if " " in col else col
    grid.notes.append(f"Open a cell: realist excerpts {flag} {row} --{cols} {value}")
    _emit([grid], fmt, out, "matrix")


@click.command()
@click.option("--rows", type=click.Choice(["participant", "site"]), default="participant", show_default=True,
              help="One row per participant or per site.")
@click.option("--cols", type=click.Choice(["theory"]), default="theory", show_default=True,
              help="One column per theory.")
@click.option("--memos", is_flag=True, help="Fill cells with the excerpts' memos instead of their quotes.")
@_coder_option
@project_option
@click.option("--format", "fmt", type=click.Choice(["table", "md", "xlsx", "json"]), default=None,
              help="table (default on a terminal), md, xlsx or json.")
@_out_option
def framework(rows: str, cols: str, memos: bool, coders: tuple[str, ...], project_path: Path | None,
              fmt: str | None, out: Path | None) -> None:
    """Framework matrix: one row per case, one column per theory, each cell the case's excerpts.

    The NVivo framework matrix / MAXQDA summary grid: read across a row for one
    person's story, down a column for one theory across cases.

    \b
    Example:
      realist framework --format xlsx --out framework.xlsx
      realist framework --rows site --format md
      realist framework --memos
    """
    from realist.cli.common import open_project
    from realist.coding.grids import framework_grid
    from realist.coding.records import excerpt_records, framework_matrix

    project = open_project(project_path)
    records = excerpt_records(project, coder=coders or None, turns=False)
    fw = framework_matrix(records, rows=rows, theories=list(project.theories))
    terminal = (fmt or ("table" if _terminal() else "md")) == "table"
    grid = framework_grid(project, fw, memos=memos, short=terminal)
    _emit([grid], fmt or ("table" if _terminal() else "md"), out, "framework")


@click.command()
@click.option("--unit", type=click.Choice(UNITS), default="excerpt", show_default=True,
              help="Codes occur together when they are in one excerpt, one speaker turn or one transcript.")
@click.option("--level", type=click.Choice(["code", "theory"]), default="code", show_default=True,
              help="Pair codes as written (theory:C1) or fold them into their theories.")
@click.option("--theory", "theory_id", default=None, help="Only pairs with a code of this theory.")
@click.option("--only", type=click.Choice(["pairs", "configurations"]), default=None,
              help="Print only the code pairs or only the C/M/O configurations.")
@click.option("--top", type=int, default=None,
              help="Show the N most frequent pairs (default on a terminal: 15; 0 for all).")
@_coder_option
@project_option
@click.option("--format", "fmt", type=_FORMATS, default=None, help="table (default on a terminal), csv, md, "
              "xlsx or json.")
@_out_option
def cooccur(unit: str, level: str, theory_id: str | None, only: str | None, top: int | None,
            coders: tuple[str, ...], project_path: Path | None, fmt: str | None, out: Path | None) -> None:
    """Which codes occur together, with counts and Jaccard; and, per theory, whether its
    contexts, mechanisms and outcomes are coded together (configurational evidence) or only apart.

    \b
    Example:
      realist cooccur
      realist cooccur --unit turn --theory trusting-relationships
      realist cooccur --only configurations --format csv
    """
    from realist.cli.common import open_project
    from realist.coding.grids import configurations_grid, pairs_grid
    from realist.coding.matrix import code_sets, configurations, cooccurrence
    from realist.coding.records import element_kinds, excerpt_records

    project = open_project(project_path)
    theories = list(project.theories)
    if theory_id is not None:
        theory_id = project.theory(theory_id).id
        theories = [theory_id]
    records = excerpt_records(project, coder=coders or None, turns=unit == "turn", text=False)
    sets = code_sets(records, unit)  # worked out once for both tables
    grids = []
    if only != "configurations":
        co = cooccurrence(records, unit=unit, level=level, sets=sets)
        if theory_id is not None:
            co.pairs = [p for p in co.pairs if theory_id in (p.a.split(":")[0], p.b.split(":")[0])]
        limit = top if top is not None else (15 if (fmt or "table") == "table" and _terminal() else None)
        grids.append(pairs_grid(co, limit or None))
    if only != "pairs":
        confs = configurations(records, element_kinds(project), unit=unit, theories=theories, sets=sets)
        grids.append(configurations_grid([c for c in confs if c.theory in theories], unit))
    grids[-1].notes.extend(_coders_note(records, coders))
    _emit(grids, fmt, out, "cooccur")


def _coders_note(records: list[Any], chosen: tuple[str, ...]) -> list[str]:
    """Say so when several coders' excerpts are counted together (a passage two coded counts twice)."""
    names = sorted({r.coder for r in records})
    if chosen or len(names) < 2:
        return []
    return [f"Excerpts of {len(names)} coders count ({', '.join(names)}); --coder NAME counts one coder's."]


def _terminal() -> bool:
    from realist import ui

    return ui.is_terminal()


def _emit(grids: list[Any], fmt: str | None, out: Path | None, command: str) -> None:
    """Print or write grids: a rich table on a terminal, else csv / md / json / xlsx."""
    from realist import ui
    from realist.store.atomic import atomic_write_bytes, atomic_write_text

    if fmt is None:
        fmt = "table" if ui.is_terminal() else ("xlsx" if out is not None and out.suffix == ".xlsx" else "csv")
    if fmt == "xlsx":
        from realist.coding.grids import xlsx_bytes

        path = out or Path("out") / f"{command}.xlsx"
        atomic_write_bytes(path, xlsx_bytes(grids))
        sys.stderr.write(f"wrote {path}\n")
        return
    if fmt == "json":
        data: Any = {g.name: g.records() for g in grids} if len(grids) > 1 else grids[0].records()
        if out is None:
            emit_json(data)
            return
        import json

        atomic_write_text(out, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif fmt in ("csv", "md"):
        text = "\n".join(g.csv() if fmt == "csv" else g.markdown() for g in grids)
        if out is None:
            sys.stdout.write(text)
            return
        atomic_write_text(out, text)
    else:
        for i, grid in enumerate(grids):
            if i:
                ui.out().print()
            if not grid.rows and grid.name == "pairs":
                ui.out().print("No two codes share a unit yet.")
                continue
            if grid.name == "framework" and (ui.out().width - 20) / max(len(grid.header) - 1, 1) < 30:
                _print_long(grid)  # too narrow for a column per theory: read it case by case
                continue
            _print_grid(grid)
        return
    sys.stderr.write(f"wrote {out}\n")


def _print_long(grid: Any) -> None:
    """The framework matrix row by row: each case, then each theory with its excerpts."""
    from rich.markup import escape

    from realist import ui

    con = ui.out()
    con.print(f"[bold]{escape(grid.title)}[/bold]  [dim](one case at a time; --format xlsx or md for the grid)[/dim]")
    for row in grid.rows:
        con.print(f"\n[bold]{escape(str(row[0]))}[/bold]")
        for head, cell in zip(grid.header[1:], row[1:], strict=True):
            if cell:
                con.print(f"  [italic]{escape(head)}[/italic]")
                for line in str(cell).split("\n"):
                    con.print(f"    {escape(line)}")
    for note in grid.notes:
        con.print(f"[dim]{escape(note)}[/dim]")


def _print_grid(grid: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    from realist import ui

    table = Table(title=grid.title, title_justify="left", show_footer=False)
    numeric = [bool(grid.rows) and all(isinstance(r[i], (int, float)) for r in grid.rows)
               for i in range(len(grid.header))]
    for i, (head, is_num) in enumerate(zip(grid.header, numeric, strict=True)):
        table.add_column(escape(str(head)), justify="right" if is_num else "left", overflow="fold",
                         no_wrap=(i == 0 and grid.name != "framework") or (i == 1 and grid.name == "pairs"))
    for k, row in enumerate(grid.rows):
        last = grid.name == "matrix" and k == len(grid.rows) - 1
        cells = []
        for value in row:
            text = escape(f"{value:.3f}" if isinstance(value, float) else str(value))
            if value == 0:
                text = f"[dim]{text}[/dim]"
            cells.append(f"[bold]{text}[/bold]" if last else text)
        table.add_row(*cells, end_section=grid.name == "matrix" and k == len(grid.rows) - 2)
    ui.out().print(table)
    for note in grid.notes:
        ui.out().print(f"[dim]{escape(note)}[/dim]")
