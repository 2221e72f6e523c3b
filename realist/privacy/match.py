"""Finding key terms in text, ignoring case and accents, and replacing them.

``José`` in the key finds ``jose``, ``JOSÉ`` and ``Jose`` in a transcript; matches
are whole words only, so a key name ``Sam`` never touches ``same``. Longer terms
win over shorter ones they contain (``Sam Jones`` before ``Sam``).

>>> m = Matcher({"José Álvarez": "P01", "Leeds": "Region A"})
>>> [hit.term for hit in m.find("met jose alvarez in LEEDS")]
['José Álvarez', 'Leeds']
>>> m.replace("met jose alvarez in LEEDS")[0]
'met P01 in Region A'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass


def fold_char(ch: str) -> str:
    """One character without accents, case-folded (may be 0, 1 or more characters)."""
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """``text`` without accents and case (for comparing key terms)."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


def _folded_with_origin(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from in ``text``."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        parts.append(f)
        origin.extend([i] * len(f))
    return "".join(parts), origin


@dataclass(frozen=True)
class Hit:
    """A key term found at ``text[start:end]`` (original code points)."""

    start: int
    end: int
    term: str
    found: str


class Matcher:
    """Whole-word, case- and accent-insensitive search for the terms of a key."""

    def __init__(self, terms: Mapping[str, str]) -> None:
        self.terms = dict(terms)
        self._by_fold: dict[str, str] = {}
        for term in sorted(self.terms, key=len, reverse=True):
            self._by_fold.setdefault(_squash(fold(term)), term)
        keys = sorted(self._by_fold, key=len, reverse=True)
        if keys:
            body = "|".join(r"[\s_]+".join(re.escape(w) for w in k.split(" ")) for k in keys)
            # whole words; "_" separates words too, so Okafor_interview.docx is found
            self._regex: re.Pattern[str] | None = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")
        else:
            self._regex = None

    def find(self, text: str) -> list[Hit]:
        """Every key term in ``text``, left to right, not overlapping."""
        if self._regex is None or not text:
            return []
        folded, origin = _folded_with_origin(text)
        hits = []
        for m in self._regex.finditer(folded):
            start, end = origin[m.start()], origin[m.end() - 1] + 1
            term = self._by_fold.get(_squash(m.group(0)))
            if term is not None:
                hits.append(Hit(start, end, term, text[start:end]))
        return hits

    def replace(self, text: str) -> tuple[str, list[tuple[int, int, int]]]:
        """``text`` with every term replaced by its pseudonym, and the edits made.

        Each edit is ``(start, end, new_length)`` in the original text, left to right
        (what :func:`shift` needs to move positions).
        """
        hits = self.find(text)
        if not hits:
            return text, []
        out: list[str] = []
        edits: list[tuple[int, int, int]] = []
        at = 0
        for hit in hits:
            pseudonym = self.terms[hit.term]
            out.append(text[at:hit.start])
            out.append(pseudonym)
            edits.append((hit.start, hit.end, len(pseudonym)))
            at = hit.end
        out.append(text[at:])
        return "".join(out), edits


def _squash(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.strip())


def shift(offset: int, edits: list[tuple[int, int, int]], *, end: bool = False) -> int:
    """Where ``offset`` of the old text is in the new one.

    An offset inside a replaced term moves to the start of its pseudonym (or, for the
    end of a span, to its end), so an excerpt keeps covering the whole name.

    >>> shift(10, [(0, 3, 5)])  # a 3-letter name replaced by 5 letters before offset 10
    12
    """
    delta = 0
    for start, stop, new_len in edits:
        if offset >= stop:
            delta += new_len - (stop - start)
        elif offset <= start:
            break
        else:  # inside a replaced term
            return start + delta + (new_len if end else 0)
    return offset + delta
