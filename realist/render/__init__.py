"""Theory diagrams: every figure as deterministic DOT, drawn by Graphviz on demand.

The figures of a project, in report order::

    >>> from realist import load_project  # doctest: +SKIP
    >>> from realist.render import figures  # doctest: +SKIP
    >>> for fig in figures(load_project(".")):  # doctest: +SKIP
    ...     print(fig.id, fig.title)
    ...     svg_text = fig.svg()  # needs Graphviz's `dot`

Figure ids: ``toc``, ``connections``, ``phases`` and ``theory-<theory id>``
(see docs/diagrams.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from realist.model.project import Project, Theory

KINDS = ("theory", "connections", "phases", "toc")


@dataclass(frozen=True)
class Figure:
    """One figure: a stable id (also its file name), a title, a caption and its DOT source."""

    id: str
    title: str
    caption: str
    dot: str

    def render(self, fmt: str = "svg") -> bytes:
        """The figure as svg, png, pdf or dot bytes (raises GraphvizMissing without `dot`)."""
        from realist.render.output import render

        return render(self.dot, fmt)

    def svg(self) -> str:
        """The figure as SVG text, ready to inline in an HTML report."""
        return self.render("svg").decode("utf-8")


def theory_figure(project: Project, theory: Theory) -> Figure:
    """The detailed C(I)MO figure of one theory (Figures B.2-B.8 kind)."""
    from realist.render.theory import theory_dot

    return Figure(f"theory-{theory.id}", f"{theory.title}: detailed C(I)MO configuration",
                  theory.statement.sentence(), theory_dot(project, theory))


def connections_figure(project: Project) -> Figure:
    """How the theories connect (Figure 6.1 kind)."""
    from realist.render.connections import connections_dot

    return Figure("connections", "Connections between theories",
                  "Theories grouped by theme; numbered arrows are explained in the key; the border shows the "
                  "strength of evidence.", connections_dot(project))


def phases_figure(project: Project) -> Figure:
    """How each theory changed from phase to phase (Figure B.1 kind)."""
    from realist.render.phases import phases_dot

    return Figure("phases", "Phases of iteration",
                  "One column per phase of fieldwork; each box is a version of a theory, each arrow what "
                  "happened to it.", phases_dot(project))


def toc_figure(project: Project) -> Figure | None:
    """The theory of change as a logic model (Appendix A kind), or None when the project has none."""
    from realist.render.toc import toc_dot

    if project.toc is None:
        return None
    return Figure("toc", "Theory of change",
                  "The logic model, left to right; bracketed numbers name the programme theories an entry "
                  "belongs to.", toc_dot(project))


def figures(project: Project) -> list[Figure]:
    """Every figure of the project in report order: theory of change, connections, phases, one per theory."""
    from realist.render.connections import ordered_theories

    out: list[Figure] = []
    toc = toc_figure(project)
    if toc is not None:
        out.append(toc)
    if project.theories:
        out.append(connections_figure(project))
        out.append(phases_figure(project))
    out.extend(theory_figure(project, t) for t in ordered_theories(project))
    return out


__all__ = ["Figure", "figures", "theory_figure", "connections_figure", "phases_figure", "toc_figure"]
