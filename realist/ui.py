"""Rich lives here and only here: a console for data (stdout), one for diagnostics (stderr).

Output is plain when piped or when NO_COLOR is set, so it can be parsed.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def _width() -> int | None:
    env = os.environ.get("REALIST_WIDTH") or os.environ.get("COLUMNS")
    return int(env) if env and env.isdigit() else None


@cache
def out() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    return Console(file=sys.stdout, width=_width(), no_color="NO_COLOR" in os.environ,
                   soft_wrap=not sys.stdout.isatty(), highlight=False)


@cache
def err() -> Console:
    """The console for diagnostics (stderr)."""
    from rich.console import Console

    return Console(file=sys.stderr, width=_width(), no_color="NO_COLOR" in os.environ,
                   highlight=False, soft_wrap=True)


def reset() -> None:
    """Forget the consoles (tests swap sys.stdout between runs)."""
    out.cache_clear()
    err.cache_clear()


def is_terminal() -> bool:
    return sys.stdout.isatty()


def echo(text: str = "") -> None:
    """Plain text to stdout, no markup interpretation."""
    sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(f"warning: {text}\n")


def note(text: str) -> None:
    sys.stderr.write(f"{text}\n")


def print_table(table: Any) -> None:
    out().print(table)
