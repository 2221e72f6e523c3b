"""`realist diagram theory ID | connections | phases | toc | all`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from realist.cli.common import open_project, project_option

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("svg", "png", "pdf", "dot")


def figure_options(func: F) -> F:
    func = click.option("--out", "out", type=click.Path(path_type=Path), default=None,
                        help="Where to write: a file, a folder, or - for standard output "
                             "(default: FIGURE-ID.FORMAT in the current folder).")(func)
    func = click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                        help="svg (default), png, pdf, or dot (the Graphviz source, no `dot` needed).")(func)
    return project_option(func)


@click.group()
def diagram() -> None:
    """Draw theory diagrams with Graphviz: SVG, PNG, PDF or the DOT source.

    The same project always gives byte-identical DOT, so figures diff cleanly in git.

    \b
    Example:
      realist diagram theory trusting-relationships
      realist diagram connections --format png --out figures/
      realist diagram all --out out/figures
    """


def _emit(fig: Any, fmt: str | None, out: Path | None) -> None:
    from realist.render.output import render, write_figure

    if out is not None and str(out) == "-":
        data = render(fig.dot, fmt or "svg")
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else sys.stdout.write(data.decode())
        return
    if fmt is None and out is not None and out.suffix.lstrip(".") in FORMATS:
        fmt = out.suffix.lstrip(".")
    fmt = fmt or "svg"
    if out is None:
        target = Path(f"{fig.id}.{fmt}")
    elif out.is_dir() or str(out).endswith(("/", "\\")) or not out.suffix:
        target = out / f"{fig.id}.{fmt}"
    else:
        target = out
    for path in write_figure(fig.dot, target, fmt):
        sys.stderr.write(f"wrote {path}\n")


@diagram.command()
@click.argument("theory_id", metavar="ID", required=False)
@figure_options
def theory(theory_id: str | None, fmt: str | None, out: Path | None, project_path: Path | None) -> None:
    """One theory as a detailed C(I)MO diagram, its If/Then/Because and strength badge as caption.

    \b
    Example:
      realist diagram theory trusting-relationships
      realist diagram theory control-to-deter --format png --out figures/
    """
    from realist.errors import UsageError
    from realist.render import theory_figure

    project = open_project(project_path)
    if not theory_id:
        ids = ", ".join(sorted(project.theories)) or "none yet"
        raise UsageError(f"which theory? give its id, e.g. `realist diagram theory ID` (theories: {ids}); "
                         "`realist diagram all` draws every figure")
    _emit(theory_figure(project, project.theory(theory_id)), fmt, out)


@diagram.command()
@figure_options
def connections(fmt: str | None, out: Path | None, project_path: Path | None) -> None:
    """How the theories connect: clustered by group, numbered links with a key, border by strength.

    \b
    Example:
      realist diagram connections --format png
    """
    from realist.render import connections_figure

    _emit(connections_figure(open_project(project_path)), fmt, out)


@diagram.command()
@figure_options
def phases(fmt: str | None, out: Path | None, project_path: Path | None) -> None:
    """Phases of iteration: a column per phase, a box per theory version, arrows for what happened.

    \b
    Example:
      realist diagram phases --format pdf
    """
    from realist.render import phases_figure

    _emit(phases_figure(open_project(project_path)), fmt, out)


@diagram.command()
@figure_options
def toc(fmt: str | None, out: Path | None, project_path: Path | None) -> None:
    """The theory of change as a left-to-right logic model.

    \b
    Example:
      realist diagram toc --format png
    """
    from realist.errors import UsageError
    from realist.render import toc_figure

    project = open_project(project_path)
    fig = toc_figure(project)
    if fig is None:
        raise UsageError("this project has no theory of change; write one (`realist schema toc` shows its format) "
                         "and name it with `toc: theory-of-change.yaml` in realist.yaml")
    _emit(fig, fmt, out)


@diagram.command(name="all")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("figures"), show_default=True,
              help="The folder to write every figure into.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="svg", show_default=True,
              help="svg, png, pdf, or dot (the Graphviz source, no `dot` needed).")
@project_option
def all_(out: Path, fmt: str, project_path: Path | None) -> None:
    """Every figure at once, for the report: theory of change, connections, phases, one per theory.

    \b
    Example:
      realist diagram all --out out/figures
      realist diagram all --format png --out out/figures
    """
    from realist.render import figures
    from realist.render.output import write_figures

    written = write_figures(figures(open_project(project_path)), out, fmt)
    sys.stderr.write(f"wrote {len(written)} figure{'' if len(written) == 1 else 's'} to {out}/\n")
    for path in written:
        sys.stdout.write(f"{path}\n")
