"""The chance test as a method: calibrated under independence, powerful when placed on purpose.

A smaller, seeded version of `benchmarks/bench_stats.py --calibration` (figures in
docs/STATISTICS.md).
The bands are about three standard errors wide at 400 seeds, so a broken null or a weak
statistic fails them.
"""

from __future__ import annotations

from quidproquo.ledger.simulate import SCENARIOS, ks_uniform, run

SEEDS = 400


def test_independent_timelines_give_uniform_p_values() -> None:
    result = run(SCENARIOS[0], SEEDS, first_seed=10_000)
    assert result.below_05 <= 0.05 + 0.033
    assert result.below_10 <= 0.10 + 0.045
    assert result.ks_p > 0.001, result  # the randomized p is exactly uniform under the null


def test_releases_placed_near_markers_are_detected() -> None:
    same_day, within_3, within_14 = (run(s, SEEDS // 2, first_seed=20_000) for s in SCENARIOS[1:])
    assert same_day.below_05 >= 0.6, same_day
    assert within_3.below_05 >= 0.55, within_3
    assert within_14.below_05 >= 0.45, within_14
    # The window-free test beats the old +-14-day headline where releases are close.
    assert same_day.below_05 > same_day.window14_below_05 + 0.3


def test_ks_rejects_what_is_not_uniform() -> None:
    assert ks_uniform([i / 200 for i in range(200)])[1] > 0.5
    assert ks_uniform([(i / 200) ** 2 for i in range(200)])[1] < 1e-6
