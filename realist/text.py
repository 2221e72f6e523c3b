"""Small text helpers shared by messages and renderers."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or ``""``.

    >>> did_you_mean("contxts", ["contexts", "outcomes"])
    " (did you mean 'contexts'?)"
    """
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def plural(n: int, word: str, many: str | None = None) -> str:
    """``plural(1, "theory", "theories") == "1 theory"``."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def one_of(choices: Iterable[str]) -> str:
    items = [f"'{c}'" for c in choices]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
