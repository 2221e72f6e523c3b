"""The report as a Word document: the template's headings, Caption, Quote and Table Grid styles."""

from __future__ import annotations

import io
import struct

from realist.export.office import WIDE, add_table, new_document, set_landscape
from realist.export.report import FigureBlock, Heading, Paragraph, Quote, Report, TableBlock

PNG_DPI = 200  # the resolution realist.render draws PNGs at


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _figure(doc: object, block: FigureBlock, report: Report, png: bytes) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Emu, Inches, Pt

    width_px, height_px = png_size(png)
    section = doc.sections[-1]  # type: ignore[attr-defined]
    usable = section.page_width - section.left_margin - section.right_margin
    usable_height = section.page_height - section.top_margin - section.bottom_margin - Inches(1.2)
    width = Inches(width_px / PNG_DPI)
    height = Inches(height_px / PNG_DPI)
    scale = min(1.0, usable / width, usable_height / height)
    caption = doc.add_paragraph(block.label(report.settings), style="Caption")  # type: ignore[attr-defined]
    caption.paragraph_format.keep_with_next = True
    doc.add_picture(io.BytesIO(png), width=Emu(int(width * scale)))  # type: ignore[attr-defined]
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    if block.caption:
        note = doc.add_paragraph(block.caption)  # type: ignore[attr-defined]
        for run in note.runs:
            run.font.size = Pt(8.5)


def report_docx(report: Report) -> bytes:
    """The Word file of ``report``: portrait pages, landscape ones for wide tables."""
    from docx.shared import Pt

    doc = new_document(report.title)
    pngs = report.drawn("png")
    for block in report.blocks:
        if isinstance(block, TableBlock):
            set_landscape(doc, len(block.table.headers) >= WIDE)
            add_table(doc, block.table)
            continue
        if isinstance(block, Heading):
            set_landscape(doc, False)
            doc.add_heading(block.text, level=max(1, block.level - 1))
        elif isinstance(block, Paragraph):
            para = doc.add_paragraph()
            run = para.add_run(block.text)
            run.bold = block.style == "lead"
            if block.style == "statement":
                para.paragraph_format.left_indent = Pt(12)
            if block.style in ("lead", "statement"):
                para.paragraph_format.keep_with_next = True
        elif isinstance(block, FigureBlock):
            set_landscape(doc, False)
            _figure(doc, block, report, pngs[block.number])
        elif isinstance(block, Quote):
            para = doc.add_paragraph(style="Quote")
            para.add_run(f"“{block.text}”")
            if block.attribution:
                para.add_run().add_break()
                attribution = para.add_run(block.attribution)
                attribution.font.size = Pt(9)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
