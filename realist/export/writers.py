"""Text writers: Markdown, CSV, LaTeX (booktabs) and HTML. Pure functions returning strings."""

from __future__ import annotations

import html
import io
from typing import Any

from realist.export.table import Table, cell_text, column_weights, is_list

# ---------------------------------------------------------------- Markdown


def _md_cell(value: Any) -> str:
    return cell_text(value).replace("|", "\\|").replace("\n", "<br>")


def table_markdown(table: Table) -> str:
    """A GitHub-flavoured Markdown table under a bold caption, notes in italics below."""
    lines = [f"**{table.title}**", ""]
    lines.append("| " + " | ".join(_md_cell(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    for row in table.rows():
        lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
    for note in table.notes:
        lines += ["", "*" + note.replace("*", "\\*") + "*"]
    return "\n".join(lines) + "\n"


def document_markdown(tables: list[Table], title: str) -> str:
    return f"# {title}\n\n" + "\n".join(table_markdown(t) for t in tables)


# ---------------------------------------------------------------- CSV


def plain_frame(table: Table) -> Any:
    """The frame with bulleted cells flattened to text (one item a line), for CSV and Excel."""
    return table.frame.apply(lambda col: col.map(lambda v: cell_text(v) if is_list(v) else v))


def table_csv(table: Table) -> str:
    """The table's header and rows; the caption is the file name's business, not a row."""
    buffer = io.StringIO()
    plain_frame(table).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


# ---------------------------------------------------------------- LaTeX

_TEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
        "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}",
        ">": r"\textgreater{}", "—": "---", "–": "--", "•": r"\textbullet{}", "’": "'", "‘": "`"}


def tex_escape(text: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in text)


def _tex_cell(value: Any) -> str:
    if is_list(value):
        return r"\newline ".join(r"\textbullet~" + tex_escape(str(v)) for v in value)
    return r"\newline ".join(tex_escape(p) for p in cell_text(value).split("\n"))


def table_latex(table: Table) -> str:
    """A booktabs table with wrapping columns (tabularx), numbered as in the appendix."""
    n = len(table.headers)
    weights = column_weights(table)
    # tabularx: the \hsize factors of the X columns must add up to the number of columns
    spec = "".join(rf">{{\raggedright\arraybackslash\hsize={w * n / sum(weights):.3f}\hsize}}X" for w in weights)
    out = [r"\begin{table}[htbp]", r"\centering\small",
           rf"\renewcommand{{\thetable}}{{{tex_escape(table.number)}}}",
           rf"\caption{{{tex_escape(table.caption)}}}", rf"\label{{tab:{table.slug}}}",
           rf"\begin{{tabularx}}{{\linewidth}}{{{spec}}}", r"\toprule",
           " & ".join(r"\textbf{" + tex_escape(h) + "}" for h in table.headers) + r" \\", r"\midrule"]
    rows = table.rows()
    spaced = any(is_list(c) or "\n" in cell_text(c) for row in rows for c in row)
    for i, row in enumerate(rows):
        out.append(" & ".join(_tex_cell(c) for c in row) + r" \\" + (r"\addlinespace" if spaced and i < len(rows) - 1
                                                                      else ""))
    out += [r"\bottomrule", r"\end{tabularx}"]
    out += [r"\par\smallskip\footnotesize " + tex_escape(note) for note in table.notes]
    out.append(r"\end{table}")
    return "\n".join(out) + "\n"


def document_latex(tables: list[Table], title: str) -> str:
    """A complete document (``pdflatex tables.tex``); copy the table environments into your own."""
    head = [r"\documentclass[11pt]{article}", r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}",
            r"\usepackage[a4paper,margin=2cm,landscape]{geometry}", r"\usepackage{booktabs,tabularx,array}",
            r"\usepackage{caption}", r"\captionsetup{labelsep=colon,justification=raggedright,singlelinecheck=off}",
            rf"\title{{{tex_escape(title)}}}", r"\date{}", r"\begin{document}", r"\maketitle", ""]
    return "\n".join(head) + "\n".join(table_latex(t) for t in tables) + "\\end{document}\n"


# ---------------------------------------------------------------- HTML

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #1a1a1a; margin: 2em auto;
       max-width: 68em; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; } h3 { font-size: 1.1em; }
table.realist { border-collapse: collapse; width: 100%; margin: 0.5em 0 0.3em; }
table.realist caption { caption-side: top; text-align: left; font-weight: bold; padding: 0.4em 0; }
table.realist th, table.realist td { border: 1px solid #888; padding: 0.35em 0.5em; vertical-align: top;
                                     text-align: left; }
table.realist thead th { background: #e8eef4; }
table.realist td p { margin: 0 0 0.3em; } table.realist td ul { margin: 0; padding-left: 1.2em; }
p.note { font-size: 0.9em; color: #444; margin: 0.2em 0 1.2em; }
figure { margin: 1em 0 2em; } figure svg { max-width: 100%; height: auto; }
figcaption { font-weight: bold; margin-bottom: 0.4em; }
blockquote { margin: 0.6em 0 0.6em 1.5em; border-left: 3px solid #9ab; padding-left: 0.8em; }
blockquote footer { color: #444; font-size: 0.95em; }
div.statement { background: #f4f6f8; border-left: 3px solid #9ab; padding: 0.4em 0.8em; margin: 0.4em 0 1.2em; }
div.statement p { margin: 0.3em 0; } nav.contents ul { columns: 2; font-size: 0.92em; padding-left: 1.2em; } p.lead { font-weight: bold; margin-bottom: 0.2em; }
h4 { font-size: 1.05em; margin-top: 1.6em; }
@media print { body { max-width: none; margin: 0; } tr, figure, blockquote { break-inside: avoid; }
               h2, h3, h4, figcaption, p.lead { break-after: avoid; } }
""".strip()


def _html_cell(value: Any) -> str:
    if is_list(value):
        return "<ul>" + "".join(f"<li>{html.escape(str(v))}</li>" for v in value) + "</ul>"
    parts = cell_text(value).split("\n")
    if len(parts) == 1:
        return html.escape(parts[0])
    return "".join(f"<p>{html.escape(p)}</p>" for p in parts)


def table_html(table: Table) -> str:
    """A ``<table>`` with its caption, header row and notes."""
    out = [f'<table class="realist" id="table-{html.escape(table.number)}">',
           f"<caption>{html.escape(table.title)}</caption>", "<thead><tr>"]
    out += [f'<th scope="col">{html.escape(h)}</th>' for h in table.headers]
    out.append("</tr></thead><tbody>")
    for row in table.rows():
        out.append("<tr>" + "".join(f"<td>{_html_cell(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    out += [f'<p class="note">{html.escape(note)}</p>' for note in table.notes]
    return "\n".join(out) + "\n"


def html_document(title: str, body: str) -> str:
    """A self-contained page: styles inline, no external resources."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n{body}</body>\n</html>\n")


def document_html(tables: list[Table], title: str) -> str:
    return html_document(title, "".join(table_html(t) for t in tables))
