"""Time the chance test (every part `qpq ledger` runs) on synthetic ledgers of growing size.

    .venv/bin/python benchmarks/bench_stats.py [--sizes 100,1000,10000] [--repeat 3]
    .venv/bin/python benchmarks/bench_stats.py --calibration 2000

`--calibration SEEDS` instead prints the calibration and power table of docs/STATISTICS.md:
simulated timelines at two sizes, the bundled facts under the default period (11 releases,
17 markers, 413 days) and from the first release (23 releases, 17 markers, 638 days), seeds
0..SEEDS-1.

Each ledger has N releases (most on a single day, one in ten over a range of up to a week,
counts 1 to 300), N/10 visits and N/10 relief steps, spread over 2000-2026, all plausible.
Prints the best of `--repeat` runs per size, the method each test used, and a Monte Carlo check
of the headline p (seeded).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

import numpy as np

from quidproquo.ledger.intervals import Interval
from quidproquo.ledger.links import CONCESSION, RELEASE, VISIT, IncidentView, Ledger
from quidproquo.ledger.simulate import SCENARIOS, run
from quidproquo.ledger.stats import chance_tests, closeness_test

CALIBRATION_SIZES = ((11, 17, 413), (23, 17, 638))
START = date(2000, 1, 1)
DAYS = (date(2026, 12, 31) - START).days


def incident(n: int, kind: str, start: int, width: int, count: int | None) -> IncidentView:
    first = START + timedelta(days=start)
    return IncidentView(
        id=f"{kind}-{n}",
        type=kind,
        date_min=first.isoformat(),
        date_max=(first + timedelta(days=width)).isoformat(),
        count=count,
        count_qualifier=None,
        instrument=None,
        instrument_label=None,
        actor=None,
        target=None,
        destination=None,
        persons=[],
        contested=False,
        status="accepted",
        origin="extracted",
        notes=None,
        sources=[],
        count_claims=[],
        published="2027-01-01",
    )


def synthetic(n: int, seed: int = 0) -> Ledger:
    rng = np.random.default_rng(seed)
    views = []
    for i in range(n):
        width = int(rng.integers(1, 8)) if rng.random() < 0.1 else 0
        views.append(incident(i, RELEASE, int(rng.integers(0, DAYS - 8)), width, None))
        views[-1].count = int(rng.integers(1, 301))
    for kind in (VISIT, CONCESSION):
        views += [incident(i, kind, int(rng.integers(0, DAYS)), 0, None) for i in range(n // 10)]
    return Ledger(14, True, [], {v.id: v for v in views})


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, float]:
    """The fastest of `repeat` runs: (wall seconds, CPU seconds of this process)."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def header(*columns: str) -> None:
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))


def calibration(seeds: int) -> None:
    header(
        "releases, markers, days",
        "scenario",
        "p < 0.05",
        "p < 0.10",
        "±14-day count p < 0.05",
        "KS D (randomized p)",
        "KS p",
    )
    began = time.perf_counter()
    for releases, markers, days in CALIBRATION_SIZES:
        for scenario in SCENARIOS:
            r = run(scenario, seeds, releases, markers, days)
            ks = f"{r.ks_d:.3f} | {r.ks_p:.2g}" if scenario.near_share == 0 else "— | —"
            print(
                f"| {releases}, {markers}, {days} | {r.scenario} | {r.below_05:.3f} |"
                f" {r.below_10:.3f} | {r.window14_below_05:.3f} | {ks} |"
            )
    print(f"\n{seeds} seeds per row, {time.perf_counter() - began:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--calibration", type=int, metavar="SEEDS")
    args = parser.parse_args()
    if args.calibration:
        calibration(args.calibration)
        return
    header(
        "releases",
        "markers",
        "headline test: wall / CPU (s)",
        "all of chance_tests: wall / CPU (s)",
        "headline method",
        "prisoners method",
        "p",
    )
    for n in (int(s) for s in args.sizes.split(",")):
        ledger = synthetic(n)
        releases = [v.interval for v in ledger.incidents.values() if v.type == RELEASE]
        markers = [v.interval for v in ledger.incidents.values() if v.type != RELEASE]
        period = Interval(min(r.start for r in releases), max(r.end for r in releases))
        one = best_of(args.repeat, partial(closeness_test, releases, markers, period))
        every = best_of(
            args.repeat, partial(chance_tests, ledger, period="all", today=date(2026, 12, 31))
        )
        tests = chance_tests(ledger, period="all", today=date(2026, 12, 31))
        assert tests is not None and tests.prisoners is not None
        print(
            f"| {n:,} | {2 * (n // 10):,} | {one[0]:.3f} / {one[1]:.3f} |"
            f" {every[0]:.3f} / {every[1]:.3f} | {tests.releases.method} |"
            f" {tests.prisoners.method} (error <= {tests.prisoners.error_bound or 0:.1g}) |"
            f" {tests.releases.p_value:.3g} |"
        )
    exact = closeness_test(releases, markers, period)
    began = time.perf_counter()
    mc = closeness_test(releases, markers, period, method="monte_carlo", resamples=2000, seed=1)
    took = time.perf_counter() - began
    print(
        f"\nMonte Carlo check at {len(releases):,} releases: p = {mc.p_value:.3f} (2000 resamples,"
        f" seed 1, {took:.2f} s) against {exact.method} p = {exact.p_value:.3f}"
    )


if __name__ == "__main__":
    main()
