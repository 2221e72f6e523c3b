"""Hand-computed vectors for every formula of realist.quant.stats and compute."""

from __future__ import annotations

import math

import pytest

from realist.quant import stats


def test_rate_variance_is_p_one_minus_p_times_n_over_n_minus_1():
    assert stats.rate_variance(0.3, 100) == pytest.approx(0.21 * 100 / 99)
    assert stats.rate_variance(0.5, 11) == pytest.approx(0.275)


def test_welch_on_means_by_hand():
    # se = sqrt(4/10 + 4/10) = 0.894427; t = 2 / se; df = 0.8^2 / (2 * 0.16^2 / 9) = 18
    r = stats.welch(10, 5.0, 4.0, 10, 3.0, 4.0)
    assert r.difference == 2.0
    assert r.se == pytest.approx(0.894427, abs=1e-6)
    assert r.statistic == pytest.approx(2.236068, abs=1e-6)
    assert r.df == pytest.approx(18.0)
    assert r.p_value == pytest.approx(0.038250, abs=1e-6)  # 2 * P(T18 > 2.236068)
    assert r.ci == pytest.approx((2 - 2.100922 * 0.894427, 2 + 2.100922 * 0.894427), abs=1e-5)


def test_welch_on_rates_matches_a_t_test_on_the_people():
    from scipy import stats as sps

    # 30 of 100 against 20 of 100: per-person variances .21*100/99 and .16*100/99
    v1, v2 = stats.rate_variance(0.3, 100), stats.rate_variance(0.2, 100)
    r = stats.welch(100, 0.3, v1, 100, 0.2, v2)
    assert r.se == pytest.approx(0.061134, abs=1e-6)
    assert r.statistic == pytest.approx(1.635757, abs=1e-5)
    assert r.df == pytest.approx(194.45, abs=0.01)
    people = sps.ttest_ind([1] * 30 + [0] * 70, [1] * 20 + [0] * 80, equal_var=False)
    assert r.p_value == pytest.approx(float(people.pvalue), rel=1e-9)


def test_cohens_d_uses_the_pooled_sd():
    assert stats.cohens_d(10, 5.0, 4.0, 10, 3.0, 4.0) == pytest.approx(1.0)
    v1, v2 = stats.rate_variance(0.3, 100), stats.rate_variance(0.2, 100)
    # pooled sd = sqrt((99 v1 + 99 v2) / 198) = sqrt(0.186869) = 0.432283
    assert stats.cohens_d(100, 0.3, v1, 100, 0.2, v2) == pytest.approx(0.1 / 0.432283, abs=1e-5)


def test_cohens_h():
    assert stats.cohens_h(0.3, 0.2) == pytest.approx(2 * math.asin(math.sqrt(0.3)) - 2 * math.asin(math.sqrt(0.2)))
    assert stats.cohens_h(0.3, 0.2) == pytest.approx(0.231984, abs=1e-6)
    assert stats.cohens_h(0.5, 0.5) == 0


@pytest.mark.parametrize("d,power,n", [(0.5, 0.8, 34), (0.5, 0.95, 54), (0.2, 0.95, 327), (-0.5, 0.95, 54)])
def test_needed_n_solves_the_noncentral_t_power_equation(d, power, n):
    # the textbook one-sample values (G*Power: d 0.5 -> 34 at 80%, 54 at 95%; d 0.2 -> 327 at 95%)
    assert stats.needed_n(d, power=power) == n
    assert stats.one_sample_power(d, n) >= power > stats.one_sample_power(d, n - 1)


def test_needed_n_none_for_no_difference():
    assert stats.needed_n(0.0) is None


def test_implied_p_from_a_ci():
    # 0.4 (-2.1 to 2.9): se = 5.0 / (2 * 1.959964) = 1.275533, z = 0.313595, p = 0.7538
    assert stats.implied_p(0.4, -2.1, 2.9) == pytest.approx(0.75383, abs=1e-4)


@pytest.mark.parametrize("p,text", [(0.7512, "0.75"), (0.05, "0.05"), (0.0504, "0.05"), (0.005, "0.01"),
                                    (0.00499, "<0.01"), (0.0, "<0.01"), (0.995, "1.00"), (0.125, "0.13")])
def test_format_p(p, text):
    assert stats.format_p(p) == text


@pytest.mark.parametrize("value,places,text", [(2.5, 0, "2"), (3.5, 0, "4"), (0.125, 2, "0.12"), (-0.04, 1, "0.0"),
                                               (38.95, 1, "39.0"), (-9.6, 0, "-10")])
def test_format_figure_half_to_even(value, places, text):
    assert stats.format_figure(value, places) == text


def test_format_ci():
    assert stats.format_ci(38.9, (36.9, 40.9), 1) == "38.9 (36.9 to 40.9)"
    assert stats.format_ci(-9.6, (-18.31, -0.87), 0) == "-10 (-18 to -1)"


def test_any_interval_gets_the_wording_its_bounds_demand():
    from decimal import Decimal

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from realist.quant.say import amount

    bound = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 3))

    @settings(max_examples=200, deadline=None)
    @given(bound)
    def one(value):
        text = amount(value, 0, "person", "people", "less than 1 person")
        rounded = stats.round_half_even(abs(value))
        if rounded == 0:
            assert text == "less than 1 person"
        elif rounded == 1:
            assert text == "1 person"
        else:
            number, unit = text.rsplit(" ", 1)
            assert unit == "people"
            assert Decimal(number.replace(",", "")) == rounded
            assert abs(Decimal(repr(abs(value))) - rounded) <= Decimal("0.5")

    one()
