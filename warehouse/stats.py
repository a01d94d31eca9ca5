"""Interval estimates used by every figure the warehouse reports.

* proportions (top-box share, pass rate, promoter share): Wilson score interval
  (statsmodels `proportion_confint(method="wilson")`), honest near 0 and 1 and at small n;
* means (CSAT on 1-10): t interval, mean ± t(n-1) · s/√n;
* NPS = 100·(p − d), Var(NPS) = 100²·(p + d − (p − d)²)/n (multinomial: promoters, passives,
  detractors); interval NPS ± z·√Var, clipped to [−100, 100]. n=100, p=.5, d=.2 → 30 ± 15.3.
"""
from __future__ import annotations

from statistics import NormalDist

import numpy as np

# Dashboard intervals use closed forms and scipy.special (under a second to import), never
# scipy.stats or statsmodels: importing those took 2-5 s and made every dashboard's first query
# slow (docs/benchmarks.md, cold query). tests/warehouse/test_stats.py checks them against both.


def _z(level: float) -> float:
    return NormalDist().inv_cdf(0.5 + level / 2)


def wilson(successes: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson interval per group; NaN where n == 0. Arrays of shape (groups,)."""
    successes = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    lo = np.full(n.shape, np.nan)
    hi = np.full(n.shape, np.nan)
    ok = n > 0
    if ok.any():
        z2 = _z(level) ** 2
        k, m = successes[ok], n[ok]
        p = k / m
        denom = 1 + z2 / m
        centre = (p + z2 / (2 * m)) / denom
        half = np.sqrt(z2) * np.sqrt(p * (1 - p) / m + z2 / (4 * m * m)) / denom
        lo[ok], hi[ok] = centre - half, centre + half
    return lo, hi


def mean_ci(mean: np.ndarray, sd: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    from scipy.special import stdtrit  # Student t quantile (= scipy.stats.t.ppf)

    mean, sd, n = (np.asarray(x, dtype=float) for x in (mean, sd, n))
    half = np.full(n.shape, np.nan)
    ok = n > 1
    half[ok] = stdtrit(n[ok] - 1, 0.5 + level / 2) * sd[ok] / np.sqrt(n[ok])
    return mean - half, mean + half


def nps_ci(promoters: np.ndarray, detractors: np.ndarray, n: np.ndarray, level: float = 0.95
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(nps, lo, hi) on the −100..100 scale; NaN where n == 0."""
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.asarray(promoters, dtype=float) / n
        d = np.asarray(detractors, dtype=float) / n
        nps = 100 * (p - d)
        se = 100 * np.sqrt((p + d - (p - d) ** 2) / n)
    z = _z(level)
    return nps, np.clip(nps - z * se, -100, 100), np.clip(nps + z * se, -100, 100)
