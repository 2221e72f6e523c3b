"""Anchors: where an excerpt is (code points), what it says (quote + context), and its id.

SPANs as a person gives them: ``12-14`` (whole lines), ``12:5-14:20`` (line:column,
1-based, end column included) or a phrase found in the text.
"""

from __future__ import annotations

import base64
import hashlib
import re

from realist.errors import UsageError
from realist.model import Transcript
from realist.text import plural

CONTEXT = 32  # code points of prefix and suffix kept with each excerpt
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def excerpt_id(transcript_id: str, start: int, end: int, coder: str, salt: int = 0) -> str:
    """A short, stable id derived from where the excerpt is and who coded it: 8 characters.

    >>> excerpt_id("po-1", 10, 42, "alice")
    'rnfgk3vf'
    """
    key = f"{transcript_id}\0{start}\0{end}\0{coder}" + (f"\0{salt}" if salt else "")
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    tail = base64.b32encode(digest).decode("ascii").lower()
    return _LETTERS[digest[0] % 26] + tail[1:8]


def context(text: str, start: int, end: int, size: int = CONTEXT) -> tuple[str, str]:
    """(prefix, suffix): up to ``size`` code points either side of ``text[start:end]``."""
    return text[max(0, start - size):start], text[end:end + size]


def line_starts(text: str) -> list[int]:
    """Offset of the first code point of each line (line 1 is index 0)."""
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    if text.endswith("\n"):
        starts.pop()
    return starts


def line_col(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    """1-based (line, column) of ``offset``."""
    import bisect

    starts = starts if starts is not None else line_starts(text)
    i = max(0, bisect.bisect_right(starts, offset) - 1)
    return i + 1, offset - starts[i] + 1


def _line_end(text: str, starts: list[int], i: int) -> int:
    end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text.rstrip("\n"))
    return end


_SPAN = re.compile(r"^\s*(\d+)(?::(\d+))?\s*(?:-\s*(\d+)(?::(\d+))?)?\s*$")


def resolve_span(transcript: Transcript, span: str) -> tuple[int, int]:
    """``12-14`` or ``12:5-14:20`` -> (start, end) in code points, trimmed of surrounding spaces.

    Whole lines leave out the speaker's ``Name: `` label of the first line.
    """
    text = transcript.text
    m = _SPAN.match(span)
    if not m:
        raise UsageError(f"cannot read SPAN '{span}'; give lines (12-14), line:column (12:5-14:20) "
                         "or --find \"a phrase\"")
    l1, c1, l2, c2 = m.group(1), m.group(2), m.group(3), m.group(4)
    starts = line_starts(text)
    n = len(starts)
    first, last = int(l1), int(l2 or l1)
    if (c1 is None) != (c2 is None) and l2 is not None:
        raise UsageError(f"SPAN '{span}' mixes lines and line:column; write 12-14 or 12:5-14:20")
    if first < 1 or last < first:
        raise UsageError(f"SPAN '{span}' is backwards or starts before line 1")
    if last > n:
        raise UsageError(f"SPAN '{span}' is past the end: transcript '{transcript.id}' has {plural(n, 'line')}")
    if c1 is None:
        start, end = starts[first - 1], _line_end(text, starts, last - 1)
        for turn in transcript.turns:
            if turn.speaker is not None and start <= turn.start <= start + 48 and \
                    text[start:turn.start].rstrip().endswith(":") and "\n" not in text[start:turn.start]:
                start = turn.start
                break
    else:
        col1, col2 = int(c1), int(c2 or c1)
        len1 = _line_end(text, starts, first - 1) - starts[first - 1]
        len2 = _line_end(text, starts, last - 1) - starts[last - 1]
        if col1 < 1 or col1 > len1:
            raise UsageError(f"SPAN '{span}' is past the end of line {first} ({plural(len1, 'character')})")
        if col2 < 1 or col2 > len2:
            raise UsageError(f"SPAN '{span}' is past the end of line {last} ({plural(len2, 'character')})")
        start, end = starts[first - 1] + col1 - 1, starts[last - 1] + col2
        if end <= start:
            raise UsageError(f"SPAN '{span}' ends before it starts")
    return trim(text, start, end, span)


def trim(text: str, start: int, end: int, what: str = "the span") -> tuple[int, int]:
    """Move ``start``/``end`` inwards past spaces and line breaks; refuse an empty span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        raise UsageError(f"{what} holds no text (only spaces or blank lines)")
    return start, end


def find_phrase(transcript: Transcript, phrase: str, nth: int | None = None) -> tuple[int, int]:
    """The one place ``phrase`` occurs (or its ``nth``, 1-based); case is ignored when no exact match.

    Refuses a phrase found nowhere, or found more than once without ``nth``, naming the lines.
    """
    text = transcript.text
    needle = " ".join(phrase.split())
    if not needle:
        raise UsageError("--find needs a phrase")
    import unicodedata

    needle = unicodedata.normalize("NFC", needle)
    pattern = r"\s+".join(re.escape(word) for word in needle.split(" "))
    hits = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    if not hits:
        hits = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    if not hits:
        raise UsageError(f"'{phrase}' is not in transcript '{transcript.id}' (check the spelling, "
                         f"or see the text with `realist transcripts show {transcript.id}`)")
    starts = line_starts(text)
    if nth is not None:
        if nth < 1 or nth > len(hits):
            raise UsageError(f"--nth {nth}: '{phrase}' occurs {plural(len(hits), 'time')} in "
                             f"transcript '{transcript.id}'")
        return hits[nth - 1]
    if len(hits) > 1:
        lines = ", ".join(str(line_col(text, s, starts)[0]) for s, _ in hits[:10])
        more = ", ..." if len(hits) > 10 else ""
        raise UsageError(f"'{phrase}' occurs {len(hits)} times in transcript '{transcript.id}' "
                         f"(lines {lines}{more}); add --nth N to choose one, or a longer phrase")
    return hits[0]
