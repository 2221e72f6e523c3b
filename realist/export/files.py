"""Write tables to files: one document per format, or one CSV file per table."""

from __future__ import annotations

from pathlib import Path

from realist.export.table import Table

FORMATS = ("md", "csv", "xlsx", "docx", "tex", "html")
BINARY = ("xlsx", "docx")


def render_text(tables: list[Table], fmt: str, title: str) -> str:
    """All tables as one Markdown, LaTeX or HTML document (csv: the single table)."""
    from realist.export import writers

    if fmt == "md":
        return writers.document_markdown(tables, title)
    if fmt == "tex":
        return writers.document_latex(tables, title)
    if fmt == "html":
        return writers.document_html(tables, title)
    if fmt == "csv" and len(tables) == 1:
        return writers.table_csv(tables[0])
    raise ValueError(f"{fmt} is not a single text document")


def write_tables(tables: list[Table], fmt: str, out_dir: Path, title: str) -> list[Path]:
    """Write ``tables`` under ``out_dir``; returns the files written.

    csv writes ``B.1-theories-foundations.csv`` and so on; every other format writes
    ``tables.<format>`` holding all of them (Excel: one sheet per table).
    """
    from realist.export import writers
    from realist.export.office import document_docx, document_xlsx
    from realist.store.atomic import atomic_write_bytes, atomic_write_text

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "csv":
        for table in tables:
            path = out_dir / f"{table.slug}.csv"
            # utf-8-sig: Excel opens the file with its dashes and bullets intact
            atomic_write_bytes(path, writers.table_csv(table).encode("utf-8-sig"))
            written.append(path)
        return written
    path = out_dir / f"tables.{fmt}"
    if fmt == "docx":
        atomic_write_bytes(path, document_docx(tables, title))
    elif fmt == "xlsx":
        atomic_write_bytes(path, document_xlsx(tables))
    else:
        atomic_write_text(path, render_text(tables, fmt, title))
    written.append(path)
    return written
