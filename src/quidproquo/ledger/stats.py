"""Is the coincidence between releases and visits or relief more than chance?

Statistic: the number of releases with a visit or concession ("marker") within the window.
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

MIN_RELEASES = 8  # below this, the report says n is too small to conclude
ALPHA = 0.05
Method = Literal["exact", "monte_carlo"]


@dataclass
class CoincidenceTest:
    n: int  # releases tested
    window_days: int
    period: Interval
    observed: int  # releases with a marker within the window
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
        data["period"] = {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()}
        return data | {"sentence": self.sentence}


def near_any(release: Interval, markers: Sequence[Interval], window_days: int) -> bool:
    return any(release.within(m, window_days) for m in markers)


def statistic(releases: Sequence[Interval], markers: Sequence[Interval], window_days: int) -> int:
    return sum(near_any(r, markers, window_days) for r in releases)


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


def tail_distribution(probabilities: Sequence[Fraction]) -> list[Fraction]:
    """P(X = k) for k = 0..n where X is a sum of independent Bernoulli(p_i)."""
    dist = [Fraction(1)]
    for p in probabilities:
        nxt = [Fraction(0)] * (len(dist) + 1)
        for k, mass in enumerate(dist):
            nxt[k] += mass * (1 - p)
            nxt[k + 1] += mass * p
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
) -> CoincidenceTest:
    """Test whether releases fall near markers more often than random placement would."""
    if not releases:
        raise ValueError("the coincidence test needs at least one dated release")
    observed = statistic(releases, markers, window_days)
    probs = [near_probability(r, markers, period, window_days) for r in releases]
    dist = tail_distribution(probs)
    expected = float(sum(probs))
    min_p = float(dist[-1])
    if method == "exact":
        p_value = float(sum(dist[observed:]))
        used_resamples, used_seed = None, None
    elif method == "monte_carlo":
        p_value = _monte_carlo(releases, markers, period, window_days, observed, resamples, seed)
        used_resamples, used_seed = resamples, seed
        min_p = max(min_p, 1 / (resamples + 1))
    else:
        raise ValueError(f"unknown method {method!r}: use 'exact' or 'monte_carlo'")
    return CoincidenceTest(
        n=len(releases),
        window_days=window_days,
        period=period,
        observed=observed,
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
    observed: int,
    resamples: int,
    seed: int,
) -> float:
    rng = random.Random(seed)
    spots = [placements(r, period) for r in releases]
    at_least = 0
    for _ in range(resamples):
        drawn = [rng.choice(s) for s in spots]
        at_least += statistic(drawn, markers, window_days) >= observed
    return (at_least + 1) / (resamples + 1)


def describe(test: CoincidenceTest) -> str:
    """One plain-language paragraph a reader can check."""
    how = (
        "exact, counting every placement"
        if test.method == "exact"
        else f"Monte Carlo, {test.resamples} random placements, seed {test.seed}"
    )
    head = (
        f"{test.observed} of {test.n} releases came within {test.window_days} days of a US visit "
        f"or sanctions step. If the same releases had fallen on random days between "
        f"{test.period.start.isoformat()} and {test.period.end.isoformat()}, about "
        f"{test.expected:.1f} would have, and {test.observed} or more would happen with "
        f"probability p = {_p(test.p_value)} ({how})."
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
