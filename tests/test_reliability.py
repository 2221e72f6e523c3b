"""Character-level agreement: a small example worked by hand, and a large random one checked
against the `krippendorff` package and a character-by-character computation."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from realist.coding.reliability import (
    CharCounts,
    cohen_kappa,
    difference,
    disagreements,
    intersection,
    krippendorff_alpha,
    merge_spans,
    percent_agreement,
)


def test_hand_computed_example():
    # A text of 10 characters. Coder A codes characters 0-3, coder B characters 2-5.
    #   both: 2,3   only A: 0,1   only B: 4,5   neither: 6,7,8,9
    c = CharCounts.of(10, [(0, 4)], [(2, 6)])
    assert (c.both, c.only_a, c.only_b, c.neither) == (2, 2, 2, 4)
    # observed agreement 6/10
    assert percent_agreement(c) == pytest.approx(0.6)
    # chance: A and B each code 4/10 -> 0.4*0.4 + 0.6*0.6 = 0.52; kappa = (0.6-0.52)/(1-0.52) = 1/6
    assert cohen_kappa(c) == pytest.approx(float(Fraction(1, 6)))
    # alpha: n = 20 values, n1 = 8 coded, n0 = 12 uncoded, d = 4 disagreeing units;
    # D_o = 2*4/20 = 0.4, D_e = 2*8*12/(20*19) = 96/190; alpha = 1 - 0.4*190/96 = 5/24
    assert krippendorff_alpha(c) == pytest.approx(float(Fraction(5, 24)))


def test_second_hand_example_pooled_over_two_codes():
    # Code x: A [0,5), B [0,5) -> 5 both, 5 neither. Code y: A [0,2), B nothing -> 2 only A, 8 neither.
    x = CharCounts.of(10, [(0, 5)], [(0, 5)])
    y = CharCounts.of(10, [(0, 2)], [])
    assert percent_agreement(x) == 1.0 and cohen_kappa(x) == 1.0 and krippendorff_alpha(x) == 1.0
    assert cohen_kappa(y) == 0.0  # B never codes y: chance agreement equals observed
    pooled = x + y
    assert (pooled.both, pooled.only_a, pooled.only_b, pooled.neither) == (5, 2, 0, 13)
    assert percent_agreement(pooled) == pytest.approx(18 / 20)
    # pA = 7/20, pB = 5/20; pe = 7/20*5/20 + 13/20*15/20 = 35/400 + 195/400 = 230/400
    pe = Fraction(230, 400)
    assert cohen_kappa(pooled) == pytest.approx(float((Fraction(18, 20) - pe) / (1 - pe)))
    # alpha: n = 40, n1 = 12, n0 = 28, d = 2 -> 1 - 39*2/(28*12)
    assert krippendorff_alpha(pooled) == pytest.approx(1 - 39 * 2 / (28 * 12))


def test_undefined_figures_are_none():
    nobody = CharCounts.of(10, [], [])
    assert percent_agreement(nobody) == 1.0
    assert cohen_kappa(nobody) is None
    assert krippendorff_alpha(nobody) is None
    everything = CharCounts.of(10, [(0, 10)], [(0, 10)])
    assert cohen_kappa(everything) is None and krippendorff_alpha(everything) is None
    assert percent_agreement(CharCounts()) is None


def test_span_arithmetic():
    assert merge_spans([(3, 5), (0, 1), (4, 9), (9, 10), (12, 12)]) == [(0, 1), (3, 10)]
    assert merge_spans([(-2, 3), (8, 20)], length=10) == [(0, 3), (8, 10)]
    assert intersection([(0, 5), (8, 12)], [(3, 9), (11, 20)]) == [(3, 5), (8, 9), (11, 12)]
    assert difference([(0, 5), (8, 12)], [(3, 9)]) == [(0, 3), (9, 12)]
    assert disagreements([(0, 5)], [(0, 5)]) == []
    assert disagreements([(0, 3), (7, 9)], [(2, 8)]) == [(0, 2, "a"), (3, 7, "b"), (8, 9, "a")]


def _random_spans(rng: random.Random, length: int, k: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(k):
        start = rng.randrange(length)
        spans.append((start, min(length, start + rng.randrange(1, 200))))
    return spans


def _bits(length: int, spans: list[tuple[int, int]]) -> list[int]:
    bits = [0] * length
    for start, end in spans:
        for i in range(start, end):
            bits[i] = 1
    return bits


def test_random_example_matches_krippendorff_package_and_per_character_kappa():
    krippendorff = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    rng = random.Random(20261123)
    total = CharCounts()
    rows_a: list[int] = []
    rows_b: list[int] = []
    for _transcript in range(4):
        length = rng.randrange(2000, 5000)
        for _code in range(3):
            a, b = _random_spans(rng, length, 12), _random_spans(rng, length, 12)
            # coder B agrees with A on part of A's spans, so the figures are far from 0
            b += [s for s in a if rng.random() < 0.6]
            c = CharCounts.of(length, a, b)
            bits_a, bits_b = _bits(length, a), _bits(length, b)
            data = np.array([bits_a, bits_b])
            assert krippendorff_alpha(c) == pytest.approx(
                krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"), abs=1e-9)
            assert cohen_kappa(c) == pytest.approx(_kappa(bits_a, bits_b), abs=1e-12)
            assert percent_agreement(c) == pytest.approx(
                sum(x == y for x, y in zip(bits_a, bits_b, strict=True)) / length)
            total = total + c
            rows_a += bits_a
            rows_b += bits_b
    pooled = krippendorff.alpha(reliability_data=np.array([rows_a, rows_b]), level_of_measurement="nominal")
    assert krippendorff_alpha(total) == pytest.approx(pooled, abs=1e-9)
    assert cohen_kappa(total) == pytest.approx(_kappa(rows_a, rows_b), abs=1e-12)
    assert 0.2 < pooled < 0.95  # the example is neither trivial nor degenerate


def _kappa(a: list[int], b: list[int]) -> float:
    """Cohen's kappa from the decisions themselves (the textbook definition)."""
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pe = sum((a.count(v) / n) * (b.count(v) / n) for v in (0, 1))
    return (po - pe) / (1 - pe)


def test_span_arithmetic_agrees_with_character_sets():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    span = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: (min(t), max(t)))

    @hypothesis.given(st.lists(span, max_size=8), st.lists(span, max_size=8), st.integers(1, 60))
    @hypothesis.settings(max_examples=300, deadline=None)
    def check(a, b, length):
        chars_a = {i for s, e in a for i in range(s, e) if i < length}
        chars_b = {i for s, e in b for i in range(s, e) if i < length}
        c = CharCounts.of(length, a, b)
        assert (c.both, c.only_a, c.only_b) == (len(chars_a & chars_b), len(chars_a - chars_b), len(chars_b - chars_a))
        assert c.total == length
        found = {"a": set(), "b": set()}
        for s, e, who in disagreements(a, b, length):
            found[who].update(range(s, e))
        assert found == {"a": chars_a - chars_b, "b": chars_b - chars_a}
        merged = merge_spans(a, length)
        assert all(e1 < s2 for (_, e1), (s2, _) in zip(merged, merged[1:], strict=False))

    check()
