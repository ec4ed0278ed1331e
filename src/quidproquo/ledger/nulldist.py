"""The null distribution of a sum of independent integer scores, in floating point.

`sum_distribution(parts)` takes parts `(pmf, weight, copies)`: `copies` independent variables,
each `weight * V` with `P(V = k) = pmf[k]`. It returns the distribution of their sum by the
cheapest of three methods:

- "exact": shift-and-add convolution, one variable at a time. Every term is a sum of
  non-negative products, so the error is rounding only (relative, at most about n * 1e-16),
  including far in the tails. Used while the work (variables x support points x length of the
  running distribution) stays under `DIRECT_BUDGET` and there are at most `DIRECT_MAX_COPIES`
  variables (the bundled facts: a few dozen).
- "fft": identical variables are grouped, each group's sum is the group kernel's discrete
  Fourier transform raised to the number of copies (a weight w reads the pmf's transform at
  w * f mod N), and the groups are multiplied in the frequency domain. The error is absolute
  (about 1e-13 in our checks; the estimate reported is ten times the largest negative mass
  FFT round-off leaves), so p-values below about 1e-12 are only "below 1e-12". Used while
  (kinds of variable) x (transform length) stays under `FFT_BUDGET`: large n unweighted, or
  a few hundred releases weighted by their counts.
- "normal": a normal approximation with continuity correction, when even the FFT would be
  too large (many releases with many different prisoner counts). Its error on any tail
  probability is bounded by Berry-Esseen for non-identical summands,
  `0.56 * sum E|X - EX|^3 / sd^3` (Shevtsova 2010), which is reported with the result.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

DIRECT_BUDGET = 30_000_000  # multiply-adds for the exact shift-and-add method
DIRECT_MAX_COPIES = 500  # it loops in Python once per variable
FFT_MAX_LENGTH = 1 << 22  # longest distribution computed by FFT
FFT_BUDGET = 30_000_000  # (distinct pmf-weight kinds) x (transform length)
BERRY_ESSEEN = 0.56
Method = Literal["exact", "fft", "normal"]
Part = tuple[np.ndarray, int, int]  # pmf over 0..K, integer weight, number of copies


@dataclass
class SumDistribution:
    """The distribution of S = sum of the parts; `pmf` is None for the normal approximation."""

    pmf: np.ndarray | None
    mean: float
    sd: float
    lattice: int  # S takes values on multiples of this
    method: Method
    error_bound: float | None  # None: rounding only

    def at_most(self, value: float) -> float:
        """P(S <= value)."""
        if self.pmf is None:
            return _phi((value + self.lattice / 2 - self.mean) / self.sd) if self.sd else 1.0
        top = min(math.floor(value), len(self.pmf) - 1)
        return 0.0 if top < 0 else min(1.0, float(self.pmf[: top + 1].sum()))

    def at_least(self, value: float) -> float:
        """P(S >= value)."""
        if self.pmf is None:
            return 1 - _phi((value - self.lattice / 2 - self.mean) / self.sd) if self.sd else 1.0
        low = max(math.ceil(value), 0)
        return min(1.0, float(self.pmf[low:].sum()))


def sum_distribution(parts: Sequence[Part]) -> SumDistribution:
    """The distribution of the sum of independent parts (see the module docstring)."""
    groups = _grouped(parts)
    unique = {id(p): p for p, _, _ in groups}
    moments = {k: (_moment(p, 1), _central(p, 2), _central(p, 3)) for k, p in unique.items()}
    mean = sum(c * w * moments[id(p)][0] for p, w, c in groups)
    var = sum(c * w * w * moments[id(p)][1] for p, w, c in groups)
    weights = [w for p, w, c in groups if np.count_nonzero(p) > 1]
    lattice = math.gcd(*weights) if weights else 1
    length = 1 + sum(c * w * (len(p) - 1) for p, w, c in groups)
    direct_cost = sum(c * np.count_nonzero(p) for p, _, c in groups) * length
    copies = sum(c for _, _, c in groups)
    if direct_cost <= DIRECT_BUDGET and copies <= DIRECT_MAX_COPIES:
        return SumDistribution(_direct(groups, length), mean, var**0.5, lattice, "exact", None)
    size = 1 << max(1, (length - 1).bit_length())
    if length <= FFT_MAX_LENGTH and len(groups) * size <= FFT_BUDGET:
        pmf, err = _fft(groups, length)
        return SumDistribution(pmf, mean, var**0.5, lattice, "fft", err)
    third = sum(c * w**3 * moments[id(p)][2] for p, w, c in groups)
    bound = min(1.0, BERRY_ESSEEN * third / var**1.5) if var else 1.0
    return SumDistribution(None, mean, var**0.5, lattice, "normal", bound)


def _grouped(parts: Sequence[Part]) -> list[Part]:
    """Merge parts with the same pmf array and weight; drop zero-weight parts."""
    merged: dict[tuple[int, int], Part] = {}
    trimmed: dict[int, np.ndarray] = {}
    for pmf, weight, copies in parts:
        if weight < 0 or copies < 0:
            raise ValueError("weights and copies must be non-negative")
        if weight == 0 or copies == 0:
            continue
        if id(pmf) not in trimmed:  # parts usually share a few pmf arrays
            trimmed[id(pmf)] = np.trim_zeros(np.asarray(pmf, dtype=float), "b")
        key = (id(pmf), weight)
        old = merged.get(key)
        merged[key] = (trimmed[id(pmf)], weight, copies + (old[2] if old else 0))
    return list(merged.values())


def _direct(groups: Sequence[Part], length: int) -> np.ndarray:
    dist = np.zeros(length)
    dist[0] = 1.0
    used = 1
    for pmf, weight, copies in groups:
        support = [(k * weight, float(q)) for k, q in enumerate(pmf) if q > 0]
        span = weight * (len(pmf) - 1)
        for _ in range(copies):
            nxt = np.zeros(used + span)
            for shift, q in support:
                nxt[shift : shift + used] += q * dist[:used]
            used += span
            dist[:used] = nxt
    return dist


def _fft(groups: Sequence[Part], length: int) -> tuple[np.ndarray, float]:
    """Multiply the groups' transforms; a weight w reads the pmf's transform at w * f mod N."""
    size = 1 << max(1, (length - 1).bit_length())
    freqs = np.arange(size, dtype=np.int64)
    unique = {id(p): p for p, _, _ in groups}
    spectra = {k: np.fft.fft(p, size) for k, p in unique.items()}
    spectrum = np.ones(size, dtype=complex)
    for pmf, weight, copies in groups:
        factor = spectra[id(pmf)][(weight * freqs) % size]
        spectrum *= factor if copies == 1 else factor**copies
    raw = np.fft.ifft(spectrum).real[:length]
    err = 10 * float(max(0.0, -raw.min())) + 1e-15 * math.log2(size)
    return np.clip(raw, 0.0, None), err


def _moment(pmf: np.ndarray, order: int) -> float:
    k = np.arange(len(pmf))
    return float((pmf * k**order).sum())


def _central(pmf: np.ndarray, order: int) -> float:
    k = np.arange(len(pmf))
    return float((pmf * np.abs(k - _moment(pmf, 1)) ** order).sum())


def _phi(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2))
