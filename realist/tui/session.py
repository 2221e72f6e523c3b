"""What the coding screen knows and does, without Textual: the transcript, its excerpts,
the codes a coder may apply, undo/redo, and noticing changes made by other processes.

Every change goes straight to disk through the coding API (``realist.tui.backend``), which
takes the project lock and re-reads the codings file before it writes, so a change made
by another process meanwhile is kept, never overwritten.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.style import Style

from realist.model import STANCES, Excerpt, Project
from realist.tui.document import Document

if TYPE_CHECKING:
    from realist.tui.backend import CodingBackend as Backend

SHADES = ["#1f4e79", "#7a3b1f", "#2e6b30", "#6b2e63", "#6b5a12", "#1f6b6b", "#4f3a80", "#7a1f3b",
          "#3d5a1f", "#3c4680"]
INKS = ["#6fb1ff", "#ff9d5c", "#7ddc7f", "#e78ae0", "#f0d45c", "#5fe0e0", "#b39dff", "#ff6f9a",
        "#b8e06b", "#9aa8ff"]
FREE_SHADE, FREE_INK = "#4a4a4a", "#c8c8c8"
SPEAKER_INKS = ["#87afff", "#ffaf5f", "#87d787", "#d787d7", "#d7d75f", "#5fd7d7"]


@dataclass
class Choice:
    """One code the finder offers: ``code`` and the words a coder would search for."""

    code: str
    label: str  # what the finder shows
    search: str  # what fuzzy matching sees first: the choice's own words
    theory: str | None = None
    context: str = ""  # words that count less: its theory's title, id and tag
    tag: str = ""  # the theory's short tag (TR)


@dataclass
class Change:
    """One step the coder can undo: the excerpt before and after (None: absent)."""

    what: str
    before: Excerpt | None
    after: Excerpt | None


@dataclass
class CodingSession:
    """One coder's session on one transcript."""

    project: Project
    backend: Backend
    coder: str
    read_only: bool = False
    filter_theory: str | None = None
    excerpts: list[Excerpt] = field(default_factory=list)
    undo_stack: list[Change] = field(default_factory=list)
    redo_stack: list[Change] = field(default_factory=list)

    def __post_init__(self) -> None:
        transcript, excerpts = self.backend.load()
        self.transcript = transcript
        self.doc = Document(transcript.text)
        self._signature = self.backend.signature()
        self._set_excerpts(excerpts)
        self._index_turns()
        theories = list(self.project.theories)
        self.theory_colour = {tid: i % len(SHADES) for i, tid in enumerate(theories)}
        self.abbreviation = _abbreviations(theories)

    # -- excerpts ------------------------------------------------------------------------------
    def _set_excerpts(self, excerpts: list[Excerpt]) -> None:
        self.excerpts = sorted(excerpts, key=lambda e: (e.start, e.end, e.id))
        self._refilter()

    def _refilter(self) -> None:
        shown = [e for e in self.excerpts if self._shown(e)]
        self._visible = shown
        self._visible_starts = [e.start for e in shown]
        self._longest = max((e.end - e.start for e in shown), default=0)
        self.counts: Counter[str] = Counter()
        for e in shown:
            self.counts.update(set(e.codes) | set(e.theories))

    def _shown(self, excerpt: Excerpt) -> bool:
        if self.filter_theory is None:
            return True
        return self.filter_theory in excerpt.codes or self.filter_theory in excerpt.theories

    def set_filter(self, theory: str | None) -> None:
        self.filter_theory = theory
        self._refilter()

    def visible_excerpts(self) -> list[Excerpt]:
        return self._visible

    def spans_between(self, start: int, end: int) -> list[tuple[int, int, Excerpt]]:
        """Visible excerpts that overlap ``[start, end)``."""
        first = bisect_left(self._visible_starts, start - self._longest)
        out = []
        for e in self._visible[first:]:
            if e.start >= end:
                break
            if e.end > start:
                out.append((e.start, e.end, e))
        return out

    def excerpts_on_line(self, line: int) -> list[Excerpt]:
        """Excerpts that touch the line, the coder's own first, then the narrowest."""
        found = [e for _, _, e in self.spans_between(self.doc.line_start(line), self.doc.line_end(line) + 1)]
        return sorted(found, key=lambda e: (e.coder != self.coder, e.end - e.start, e.start))

    def find(self, excerpt_id: str | None) -> Excerpt | None:
        for e in self.excerpts:
            if e.id == excerpt_id:
                return e
        return None

    # -- turns ---------------------------------------------------------------------------------
    def _index_turns(self) -> None:
        doc = self.doc
        self._labels: dict[int, tuple[int, str]] = {}
        speakers: dict[str, int] = {}
        turn_lines: list[int] = []
        for turn in self.transcript.turns:
            line = doc.line_of(turn.start)
            if not turn_lines or turn_lines[-1] != line:
                turn_lines.append(line)
            if turn.speaker and turn.start > doc.line_start(line):
                speakers.setdefault(turn.speaker, len(speakers))
                self._labels[line] = (turn.start, turn.speaker)
        if not turn_lines:  # no speakers (notes, a document): every paragraph is a turn
            turn_lines = [i for i in range(doc.line_count) if doc.line_text(i).strip()
                          and (i == 0 or not doc.line_text(i - 1).strip())]
        self.turn_lines = turn_lines
        self._speaker_index = speakers

    def label_end(self, line: int) -> int:
        """Where the speech starts after a ``Name:`` label on ``line`` (the line start if none)."""
        found = self._labels.get(line)
        return found[0] if found else self.doc.line_start(line)

    def speech_start(self, line: int) -> int:
        return self.label_end(line)

    def speaker_style(self, line: int) -> Style:
        found = self._labels.get(line)
        index = self._speaker_index.get(found[1], 0) if found else 0
        return Style(bold=True, color=SPEAKER_INKS[index % len(SPEAKER_INKS)])

    def turn_span(self, line: int) -> tuple[int, int]:
        """The speech of the turn that holds ``line`` (label excluded), as offsets."""
        index = max(0, bisect_left(self.turn_lines, line + 1) - 1)
        first = self.turn_lines[index] if self.turn_lines else line
        if first > line:
            first = line
        last = (self.turn_lines[index + 1] - 1) if index + 1 < len(self.turn_lines) else self.doc.line_count - 1
        while last > first and not self.doc.line_text(last).strip():
            last -= 1
        return self.trim(self.speech_start(first), self.doc.line_end(last))

    def next_turn(self, line: int, step: int = 1, uncoded: bool = False) -> int | None:
        """The first line of the next (``step=-1``: previous) turn, optionally one with no codings."""
        lines = self.turn_lines
        index = bisect_left(lines, line + 1) - 1 if step > 0 else bisect_left(lines, line) - 1
        index = index + 1 if step > 0 else index
        while 0 <= index < len(lines):
            candidate = lines[index]
            if not uncoded or not self.spans_between(*self.turn_span(candidate)):
                return candidate
            index += step
        return None

    def trim(self, start: int, end: int) -> tuple[int, int]:
        text = self.doc.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    # -- looks ---------------------------------------------------------------------------------
    def _colour(self, excerpt: Excerpt) -> int | None:
        theories = excerpt.theories
        if self.filter_theory and self.filter_theory in theories:
            return self.theory_colour.get(self.filter_theory)
        return self.theory_colour.get(theories[0]) if theories else None

    def ink(self, excerpt: Excerpt) -> str:
        index = self._colour(excerpt)
        return FREE_INK if index is None else INKS[index]

    def span_style(self, excerpt: Excerpt) -> Style:
        index = self._colour(excerpt)
        if excerpt.coder != self.coder:  # another coder's: underlined, not shaded
            return Style(underline=True, color=self.ink(excerpt))
        return Style(bgcolor=FREE_SHADE if index is None else SHADES[index], color="#ffffff")

    def theory_ink(self, theory_id: str) -> str:
        return INKS[self.theory_colour.get(theory_id, 0)]

    def short_code(self, code: str) -> str:
        """``trusting-relationships:M1`` -> ``TR:M1``; ``free:family-support`` -> ``+family-support``."""
        if code.startswith("free:"):
            return "+" + code[5:]
        theory, _, element = code.partition(":")
        abbr = self.abbreviation.get(theory, theory)
        return f"{abbr}:{element}" if element else abbr

    def short_label(self, excerpt: Excerpt, with_coder: bool = True) -> str:
        """The margin's label: codes grouped by theory (``TR C1 M1``), stance when not supports."""
        parts: list[str] = []
        done: set[str] = set()
        for code in excerpt.codes:
            theory = code.split(":", 1)[0] if not code.startswith("free:") else code
            if theory in done:
                continue
            done.add(theory)
            if code.startswith("free:"):
                parts.append(self.short_code(code))
                continue
            elements = [c.split(":", 1)[1] for c in excerpt.codes if c.startswith(theory + ":")]
            whole = theory in excerpt.codes
            parts.append(" ".join([self.abbreviation.get(theory, theory)] + elements + (["*"] if whole and elements else [])))
        label = ", ".join(parts)
        if excerpt.stance != "supports":
            label += " " + {"refutes": "✗", "refines": "~"}.get(excerpt.stance, "")
        if excerpt.coder != self.coder and with_coder:
            label += f" ({excerpt.coder})"
        return label

    # -- the codes a coder may apply -----------------------------------------------------------
    def choices(self) -> list[Choice]:
        """Theories, their elements and the free codes, in codebook order."""
        out: list[Choice] = []
        for theory in self.project.theories.values():
            tag = self.abbreviation.get(theory.id, "")
            words = f"{theory.title} {theory.id.replace('-', ' ')} {tag}"
            out.append(Choice(theory.id, theory.title, words, theory.id, tag=tag))
            for element in theory.elements:
                out.append(Choice(f"{theory.id}:{element.id}", f"{element.id} {element.text}",
                                  f"{element.id} {element.text}", theory.id, context=words, tag=tag))
        for name, definition in self.backend.free_codes().items():
            out.append(Choice(f"free:{name}", f"+{name}" + (f" — {definition}" if definition else ""),
                              f"{name.replace('-', ' ')} {name} {definition or ''}", context="free"))
        return out

    def describe(self, code: str, short: bool = False) -> str:
        """A code in words: the theory's title, or the element's letter and text."""
        if code.startswith("free:"):
            return f"free code {code[5:]}"
        theory_id, _, element_id = code.partition(":")
        theory = self.project.theories.get(theory_id)
        if theory is None:
            return code
        if not element_id:
            return theory.title
        element = theory.element(element_id)
        if element is None:
            return code
        return element.text if short else f"{element_id} {element.text}"

    # -- changes: each saved at once, each undoable -----------------------------------------------
    def check_can_change(self, excerpt: Excerpt) -> None:
        """UsageError unless this coder may change the excerpt (not read-only, and their own)."""
        from realist.errors import UsageError

        if self.read_only:
            raise UsageError("the screen is read-only (opened with --read-only)")
        if excerpt.coder != self.coder:
            raise UsageError(f"this excerpt is {excerpt.coder}'s; you are coding as {self.coder}")

    def add(self, start: int, end: int, codes: list[str], stance: str = "supports") -> Excerpt:
        """Code ``[start, end)``; returns the new excerpt."""
        from realist.errors import UsageError

        if self.read_only:
            raise UsageError("the screen is read-only (opened with --read-only)")
        excerpt = self.backend.add(start, end, codes, stance)
        self._record(Change("code", None, excerpt))
        return excerpt

    def update(self, excerpt: Excerpt, *, codes: list[str] | None = None, stance: str | None = None,
               memo: str | None = None, what: str = "change") -> Excerpt:
        self.check_can_change(excerpt)
        after = self.backend.update(excerpt.id, codes=codes, stance=stance, memo=memo)
        self._record(Change(what, copy.copy(excerpt), after))
        return after

    def fresh(self, excerpt: Excerpt) -> Excerpt:
        """The excerpt as it is on disk now (another process may have changed it a moment ago)."""
        from realist.errors import UsageError

        self.poll()
        found = self.find(excerpt.id)
        if found is None:
            raise UsageError(f"excerpt {excerpt.id} was removed meanwhile (by another command or coder)")
        return found

    def add_code(self, excerpt: Excerpt, code: str) -> Excerpt:
        excerpt = self.fresh(excerpt)
        if code in excerpt.codes:
            return excerpt
        return self.update(excerpt, codes=[*excerpt.codes, code], what="code")

    def cycle_stance(self, excerpt: Excerpt) -> Excerpt:
        excerpt = self.fresh(excerpt)
        following = STANCES[(STANCES.index(excerpt.stance) + 1) % len(STANCES)] \
            if excerpt.stance in STANCES else STANCES[0]
        return self.update(excerpt, stance=following, what="stance")

    def delete(self, excerpt: Excerpt) -> None:
        self.check_can_change(excerpt)
        self.backend.delete(excerpt.id)
        self._record(Change("delete", copy.copy(excerpt), None))

    def _record(self, change: Change) -> None:
        self.undo_stack.append(change)
        self.redo_stack.clear()
        self.reload()

    def undo(self) -> Change | None:
        """Take back the last change (from disk too); None when there is nothing to undo.

        When the step cannot be taken back (another process removed the excerpt meanwhile),
        the UsageError says so and the step stays on the stack.
        """
        if not self.undo_stack:
            return None
        change = self.undo_stack[-1]
        self._apply(change.after, change.before)
        self.redo_stack.append(self.undo_stack.pop())
        self.reload()
        return change

    def redo(self) -> Change | None:
        if not self.redo_stack:
            return None
        change = self.redo_stack[-1]
        self._apply(change.before, change.after)
        self.undo_stack.append(self.redo_stack.pop())
        self.reload()
        return change

    def _apply(self, now: Excerpt | None, wanted: Excerpt | None) -> None:
        if self.read_only:
            from realist.errors import UsageError

            raise UsageError("the screen is read-only (opened with --read-only)")
        if wanted is None and now is not None:
            self.backend.delete(now.id)
        elif now is None and wanted is not None:
            self.backend.restore(wanted)
        elif wanted is not None:
            self.backend.update(wanted.id, codes=list(wanted.codes), stance=wanted.stance,
                                memo=wanted.memo or "")

    # -- other processes ---------------------------------------------------------------------------
    def reload(self) -> None:
        self._signature = self.backend.signature()
        self._set_excerpts(self.backend.excerpts())

    def poll(self) -> bool:
        """Reload when a codings file of this transcript changed on disk; True if it did."""
        signature = self.backend.signature()
        if signature == self._signature:
            return False
        self.reload()
        return True


def _abbreviations(theory_ids: list[str]) -> dict[str, str]:
    """Short, unique tags for theory ids: ``trusting-relationships`` -> ``TR``."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for tid in theory_ids:
        words = [w for w in tid.replace("_", "-").split("-") if w]
        tag = "".join(w[0] for w in words).upper() or tid[:2].upper()
        base, n = tag, 2
        while tag in used:
            tag = f"{base}{n}"
            n += 1
        used.add(tag)
        out[tid] = tag
    return out
