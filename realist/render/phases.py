"""Phases of iteration (Figure B.1 of the worked example).

One column per phase of the manifest, a box per theory version (one per history
entry), arrows between a theory's versions named by what happened: supported
(carried forward), revised, refuted, retired; merged and split arrows run
between theories. A revised step that records the statement it replaced, while
the title stayed, is marked with an asterisk and explained in a footnote.
"""

from __future__ import annotations

from realist.model.project import PhaseEntry, Project, Theory
from realist.render.connections import ordered_theories
from realist.render.dot import OKABE_ITO, TINTS, Dot, esc, lines_html

#: status -> border style, fill, arrow label, arrow style
STATUS_STYLES: dict[str, tuple[str, str, str, str]] = {
    "proposed": ("solid", TINTS["white"], "carried forward", "solid"),
    "supported": ("solid", TINTS["skyblue"], "supported", "solid"),
    "revised": ("dashed", TINTS["orange"], "revised", "dashed"),
    "refuted": ("dotted", TINTS["grey"], "refuted", "dotted"),
    "merged": ("dashed", TINTS["purple"], "merged", "dashed"),
    "split": ("dashed", TINTS["green"], "split", "dashed"),
    "retired": ("dotted", TINTS["grey"], "retired", "dotted"),
}
ENDINGS = ("refuted", "retired")
REMIT_MARK = "*"
REMIT_NOTE = "* remit changed while the title stayed the same"
GAP_NOTE = "A dotted line through a phase: nothing was recorded for the theory in that phase."


def remit_changed(entry: PhaseEntry) -> bool:
    """A revision that records the statement it replaced: the remit moved, the title did not."""
    return entry.status == "revised" and entry.previous is not None


def _node_id(theory: Theory, index: int) -> str:
    return f"{theory.id}@{index}"


def _version_label(project: Project, theory: Theory, entry: PhaseEntry) -> str:
    mark = REMIT_MARK if remit_changed(entry) else ""

    def titles(ids: list[str]) -> str:
        return ", ".join(project.theories[i].title if i in project.theories else i for i in ids)

    status = entry.status
    if entry.into:
        status += " into " + titles(entry.into)
    if entry.from_:
        status += " from " + titles(entry.from_)
    head = lines_html(theory.title + mark, 22, bold=True)
    return f'<{head}<BR/><FONT POINT-SIZE="9"><I>{esc(status)}</I></FONT>>'


def phases_dot(project: Project) -> str:
    """The DOT source of the phases-of-iteration figure.

    Example::

        >>> print(phases_dot(project))  # doctest: +SKIP
        digraph "phases" { ...
    """
    phases = list(project.manifest.phases)
    for t in project.theories.values():  # phases used in histories but missing from the manifest go last
        for h in t.history:
            if h.phase not in phases:
                phases.append(h.phase)
    d = Dot("phases", {"rankdir": "LR", "ranksep": 0.9, "nodesep": 0.2, "labelloc": "b", "labeljust": "l",
                       "fontsize": 10})
    d.open("cluster_figure", label="<<B>Phases of iteration</B>>", fontsize=16, peripheries=0, labelloc="t",
           labeljust="l")
    columns: dict[str, list[str]] = {p: [f"phase:{p}"] for p in phases}
    for p in phases:
        d.node(f"phase:{p}", label=f"<<B>{esc(p.capitalize())} phase</B>>", shape="plain", fontsize=13)
    for a, b in zip(phases, phases[1:], strict=False):
        d.edge(f"phase:{a}", f"phase:{b}", style="invis")
    theories = ordered_theories(project)
    pos = {p: i for i, p in enumerate(phases)}
    marks = gaps = False
    for t in theories:
        for i, h in enumerate(t.history):
            border, fill, _, _ = STATUS_STYLES.get(h.status, STATUS_STYLES["proposed"])
            shape = "octagon" if h.status in ENDINGS else "box"
            marks = marks or remit_changed(h)
            d.node(_node_id(t, i), label=_version_label(project, t, h), shape=shape, style=f"rounded,filled,{border}",
                   fillcolor=fill, width=2.0, tooltip=f"{t.id}: {h.note}" if h.note else t.id)
            columns[h.phase].append(_node_id(t, i))
            if i and pos[h.phase] - pos[t.history[i - 1].phase] > 1:
                gaps = True
                for skipped in phases[pos[t.history[i - 1].phase] + 1:pos[h.phase]]:
                    # a phase with nothing recorded: the line runs through its column, unlabelled
                    d.node(f"{_node_id(t, i)}~{skipped}", shape="point", width=0.06, color=OKABE_ITO["grey"])
                    columns[skipped].append(f"{_node_id(t, i)}~{skipped}")
    d.close()
    for p in phases:
        d.same_rank(columns[p])
    for t in theories:
        for i in range(1, len(t.history)):
            prev, h = t.history[i - 1], t.history[i]
            _, _, label, style = STATUS_STYLES.get(h.status, STATUS_STYLES["supported"])
            if h.status == "proposed":
                label = "carried forward"
            tail = _node_id(t, i - 1)
            for skipped in phases[pos[prev.phase] + 1:pos[h.phase]]:
                point = f"{_node_id(t, i)}~{skipped}"
                d.edge(tail, point, style="dotted", arrowhead="none", color=OKABE_ITO["grey"], penwidth=1.3)
                tail = point
            d.edge(tail, _node_id(t, i), label=label, style=style, penwidth=1.3)
    _cross_theory_edges(d, project, theories, pos)
    notes = ([GAP_NOTE] if gaps else []) + ([REMIT_NOTE] if marks else [])
    if notes:
        d.line("label=<" + '<BR ALIGN="LEFT"/>'.join(esc(n) for n in notes) + '<BR ALIGN="LEFT"/>>')
    return d.source()


def _cross_theory_edges(d: Dot, project: Project, theories: list[Theory], pos: dict[str, int]) -> None:
    """merged into / split from: arrows between theories, to the nearest version in a later phase."""

    def version_at_or_after(theory: Theory, phase_pos: int) -> str | None:
        for i, h in enumerate(theory.history):
            if pos[h.phase] >= phase_pos:
                return _node_id(theory, i)
        return None

    def version_before(theory: Theory, phase_pos: int) -> str | None:
        found = None
        for i, h in enumerate(theory.history):
            if pos[h.phase] < phase_pos:
                found = _node_id(theory, i)
        return found

    for t in theories:
        for i, h in enumerate(t.history):
            for other_id in h.into if h.status == "merged" else []:
                other = project.theories.get(other_id)
                head = (version_at_or_after(other, pos[h.phase] + 1) or version_at_or_after(other, pos[h.phase])
                        if other else None)
                if head:
                    d.edge(_node_id(t, i), head, label="merged into", style="dashed", penwidth=1.3,
                           color=OKABE_ITO["purple"])
            for other_id in h.from_ if h.status == "split" else []:
                other = project.theories.get(other_id)
                tail = version_before(other, pos[h.phase]) if other else None
                if tail:
                    d.edge(tail, _node_id(t, i), label="split into", style="dashed", penwidth=1.3,
                           color=OKABE_ITO["green"])
