"""Random draws the statistical model needs, on a plain `random.Random` so that a seed fixes them all."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson count; normal approximation above a mean of 30 (counts there need no exact tail)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def binomial(rng: random.Random, n: int, p: float) -> int:
    """A binomial count; normal approximation for large n."""
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if n > 60:
        sd = math.sqrt(n * p * (1 - p))
        return min(n, max(0, round(rng.gauss(n * p, sd))))
    return sum(1 for _ in range(n) if rng.random() < p)


def multinomial(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """n split among len(weights) bins in proportion to the weights (sequential binomials)."""
    out = [0] * len(weights)
    left, rest = n, float(sum(weights))
    for i, w in enumerate(weights):
        if left <= 0:
            break
        if i == len(weights) - 1 or rest <= 0:
            out[i] = left
            break
        k = binomial(rng, left, w / rest if rest > 0 else 0)
        out[i] = k
        left -= k
        rest -= w
    return out


def lognormal_factor(rng: random.Random, sigma: float) -> float:
    """A multiplicative factor with median 1."""
    return math.exp(rng.gauss(0.0, sigma))
