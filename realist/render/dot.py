"""Small, deterministic DOT-building helpers shared by every figure.

Every figure is a pure function from the project to a DOT string. The same input
gives byte-identical DOT (no dicts iterated in hash order, no ids from memory
addresses, no dates), so figures committed to git diff cleanly.

The palette is Okabe and Ito's (2008), safe for the common forms of colour
blindness; fills are light tints so black text stays readable in print, and no
meaning is carried by colour alone: shape, border and line style say it too.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping

#: Okabe-Ito colours (strong) and light tints of them (fills).
OKABE_ITO = {
    "orange": "#E69F00", "skyblue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#6E6E6E",
}
TINTS = {
    "orange": "#FBE5B3", "skyblue": "#DDF0FB", "green": "#CCECE3", "yellow": "#FBF8D0",
    "blue": "#CCE3F0", "vermillion": "#F6D9C4", "purple": "#F4E2EC", "grey": "#EEEEEE", "white": "#FFFFFF",
}
#: Arial is metric-compatible with Liberation Sans on Linux and present in Word on every other system.
FONT = "Arial"


def esc(text: str) -> str:
    """Escape text for an HTML-like DOT label.

    >>> esc('a < b & "c"')
    'a &lt; b &amp; &quot;c&quot;'
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def quote(text: str) -> str:
    """A DOT id or plain attribute value in double quotes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most ``width`` characters, at spaces; a longer word is cut.

    >>> wrap("Staff feel free to tailor supervision", 16)
    ['Staff feel free', 'to tailor', 'supervision']
    """
    text = re.sub(r"\s+", " ", text.strip())
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def lines_html(text: str, width: int, *, bold: bool = False, align: str = "CENTER") -> str:
    """Wrapped, escaped text joined with ``<BR ALIGN=.../>`` for an HTML label."""
    parts = [esc(line) for line in wrap(text, width)]
    if bold:
        parts = [f"<B>{p}</B>" for p in parts]
    brk = f'<BR ALIGN="{align}"/>'
    return brk.join(parts) + (brk if align != "CENTER" else "")


def attrs(values: Mapping[str, str | int | float | None]) -> str:
    """``[a="1", b=<...>]`` with keys in the order given; values starting with ``<`` are HTML labels."""
    items = []
    for key, value in values.items():
        if value is None:
            continue
        html = isinstance(value, str) and value.startswith("<") and value.endswith(">")
        if html or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            items.append(f"{key}={value}")
        else:
            items.append(f"{key}={quote(str(value))}")
    return "[" + ", ".join(items) + "]" if items else ""


class Dot:
    """An append-only DOT writer that indents and keeps insertion order.

    >>> d = Dot("g")
    >>> d.node("a", label="A")
    >>> print(d.source())  # doctest: +ELLIPSIS
    digraph "g" {
    ...
    """

    def __init__(self, name: str, graph: Mapping[str, str | int | float | None] | None = None) -> None:
        self.name = name
        self.lines: list[str] = []
        self.depth = 1
        base: dict[str, str | int | float | None] = {"fontname": FONT, "fontsize": 12, "newrank": "true", "nodesep": 0.25, "ranksep": 0.5,
                "pad": 0.2, "bgcolor": "white"}
        base.update(graph or {})
        self.line(f"graph {attrs(base)}")
        self.line(f"node {attrs({'fontname': FONT, 'fontsize': 11, 'shape': 'box', 'margin': '0.12,0.06'})}")
        self.line(f"edge {attrs({'fontname': FONT, 'fontsize': 10, 'color': '#333333'})}")

    def line(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    def node(self, node_id: str, **values: str | int | float | None) -> None:
        self.line(f"{quote(node_id)} {attrs(values)}".rstrip())

    def edge(self, tail: str, head: str, **values: str | int | float | None) -> None:
        self.line(f"{quote(tail)} -> {quote(head)} {attrs(values)}".rstrip())

    def open(self, name: str, **values: str | int | float | None) -> None:
        """Start a subgraph (a cluster when ``name`` starts with ``cluster``)."""
        self.line(f"subgraph {quote(name)} {{")
        self.depth += 1
        if values:
            self.line(f"graph {attrs(values)}")

    def close(self) -> None:
        self.depth -= 1
        self.line("}")

    def same_rank(self, node_ids: Iterable[str]) -> None:
        ids = " ".join(quote(n) for n in node_ids)
        if ids:
            self.line(f"{{ rank=same; {ids} }}")

    def source(self) -> str:
        return f"digraph {quote(self.name)} {{\n" + "\n".join(self.lines) + "\n}\n"


def html_table(rows: Iterable[str], **table_attrs: str | int) -> str:
    """``<<TABLE ...>rows</TABLE>>`` with attributes in the order given."""
    base: dict[str, str | int] = {"BORDER": 0, "CELLBORDER": 0, "CELLSPACING": 0, "CELLPADDING": 2}
    base.update(table_attrs)
    head = " ".join(f'{k}="{v}"' for k, v in base.items())
    return f"<<TABLE {head}>" + "".join(rows) + "</TABLE>>"
