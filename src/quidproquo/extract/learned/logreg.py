"""A small L2-regularised logistic regression over named binary features.

The fit is Newton's method from zero weights: no randomness, so the same examples always give
the same weights. The model is saved as JSON (feature name -> weight), a few kilobytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class LogReg:
    """Weights per feature name and a bias; absent features weigh nothing."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0

    def probability(self, features: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict[str, Any]:
        ordered = sorted(self.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
        return {"bias": round(self.bias, 6), "weights": {k: round(v, 6) for k, v in ordered}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogReg:
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


def fit(
    rows: Sequence[Sequence[str]],
    labels: Sequence[bool],
    l2: float = 1.0,
    min_count: int = 2,
    iterations: int = 30,
) -> LogReg:
    """Fit on feature lists and labels; features seen fewer than `min_count` times are left out."""
    if len(rows) != len(labels):
        raise ValueError(f"{len(rows)} feature rows for {len(labels)} labels")
    counts: dict[str, int] = {}
    for row in rows:
        for name in set(row):
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count)
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0  # the bias column, not regularised
    for r, row in enumerate(rows):
        for name in set(row):
            if name in index:
                x[r, index[name]] = 1.0
    y = np.asarray(labels, dtype=float)
    penalty = np.full(len(names) + 1, l2)
    penalty[-1] = 0.0
    w = np.zeros(len(names) + 1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return LogReg({n: float(w[i]) for n, i in index.items()}, float(w[-1]))
