"""The theory of change as a left-to-right logic model (Appendix A of the worked example).

Inputs, activities, outputs, short-, medium- and long-term outcomes and impact
each make one column; an entry that names its theories carries their numbers,
and a key under the figure says which number is which theory.
"""

from __future__ import annotations

from realist.model.project import Project, ToCEntry
from realist.render.connections import ordered_theories
from realist.render.dot import TINTS, Dot, esc, html_table, wrap

COLUMN_FILLS = {  # light tints that step from blue to orange across the model
    "inputs": TINTS["grey"], "activities": TINTS["skyblue"], "outputs": TINTS["blue"],
    "short": TINTS["green"], "medium": TINTS["yellow"], "long": TINTS["orange"], "impact": TINTS["vermillion"],
}
ENTRY_WIDTH = 22
ENTRY_POINTS = 130  # every column equally wide: about 22 characters of 11-point Arial


def toc_columns(project: Project) -> list[tuple[str, str, list[ToCEntry]]]:
    """(key, heading, entries) for every non-empty column of the logic model, left to right."""
    toc = project.toc
    if toc is None:
        return []
    columns = [("inputs", "Inputs", toc.inputs), ("activities", "Activities", toc.activities),
               ("outputs", "Outputs", toc.outputs)]
    for term, heading in (("short", "Short-term outcomes"), ("medium", "Medium-term outcomes"),
                          ("long", "Long-term outcomes")):
        columns.append((term, heading, toc.outcomes.get(term, [])))
    for term in sorted(k for k in toc.outcomes if k not in ("short", "medium", "long")):
        columns.append((term, f"Outcomes ({term})", toc.outcomes[term]))
    columns.append(("impact", "Impact", toc.impact))
    return [c for c in columns if c[2]]


def toc_dot(project: Project) -> str:
    """The DOT source of the theory of change; an empty figure says there is none.

    Example::

        >>> print(toc_dot(project))  # doctest: +SKIP
        digraph "toc" { ...
    """
    d = Dot("toc", {"rankdir": "LR", "ranksep": 0.45, "nodesep": 0.3, "labelloc": "b", "labeljust": "l",
                    "fontsize": 10})
    title = project.manifest.programme or project.manifest.title
    d.open("cluster_figure", label=f"<<B>Theory of change: {esc(title)}</B>>", fontsize=16, peripheries=0,
           labelloc="t", labeljust="l")
    numbers = {t.id: n for n, t in enumerate(ordered_theories(project), start=1)}
    used: set[str] = set()
    columns = toc_columns(project)
    if not columns:
        d.node("empty", label="No theory of change: add one with `toc:` in realist.yaml", shape="plain")
    for key, heading, entries in columns:
        rows = [f'<TR><TD ALIGN="LEFT" CELLPADDING="4"><B>{esc(heading)}</B></TD></TR>']
        for entry in entries:
            text = "<BR/>".join(esc(line) for line in wrap(entry.text, ENTRY_WIDTH))
            tags = [numbers[t] for t in entry.theories if t in numbers]
            used.update(t for t in entry.theories if t in numbers)
            tag = (f' <FONT POINT-SIZE="9"><B>[{", ".join(str(n) for n in sorted(tags))}]</B></FONT>'
                   if tags else "")
            rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="white" BORDER="1" COLOR="#BBBBBB" '
                        f'WIDTH="{ENTRY_POINTS}">'
                        f'{text}{tag}</TD></TR>')
        label = html_table(rows, CELLSPACING=4, CELLPADDING=4)
        d.node(f"toc:{key}", label=label, shape="box", style="rounded,filled", fillcolor=COLUMN_FILLS.get(key,
               TINTS["grey"]), margin="0.05", color="#888888")
    for (a, _, _), (b, _, _) in zip(columns, columns[1:], strict=False):
        d.edge(f"toc:{a}", f"toc:{b}", penwidth=2.0, arrowsize=1.2)
    d.close()
    if used:
        key_rows = [f'<TR><TD ALIGN="RIGHT"><B>[{numbers[t.id]}]</B></TD><TD ALIGN="LEFT">{esc(t.title)}</TD></TR>'
                    for t in ordered_theories(project) if t.id in used]
        d.line("label=" + html_table(['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Programme theories</B></TD></TR>']
                                     + key_rows, CELLPADDING=1))
    return d.source()
