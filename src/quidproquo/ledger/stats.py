"""Is the coincidence between releases and visits or relief more than chance?

Statistic: the number of releases with a visit or concession ("marker") within the window, or,
with weights, the number of prisoners freed in those releases.
Null model: the markers stay where they are; each release keeps its date width but is placed
on a day drawn uniformly and independently from the observed period (two releases may share a
day). Under this null the releases' "near" indicators are independent, so the exact
distribution of the statistic is the convolution of one Bernoulli per release, whose
probability is counted over every possible start day. That enumerates all placements exactly,
whatever n is. A seeded Monte Carlo version with p = (k+1)/(N+1) is available as a check.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import timedelta
from fractions import Fraction
from typing import Any, Literal

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.links import CONCESSION, VISIT, Ledger
from quidproquo.ledger.terms import release_range

MIN_RELEASES = 8  # below this, the report says n is too small to conclude
ALPHA = 0.05
Method = Literal["exact", "monte_carlo"]


@dataclass
class CoincidenceTest:
    n: int  # releases tested
    window_days: int
    period: Interval
    observed: int  # releases (or weighted: prisoners) with a marker within the window
    total: int  # the statistic if every release had coincided
    weighted: bool
    p_value: float
    method: Method
    resamples: int | None  # Monte Carlo only
    seed: int | None  # Monte Carlo only
    expected: float  # mean of the statistic under the null
    min_attainable_p: float  # p if every release had coincided
    too_small: bool

    @property
    def sentence(self) -> str:
        return describe(self)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["period"] = {
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
        }
        return data | {"sentence": self.sentence}


def near_any(release: Interval, markers: Sequence[Interval], window_days: int) -> bool:
    return any(release.within(m, window_days) for m in markers)


def statistic(
    releases: Sequence[Interval],
    markers: Sequence[Interval],
    window_days: int,
    weights: Sequence[int],
) -> int:
    return sum(
        w for r, w in zip(releases, weights, strict=True) if near_any(r, markers, window_days)
    )


def placements(release: Interval, period: Interval) -> list[Interval]:
    """Every position of the release inside the period (the release itself if it cannot fit)."""
    slots = period.width - release.width + 1
    if slots < 1:
        return [release]
    return [release.shifted_to(period.start + timedelta(days=d)) for d in range(slots)]


def near_probability(
    release: Interval, markers: Sequence[Interval], period: Interval, window_days: int
) -> Fraction:
    spots = placements(release, period)
    return Fraction(sum(near_any(s, markers, window_days) for s in spots), len(spots))


def distribution(probabilities: Sequence[Fraction], weights: Sequence[int]) -> list[Fraction]:
    """P(X = k), k = 0..sum(weights), for X = sum of w_i * B_i, B_i ~ Bernoulli(p_i) independent."""
    dist = [Fraction(1)]
    for p, w in zip(probabilities, weights, strict=True):
        nxt = [Fraction(0)] * (len(dist) + w)
        for k, mass in enumerate(dist):
            if mass:
                nxt[k] += mass * (1 - p)
                nxt[k + w] += mass * p
        dist = nxt
    return dist


def coincidence_test(
    releases: Sequence[Interval],
    markers: Sequence[Interval],
    period: Interval,
    window_days: int,
    method: Method = "exact",
    resamples: int = 10_000,
    seed: int = 0,
    weights: Sequence[int] | None = None,
) -> CoincidenceTest:
    """Test whether releases fall near markers more often than random placement would."""
    if not releases:
        raise ValueError("the coincidence test needs at least one dated release")
    unit = [1] * len(releases) if weights is None else list(weights)
    if len(unit) != len(releases) or any(w < 0 for w in unit):
        raise ValueError("weights must be one non-negative integer per release")
    observed = statistic(releases, markers, window_days, unit)
    by_width: dict[int, Fraction] = {}  # the probability depends only on the release's width
    for r in releases:
        if r.width not in by_width:
            by_width[r.width] = near_probability(r, markers, period, window_days)
    probs = [by_width[r.width] for r in releases]
    dist = distribution(probs, unit)
    expected = float(sum(p * w for p, w in zip(probs, unit, strict=True)))
    min_p = float(dist[-1])
    if method == "exact":
        p_value = float(sum(dist[observed:]))
        used_resamples, used_seed = None, None
    elif method == "monte_carlo":
        p_value = _monte_carlo(
            releases, markers, period, window_days, unit, observed, resamples, seed
        )
        used_resamples, used_seed = resamples, seed
        min_p = max(min_p, 1 / (resamples + 1))  # MC cannot go below 1/(N+1)
    else:
        raise ValueError(f"unknown method {method!r}: use 'exact' or 'monte_carlo'")
    return CoincidenceTest(
        n=len(releases),
        window_days=window_days,
        period=period,
        observed=observed,
        total=sum(unit),
        weighted=weights is not None,
        p_value=p_value,
        method=method,
        resamples=used_resamples,
        seed=used_seed,
        expected=expected,
        min_attainable_p=min_p,
        too_small=len(releases) < MIN_RELEASES or min_p > ALPHA,
    )


def _monte_carlo(
    releases: Sequence[Interval],
    markers: Sequence[Interval],
    period: Interval,
    window_days: int,
    weights: Sequence[int],
    observed: int,
    resamples: int,
    seed: int,
) -> float:
    rng = random.Random(seed)
    spots = [placements(r, period) for r in releases]
    at_least = 0
    for _ in range(resamples):
        drawn = [rng.choice(s) for s in spots]
        at_least += statistic(drawn, markers, window_days, weights) >= observed
    return (at_least + 1) / (resamples + 1)


def describe(test: CoincidenceTest) -> str:
    """One plain-language paragraph a reader can check."""
    how = (
        "exact, counting every placement"
        if test.method == "exact"
        else f"Monte Carlo, {test.resamples} random placements, seed {test.seed}"
    )
    unit = f"prisoners freed in {test.n} releases" if test.weighted else "releases"
    head = (
        f"{test.observed} of {test.total} {unit} came within "
        f"{test.window_days} days of an envoy visit or a sanctions-relief step. If the same "
        f"releases had fallen on random days between {test.period.start.isoformat()} and "
        f"{test.period.end.isoformat()}, about {test.expected:.1f} would have, and "
        f"{test.observed} or more with probability p = {_p(test.p_value)} ({how})."
    )
    if test.too_small:
        return head + (
            f" With n = {test.n}, even a perfect coincidence would only reach p = "
            f"{_p(test.min_attainable_p)}: too few releases to tell a pattern from chance."
        )
    if test.p_value < ALPHA:
        return head + (
            " Chance alone rarely produces this much coincidence. That shows timing, not a deal:"
            " some visits were made to collect the prisoners, so part of it is by construction."
        )
    return head + " Chance alone could easily produce this much coincidence."


def _p(value: float) -> str:
    return f"{value:.2g}" if value >= 0.001 else f"{value:.1e}"


@dataclass
class LedgerTests:
    """The test on release counts (the question asked) and on prisoners freed."""

    releases: CoincidenceTest
    prisoners: CoincidenceTest | None  # None when no release has a count

    def to_dict(self) -> dict[str, Any]:
        return {
            "releases": self.releases.to_dict(),
            "prisoners": self.prisoners.to_dict() if self.prisoners else None,
        }


def chance_tests(
    ledger: Ledger, method: Method = "exact", resamples: int = 10_000, seed: int = 0
) -> LedgerTests | None:
    """Run the test on a ledger: dated releases against dated visits and concessions.

    The observed period runs from the first to the last day of any of them. Releases with no
    count (not even a claimed one) are left out of the prisoner-weighted test.
    """
    releases = [row.release for row in ledger.rows if row.release.interval]
    markers = [i.interval for i in ledger.of_type(VISIT) + ledger.of_type(CONCESSION) if i.interval]
    if not releases:
        return None
    spans = [r.interval for r in releases if r.interval] + markers
    period = Interval(min(s.start for s in spans), max(s.end for s in spans))
    window = ledger.window_days
    intervals = [r.interval for r in releases if r.interval]
    by_count = coincidence_test(intervals, markers, period, window, method, resamples, seed)
    counted = [(r.interval, release_range(r)[0]) for r in releases]
    weighted = [(i, c) for i, c in counted if i is not None and c is not None]
    prisoners = None
    if weighted:
        prisoners = coincidence_test(
            [i for i, _ in weighted],
            markers,
            period,
            window,
            method,
            resamples,
            seed,
            weights=[c for _, c in weighted],
        )
    return LedgerTests(by_count, prisoners)
