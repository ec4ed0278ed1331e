"""The chance test, checked against cases worked out by hand and brute-force enumeration."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import numpy as np
import pytest

from quidproquo.ledger import nulldist
from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.stats import (
    Placements,
    closeness_test,
    distances,
    score_null,
    scores,
    window_test,
)


def day(d: int, until: int | None = None) -> Interval:
    return Interval(date(2025, 1, d), date(2025, 1, until or d))


PERIOD = day(1, 10)  # ten days
MARKERS = [day(5)]  # one visit on 5 January


def brute_distance(release: Interval, targets: list[Interval]) -> int:
    return min(abs(release.offset_from(t)) for t in targets)


def test_distances_equal_brute_force_for_ranges_and_overlaps() -> None:
    rng = random.Random(3)
    for _ in range(200):
        targets = []
        for _ in range(rng.randint(1, 5)):
            start = rng.randint(1, 60)
            targets.append(
                Interval(
                    date(2025, 1, 1) + timedelta(start),
                    date(2025, 1, 1) + timedelta(start + rng.randint(0, 4)),
                )
            )
        width = rng.randint(0, 6)
        starts = [date(2025, 1, 1) + timedelta(rng.randint(-20, 90)) for _ in range(30)]
        got = distances(np.array([s.toordinal() for s in starts]), width, targets)
        want = [brute_distance(Interval(s, s + timedelta(width)), targets) for s in starts]
        assert got.tolist() == want


def test_score_is_the_number_of_windows_missed() -> None:
    d = np.arange(0, 5000)
    s = scores(d)
    assert s[:9].tolist() == [0, 1, 2, 2, 3, 3, 3, 3, 4]
    # ceil(log2(1 + d)) = how many of the windows 0, 1, 3, 7, 15 ... days d lies outside.
    missed = sum((d > 2**k - 1).astype(int) for k in range(20))
    assert (s == missed).all()


def test_hand_case_one_release_same_day() -> None:
    # Days 1..10 lie 4,3,2,1,0,1,2,3,4,5 days from the 5th: scores 3,2,2,1,0,1,2,2,3,3.
    test = closeness_test([day(5)], MARKERS, PERIOD)
    assert (test.observed, test.same_day, test.median_days) == (0, 1, 0.0)
    assert test.p_value == pytest.approx(0.1)
    assert test.expected == pytest.approx(1.9)
    assert test.too_small and "too few" in test.sentence


def test_hand_case_two_releases() -> None:
    # Observed 0 + 1; P(S <= 1) = P(0, 0) + 2 P(0) P(1) = 0.01 + 2 * 0.1 * 0.2 = 0.05.
    test = closeness_test([day(5), day(6)], MARKERS, PERIOD)
    assert test.observed == 1
    assert test.p_value == pytest.approx(0.05, abs=1e-15)
    weighted = closeness_test([day(5), day(6)], MARKERS, PERIOD, weights=[10, 1])
    # Weighted score 10 * 0 + 1 * 1 = 1: the heavy release must score 0, the light one <= 1.
    assert weighted.observed == 1 and weighted.subjects == "prisoners"
    assert weighted.p_value == pytest.approx(0.1 * 0.3)


def test_null_distribution_equals_brute_force_enumeration() -> None:
    releases = [day(2), day(3, 4), day(8), day(6)]
    markers = [day(3), day(9, 10)]
    weights = [3, 1, 2, 5]
    place = Placements(PERIOD, markers)
    spots = [
        [
            Interval(PERIOD.start + timedelta(k), PERIOD.start + timedelta(k + r.width))
            for k in range(len(place.table(r)))
        ]
        for r in releases
    ]
    totals = []
    for combo in itertools.product(*spots):
        d = np.array([brute_distance(c, markers) for c in combo])
        totals.append(int((scores(d) * np.array(weights)).sum()))
    scored = score_null(releases, markers, PERIOD, weights)
    for x in range(max(totals) + 1):
        share = sum(t <= x for t in totals) / len(totals)
        assert scored.dist.at_most(x) == pytest.approx(share, abs=1e-12)


def test_window_test_hand_case() -> None:
    # Releases on 5, 6 and 1 January, window 1 day: days 4, 5, 6 are near (p = 3/10 each).
    # P(X >= 2) = 3 * 0.3^2 * 0.7 + 0.3^3 = 0.216.
    observed, expected, p = window_test([day(5), day(6), day(1)], MARKERS, PERIOD, 1)
    assert (observed, expected) == (2, pytest.approx(0.9))
    assert p == pytest.approx(0.216, abs=1e-15)


def test_monte_carlo_is_seeded_and_close_to_exact() -> None:
    releases = [day(5), day(6), day(1), day(4), day(9)]
    exact = closeness_test(releases, MARKERS, PERIOD)
    first = closeness_test(releases, MARKERS, PERIOD, method="monte_carlo", resamples=4000, seed=7)
    again = closeness_test(releases, MARKERS, PERIOD, method="monte_carlo", resamples=4000, seed=7)
    assert first.p_value == again.p_value
    assert (first.method, first.resamples, first.seed) == ("monte_carlo", 4000, 7)
    assert first.p_value == pytest.approx(exact.p_value, abs=0.02)
    assert "Monte Carlo, 4000 random placements, seed 7" in first.sentence


def test_strong_coincidence_is_conclusive_and_independence_is_not() -> None:
    period = Interval(date(2025, 1, 1), date(2025, 12, 31))
    markers = [Interval(date(2025, m, 15), date(2025, m, 15)) for m in range(1, 13)]
    near = [Interval(date(2025, m, 16), date(2025, m, 16)) for m in range(1, 13)]
    test = closeness_test(near, markers, period)
    assert test.n == 12 and not test.too_small
    assert test.p_value < 1e-6 and "rarely" in test.sentence
    far = [Interval(date(2025, m, 1), date(2025, m, 1)) for m in range(1, 13)]
    assert closeness_test(far, markers, period).p_value > 0.5


def test_release_longer_than_the_period_stays_put() -> None:
    test = closeness_test([day(1, 20)], MARKERS, PERIOD)
    assert test.observed == 0 and test.p_value == 1.0


def test_bad_input_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one dated subject"):
        closeness_test([], MARKERS, PERIOD)
    with pytest.raises(ValueError, match="no target"):
        closeness_test([day(3)], [], PERIOD)
    with pytest.raises(ValueError, match="one non-negative integer"):
        closeness_test([day(3)], MARKERS, PERIOD, weights=[-1])
    with pytest.raises(ValueError, match="unknown method"):
        closeness_test([day(3)], MARKERS, PERIOD, method="guess")  # type: ignore[arg-type]


def test_p_below_the_methods_error_is_said_so(monkeypatch: pytest.MonkeyPatch) -> None:
    period = Interval(date(2025, 1, 1), date(2025, 12, 31))
    markers = [Interval(date(2025, m, 15), date(2025, m, 15)) for m in range(1, 13)]
    exact = closeness_test(markers * 5, markers, period)
    assert exact.method == "exact" and f"p = {exact.p_value:.1e}" in exact.sentence
    monkeypatch.setattr(nulldist, "DIRECT_BUDGET", 0)
    fft = closeness_test(markers * 5, markers, period)
    assert fft.method == "fft" and fft.error_bound is not None
    assert fft.p_value < fft.error_bound and f"p below {fft.error_bound:.1e}" in fft.sentence
