"""Calibration and power of the chance test on simulated timelines (figures for docs/STATISTICS.md).

    .venv/bin/python benchmarks/stats_calibration.py [--seeds 2000]

Two sizes: the bundled facts under the default period (11 releases, 17 markers, 413 days) and
under the period from the first release (23 releases, 17 markers, 638 days). Seeds 0..N-1.
"""

from __future__ import annotations

import argparse
import time

from quidproquo.ledger.simulate import SCENARIOS, run

SIZES = ((11, 17, 413), (23, 17, 638))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2000)
    args = parser.parse_args()
    print(
        "| releases, markers, days | scenario | p < 0.05 | p < 0.10 | ±14-day count p < 0.05 |"
        " KS D (randomized p) | KS p |"
    )
    print("|---|---|---|---|---|---|---|")
    began = time.perf_counter()
    for releases, markers, days in SIZES:
        for scenario in SCENARIOS:
            r = run(scenario, args.seeds, releases, markers, days)
            ks = f"{r.ks_d:.3f} | {r.ks_p:.2g}" if scenario.near_share == 0 else "— | —"
            print(
                f"| {releases}, {markers}, {days} | {r.scenario} | {r.below_05:.3f} |"
                f" {r.below_10:.3f} | {r.window14_below_05:.3f} | {ks} |"
            )
    print(f"\n{args.seeds} seeds per row, {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
