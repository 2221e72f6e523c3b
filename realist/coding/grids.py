"""Matrices as plain grids (title, header, rows, notes) and their md / csv / xlsx / json forms.

The analysis commands build a :class:`Grid`; the terminal table is drawn by the CLI, the
file formats reuse the appendix-table writers of :mod:`realist.export` so a matrix looks
the same in Excel as Table B.2 does.

>>> g = Grid("Excerpts by strand", ["theory", "staff"], [["alpha", 3]])
>>> print(g.markdown(), end="")
**Excerpts by strand**
<BLANKLINE>
| theory | staff |
|---|---|
| alpha | 3 |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realist.coding.matrix import Configuration, Cooccurrence, Matrix


@dataclass
class Grid:
    title: str
    header: list[str]
    rows: list[list[Any]]
    notes: list[str] = field(default_factory=list)
    name: str = "matrix"

    def table(self) -> Any:
        """An export Table (pandas frame inside) for the md / csv / xlsx writers."""
        import pandas as pd

        from realist.export.table import Table

        frame = pd.DataFrame(self.rows, columns=self.header) if self.rows else pd.DataFrame(columns=self.header)
        return Table(name=self.name, kind="evidence", number="", caption=self.title, frame=frame,
                     notes=list(self.notes), label_template="{caption}")

    def markdown(self) -> str:
        """A pipe table under a bold title, notes in italics (as the appendix tables are written)."""
        def cell(value: Any) -> str:
            return str("" if value is None else value).replace("|", "\\|").replace("\n", "<br>")

        lines = [f"**{self.title}**", "", "| " + " | ".join(cell(h) for h in self.header) + " |",
                 "|" + "|".join("---" for _ in self.header) + "|"]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in self.rows]
        for note in self.notes:
            lines += ["", "*" + note.replace("*", "\\*") + "*"]
        return "\n".join(lines) + "\n"

    def csv(self) -> str:
        """Header and rows (the title is the file name's business, not a row)."""
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerows([("" if v is None else v) for v in row] for row in self.rows)
        return buffer.getvalue()

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.header, row, strict=True)) for row in self.rows]


def xlsx_bytes(grids: list[Grid]) -> bytes:
    """One sheet per grid (named after ``grid.name``), rows tall enough for their wrapped text."""
    import io
    import math

    from openpyxl import load_workbook

    from realist.export.office import document_xlsx

    book = load_workbook(io.BytesIO(document_xlsx([g.table() for g in grids])))
    for ws in book.worksheets:
        widths = {letter: (dim.width or 10) for letter, dim in ws.column_dimensions.items()}
        for row in ws.iter_rows(min_row=3):
            lines = 1
            for cell in row:
                if isinstance(cell.value, str):
                    width = max(widths.get(cell.column_letter, 10) - 1, 1)
                    lines = max(lines, sum(max(1, math.ceil(len(part) / width)) for part in cell.value.split("\n")))
            if lines > 1:
                ws.row_dimensions[row[0].row].height = 15 * lines
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


DIMENSION_WORDS = {"theory": "theory", "element": "element", "code": "code", "role": "role", "group": "group",
                   "site": "site", "stage": "stage", "strand": "strand", "transcript": "transcript"}


def matrix_grid(m: Matrix, *, stance: str | None = None) -> Grid:
    """The coding matrix with a total column and a total row."""
    what = "Participants" if m.measure == "participants" else "Excerpts"
    of = f" {stance}" if stance else ""
    title = f"{what}{of} coded to each {m.row_kind}, by {m.col_kind}"
    table = m.table()
    notes = []
    if m.measure == "participants":
        notes.append("Cells count distinct participants; totals count each participant once.")
    else:
        notes.append("Cells count excerpts; an excerpt coded to two rows counts in both, and once in its "
                     "column's total.")
    return Grid(title, [str(h) for h in table[0]], table[1:], notes, name="matrix")


def pairs_grid(co: Cooccurrence, top: int | None = None) -> Grid:
    """Code pairs, most frequent first: together, each alone, Jaccard."""
    pairs = co.pairs if not top else co.pairs[:top]
    rows = [[p.a, p.b, p.together, p.a_units, p.b_units, round(p.jaccard, 3)] for p in pairs]
    notes = [f"{co.units} {co.unit}s hold at least one code. together: {co.unit}s with both codes; a, b: "
             f"{co.unit}s with each; jaccard = together / {co.unit}s with either."]
    if top and len(co.pairs) > top:
        notes.append(f"{len(co.pairs) - top} more pairs not shown (--top 0 shows all).")
    return Grid(f"Codes that occur in the same {co.unit}", ["code a", "code b", "together", "a", "b", "jaccard"],
                rows, notes, name="pairs")


def configurations_grid(confs: list[Configuration], unit: str) -> Grid:
    """Per theory: units with C, M, O; pairs; all three together; one kind alone."""
    rows = [[c.theory, c.units, c.c, c.m, c.o, c.c_m, c.m_o, c.c_o, c.c_m_o, c.alone,
             "apart" if c.apart else ("together" if c.c_m_o else "")] for c in confs]
    notes = [f"Counts of {unit}s holding elements of the theory. C+M counts {unit}s with a context and a "
             "mechanism (whatever else they hold); C+M+O is configurational evidence; 'alone' is one kind only; "
             "'apart' marks a theory whose C, M and O are each coded but never in one "
             f"{unit}."]
    return Grid(f"Contexts, mechanisms and outcomes coded together or apart, per {unit}",
                ["theory", f"{unit}s", "C", "M", "O", "C+M", "M+O", "C+O", "C+M+O", "alone", "configuration"],
                rows, notes, name="configurations")


def framework_grid(project: Any, fw: Any, *, memos: bool = False, short: bool = False) -> Grid:
    """The framework matrix as a grid: each cell the quotes (or memos) of one case on one theory.

    ``short`` (a terminal) keeps three excerpts a cell, each cut to a line.
    """
    from realist.store.memos import project_memos

    on_excerpt: dict[str, list[str]] = {}
    if memos:
        for memo in project_memos(project).memos:
            if memo.on.startswith("excerpt:"):
                on_excerpt.setdefault(memo.on[8:], []).append(f"{memo.text} ({memo.author or 'unknown'}, {memo.day})")
    header = [fw.row_kind] + [project.theories[t].title if t in project.theories else t for t in fw.theories]
    rows = []
    for case in fw.rows:
        row: list[Any] = [fw.row_labels[case]]
        for theory in fw.theories:
            items: list[str] = []
            for rec in fw.cell(case, theory):
                if memos:
                    texts = ([rec.memo] if rec.memo else []) + on_excerpt.get(rec.excerpt, [])
                    items.extend(f"[{rec.excerpt}] {text}" for text in texts)
                else:
                    stance = "" if rec.stance == "supports" else f", {rec.stance}"
                    quote = " ".join(rec.quote.split())
                    if short and len(quote) > 70:
                        quote = quote[:67].rstrip() + "…"
                    items.append(f"“{quote}” [{rec.excerpt}{stance}]")
            if short and len(items) > 3:
                items = items[:3] + [f"(+{len(items) - 3} more)"]
            row.append("\n".join(items))
        rows.append(row)
    what = "memos on the excerpts" if memos else "excerpts"
    notes = [f"Each cell: the {what} of one {fw.row_kind} on one theory; [id] is the excerpt "
             "(realist excerpts --theory ID shows them in full)."]
    return Grid(f"Framework matrix: {fw.row_kind}s x theories", header, rows, notes, name="framework")
