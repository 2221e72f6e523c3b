"""The transcript pane: a Line API widget that renders only the rows on screen.

Line numbers on the left (the same numbers as ``realist transcripts show`` and the CLI's
SPAN), speaker labels in bold, coded passages shaded in their theory's colour (another
coder's passages underlined instead), and a margin on the right with the codes.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from realist.tui.document import Document

if TYPE_CHECKING:
    from realist.tui.session import CodingSession


class TranscriptView(ScrollView, can_focus=True):
    """Numbered, wrapped transcript lines with coded spans and a margin of codes."""

    DEFAULT_CSS = """
    TranscriptView { background: $surface; overflow-x: hidden; scrollbar-size-vertical: 1; }
    """
    BINDINGS = [
        Binding("down,j", "line(1)", "Line", show=False),
        Binding("up,k", "line(-1)", "Line", show=False),
        Binding("pagedown,space", "page(1)", "Page", show=False),
        Binding("pageup", "page(-1)", "Page", show=False),
        Binding("right_square_bracket", "turn(1)", "Turn", show=False),
        Binding("left_square_bracket", "turn(-1)", "Turn", show=False),
        Binding("right_curly_bracket", "uncoded(1)", "Uncoded turn", show=False),
        Binding("left_curly_bracket", "uncoded(-1)", "Uncoded turn", show=False),
        Binding("g,home", "edge(0)", "Top", show=False),
        Binding("G,end", "edge(1)", "Bottom", show=False),
        Binding("v", "visual", "Select"),
        Binding("escape", "drop", "Drop selection", show=False),
        Binding("w", "end_word(1)", "Word", show=False),
        Binding("b", "end_word(-1)", "Word", show=False),
        Binding("W", "start_word(1)", "Word", show=False),
        Binding("B", "start_word(-1)", "Word", show=False),
    ]

    class CursorMoved(Message):
        """The cursor moved to another line or excerpt."""

    class Selected(Message):
        """A mouse drag finished with a selection."""

    def __init__(self, session: CodingSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.doc: Document = session.doc
        self.cursor = 0  # a line
        self.visual_from: int | None = None  # visual mode: the line it started on
        self.selection: tuple[int, int] | None = None  # [start, end) offsets
        self.matches: list[tuple[int, int]] = []
        self.margin_labels: dict[int, list[tuple[str, Style]]] = {}
        self._dragged_from: int | None = None
        self._cache: dict[int, Strip] = {}
        self._text_width = 0
        self._margin_width = 0
        self._gutter_width = len(str(self.doc.line_count)) + 1

    # -- geometry ------------------------------------------------------------------------------
    def layout_rows(self) -> None:
        """(Re)wrap for the current width; keep the cursor line in view."""
        width = self.scrollable_content_region.width or self.size.width or 80
        margin = 0 if width < 40 else min(28, max(9, width // 5))
        text_width = max(10, width - self._gutter_width - margin - (1 if margin else 0))
        self._margin_width = margin
        self._text_width = text_width
        self.doc.wrap(text_width)
        self.virtual_size = Size(width, self.doc.row_count)
        self._width = width
        self.refresh_codes()

    def on_resize(self, event: events.Resize) -> None:
        self.layout_rows()
        self.scroll_to_cursor(animate=False)

    def refresh_codes(self) -> None:
        """Codings changed: recompute the margin and redraw."""
        self.margin_labels = self._margin()
        self._cache.clear()
        self.refresh()

    def _margin(self) -> dict[int, list[tuple[str, Style]]]:
        """Each excerpt's label on the row where it starts, wrapped over its next rows when the
        margin is narrow (``SASJ C3`` / ``M1 O1``), moved down when another label is there."""
        labels: dict[int, list[tuple[str, Style]]] = {}
        if not self.doc.row_count:
            return labels
        room = max(4, self._margin_width - 3)  # beside up to two stripes and a space
        for excerpt in self.session.visible_excerpts():
            style = Style(color=self.session.ink(excerpt), bold=True)
            row = self.doc.row_of(excerpt.start)
            last = self.doc.row_of(max(excerpt.start, excerpt.end - 1))
            pieces = _wrap(self.session.short_label(excerpt, with_coder=self._margin_width >= 20), room)
            for index, piece in enumerate(pieces):
                while row in labels:
                    row += 1
                if index and row > last:  # no room left beside the excerpt: the rest on this row
                    previous = max(r for r, items in labels.items() if items[0][1] is style)
                    labels[previous] = [(labels[previous][0][0] + " " + " ".join(pieces[index:]), style)]
                    break
                labels[row] = [(piece, style)]
                row += 1
        return labels

    # -- cursor --------------------------------------------------------------------------------
    def move_to_line(self, line: int) -> None:
        line = min(max(line, 0), self.doc.line_count - 1)
        self.cursor = line
        if self.visual_from is not None:
            first, last = min(self.visual_from, line), max(self.visual_from, line)
            self.selection = (self.session.speech_start(first), self.doc.line_end(last))
        self.scroll_to_cursor()
        self._cache.clear()
        self.refresh()
        self.post_message(self.CursorMoved())

    def scroll_to_cursor(self, animate: bool = False) -> None:
        if not self.doc.row_count:
            return
        first = self.doc.line_first_row[self.cursor]
        last = self.doc.last_row_of_line(self.cursor)
        height = self.scrollable_content_region.height or self.size.height
        top = int(self.scroll_offset.y)
        if first < top:
            self.scroll_to(y=first, animate=animate, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=max(first, last - height + 1) if last - first < height else first,
                           animate=animate, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled with the wheel or the scrollbar: keep the cursor on a line that is on screen,
        so that c, s, m and d act on what the coder sees."""
        super().watch_scroll_y(old_value, new_value)
        if not self.doc.row_count or round(old_value) == round(new_value):
            return
        top = int(new_value)
        height = self.scrollable_content_region.height or self.size.height
        first, last = self.doc.line_first_row[self.cursor], self.doc.last_row_of_line(self.cursor)
        if last < top:
            self.cursor = self.doc.row_line[min(top, self.doc.row_count - 1)]
        elif first >= top + height:
            self.cursor = self.doc.row_line[min(top + height - 1, self.doc.row_count - 1)]
        else:
            return
        self._cache.clear()
        self.post_message(self.CursorMoved())

    # -- keys ----------------------------------------------------------------------------------
    def action_line(self, step: int) -> None:
        self.move_to_line(self.cursor + step)

    def action_page(self, step: int) -> None:
        height = max(1, (self.scrollable_content_region.height or 10) - 1)
        row = self.doc.line_first_row[self.cursor] + step * height
        row = min(max(row, 0), self.doc.row_count - 1)
        self.scroll_to(y=max(0, int(self.scroll_offset.y) + step * height), animate=False, immediate=True)
        self.move_to_line(self.doc.row_line[row])

    def action_edge(self, end: int) -> None:
        self.move_to_line(self.doc.line_count - 1 if end else 0)

    def action_turn(self, step: int) -> None:
        line = self.session.next_turn(self.cursor, step)
        if line is None:
            self.app.bell()
        else:
            self.move_to_line(line)

    def action_uncoded(self, step: int) -> None:
        line = self.session.next_turn(self.cursor, step, uncoded=True)
        if line is None:
            self.notify("no uncoded turn " + ("below" if step > 0 else "above"), timeout=2)
        else:
            self.move_to_line(line)

    def action_visual(self) -> None:
        if self.visual_from is not None or self.selection:
            self.clear_selection()
        else:
            self.visual_from = self.cursor
            self.move_to_line(self.cursor)
        self.post_message(self.CursorMoved())

    def action_drop(self) -> None:
        if self.selection:
            self.clear_selection()
            self.post_message(self.CursorMoved())

    def action_end_word(self, step: int) -> None:
        if not self.selection:
            self.notify("select first: v, or drag with the mouse", timeout=2)
            return
        start, end = self.selection
        moved = self.doc.next_word_end(end) if step > 0 else self.doc.previous_word_end(end)
        if moved > start:
            self.set_selection(start, moved)
        self.post_message(self.CursorMoved())

    def action_start_word(self, step: int) -> None:
        if not self.selection:
            self.notify("select first: v, or drag with the mouse", timeout=2)
            return
        start, end = self.selection
        moved = self.doc.next_word_start(start) if step > 0 else self.doc.previous_word_start(start)
        if moved < end:
            self.set_selection(moved, end)
        self.post_message(self.CursorMoved())

    def clear_selection(self) -> None:
        self.visual_from = None
        self.selection = None
        self._cache.clear()
        self.refresh()

    def set_selection(self, start: int, end: int) -> None:
        self.selection = (min(start, end), max(start, end))
        self._cache.clear()
        self.refresh()

    # -- mouse: click moves the cursor, drag selects ---------------------------------------------
    def _offset_at(self, event: events.MouseEvent) -> int:
        row = event.y + int(self.scroll_offset.y)
        return self.doc.offset_at(row, event.x - self._gutter_width)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if not self.doc.row_count or event.button != 1:
            return
        self.focus()
        self._dragged_from = self._offset_at(event)
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragged_from is None:
            return
        offset = self._offset_at(event)
        if offset != self._dragged_from:
            self.visual_from = None
            self.set_selection(self._dragged_from, offset + 1 if offset > self._dragged_from else offset)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragged_from is None:
            return
        self.release_mouse()
        start, self._dragged_from = self._dragged_from, None
        end = self._offset_at(event)
        if end > start:  # the character under the pointer is part of the selection
            end = min(end + 1, self.doc.line_end(self.doc.line_of(end)))
        self.cursor = self.doc.line_of(min(start, end))
        if abs(end - start) > 0:
            self.set_selection(*self.session.trim(min(start, end), max(start, end)))
            self.post_message(self.Selected())
        else:
            self.clear_selection()
        self.move_to_line(self.doc.line_of(end))

    # -- rendering -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if row >= self.doc.row_count:
            return Strip.blank(width)
        strip = self._cache.get(row)
        if strip is None or strip.cell_length != width:
            strip = self._render_row(row, width)
            self._cache[row] = strip
        return strip

    def _render_row(self, row: int, width: int) -> Strip:
        doc, session = self.doc, self.session
        line = doc.row_line[row]
        start, end = doc.row_start[row], doc.row_end[row]
        end = min(end, start + self._text_width)  # a wrapped row may end in one space too many
        on_cursor = line == self.cursor
        base = Style(bgcolor="#262b36") if on_cursor and self.has_focus else Style()
        if on_cursor and not self.has_focus:
            base = Style(bgcolor="#20242c")
        segments: list[Segment] = []
        number = str(line + 1) if doc.line_first_row[line] == row else ""
        gutter_style = Style(color="#ffffff", bold=True) if on_cursor else Style(color="#6c7080")
        segments.append(Segment(number.rjust(self._gutter_width - 1) + " ", gutter_style))

        spans = session.spans_between(start, end)
        label_end = session.label_end(line)
        cuts = {start, end}
        for s, e, _ in spans:
            cuts.update((min(max(s, start), end), min(max(e, start), end)))
        if label_end > start:
            cuts.add(min(label_end, end))
        selection = self.selection
        if selection:
            cuts.update((min(max(selection[0], start), end), min(max(selection[1], start), end)))
        matches = self._matches_between(start, end)
        for s, e in matches:
            cuts.update((min(max(s, start), end), min(max(e, start), end)))
        points = sorted(cuts)
        text = doc.text
        for a, b in zip(points, points[1:], strict=False):
            style = base
            if a < label_end:
                style += session.speaker_style(line)
            covering = [(s, e, ex) for s, e, ex in spans if s <= a < e]
            if covering:
                style += session.span_style(min(covering, key=lambda t: t[1] - t[0])[2])
            if any(s <= a < e for s, e in matches):
                style += Style(bgcolor="#d7af00", color="#000000")
            if selection and selection[0] <= a < selection[1]:
                style += Style(reverse=True)
            segments.append(Segment(text[a:b], style))
        used = self._gutter_width + (end - start)
        pad = self._text_width - (end - start)
        if pad > 0:
            segments.append(Segment(" " * pad, base))
            used += pad
        if self._margin_width:
            segments.append(Segment(" ", Style()))
            used += 1
            segments.extend(self._margin_segments(row, start, end))
            used += self._margin_width
        strip = Strip(segments)
        return strip.adjust_cell_length(width) if used != width else strip

    def _margin_segments(self, row: int, start: int, end: int) -> list[Segment]:
        width = self._margin_width
        stripes = [self.session.ink(ex) for s, e, ex in self.session.spans_between(start, max(end, start + 1))][:3]
        out = [Segment("▌", Style(color=ink)) for ink in stripes]
        used = len(stripes)
        for label, style in self.margin_labels.get(row, []):
            room = width - used
            if room <= 1:
                break
            piece = label if len(label) <= room else label[: room - 1] + "…"
            out.append(Segment(piece, style))
            used += len(piece)
        if used < width:
            out.append(Segment(" " * (width - used)))
        return out

    def _matches_between(self, start: int, end: int) -> list[tuple[int, int]]:
        if not self.matches:
            return []
        index = bisect_right(self.matches, (end, end))
        found = []
        while index > 0:
            index -= 1
            s, e = self.matches[index]
            if e <= start:
                break
            if s < end:
                found.append((s, e))
        return found

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()


def _wrap(label: str, width: int) -> list[str]:
    """Split a margin label into lines of at most ``width`` (a longer single word stays whole)."""
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
