"""A numbered, captioned table: a pandas DataFrame plus what a report needs around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: The kinds of table, in the order they appear in the appendix.
KINDS = ("toc", "theories", "phases", "quantitative", "evidence", "codebook", "quotations")


@dataclass
class Table:
    """One appendix table.

    ``frame`` holds the cells: text, numbers, or a list of strings for a bulleted cell
    (the theory of change). A newline inside a text cell starts a new paragraph.

    >>> import pandas as pd
    >>> t = Table("toc", "toc", "A.1", "Theory of change", pd.DataFrame({"Stage": ["Inputs"]}))
    >>> t.title
    'Table A.1: Theory of change'
    """

    name: str  # what --only matches, and the file name of a csv
    kind: str  # one of KINDS
    number: str  # "B.2"
    caption: str
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)  # printed under the table
    label_template: str = "Table {number}: {caption}"

    @property
    def title(self) -> str:
        return self.label_template.format(number=self.number, caption=self.caption)

    @property
    def slug(self) -> str:
        """A file-name-safe name: ``B.2-theories-carrot``."""
        return f"{self.number}-{self.name}" if self.number else self.name

    def rows(self) -> list[list[Any]]:
        return [list(row) for row in self.frame.itertuples(index=False, name=None)]

    @property
    def headers(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


def is_list(value: Any) -> bool:
    return isinstance(value, (list, tuple))


def cell_text(value: Any, bullet: str = "• ", sep: str = "\n") -> str:
    """A cell as plain text: bulleted lists one item a line, missing values empty."""
    if is_list(value):
        return sep.join(f"{bullet}{item}" for item in value)
    if value is None:
        return ""
    try:
        import math

        if isinstance(value, float) and math.isnan(value):
            return ""
    except TypeError:
        pass
    return str(value)


def paragraphs(value: Any) -> list[str]:
    """A text cell split into its paragraphs."""
    return [p for p in cell_text(value).split("\n")] or [""]


# relative widths of the columns of a theory table: the title narrow, the statement wide
THEORY_WIDTHS = [1.5, 2.1, 2.1, 2.1, 1.7]


def column_weights(table: Table) -> list[float]:
    """Relative column widths: in proportion to the longest line (up to 60), never below the longest word."""
    if table.kind == "theories" and len(table.headers) == len(THEORY_WIDTHS):
        return list(THEORY_WIDTHS)
    weights = []
    for i, header in enumerate(table.headers):
        lines = [line for row in table.rows() for line in cell_text(row[i]).split("\n")]
        # room for the longest word and the cell's padding, so no word breaks
        word = max([len(w) for text in [header, *lines] for w in text.split()] + [6]) + 4
        weights.append(float(max([word] + [min(len(line), 60) for line in lines])))
    return weights


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-") or "table"
