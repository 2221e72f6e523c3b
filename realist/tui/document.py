"""A transcript laid out for the screen: lines, soft-wrapped rows, offsets and spans.

Pure Python (no Textual) so that it is fast to build, easy to test, and the screen only
renders the rows it shows. Offsets are code points of the normalised text, the same unit
as an excerpt's ``start``/``end``.

>>> doc = Document("Interviewer: How long?\\nPO1: Four years on the team.")
>>> doc.line_count, doc.line_of(25), doc.line_text(1)
(2, 1, 'PO1: Four years on the team.')
>>> doc.wrap(12)
>>> [doc.text[s:e] for _, s, e in doc.rows_of_line(1)]
['PO1: Four ', 'years on the ', 'team.']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

WORD = re.compile(r"(?<!\S)\S+")  # a whole word, never the tail of one


@dataclass(frozen=True)
class Row:
    """One screen row: a slice ``[start, end)`` of logical line ``line``."""

    line: int
    start: int
    end: int


class Document:
    """A transcript's text split into numbered lines and, for a given width, screen rows."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        if text.endswith("\n") and len(starts) > 1:
            starts.pop()  # the final newline ends the last line; it does not start another
        self.line_starts = starts
        self._text_end = len(text) - 1 if text.endswith("\n") else len(text)
        self.width = 0
        self.row_line: list[int] = []
        self.row_start: list[int] = []
        self.row_end: list[int] = []
        self.line_first_row: list[int] = []

    # -- lines ---------------------------------------------------------------------------------
    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_start(self, line: int) -> int:
        return self.line_starts[line]

    def line_end(self, line: int) -> int:
        """The offset of the line's end (its newline, or the end of the text)."""
        if line + 1 < len(self.line_starts):
            return self.line_starts[line + 1] - 1
        return self._text_end

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line):self.line_end(line)]

    def line_of(self, offset: int) -> int:
        """The (0-based) line that holds ``offset``. Line numbers on screen are this + 1, as in
        ``realist transcripts show`` and the CLI's SPAN."""
        return max(0, bisect_right(self.line_starts, offset) - 1)

    # -- rows ----------------------------------------------------------------------------------
    def wrap(self, width: int) -> None:
        """Soft-wrap every line at word boundaries to ``width`` cells (one row per cell width)."""
        width = max(4, width)
        if width == self.width and self.row_line:
            return
        self.width = width
        text = self.text
        row_line: list[int] = []
        row_start: list[int] = []
        row_end: list[int] = []
        first: list[int] = []
        for line, start in enumerate(self.line_starts):
            end = self.line_end(line)
            first.append(len(row_line))
            pos = start
            while end - pos > width:
                cut = text.rfind(" ", pos, pos + width + 1)
                if cut <= pos:
                    cut = pos + width  # one long word: break it
                    row_line.append(line)
                    row_start.append(pos)
                    row_end.append(cut)
                    pos = cut
                    continue
                row_line.append(line)
                row_start.append(pos)
                row_end.append(cut + 1)
                pos = cut + 1
            row_line.append(line)
            row_start.append(pos)
            row_end.append(end)
        self.row_line, self.row_start, self.row_end, self.line_first_row = row_line, row_start, row_end, first

    @property
    def row_count(self) -> int:
        return len(self.row_line)

    def row(self, index: int) -> Row:
        return Row(self.row_line[index], self.row_start[index], self.row_end[index])

    def rows_of_line(self, line: int) -> list[tuple[int, int, int]]:
        first = self.line_first_row[line]
        last = self.line_first_row[line + 1] if line + 1 < self.line_count else self.row_count
        return [(i, self.row_start[i], self.row_end[i]) for i in range(first, last)]

    def last_row_of_line(self, line: int) -> int:
        if line + 1 < self.line_count:
            return self.line_first_row[line + 1] - 1
        return self.row_count - 1

    def row_of(self, offset: int) -> int:
        """The screen row that shows ``offset``."""
        line = self.line_of(offset)
        index = self.line_first_row[line]
        last = self.last_row_of_line(line)
        while index < last and offset >= self.row_end[index] and self.row_start[index + 1] <= offset:
            index += 1
        return index

    def offset_at(self, row: int, column: int) -> int:
        """The offset shown at ``column`` of screen ``row`` (clamped to the row)."""
        row = min(max(row, 0), self.row_count - 1)
        start, end = self.row_start[row], self.row_end[row]
        return min(start + max(column, 0), end)

    # -- words ---------------------------------------------------------------------------------
    def next_word_end(self, offset: int) -> int:
        """The end of the first word that ends after ``offset``."""
        for match in WORD.finditer(self.text, max(0, offset - 1)):
            if match.end() > offset:
                return match.end()
        return offset

    def previous_word_end(self, offset: int) -> int:
        """The end of the last word that ends before ``offset``."""
        ends = [m.end() for m in WORD.finditer(self.text, max(0, offset - 400), offset) if m.end() < offset]
        return ends[-1] if ends else offset

    def next_word_start(self, offset: int) -> int:
        match = WORD.search(self.text, offset + 1)
        while match is not None and match.start() <= offset:
            match = WORD.search(self.text, match.end())
        return match.start() if match else offset

    def previous_word_start(self, offset: int) -> int:
        starts = [m.start() for m in WORD.finditer(self.text, max(0, offset - 400), offset) if m.start() < offset]
        return starts[-1] if starts else offset

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every case-insensitive match of ``needle`` as ``(start, end)``."""
        if not needle:
            return []
        pattern = re.compile(re.escape(needle), re.IGNORECASE)
        return [(m.start(), m.end()) for m in pattern.finditer(self.text)]
