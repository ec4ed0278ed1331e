"""The three ways to compute a null distribution agree within their stated errors."""

from __future__ import annotations

import numpy as np
import pytest

from quidproquo.ledger import nulldist
from quidproquo.ledger.nulldist import sum_distribution


def parts(n: int, seed: int) -> list[tuple[np.ndarray, int, int]]:
    rng = np.random.default_rng(seed)
    kinds = [rng.dirichlet(np.ones(9)) for _ in range(3)]
    return [(kinds[i % 3], 1, 1) for i in range(n)]


def test_fft_matches_shift_and_add(monkeypatch: pytest.MonkeyPatch) -> None:
    exact = sum_distribution(parts(300, 1))
    assert exact.method == "exact" and exact.pmf is not None
    monkeypatch.setattr(nulldist, "DIRECT_BUDGET", 0)
    fft = sum_distribution(parts(300, 1))
    assert fft.method == "fft" and fft.pmf is not None and fft.error_bound is not None
    assert np.abs(fft.pmf - exact.pmf).max() < 1e-12
    assert fft.error_bound < 1e-10
    for x in (900, 1100, 1200, 1300):
        assert fft.at_most(x) == pytest.approx(exact.at_most(x), abs=1e-12)


def test_normal_stays_within_its_berry_esseen_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    exact = sum_distribution(parts(400, 2))
    monkeypatch.setattr(nulldist, "DIRECT_BUDGET", 0)
    monkeypatch.setattr(nulldist, "FFT_MAX_LENGTH", 0)
    normal = sum_distribution(parts(400, 2))
    assert normal.method == "normal" and normal.pmf is None
    assert normal.error_bound is not None and 0 < normal.error_bound < 0.1
    assert normal.mean == pytest.approx(exact.mean) and normal.sd == pytest.approx(exact.sd)
    worst = max(abs(normal.at_most(x) - exact.at_most(x)) for x in range(0, int(exact.mean * 2)))
    assert worst <= normal.error_bound


def test_weights_and_tails() -> None:
    # 3 * Bernoulli(0.5) + 1 * Bernoulli(0.5): values 0, 1, 3, 4 each with 1/4.
    dist = sum_distribution([(np.array([0.5, 0.5]), 3, 1), (np.array([0.5, 0.5]), 1, 1)])
    assert dist.at_most(0) == 0.25 and dist.at_most(2) == 0.5 and dist.at_least(3) == 0.5
    assert dist.at_least(5) == 0.0 and dist.at_most(-1) == 0.0
    with pytest.raises(ValueError, match="non-negative"):
        sum_distribution([(np.array([1.0]), -1, 1)])
