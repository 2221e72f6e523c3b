"""The statistics behind quantitative evidence: Welch's t-test, effect sizes, sample size.

Every function takes plain numbers and returns plain numbers; scipy is imported
inside the functions that need it. Rates are handled as per-person 0/1 outcomes
(a proportion between 0 and 1), so the same t-test serves rates, frequencies,
times and scores.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class TestResult:
    """A two-group comparison: treatment minus comparison."""

    difference: float
    se: float
    df: float
    statistic: float
    p_value: float
    ci: tuple[float, float]


def rate_variance(p: float, n: int) -> float:
    """Per-person variance of a 0/1 outcome with proportion ``p`` in ``n`` people: p(1-p)·n/(n-1).

    >>> round(rate_variance(0.5, 11), 3)
    0.275
    """
    if n < 2:
        raise ValueError("a variance needs at least 2 people")
    return p * (1 - p) * n / (n - 1)


def critical_value(alpha: float = 0.05, df: float | None = None) -> float:
    """Two-sided critical value: Student's t with ``df`` degrees of freedom, or the normal when None.

    >>> round(critical_value(0.05), 3)
    1.96
    """
    from scipy import stats

    if df is None or math.isinf(df):
        return float(stats.norm.ppf(1 - alpha / 2))
    return float(stats.t.ppf(1 - alpha / 2, df))


def two_sided_p(statistic: float, df: float | None = None) -> float:
    """Two-sided p of a t (or, with ``df`` None, normal) statistic."""
    from scipy import stats

    if df is None or math.isinf(df):
        return float(2 * stats.norm.sf(abs(statistic)))
    return float(2 * stats.t.sf(abs(statistic), df))


def welch(n1: int, mean1: float, var1: float, n2: int, mean2: float, var2: float,
          alpha: float = 0.05) -> TestResult:
    """Welch's two-sample t-test from group sizes, means and per-person variances.

    >>> r = welch(10, 5.0, 4.0, 10, 3.0, 4.0)
    >>> round(r.statistic, 4), round(r.df, 1)
    (2.2361, 18.0)
    """
    if n1 < 2 or n2 < 2:
        raise ValueError("each group needs at least 2 people")
    a, b = var1 / n1, var2 / n2
    se = math.sqrt(a + b)
    diff = mean1 - mean2
    if se == 0:
        raise ValueError("both groups have no spread (standard deviation 0); no test is possible")
    df = (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1)) if a + b > 0 else float(n1 + n2 - 2)
    t = diff / se
    half = critical_value(alpha, df) * se
    return TestResult(diff, se, df, t, two_sided_p(t, df), (diff - half, diff + half))


def pooled_sd(n1: int, var1: float, n2: int, var2: float) -> float:
    """The pooled standard deviation of two groups."""
    return math.sqrt(((n1 - 1) * var1 + (n2 - 1) * var2) / (n1 + n2 - 2))


def cohens_d(n1: int, mean1: float, var1: float, n2: int, mean2: float, var2: float) -> float:
    """Cohen's d: the difference in means over the pooled standard deviation.

    >>> round(cohens_d(10, 5.0, 4.0, 10, 3.0, 4.0), 3)
    1.0
    """
    sd = pooled_sd(n1, var1, n2, var2)
    if sd == 0:
        raise ValueError("the pooled standard deviation is 0; Cohen's d is undefined")
    return (mean1 - mean2) / sd


def cohens_h(p1: float, p2: float) -> float:
    """Cohen's h for two proportions: 2·asin(√p1) − 2·asin(√p2).

    >>> round(cohens_h(0.5, 0.25), 4)
    0.5236
    """
    return 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2))


def one_sample_power(d: float, n: float, alpha: float = 0.05) -> float:
    """Power of a two-sided one-sample t-test of effect ``d`` (mean shift / SD) with ``n`` people.

    The exact noncentral-t power: P(|T| > t_crit) with T ~ nct(n − 1, d·√n).
    """
    from scipy import stats

    df = n - 1
    crit = stats.t.ppf(1 - alpha / 2, df)
    nc = abs(d) * math.sqrt(n)
    return float(stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc))


def needed_n(d: float, alpha: float = 0.05, power: float = 0.95) -> int | None:
    """People needed in the treatment group to detect effect ``d`` with the given power.

    The comparison mean is treated as fixed, so this solves the one-sample
    noncentral-t power equation for the smallest whole number of people.
    None when ``d`` is 0 (no size of group would do).

    >>> needed_n(0.5, power=0.8), needed_n(0.5, power=0.95)
    (34, 54)
    """
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise ValueError("alpha and power must lie between 0 and 1")
    if d == 0 or not math.isfinite(d):
        return None
    from scipy.optimize import brentq

    def gap(n: float) -> float:
        return one_sample_power(d, n, alpha) - power

    low, high = 2.0, 4.0
    if gap(low) >= 0:
        return 2
    while gap(high) < 0:
        low, high = high, high * 2
        if high > 1e12:
            return None
    root = brentq(gap, low, high, xtol=1e-6)
    n = max(2, math.ceil(root - 1e-9))
    while one_sample_power(d, n, alpha) < power:  # brentq's tolerance: make sure n is enough
        n += 1
    return n


def implied_p(estimate: float, low: float, high: float, alpha: float = 0.05, df: float | None = None) -> float:
    """The p-value implied by an estimate and its (1 − alpha) confidence interval.

    >>> round(implied_p(0.4, -2.1, 2.9), 2)
    0.75
    """
    se = implied_se(low, high, alpha, df)
    if se <= 0:
        return 0.0 if estimate else 1.0
    return two_sided_p(estimate / se, df)


def implied_se(low: float, high: float, alpha: float = 0.05, df: float | None = None) -> float:
    """The standard error implied by a symmetric (1 − alpha) confidence interval."""
    return (high - low) / (2 * critical_value(alpha, df))


def round_half_even(value: float, places: int = 0) -> Decimal:
    """Round as statisticians publish: half to even, on the decimal written (2.5 -> 2, 3.5 -> 4).

    >>> str(round_half_even(2.5)), str(round_half_even(0.125, 2))
    ('2', '0.12')
    """
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def format_figure(value: float, places: int) -> str:
    """A figure for a table: half-to-even at ``places`` decimals, "-0" shown as "0".

    >>> format_figure(-0.04, 1), format_figure(1234.5, 0)
    ('0.0', '1234')
    """
    text = str(round_half_even(value, places))
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    return text


def format_p(p: float) -> str:
    """A p-value as tables print it: two decimals, "<0.01" below 0.005.

    Half-up at the third decimal, so 0.005 reads "0.01", never "0.00".

    >>> format_p(0.7512), format_p(0.005), format_p(0.0049)
    ('0.75', '0.01', '<0.01')
    """
    if p < 0.005:
        return "<0.01"
    return str(Decimal(repr(float(p))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_ci(estimate: float, ci: tuple[float, float] | list[float] | None, places: int) -> str:
    """``"38.9 (36.9 to 40.9)"``; just the estimate when there is no interval."""
    text = format_figure(estimate, places)
    if ci:
        text += f" ({format_figure(ci[0], places)} to {format_figure(ci[1], places)})"
    return text
