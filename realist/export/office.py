"""Word and Excel: real tables with header rows, the document's styles, frozen headers and widths."""

from __future__ import annotations

import io
from typing import Any

from realist.export.table import Table, cell_text, column_weights, is_list

# ---------------------------------------------------------------- Word


def new_document(title: str, *, landscape: bool = False) -> Any:
    """A python-docx Document with the default template's styles, A4, and ``title`` as its heading."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    return doc


def _row_property(row: Any, tag: str) -> None:
    """Set a row flag: ``w:tblHeader`` (repeat on every page), ``w:cantSplit`` (keep the row whole)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _fill_cell(cell: Any, value: Any, *, bold: bool = False, size: float = 9) -> None:
    from docx.shared import Pt

    lines = [str(v) for v in value] if is_list(value) else cell_text(value).split("\n")
    first = True
    for line in lines:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if is_list(value):
            para.style = "List Bullet"
        para.paragraph_format.space_after = Pt(2)
        run = para.add_run(line)
        run.bold = bold
        run.font.size = Pt(size)


def add_table(doc: Any, table: Table) -> Any:
    """Append ``table`` to ``doc``: caption (style Caption), a Table Grid table, notes below."""
    from docx.shared import Emu, Pt

    caption = doc.add_paragraph(table.title, style="Caption")
    caption.paragraph_format.keep_with_next = True
    headers = table.headers
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        _fill_cell(cell, header, bold=True)
    _row_property(grid.rows[0], "w:tblHeader")
    for row in table.rows():
        added = grid.add_row()
        _row_property(added, "w:cantSplit")
        for cell, value in zip(added.cells, row, strict=True):
            _fill_cell(cell, value)
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    weights = column_weights(table)
    grid.autofit = False
    for i, column in enumerate(grid.columns):
        width = Emu(int(usable * weights[i] / sum(weights)))
        column.width = width  # the table grid (LibreOffice reads this) ...
        for cell in column.cells:  # ... and each cell (Word reads this)
            cell.width = width
    for note in table.notes:
        para = doc.add_paragraph(note)
        for run in para.runs:
            run.font.size = Pt(8.5)
    doc.add_paragraph()
    return grid


WIDE = 7  # tables with this many columns or more go on landscape pages


def set_landscape(doc: Any, landscape: bool) -> None:
    """Start a new section (a new page) in landscape or portrait when the orientation changes."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    current = doc.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = max(current.page_width, current.page_height), min(current.page_width, current.page_height)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def document_docx(tables: list[Table], title: str) -> bytes:
    """Every table in one Word document; wide tables on landscape pages."""
    doc = new_document(title)
    for table in tables:
        set_landscape(doc, len(table.headers) >= WIDE)
        add_table(doc, table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- Excel


def sheet_name(table: Table) -> str:
    """``Table B.1``: short, unique and allowed by Excel (31 characters, none of []:*?/\\)."""
    name = f"Table {table.number}" if table.number else table.name
    return "".join(ch for ch in name if ch not in "[]:*?/\\")[:31]


def _wrapped_lines(value: Any, width: float) -> int:
    """How many lines ``value`` takes in a column ``width`` characters wide."""
    import math

    chars = max(int(width) - 2, 1)
    return sum(max(1, math.ceil(len(line) / chars)) for line in cell_text(value).split("\n"))


def document_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table: the caption in row 1, the header in row 2 (frozen), data from row 3."""
    import pandas as pd
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from realist.export.writers import plain_frame

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for table in tables:
            name = sheet_name(table)
            frame = plain_frame(table)
            frame.to_excel(writer, sheet_name=name, startrow=1, index=False)
            ws = writer.sheets[name]
            ws["A1"] = table.title
            ws["A1"].font = Font(bold=True, size=12)
            ws.freeze_panes = "A3"
            fill = PatternFill("solid", fgColor="E8EEF4")
            side = Side(style="thin", color="999999")
            border = Border(left=side, right=side, top=side, bottom=side)
            for cell in ws[2]:
                cell.font = Font(bold=True)
                cell.fill = fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for row in ws.iter_rows(min_row=3, max_row=len(frame) + 2):
                for cell in row:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths = []
            for i, header in enumerate(table.headers, start=1):
                lines = [header] + [line for v in frame.iloc[:, i - 1] for line in cell_text(v).split("\n")]
                width = max(min(max(len(line) for line in lines) + 2, 42), 10)
                widths.append(width)
                ws.column_dimensions[get_column_letter(i)].width = width
            # row heights: Excel and LibreOffice do not grow a row for wrapped text written by a program
            for r, row in enumerate(ws.iter_rows(min_row=2, max_row=len(frame) + 2), start=2):
                lines_needed = max(_wrapped_lines(cell.value, widths[c]) for c, cell in enumerate(row))
                ws.row_dimensions[r].height = 13 * max(lines_needed, 1) + 4
                for cell in row:
                    cell.border = border
            ws.page_setup.orientation = "landscape"
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.print_title_rows = "2:2"
            row_at = len(frame) + 4
            for note in table.notes:
                ws.cell(row=row_at, column=1, value=note).font = Font(italic=True, size=9)
                row_at += 1
            ws.sheet_view.zoomScale = 100
    return buffer.getvalue()
