"""One theory as a detailed C(I)MO diagram (Figures B.2-B.8 of the worked example).

Left to right: contexts (requirements, supportive factors, external barriers) and
interventions, then mechanisms, then outcomes by term; quantitative evidence hangs
off the element it bears on. The If/Then/Because statement and a strength badge
form the caption under the figure.
"""

from __future__ import annotations

from realist.model.project import Element, Project, Theory
from realist.render.dot import OKABE_ITO, TINTS, Dot, esc, html_table, lines_html, wrap
from realist.render.evidence import reading, strand_counts
from realist.text import plural

ROLE_HEADINGS = {
    "requirement": "Requirements",
    "supportive": "Supportive factors",
    "barrier": "External barriers",
    None: "Role not stated",
}
ROLE_EDGES = {  # how each kind of context acts on the mechanisms: label, line style, arrowhead
    "requirement": ("needed to fire", "solid", "normal"),
    "supportive": ("amplify", "dashed", "empty"),
    "barrier": ("dampen", "dotted", "tee"),
    None: ("shape", "solid", "normal"),
}
ROLE_STYLES = {  # fill, node style: barriers have cut corners, supportive factors a dashed border
    "requirement": (TINTS["skyblue"], "filled"),
    "supportive": (TINTS["green"], "filled,dashed"),
    "barrier": (TINTS["vermillion"], "filled,diagonals"),
    None: (TINTS["skyblue"], "filled"),
}
TERM_HEADINGS = {"short": "Short term", "medium": "Medium term", "long": "Long term", None: "Term not stated"}
VERDICT_EDGES = {  # quantitative evidence: line style, arrowhead, colour
    "supports": ("solid", "normal", OKABE_ITO["blue"]),
    "refines": ("dashed", "diamond", OKABE_ITO["blue"]),
    "refutes": ("bold", "tee", OKABE_ITO["vermillion"]),
    "inconclusive": ("dashed", "odot", OKABE_ITO["grey"]),
}
TEXT_WIDTH = 30
CELL_WIDTH = 160  # points: about 30 characters of 11-point Arial


def _element_node(d: Dot, theory: Theory, el: Element, fill: str, style: str, tag: str | None = None,
                  peripheries: int | None = None) -> None:
    text = "<BR/>".join(esc(line) for line in wrap(el.text, TEXT_WIDTH))
    tag_html = f' <I><FONT POINT-SIZE="9">{esc(tag)}</FONT></I>' if tag else ""
    # a fixed-width cell keeps the boxes of a column equally wide with the text flush left
    label = (f'<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD ALIGN="LEFT" BALIGN="LEFT" '
             f'WIDTH="{CELL_WIDTH}"><B>{esc(el.id)}</B>{tag_html}<BR/>{text}</TD></TR></TABLE>>')
    d.node(f"{theory.id}:{el.id}", label=label, style=style, fillcolor=fill, peripheries=peripheries,
           tooltip=f"{theory.id}:{el.id}")


def _chain(d: Dot, ids: list[str]) -> None:
    """Keep nodes of one column in the order written (invisible flat edges)."""
    for a, b in zip(ids, ids[1:], strict=False):  # in a left-to-right layout a flat edge's head sits above its tail
        d.edge(b, a, style="invis")


def rating_badge(project: Project, theory: Theory) -> str:
    """The HTML text of the strength badge: the rating with a dot scale, then one line per strand.

    One block of lines, not table rows, so it keeps its spacing beside a taller statement.
    """
    scale = project.manifest.strength_scale
    rating = theory.strength.rating
    if rating in scale:
        pos = scale.index(rating)
        mark = "●" * (len(scale) - pos) + "○" * pos
        head = f"<B>Strength of evidence: {esc(rating.capitalize())}</B>&#160;{mark}"
    else:
        head = "<B>Strength of evidence: not rated</B>"
    lines = []
    for s in strand_counts(project, theory):
        count = ""
        if s.count is not None:
            unit = "excerpt" if s.kind == "qualitative" else "result"
            count = f" ({plural(s.count, unit)})"
        mark = "▲" if s.kind == "quantitative" else "■"
        lines.append(f"{mark} {esc(s.label)}{esc(count)}")
    body = '<BR ALIGN="LEFT"/>'.join(lines or ["no sources listed"])
    return f'{head}<BR ALIGN="LEFT"/><FONT POINT-SIZE="10">{body}</FONT><BR ALIGN="LEFT"/>'


def _caption(project: Project, theory: Theory) -> str:
    s = theory.statement
    parts = [("If", s.if_), ("Then", s.then), ("Because", s.because)]
    rows = []
    for word, text in parts:
        if not text:
            continue
        body = lines_html(text, 70, align="LEFT")
        rows.append(f'<TR><TD ALIGN="LEFT" VALIGN="TOP"><B>{word}</B></TD><TD ALIGN="LEFT">{body}</TD></TR>')
    statement = html_table(rows, CELLPADDING=3)[1:-1]
    badge = rating_badge(project, theory)
    return (f'<<TABLE BORDER="0" CELLSPACING="8" CELLPADDING="6"><TR>'
            f'<TD ALIGN="LEFT" VALIGN="TOP" BORDER="1" COLOR="#888888">{statement}</TD>'
            f'<TD ALIGN="LEFT" VALIGN="TOP" BORDER="1" COLOR="#888888" BGCOLOR="{TINTS["grey"]}" BALIGN="LEFT">{badge}</TD>'
            f'</TR></TABLE>>')


def theory_dot(project: Project, theory: Theory) -> str:
    """The DOT source of one theory's C(I)MO diagram.

    Example::

        >>> dot = theory_dot(project, project.theory("trusting-relationships"))  # doctest: +SKIP
        >>> dot.startswith('digraph "theory-trusting-relationships"')  # doctest: +SKIP
        True
    """
    d = Dot(f"theory-{theory.id}", {"rankdir": "LR", "compound": "true", "ranksep": 0.9, "nodesep": 0.18,
                                    "labelloc": "b", "labeljust": "l", "label": _caption(project, theory)})
    title = "<" + lines_html(theory.title, 60, bold=True, align="LEFT") + ">"
    d.open("cluster_figure", label=title, fontsize=16, peripheries=0, labeljust="l",
           labelloc="t")

    first_column: list[str] = []  # contexts then interventions, top to bottom
    role_anchor: dict[str | None, str] = {}
    d.open("cluster_contexts", label="<<B>Contexts</B>>", style="rounded", color="#999999", peripheries=1, labelloc="t", fontsize=13, labeljust="l")
    for role in ("requirement", "supportive", "barrier", None)[::-1]:
        items = [e for e in theory.contexts if e.role == role]
        if not items:
            continue
        fill, style = ROLE_STYLES[role]
        d.open(f"cluster_role_{role or 'other'}", label=f"<<I>{ROLE_HEADINGS[role]}</I>>", style="dotted", peripheries=1, labelloc="t", fontsize=13,
               color="#999999", labeljust="l")
        for el in items:
            _element_node(d, theory, el, fill, style)
            first_column.append(f"{theory.id}:{el.id}")
        role_anchor[role] = f"{theory.id}:{items[len(items) // 2].id}"
        d.close()
    d.close()
    if theory.interventions:
        d.open("cluster_interventions", label="<<B>Interventions</B>>", style="rounded", color="#999999", peripheries=1, labelloc="t", fontsize=13,
               labeljust="l")
        for el in theory.interventions:
            _element_node(d, theory, el, TINTS["yellow"], "rounded,filled")
            first_column.append(f"{theory.id}:{el.id}")
        d.close()

    mech_ids = [f"{theory.id}:{m.id}" for m in theory.mechanisms]
    d.open("cluster_mechanisms", label="<<B>Mechanisms</B>>", style="rounded", color="#999999", peripheries=1,
           labelloc="t", fontsize=13, labeljust="l")
    for el in theory.mechanisms:
        if el.mechanism_kind == "resource":
            _element_node(d, theory, el, TINTS["orange"], "rounded,filled", tag="resource", peripheries=2)
        else:
            _element_node(d, theory, el, TINTS["purple"], "rounded,filled", tag=el.mechanism_kind)
    if not mech_ids:
        # the gap is part of the picture: a theory without a mechanism does not yet explain anything
        mech_ids = [f"{theory.id}:no-mechanism"]
        d.node(mech_ids[0], label="<<I>no mechanism stated yet</I>>", style="rounded,dashed", color="#888888",
               fontcolor="#555555")
    d.close()

    out_ids: list[str] = []
    if theory.outcomes:
        d.open("cluster_outcomes", label="<<B>Outcomes</B>>", style="rounded", color="#999999", peripheries=1, labelloc="t", fontsize=13, labeljust="l")
        for term in ("short", "medium", "long", None):
            items = [e for e in theory.outcomes if e.term == term]
            if not items:
                continue
            d.open(f"cluster_term_{term or 'other'}", label=f"<<I>{TERM_HEADINGS[term]}</I>>", style="dotted", peripheries=1, labelloc="t", fontsize=13,
                   color="#999999", labeljust="l")
            for el in items:
                _element_node(d, theory, el, TINTS["blue"], "filled")
                out_ids.append(f"{theory.id}:{el.id}")
            d.close()
        d.close()
    d.close()  # cluster_figure

    d.same_rank(first_column)
    _chain(d, first_column)
    d.same_rank(mech_ids)
    _chain(d, mech_ids)
    d.same_rank(out_ids)
    _chain(d, out_ids)

    if mech_ids:
        head = mech_ids[len(mech_ids) // 2]
        for role, anchor in reversed(role_anchor.items()):
            label, style, arrow = ROLE_EDGES[role]
            d.edge(anchor, head, ltail=f"cluster_role_{role or 'other'}", lhead="cluster_mechanisms",
                   label=label, style=style, arrowhead=arrow, penwidth=1.4)
        if theory.interventions:
            anchor = f"{theory.id}:{theory.interventions[len(theory.interventions) // 2].id}"
            d.edge(anchor, head, ltail="cluster_interventions", lhead="cluster_mechanisms", label="trigger",
                   penwidth=1.4)
        if out_ids:
            d.edge(head, out_ids[len(out_ids) // 2], ltail="cluster_mechanisms", lhead="cluster_outcomes",
                   label="generate", penwidth=1.4)
    whole = (out_ids[len(out_ids) // 2], "cluster_outcomes") if out_ids else (
        mech_ids[len(mech_ids) // 2], "cluster_mechanisms")
    _evidence_nodes(d, project, theory, whole)
    return d.source()


def _evidence_nodes(d: Dot, project: Project, theory: Theory, whole: tuple[str, str]) -> None:
    """Quantitative results beside the element they bear on, the arrow styled by how they read.

    A result that bears on the whole theory points at ``whole``: (a node, its cluster).
    """
    for ev in sorted(project.evidence.values(), key=lambda e: e.id):
        for bear in ev.bears_on:
            if bear.theory != theory.id:
                continue
            target = f"{theory.id}:{bear.element}" if bear.element and theory.element(bear.element) else None
            r = reading(ev, bear)
            style, arrow, colour = VERDICT_EDGES.get(r.verdict, VERDICT_EDGES["supports"])
            strand = project.manifest.strands.get(ev.strand or "")
            source = strand.label if strand else (ev.strand or "quantitative evidence")
            body = lines_html(ev.title, 32, align="LEFT")
            label = (f'<<FONT POINT-SIZE="9"><I>{esc(source)}</I></FONT><BR ALIGN="LEFT"/>{body}'
                     f'<B>{esc(r.verdict)}</B>{esc(", " + r.detail) if r.detail else ""}<BR ALIGN="LEFT"/>>')
            node = f"evidence:{ev.id}:{bear.target}"
            fill = TINTS["grey"] if r.verdict == "inconclusive" else TINTS["white"]
            d.node(node, label=label, shape="note", style="filled", fillcolor=fill, color=colour,
                   tooltip=ev.id)
            if target:
                d.edge(target, node, dir="back", arrowtail=arrow, style=style, color=colour, penwidth=1.4)
            else:
                d.edge(whole[0], node, ltail=whole[1], dir="back", arrowtail=arrow, style=style, color=colour,
                       penwidth=1.4, label="whole theory", fontcolor=colour)


def theory_caption(theory: Theory) -> str:
    """The figure's caption for a report: the statement as one sentence."""
    return theory.statement.sentence()


__all__ = ["theory_dot", "theory_caption", "rating_badge", "wrap"]
