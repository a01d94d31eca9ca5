"""Interval estimates used by every figure the warehouse reports.

* proportions (top-box share, pass rate, promoter share): Wilson score interval
  (statsmodels `proportion_confint(method="wilson")`), honest near 0 and 1 and at small n;
* means (CSAT on 1-10): t interval, mean ± t(n-1) · s/√n;
* NPS = 100·(p − d), Var(NPS) = 100²·(p + d − (p − d)²)/n (multinomial: promoters, passives,
  detractors); interval NPS ± z·√Var, clipped to [−100, 100]. n=100, p=.5, d=.2 → 30 ± 15.3.
"""
from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

# Dashboard intervals use closed forms and numpy only, never scipy or statsmodels: importing
# scipy.stats/statsmodels took 2-5 s, and even scipy.special (for the t quantile) 0.6 s, which
# was most of a dashboard's first query in a fresh process (docs/benchmarks.md, cold query).
# tests/warehouse/test_stats.py checks them against statsmodels and scipy.stats.

# Above this many degrees of freedom the t quantile is the Cornish-Fisher series in 1/df (error
# O(df^-5): < 1e-12 relative); at or below, Newton's method on the exact t CDF.
_T_SERIES_DF = 300


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


def _t_cdf_upper_half(t: np.ndarray, df: np.ndarray) -> np.ndarray:
    """P(|T| < t) for t >= 0 and integer df >= 1, by the finite series of Abramowitz & Stegun
    26.7.3-4 (exact up to rounding; df/2 terms, vectorised over the groups)."""
    theta = np.arctan(t / np.sqrt(df))
    c2 = np.cos(theta) ** 2
    odd = df % 2 == 1
    terms = np.where(odd, (df - 3) // 2, (df - 2) // 2).astype(int)  # last k of each series
    term = np.ones_like(t)
    total = np.ones_like(t)
    for k in range(1, int(terms.max(initial=0)) + 1):
        live = k <= terms
        ratio = np.where(odd, (2 * k) / (2 * k + 1), (2 * k - 1) / (2 * k))
        term = np.where(live, term * c2 * ratio, 0.0)
        total += term
    even_a = np.sin(theta) * total
    odd_a = np.where(df == 1, 2 * theta / np.pi,
                     2 / np.pi * (theta + np.sin(theta) * np.cos(theta) * total))
    return np.where(odd, odd_a, even_a)


def t_quantile(p: float, df: np.ndarray) -> np.ndarray:
    """Student t quantile for probability p (0.5 < p < 1) and integer degrees of freedom df >= 1
    (= scipy.stats.t.ppf(p, df))."""
    df = np.asarray(df, dtype=float)
    z = NormalDist().inv_cdf(p)
    g = [(z ** 3 + z) / 4, (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96,
         (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384,
         (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160]
    out = z + sum(gk / df ** (k + 1) for k, gk in enumerate(g))  # A&S 26.7.5 (Cornish-Fisher)
    small = (df > 2) & (df <= _T_SERIES_DF)
    if small.any():
        nu, inverse = np.unique(df[small], return_inverse=True)
        t = np.minimum(z + sum(gk / nu ** (k + 1) for k, gk in enumerate(g)), 1e6)
        target = 2 * p - 1  # P(|T| < t)
        log_c = np.array([math.lgamma((v + 1) / 2) - math.lgamma(v / 2) - 0.5 * math.log(v * math.pi) for v in nu])
        for _ in range(30):
            pdf2 = 2 * np.exp(log_c - (nu + 1) / 2 * np.log1p(t * t / nu))  # d/dt P(|T| < t)
            step = (_t_cdf_upper_half(t, nu) - target) / pdf2
            new = t - step
            new = np.where(new <= 0, t / 2, new)  # Newton from above can overshoot past 0
            done = np.abs(new - t) <= 1e-13 * t
            t = new
            if done.all():
                break
        out[small] = t[inverse]
    # Closed forms where Newton from the series start crawls up a heavy tail (Cauchy, df=2).
    out[df == 1] = math.tan(math.pi * (p - 0.5))
    out[df == 2] = (2 * p - 1) * math.sqrt(2 / (4 * p * (1 - p)))
    return out


def mean_ci(mean: np.ndarray, sd: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """mean ± t(n−1) · sd/√n; NaN where n < 2."""
    mean, sd, n = (np.asarray(x, dtype=float) for x in (mean, sd, n))
    half = np.full(n.shape, np.nan)
    ok = n > 1
    half[ok] = t_quantile(0.5 + level / 2, n[ok] - 1) * sd[ok] / np.sqrt(n[ok])
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
