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

# scipy and statsmodels are imported inside the functions: they take seconds to import and the
# CLI and dashboard should start fast.


def _z(level: float) -> float:
    return NormalDist().inv_cdf(0.5 + level / 2)


def wilson(successes: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson interval per group; NaN where n == 0. Arrays of shape (groups,)."""
    from statsmodels.stats.proportion import proportion_confint

    successes = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    lo = np.full(n.shape, np.nan)
    hi = np.full(n.shape, np.nan)
    ok = n > 0
    if ok.any():
        lo[ok], hi[ok] = proportion_confint(successes[ok], n[ok], alpha=1 - level, method="wilson")
    return lo, hi


def mean_ci(mean: np.ndarray, sd: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    from scipy import stats as _st

    mean, sd, n = (np.asarray(x, dtype=float) for x in (mean, sd, n))
    half = np.full(n.shape, np.nan)
    ok = n > 1
    half[ok] = _st.t.ppf(0.5 + level / 2, n[ok] - 1) * sd[ok] / np.sqrt(n[ok])
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
