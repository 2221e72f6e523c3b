"""Turning DOT into SVG, PNG or PDF with Graphviz's `dot` program, and writing figure files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from realist.errors import RealistError

FORMATS = ("svg", "png", "pdf", "dot")
PNG_DPI = 200  # sharp enough for print, small enough to paste into a report

INSTALL_HINT = ("install Graphviz: `sudo apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz` "
                "(macOS) or `winget install graphviz` (Windows), or run `bash dev/setup`")


class GraphvizMissing(RealistError):
    """Graphviz's `dot` program is not on the PATH."""


def dot_program() -> str | None:
    """The path of Graphviz's `dot`, or None when it is not installed."""
    return shutil.which("dot")


def render(dot_source: str, fmt: str) -> bytes:
    """Lay out and draw ``dot_source`` as ``fmt`` (svg, png, pdf); ``dot`` returns the source itself.

    Raises GraphvizMissing when `dot` is not installed.

    >>> render('digraph { a -> b }', "dot")
    b'digraph { a -> b }'
    """
    if fmt == "dot":
        return dot_source.encode("utf-8")
    if fmt not in FORMATS:
        raise RealistError(f"unknown figure format '{fmt}'; use svg, png, pdf or dot")
    program = dot_program()
    if program is None:
        raise GraphvizMissing(f"Graphviz's `dot` program is needed to draw {fmt.upper()} figures; {INSTALL_HINT}")
    args = [program, f"-T{fmt}"]
    if fmt == "png":
        args.append(f"-Gdpi={PNG_DPI}")
    done = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, timeout=120, check=False)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RealistError(f"Graphviz could not draw the figure: {detail[-1] if detail else 'no message'}")
    return done.stdout


def write_figure(dot_source: str, path: Path, fmt: str) -> list[Path]:
    """Write the figure to ``path`` (its suffix is replaced by ``fmt``); return the files written.

    When `dot` is missing, the .dot file is still written beside it and GraphvizMissing
    is raised afterwards, so nothing of the work is lost.
    """
    from realist.store.atomic import atomic_write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    target = path.with_suffix(f".{fmt}")
    if fmt != "dot" and dot_program() is None:
        dot_path = path.with_suffix(".dot")
        atomic_write_bytes(dot_path, dot_source.encode("utf-8"))
        raise GraphvizMissing(f"wrote {dot_path}, but drawing {fmt.upper()} needs Graphviz's `dot` program; "
                              f"{INSTALL_HINT}; then run the command again")
    atomic_write_bytes(target, render(dot_source, fmt))
    return [target]


def write_figures(figs: list[Any], folder: Path, fmt: str) -> list[Path]:
    """Write every figure as ``folder/<figure id>.<fmt>``; return the files written, in order.

    Without `dot`, every .dot file is written first and GraphvizMissing is raised
    afterwards, naming the folder, so the sources are never lost.
    """
    from realist.store.atomic import atomic_write_bytes

    folder.mkdir(parents=True, exist_ok=True)
    if fmt != "dot" and dot_program() is None:
        for fig in figs:
            atomic_write_bytes(folder / f"{fig.id}.dot", fig.dot.encode("utf-8"))
        raise GraphvizMissing(f"wrote {len(figs)} .dot files to {folder}/, but drawing {fmt.upper()} needs "
                              f"Graphviz's `dot` program; {INSTALL_HINT}; then run the command again")
    import os
    from concurrent.futures import ThreadPoolExecutor

    # one `dot` process per core: layout is the slow part, and the files do not depend on each other
    with ThreadPoolExecutor(max_workers=max(1, min(len(figs), os.cpu_count() or 1))) as pool:
        batches = list(pool.map(lambda fig: write_figure(fig.dot, folder / f"{fig.id}.{fmt}", fmt), figs))
    return [path for batch in batches for path in batch]
