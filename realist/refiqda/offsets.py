"""Text positions from other tools, read the way the tool meant them.

REFI-QDA counts Unicode code points from 0 over a source's plain text, end exclusive. In
practice Windows and macOS tools may count UTF-16 code units (an emoji is 2), count a CRLF
line break as 1 or 2, and count or skip a UTF-8 byte-order mark. A *reading* is one such
convention; :func:`choose_reading` picks the one under which a file's selections make sense
(they hold the text the file names them by, or they fall on word boundaries).

Positions are then carried from the file's raw text to our normalised transcript text
(NFC, LF, trimmed lines): :class:`SourceText` aligns the two character by character.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Reading:
    """How a tool counted positions."""

    utf16: bool = False  # UTF-16 code units (else Unicode code points)
    crlf_two: bool = False  # a CRLF line break counts 2 (else 1)
    bom_counted: bool = False  # a leading byte-order mark counts 1 (else 0)

    def describe(self) -> str:
        """``Unicode code points, CRLF as 1`` and the like, for the import report."""
        unit = "UTF-16 code units" if self.utf16 else "Unicode code points"
        text = f"{unit}, a CRLF line break counted as {2 if self.crlf_two else 1}"
        if self.bom_counted:
            text += ", the byte-order mark counted"
        return text


#: every reading, most expected first (the first is what the standard says and what we write)
READINGS: tuple[Reading, ...] = (
    Reading(), Reading(crlf_two=True), Reading(utf16=True, crlf_two=True), Reading(utf16=True),
    Reading(bom_counted=True), Reading(crlf_two=True, bom_counted=True),
    Reading(utf16=True, crlf_two=True, bom_counted=True), Reading(utf16=True, bom_counted=True),
)

#: names for ``realist import qdpx --positions``
NAMED_READINGS: dict[str, Reading] = {
    "code-points": Reading(), "code-points-crlf2": Reading(crlf_two=True),
    "utf16": Reading(utf16=True), "utf16-crlf2": Reading(utf16=True, crlf_two=True),
}

_DELETABLE = re.compile(r"[\s\x00-\x1f\x7f\u200b\ufeff]")


def _units(raw: str, reading: Reading) -> list[int]:
    """``cum[i]`` = positions counted before raw index ``i`` under ``reading`` (len(raw)+1 entries)."""
    cum = [0] * (len(raw) + 1)
    total = 0
    for i, ch in enumerate(raw):
        cum[i] = total
        if i == 0 and ch == "\ufeff" and not reading.bom_counted:
            continue
        if ch == "\r" and not reading.crlf_two and raw[i + 1:i + 2] == "\n":
            continue
        total += 2 if reading.utf16 and ord(ch) > 0xFFFF else 1
    cum[len(raw)] = total
    return cum


def _nfc_with_origin(raw: str) -> tuple[str, list[int]]:
    """NFC of ``raw`` and, for each of its characters, the raw index it came from."""
    if unicodedata.is_normalized("NFC", raw):
        return raw, list(range(len(raw)))
    out: list[str] = []
    origin: list[int] = []
    start = 0
    for i in range(1, len(raw) + 1):
        if i < len(raw) and (unicodedata.combining(raw[i]) or 0x1160 <= ord(raw[i]) <= 0x11FF):
            continue  # a mark or a Hangul vowel/final joins the segment before it
        piece = unicodedata.normalize("NFC", raw[start:i])
        out.append(piece)
        if len(piece) == i - start:
            origin.extend(range(start, i))
        else:
            origin.extend([start] * len(piece))
        start = i
    text = "".join(out)
    if text != unicodedata.normalize("NFC", raw):  # a composition across segments: keep it whole
        whole = unicodedata.normalize("NFC", raw)
        return whole, [min(k, len(raw)) for k in range(len(whole))]
    return text, origin


def _same(raw_ch: str, ch: str) -> bool:
    return raw_ch == ch or (ch == "\n" and raw_ch in "\r\u2028\u2029") or (ch == " " and raw_ch == "\u00a0")


def align(raw: str, text: str) -> list[int] | None:
    """For each character of ``text`` (``raw`` after normalisation) the raw index it came from.

    Normalisation only deletes blanks and control characters, joins marks (NFC) and turns
    line breaks into LF; None when ``text`` is not such a normalisation of ``raw``.

    >>> align("a \\r\\nb", "a\\nb")
    [0, 2, 4]
    """
    nfc, nfc_origin = _nfc_with_origin(raw)
    origin: list[int] = []
    j, n = 0, len(nfc)
    for ch in text:
        while j < n and not _same(nfc[j], ch):
            if not _DELETABLE.match(nfc[j]):
                return None
            j += 1
        if j == n:
            if ch == "\n":  # a final newline added by normalisation
                origin.append(len(raw))
                continue
            return None
        origin.append(nfc_origin[j])
        j += 1
    if any(not _DELETABLE.match(c) for c in nfc[j:]):
        return None
    return origin


@dataclass
class Selection:
    """A selection as the file states it."""

    start: int
    end: int
    name: str | None = None


class SourceText:
    """One source: its raw text as the other tool saw it, and our normalised text of it.

    >>> src = SourceText("\\ufeffHi 😀\\r\\nthere", "Hi 😀\\nthere\\n")
    >>> src.locate(Selection(7, 12), Reading(utf16=True, crlf_two=True))
    (5, 10)
    """

    def __init__(self, raw: str, text: str) -> None:
        self.raw = raw
        self.text = text
        self._cum: dict[Reading, list[int]] = {}
        # which conventions can make a difference in this text at all
        self._astral = any(ord(ch) > 0xFFFF for ch in raw)
        self._crlf = "\r\n" in raw
        self._bom = raw.startswith("\ufeff")

    @cached_property
    def origin(self) -> list[int] | None:
        return align(self.raw, self.text)

    def _raw_index(self, position: int, reading: Reading) -> int | None:
        reading = Reading(reading.utf16 and self._astral, reading.crlf_two or not self._crlf,
                          reading.bom_counted or not self._bom)
        if reading == Reading(False, True, True):  # every character counts 1: positions are indices
            return position if 0 <= position <= len(self.raw) else None
        cum = self._cum.get(reading)
        if cum is None:
            cum = self._cum[reading] = _units(self.raw, reading)
        i = bisect.bisect_left(cum, position)
        if position < 0 or i > len(self.raw) or cum[i] != position:
            return None  # past the end, or inside a surrogate pair
        return i

    def locate(self, selection: Selection, reading: Reading) -> tuple[int, int] | None:
        """The selection's ``(start, end)`` in our normalised text, or None when it makes no sense."""
        if selection.end < selection.start:
            return None
        start = self._raw_index(selection.start, reading)
        end = self._raw_index(selection.end, reading)
        if start is None or end is None:
            return None
        origin = self.origin
        if origin is None:
            return self._by_quote(self.raw[start:end], start)
        return bisect.bisect_left(origin, start), bisect.bisect_left(origin, end)

    def _by_quote(self, quote: str, raw_start: int) -> tuple[int, int] | None:
        """When the texts cannot be aligned: the normalised quote nearest its expected place."""
        wanted = normalise_text(quote).strip()
        if not wanted:
            return None
        expected = int(raw_start * len(self.text) / max(len(self.raw), 1))
        best = None
        at = self.text.find(wanted)
        while at != -1:
            if best is None or abs(at - expected) < abs(best - expected):
                best = at
            at = self.text.find(wanted, at + 1)
        return None if best is None else (best, best + len(wanted))


def normalise_text(text: str) -> str:
    """Text as realist stores transcripts (NFC, LF, trimmed lines): the transcripts module's own rule."""
    try:
        from realist.ingest.normalise import normalise
    except ImportError:  # the transcripts module is not installed yet
        text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        return unicodedata.normalize("NFC", text)
    return normalise(text)


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _name_matches(selected: str, name: str | None) -> bool:
    if not name:
        return False
    a, b = _squash(selected), _squash(name)
    if not b:
        return False
    if a == b:
        return True
    trimmed = b.rstrip(".…").rstrip()
    return len(trimmed) >= 12 and a.startswith(trimmed)


def _on_boundaries(text: str, start: int, end: int) -> int:
    score = 0
    if start == 0 or start >= len(text) or not (text[start - 1].isalnum() and text[start].isalnum()):
        score += 1
    if end >= len(text) or end == 0 or not (text[end - 1].isalnum() and text[end].isalnum()):
        score += 1
    return score


@dataclass
class Choice:
    """The reading chosen for a file, with why, for the import report."""

    reading: Reading
    why: str
    ambiguous: bool = False


def choose_reading(sources: Sequence[tuple[SourceText, Sequence[Selection]]]) -> Choice:
    """The reading under which the most selections are valid, match their names, and sit on word
    boundaries; ties go to the reading the standard prescribes.
    """
    scored = []
    results: dict[Reading, list[tuple[int, int] | None]] = {}
    total = sum(len(sels) for _, sels in sources)
    named = sum(1 for _, sels in sources for s in sels if s.name)
    for order, reading in enumerate(READINGS):
        valid = names = bounds = 0
        located: list[tuple[int, int] | None] = []
        for source, sels in sources:
            for sel in sels:
                span = source.locate(sel, reading)
                located.append(span)
                if span is None:
                    continue
                valid += 1
                names += _name_matches(source.text[span[0]:span[1]], sel.name)
                bounds += _on_boundaries(source.text, *span)
        results[reading] = located
        scored.append(((valid, names, bounds, -order), reading))
    scored.sort(key=lambda item: item[0], reverse=True)
    (valid, names, bounds, _), best = scored[0]
    distinct = {tuple(v) for v in results.values()}
    if total == 0:
        return Choice(best, "no text selections to place")
    if len(distinct) == 1:
        return Choice(best, "every reading places the selections alike: no emoji, CRLF or byte-order mark "
                            "comes before them")
    ties = [r for key, r in scored[1:] if key[:3] == (valid, names, bounds) and results[r] != results[best]]
    if named:
        why = f"{names} of {named} selections hold the text the file names them by"
    else:
        why = f"{bounds} of {2 * total} selection ends fall on word boundaries"
    if valid < total:
        why += f"; {total - valid} selections fall outside their text even so"
    return Choice(best, why, ambiguous=bool(ties))
