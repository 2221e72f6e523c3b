"""The report as one self-contained HTML file: styles inline, figures as inline SVG, no scripts."""

from __future__ import annotations

import html
import re

from realist.export.report import FigureBlock, Heading, Paragraph, Quote, Report, TableBlock
from realist.export.writers import html_document, table_html


def inline_svg(svg: str, prefix: str) -> str:
    """Graphviz SVG made fit to sit inside HTML: no XML prologue, ids made unique per figure."""
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    return svg.strip()


def _figure(block: FigureBlock, report: Report, svg_text: str) -> str:
    anchor = f"figure-{block.number}"
    svg = inline_svg(svg_text, re.sub(r"[^A-Za-z0-9]", "-", anchor))
    note = f'<p class="note">{html.escape(block.caption)}</p>' if block.caption else ""
    return (f'<figure id="{html.escape(anchor)}" class="realist-figure">\n'
            f"<figcaption>{html.escape(block.label(report.settings))}</figcaption>\n{svg}\n{note}</figure>\n")


def report_html(report: Report) -> str:
    """The HTML page of ``report``."""
    parts: list[str] = [_contents(report)]
    svgs = {number: image.decode("utf-8") for number, image in report.drawn("svg").items()}
    previous = None
    for block in report.blocks:
        in_statement = isinstance(previous, Paragraph) and previous.style == "statement"
        if in_statement and not (isinstance(block, Paragraph) and block.style == "statement"):
            parts.append("</div>\n")
        previous = block
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>\n")
        elif isinstance(block, Paragraph):
            if block.style == "statement":  # one box holds a result's whole statement
                parts.append(("" if in_statement else '<div class="statement">') + f"<p>{html.escape(block.text)}</p>")
            else:
                cls = f' class="{block.style}"' if block.style else ""
                parts.append(f"<p{cls}>{html.escape(block.text)}</p>\n")
        elif isinstance(block, TableBlock):
            parts.append(table_html(block.table))
        elif isinstance(block, FigureBlock):
            parts.append(_figure(block, report, svgs[block.number]))
        elif isinstance(block, Quote):
            footer = f"<footer>{html.escape(block.attribution)}</footer>" if block.attribution else ""
            parts.append(f"<blockquote><p>“{html.escape(block.text)}”</p>{footer}</blockquote>\n")
    if isinstance(previous, Paragraph) and previous.style == "statement":
        parts.append("</div>\n")
    return html_document(report.title, "".join(parts))


def _contents(report: Report) -> str:
    """Links to every table and figure, in order."""
    items = []
    for block in report.blocks:
        if isinstance(block, TableBlock):
            items.append(f'<li><a href="#table-{html.escape(block.table.number)}">{html.escape(block.table.title)}</a></li>')
        elif isinstance(block, FigureBlock):
            items.append(f'<li><a href="#figure-{html.escape(block.number)}">'
                         f"{html.escape(block.label(report.settings))}</a></li>")
    return f'<nav class="contents"><ul>{"".join(items)}</ul></nav>\n' if items else ""
