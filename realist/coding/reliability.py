"""Character-level agreement between two coders: percent, Cohen's kappa, Krippendorff's alpha.

Pure functions over spans (``(start, end)`` in code points, end exclusive). For one code in
one transcript every character is a unit that each coder either coded (1) or did not (0);
the 2x2 table of those decisions is all the three figures need, so nothing is computed
character by character and a long transcript costs no more than a short one.

Pooling (several transcripts, several codes) adds the tables: the units are then the
(transcript, code, character) triples, which is how the overall figures are defined.

>>> c = CharCounts.of(10, [(0, 4)], [(2, 6)])
>>> (c.both, c.only_a, c.only_b, c.neither)
(2, 2, 2, 4)
>>> round(percent_agreement(c), 3), round(cohen_kappa(c), 4), round(krippendorff_alpha(c), 4)
(0.6, 0.1667, 0.2083)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[int, int]


def merge_spans(spans: Iterable[Span], length: int | None = None) -> list[Span]:
    """Sorted, non-overlapping, non-touching spans covering the same characters.

    Spans are clipped to ``[0, length)`` when a length is given; empty spans vanish.

    >>> merge_spans([(5, 8), (0, 2), (1, 3), (8, 9)])
    [(0, 3), (5, 9)]
    """
    items = []
    for start, end in spans:
        if length is not None:
            start, end = max(0, start), min(end, length)
        if end > start:
            items.append((start, end))
    items.sort()
    merged: list[Span] = []
    for start, end in items:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def covered(spans: list[Span]) -> int:
    """Characters covered by merged spans."""
    return sum(end - start for start, end in spans)


def intersection(a: list[Span], b: list[Span]) -> list[Span]:
    """Spans covered by both (both inputs merged)."""
    out: list[Span] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if end > start:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def difference(a: list[Span], b: list[Span]) -> list[Span]:
    """Spans covered by ``a`` but not ``b`` (both merged).

    >>> difference([(0, 10)], [(2, 4), (6, 7)])
    [(0, 2), (4, 6), (7, 10)]
    """
    out: list[Span] = []
    j = 0
    for start, end in a:
        pos = start
        while j < len(b) and b[j][1] <= pos:
            j += 1
        k = j
        while k < len(b) and b[k][0] < end:
            if b[k][0] > pos:
                out.append((pos, b[k][0]))
            pos = max(pos, b[k][1])
            k += 1
        if pos < end:
            out.append((pos, end))
    return out


@dataclass(frozen=True)
class CharCounts:
    """The 2x2 table of character decisions of coders A and B for one code (or pooled)."""

    both: int = 0
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    @classmethod
    def of(cls, length: int, spans_a: Iterable[Span], spans_b: Iterable[Span]) -> CharCounts:
        """The table for a text of ``length`` characters and each coder's spans of one code."""
        a, b = merge_spans(spans_a, length), merge_spans(spans_b, length)
        both = covered(intersection(a, b))
        only_a, only_b = covered(a) - both, covered(b) - both
        return cls(both, only_a, only_b, length - both - only_a - only_b)

    def __add__(self, other: CharCounts) -> CharCounts:
        return CharCounts(self.both + other.both, self.only_a + other.only_a, self.only_b + other.only_b,
                          self.neither + other.neither)

    @property
    def total(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def coded_a(self) -> int:
        return self.both + self.only_a

    @property
    def coded_b(self) -> int:
        return self.both + self.only_b


def percent_agreement(c: CharCounts) -> float | None:
    """Share of characters on which the two coders made the same decision (None if no text)."""
    return (c.both + c.neither) / c.total if c.total else None


def cohen_kappa(c: CharCounts) -> float | None:
    """Cohen's kappa: (observed - chance agreement) / (1 - chance agreement).

    Chance agreement uses each coder's own rate of coding. None when it is undefined
    (both coders made one and the same decision for every character, so chance is 1).
    """
    n = c.total
    if not n:
        return None
    observed = (c.both + c.neither) / n
    pa, pb = c.coded_a / n, c.coded_b / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


def krippendorff_alpha(c: CharCounts) -> float | None:
    """Krippendorff's alpha (nominal, two coders, no missing values): 1 - D_observed / D_expected.

    With n = 2 x characters pairable values, n1 coded and n0 uncoded values and d units on
    which the coders differ, alpha = 1 - (n - 1) d / (n0 n1). None when only one value
    occurs (every character coded by both, or by neither): there is no variation to agree on.
    """
    n = 2 * c.total
    n1 = 2 * c.both + c.only_a + c.only_b
    n0 = n - n1
    if n0 == 0 or n1 == 0:
        return None
    d = c.only_a + c.only_b
    return 1 - (n - 1) * d / (n0 * n1)


def disagreements(spans_a: Iterable[Span], spans_b: Iterable[Span],
                  length: int | None = None) -> list[tuple[int, int, str]]:
    """The spans only one coder coded, in text order, each tagged ``"a"`` or ``"b"``.

    >>> disagreements([(0, 4)], [(2, 6)])
    [(0, 2, 'a'), (4, 6, 'b')]
    """
    a, b = merge_spans(spans_a, length), merge_spans(spans_b, length)
    out = [(s, e, "a") for s, e in difference(a, b)] + [(s, e, "b") for s, e in difference(b, a)]
    return sorted(out)
