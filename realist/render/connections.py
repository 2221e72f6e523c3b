"""Connections between theories (Figure 6.1 of the worked example).

Theories are clustered by group in the manifest's order; each link is an arrow
labelled with its words and the element it runs through. A node's border says
how strong the evidence is (thick solid, solid, dashed, dotted down the scale),
its fill repeats it in a colour-blind-safe tint, and its second line names it.
"""

from __future__ import annotations

from realist.model.project import Link, Project, Theory
from realist.render.dot import OKABE_ITO, TINTS, Dot, esc, html_table, lines_html

#: strength position (0 = strongest) -> border style, pen width, border colour, fill
STRENGTH_STYLES = (
    ("solid", 3.0, OKABE_ITO["blue"], TINTS["blue"]),
    ("solid", 1.5, OKABE_ITO["blue"], TINTS["skyblue"]),
    ("dashed", 1.5, OKABE_ITO["grey"], TINTS["white"]),
    ("dotted", 1.5, OKABE_ITO["grey"], TINTS["white"]),
)
UNRATED_STYLE = ("dotted", 1.0, OKABE_ITO["grey"], TINTS["grey"])


def strength_style(project: Project, rating: str | None) -> tuple[str, float, str, str]:
    scale = project.manifest.strength_scale
    if rating not in scale:
        return UNRATED_STYLE
    return STRENGTH_STYLES[min(scale.index(rating), len(STRENGTH_STYLES) - 1)]


def ordered_theories(project: Project) -> list[Theory]:
    """Theories in the manifest's group order, then by title; ungrouped last."""
    groups = list(project.manifest.groups)

    def key(t: Theory) -> tuple[int, str, str]:
        pos = groups.index(t.group) if t.group in groups else len(groups)
        return (pos, t.title.lower(), t.id)

    return sorted(project.theories.values(), key=key)


def _theory_node(d: Dot, project: Project, theory: Theory) -> None:
    style, pen, colour, fill = strength_style(project, theory.strength.rating)
    rating = theory.strength.rating or "not rated"
    label = (f'<{lines_html(theory.title, 22, bold=True)}<BR/>'
             f'<FONT POINT-SIZE="9"><I>{esc(rating)}</I></FONT>>')
    d.node(theory.id, label=label, style=f"rounded,filled,{style}", penwidth=pen, color=colour, fillcolor=fill,
           margin="0.15,0.08", tooltip=theory.id)


def _legend(project: Project) -> str:
    """One row of sample boxes, drawn like the theory boxes, one per rating."""
    cells = ['<TD ALIGN="LEFT"><B>Strength of evidence:</B></TD>']
    for pos, rating in enumerate(project.manifest.strength_scale):
        style, pen, colour, fill = STRENGTH_STYLES[min(pos, len(STRENGTH_STYLES) - 1)]
        dash = "" if style == "solid" else f' STYLE="{style}"'
        cells.append(f'<TD BORDER="{max(1, round(pen))}" COLOR="{colour}" BGCOLOR="{fill}"{dash}>'
                     f'<I>{esc(rating)}</I></TD>')
    return ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="6" CELLPADDING="4"><TR>' + "".join(cells)
            + "</TR></TABLE>")


def _key_row(number: int, theory: Theory, link: Link, to: Theory) -> str:
    """One row of the key under the map: number, from, to, the element it runs through, the words."""
    via = ""
    if link.via:
        el = theory.element(link.via)
        via = esc(link.via) + (f" ({esc(el.kind)})" if el else "")
    cells = [f"<B>{number}</B>", esc(theory.title), esc(to.title), via, esc(link.label or "")]
    return "<TR>" + "".join(f'<TD ALIGN="{"RIGHT" if i == 0 else "LEFT"}">{c}</TD>' for i, c in enumerate(cells)) + "</TR>"


KEY_HEADER = ('<TR><TD></TD>' + "".join(f'<TD ALIGN="LEFT"><B>{h}</B></TD>' for h in ("From", "To", "Via", "How"))
              + "</TR>")


def connections_dot(project: Project) -> str:
    """The DOT source of the connections map: every theory, clustered by group, every link labelled.

    Example::

        >>> print(connections_dot(project))  # doctest: +SKIP
        digraph "connections" { ...
    """
    d = Dot("connections", {"rankdir": "TB", "ranksep": 0.6, "nodesep": 0.5, "labelloc": "b", "labeljust": "l",
                            "fontsize": 10})
    d.open("cluster_figure", label="<<B>Connections between theories</B>>", fontsize=16, peripheries=0,
           labelloc="t", labeljust="l")
    theories = ordered_theories(project)
    group_ids = list(project.manifest.groups) + [None]
    for gid in group_ids:
        members = [t for t in theories if (t.group if t.group in project.manifest.groups else None) == gid]
        if not members:
            continue
        if gid is None:
            for t in members:
                _theory_node(d, project, t)
            continue
        title = project.manifest.groups[gid]
        d.open(f"cluster_{gid}", label="", style="rounded,filled", color="#999999", fillcolor="#FAFAFA",
               peripheries=1)
        # the group's name is a node, not the cluster's label, so arrows are routed around it
        d.node(f"group:{gid}", label=f"<<B>{lines_html(title, 34)}</B>>", shape="plain", fontsize=12)
        for t in members:
            _theory_node(d, project, t)
            d.edge(f"group:{gid}", t.id, style="invis")
        d.close()
    d.close()
    links = [(t, link) for t in theories for link in t.links if link.to in project.theories]
    key_rows = []
    for number, (t, link) in enumerate(links, start=1):
        # a number on the arrow and the words in a key below: labels never overlap, however dense the map
        d.edge(t.id, link.to, label=f"<<B> {number} </B>>", penwidth=1.2, fontsize=11)
        key_rows.append(_key_row(number, t, link, project.theories[link.to]))
    key = html_table([KEY_HEADER, *key_rows], CELLPADDING=2, CELLSPACING=3)[1:-1] if key_rows else ""
    d.line(f'label=<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT">{_legend(project)}</TD>'
           f'</TR><TR><TD ALIGN="LEFT">{key}</TD></TR></TABLE>>' if key else f"label=<{_legend(project)}>")
    return d.source()
