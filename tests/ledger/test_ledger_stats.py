"""The coincidence test, checked against cases worked out by hand."""

from __future__ import annotations

import itertools
from datetime import date
from fractions import Fraction

import pytest

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.stats import (
    coincidence_test,
    distribution,
    near_probability,
    placements,
    statistic,
)


def day(d: int, until: int | None = None) -> Interval:
    return Interval(date(2025, 1, d), date(2025, 1, until or d))


PERIOD = day(1, 10)  # ten days
MARKERS = [day(5)]  # one visit on 5 January; with a 1-day window, days 4, 5, 6 are "near"


def test_hand_case_three_releases() -> None:
    # Releases on 5, 6 and 1 January: two are near. Each random day is near with p = 3/10,
    # so P(X >= 2) = 3 * (3/10)^2 * (7/10) + (3/10)^3 = 189/1000 + 27/1000 = 27/125.
    test = coincidence_test([day(5), day(6), day(1)], MARKERS, PERIOD, window_days=1)
    assert test.observed == 2
    assert test.p_value == pytest.approx(float(Fraction(27, 125)), abs=1e-15)
    assert test.expected == pytest.approx(0.9)
    assert test.min_attainable_p == pytest.approx(27 / 1000)
    assert test.too_small  # n = 3 < 8
    assert "too few releases" in test.sentence


def test_hand_case_release_spanning_two_days() -> None:
    # A 2-day release has 9 positions in 10 days; [3,4] [4,5] [5,6] [6,7] touch days 4..6.
    assert near_probability(day(4, 5), MARKERS, PERIOD, 1) == Fraction(4, 9)
    test = coincidence_test([day(4, 5)], MARKERS, PERIOD, window_days=1)
    assert test.p_value == pytest.approx(4 / 9)


def test_hand_case_weighted_by_prisoners() -> None:
    # Weights 5 (near) and 1 (far): X takes 0, 1, 5 or 6; P(X >= 5) = P(first near) = 3/10.
    test = coincidence_test([day(5), day(9)], MARKERS, PERIOD, 1, weights=[5, 1])
    assert (test.observed, test.total, test.weighted) == (5, 6, True)
    assert test.p_value == pytest.approx(0.3)


def test_exact_distribution_equals_brute_force_enumeration() -> None:
    releases = [day(2), day(3, 4), day(8), day(6)]
    markers = [day(3), day(9)]
    spots = [placements(r, PERIOD) for r in releases]
    counts = [statistic(list(p), markers, 1, [1] * 4) for p in itertools.product(*spots)]
    probs = [near_probability(r, markers, PERIOD, 1) for r in releases]
    dist = distribution(probs, [1] * 4)
    for k in range(5):
        assert dist[k] == Fraction(counts.count(k), len(counts))


def test_monte_carlo_is_seeded_and_close_to_exact() -> None:
    releases = [day(5), day(6), day(1), day(4), day(9)]
    exact = coincidence_test(releases, MARKERS, PERIOD, 1)
    first = coincidence_test(releases, MARKERS, PERIOD, 1, "monte_carlo", 4000, seed=7)
    again = coincidence_test(releases, MARKERS, PERIOD, 1, "monte_carlo", 4000, seed=7)
    assert first.p_value == again.p_value
    assert (first.method, first.resamples, first.seed) == ("monte_carlo", 4000, 7)
    assert first.p_value == pytest.approx(exact.p_value, abs=0.03)
    assert "Monte Carlo, 4000 random placements, seed 7" in first.sentence


def test_large_n_with_strong_coincidence_is_conclusive() -> None:
    period = Interval(date(2025, 1, 1), date(2025, 12, 31))
    markers = [Interval(date(2025, m, 15), date(2025, m, 15)) for m in range(1, 13, 2)]
    releases = [Interval(date(2025, m, 16), date(2025, m, 16)) for m in range(1, 13, 2)]
    releases += [Interval(date(2025, m, 14), date(2025, m, 14)) for m in range(1, 7, 2)]
    test = coincidence_test(releases, markers, period, window_days=2)
    assert test.n == 9 and test.observed == 9
    assert not test.too_small
    assert test.p_value < 1e-6
    assert "rarely" in test.sentence


def test_empty_input_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one dated release"):
        coincidence_test([], MARKERS, PERIOD, 1)
