"""The chance test checked like a method, on simulated timelines.

Calibration: releases placed independently of the markers must give uniform p-values. The
reported p is conservative for a discrete statistic (P(p <= a) <= a), so two checks: the share
of reported p below 0.05 and 0.1, and a Kolmogorov-Smirnov test of the randomized p
(P(S < s) + U * P(S = s), exactly uniform under the null if the null distribution is right).
Power: releases placed near markers on purpose (a share of them within a few days of a randomly
chosen marker, the rest anywhere) must be detected, at the sizes of the bundled data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.stats import score_null, window_test

# The bundled facts under the default period: 11 releases, 17 visits and relief steps, 413 days.
BUNDLED = {"releases": 11, "markers": 17, "days": 413}
ORIGIN = date(2025, 1, 1)


@dataclass(frozen=True)
class Scenario:
    name: str
    near_share: float  # share of releases placed near a marker on purpose
    jitter_days: int  # those releases are at most this many days from their marker


SCENARIOS = (
    Scenario("independent", 0.0, 0),
    Scenario("a third the same day as a marker", 1 / 3, 0),
    Scenario("half within 3 days", 0.5, 3),
    Scenario("all within 14 days", 1.0, 14),
)


@dataclass
class Result:
    scenario: str
    seeds: int
    below_05: float  # share of p < 0.05 (power, or false-positive rate when independent)
    below_10: float
    window14_below_05: float  # the old headline (+-14 days) for comparison
    ks_d: float  # KS distance of the randomized p from uniform
    ks_p: float


def timeline(
    rng: np.random.Generator, scenario: Scenario, releases: int, markers: int, days: int
) -> tuple[list[Interval], list[Interval]]:
    """One simulated timeline: single-day markers anywhere, releases by the scenario."""
    marks = rng.integers(0, days, size=markers)
    near = rng.random(releases) < scenario.near_share
    anchor = marks[rng.integers(0, markers, size=releases)]
    jitter = rng.integers(-scenario.jitter_days, scenario.jitter_days + 1, size=releases)
    free = rng.integers(0, days, size=releases)
    rel = np.where(near, np.clip(anchor + jitter, 0, days - 1), free)
    return [_day(int(d)) for d in rel], [_day(int(d)) for d in marks]


def run(
    scenario: Scenario,
    seeds: int,
    releases: int = BUNDLED["releases"],
    markers: int = BUNDLED["markers"],
    days: int = BUNDLED["days"],
    first_seed: int = 0,
) -> Result:
    period = Interval(ORIGIN, ORIGIN + timedelta(days=days - 1))
    reported, randomized, window = [], [], []
    for seed in range(first_seed, first_seed + seeds):
        rng = np.random.default_rng(seed)
        rel, marks = timeline(rng, scenario, releases, markers, days)
        scored = score_null(rel, marks, period)
        reported.append(scored.dist.at_most(scored.observed))
        randomized.append(scored.randomized_p(float(rng.random())))
        window.append(window_test(rel, marks, period, 14)[2])
    d, p = ks_uniform(randomized)
    return Result(
        scenario=scenario.name,
        seeds=seeds,
        below_05=_share(reported, 0.05),
        below_10=_share(reported, 0.10),
        window14_below_05=_share(window, 0.05),
        ks_d=d,
        ks_p=p,
    )


def ks_uniform(values: Sequence[float]) -> tuple[float, float]:
    """Kolmogorov-Smirnov distance from Uniform(0, 1) and its asymptotic p-value."""
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    i = np.arange(1, n + 1)
    d = float(max((i / n - x).max(), (x - (i - 1) / n).max()))
    lam = (math.sqrt(n) + 0.12 + 0.11 / math.sqrt(n)) * d
    p = 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return d, min(1.0, max(0.0, p))


def _share(values: Sequence[float], alpha: float) -> float:
    return sum(v < alpha for v in values) / len(values)


def _day(offset: int) -> Interval:
    day = ORIGIN + timedelta(days=offset)
    return Interval(day, day)
