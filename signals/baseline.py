"""The count model behind spike alerts: a weekday (and hour) baseline per topic, fitted on a
trailing window, and how unusual an observed count is against it.

For a topic t and a period p (a day, or an hour), the expected count is the maximum-likelihood fit
of a Poisson log-linear model with weekday and hour main effects, fitted on the topic's counts in
the `window_days` before p (closed form, as for an independence model of a weekday x hour table):

    mu_t(p) = (R_t[weekday(p)] / n[weekday(p)]) * (H_t[hour(p)] / N_t)        (hourly)
    mu_t(p) =  R_t[weekday(p)] / n[weekday(p)]                                (daily)

R: the topic's window count on that weekday, n: the number of window days with that weekday, H:
its window count in that hour, N: its window total. Small topics borrow from the overall volume's
shape (`prior_share` of their count spread like all contacts), and a topic with no history gets
`prior_count` pseudo-contacts over the window, so a new topic's first contacts are unusual but not
infinitely so. Periods already alerted are left out of later windows (a spike does not become its
own baseline).

Over-dispersion and the uncertainty of the fit enter the variance:
var = phi * mu + mu^2 * (1 / N_eff + var(g)), with phi the window's Pearson dispersion (>= 1) and
var(g) how much the level from the rest wandered in the window (at least 1 / (rest + k)); the tail
probability P(Y >= y) is negative binomial with that mean and variance (Poisson when var = mu).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BaselineOptions:
    window_days: int = 28  # trailing window the baseline is fitted on
    min_history_days: int = 14  # periods with less history before them are not tested
    prior_share: float = 0.1  # a topic's shape is shrunk this far toward the shape of all contacts
    prior_count: float = 0.5  # pseudo-contacts over the window (a topic without history)
    level_pseudo: float = 20.0  # contacts added to the rest's observed and expected volume (small periods)


@dataclass
class Fit:
    expected: np.ndarray  # topics x periods (NaN where not tested)
    variance: np.ndarray
    pvalue: np.ndarray  # P(Y >= observed), NaN where not tested
    z: np.ndarray


def upper_tail(y: np.ndarray, mu: np.ndarray, var: np.ndarray) -> np.ndarray:
    """P(Y >= y) for a negative binomial with mean mu and variance var (Poisson where var <= mu)."""
    from scipy import stats

    y = np.asarray(y, dtype=float)
    mu = np.maximum(np.asarray(mu, dtype=float), 1e-9)
    var = np.maximum(np.asarray(var, dtype=float), mu)
    out = np.empty_like(mu)
    pois = var <= mu * (1 + 1e-9)
    out[pois] = stats.poisson.sf(y[pois] - 1, mu[pois])
    nb = ~pois
    if nb.any():
        r = mu[nb] ** 2 / (var[nb] - mu[nb])
        p = mu[nb] / var[nb]
        out[nb] = stats.nbinom.sf(y[nb] - 1, r, p)
    out[y <= 0] = 1.0
    return out


def _rate_model(c: np.ndarray, k: np.ndarray, wdo: np.ndarray, ho: np.ndarray | None, vol: np.ndarray,
                per_day: int, wd: int, hr: int | None, o: BaselineOptions) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weekday (x hour) main-effects Poisson fit of each row of `c` (rows x window periods, kept
    where `k`): (expected count at the tested period, fitted window, effective count)."""
    n_wd = (k @ wdo) / per_day  # rows x 7: window days per weekday, flagged periods removed
    R = c @ wdo
    g_wd = vol @ wdo
    g_wd = g_wd / max(g_wd.sum(), 1e-9)  # the weekday shape of all contacts
    N = R.sum(axis=1)
    pseudo = (o.prior_share * N + o.prior_count)[:, None]
    R_s = R + pseudo * g_wd[None, :]
    day_rate = R_s / np.maximum(n_wd, 0.5)  # rows x 7
    if ho is not None:
        H = c @ ho
        g_h = vol @ ho
        g_h = g_h / max(g_h.sum(), 1e-9)
        H_s = H + pseudo * g_h[None, :]
        h_share = H_s / H_s.sum(axis=1, keepdims=True)
        mu = day_rate[:, wd] * h_share[:, hr]
        fit_w = (day_rate @ wdo.T) * (h_share @ ho.T)
    else:
        mu = day_rate[:, wd]
        fit_w = day_rate @ wdo.T
    return mu, np.maximum(fit_w, 1e-6), N + pseudo[:, 0]


def fit_sequential(counts: np.ndarray, volume: np.ndarray, weekday: np.ndarray, hour: np.ndarray | None,
                   per_day: int, test_from: int, alarm: "AlarmRule", options: BaselineOptions) -> tuple[Fit, np.ndarray]:
    """Walk the periods from `test_from` on; fit each topic's baseline on the trailing window,
    test, and let `alarm` flag (flags are left out of later windows).

    counts: topics x periods; volume: all contacts per period; weekday: 0-6 per period; hour: 0-23
    per period (hourly) or None; per_day: periods per day (1 or 24). Returns the fit and the flags.

    The level of the period comes from the rest of the volume: the topic's own fit is multiplied
    by g = (rest + k) / (expected rest + k), where rest = all other contacts of the period and its
    expectation the same weekday/hour model fitted on the rest's window. A holiday, an outage or a
    quiet stretch that lowers every topic (and the return from it) is then no topic's spike, while
    one topic's spike does not dilute its own test.
    """
    o = options
    T, P = counts.shape
    W = o.window_days * per_day
    exp = np.full((T, P), np.nan)
    var = np.full((T, P), np.nan)
    pv = np.full((T, P), np.nan)
    flags = np.zeros((T, P), dtype=bool)
    keep = np.ones((T, P), dtype=float)  # 0 where a period was flagged
    rest = volume[None, :] - counts  # T x P
    start = max(test_from, o.min_history_days * per_day)
    wd_onehot = np.eye(7)[weekday]
    hr_onehot = np.eye(24)[hour] if hour is not None else None
    kappa = o.level_pseudo
    # running window sums (topics stacked over their rests), updated as the window slides
    S_c = np.zeros((2 * T, 7))
    S_h = np.zeros((2 * T, 24))
    S_k = np.zeros((T, 7))
    G_wd = np.zeros(7)
    G_h = np.zeros(24)

    def slide(col: int, sign: float) -> None:
        kk = keep[:, col]
        x = np.concatenate([counts[:, col] * kk, rest[:, col] * kk])
        S_c[:, weekday[col]] += sign * x
        S_k[:, weekday[col]] += sign * kk
        G_wd[weekday[col]] += sign * volume[col]
        if hour is not None:
            S_h[:, hour[col]] += sign * x
            G_h[hour[col]] += sign * volume[col]

    for col in range(max(0, start - W), start):
        slide(col, 1.0)
    phi = np.ones(T)
    g_var = np.zeros(T)
    for p in range(start, P):
        lo = max(0, p - W)
        if (p - start) % per_day == 0:
            # dispersion of the window around its level-adjusted fit (Pearson), once a day
            k = keep[:, lo:p]
            wdo = wd_onehot[lo:p]
            ho = hr_onehot[lo:p] if hr_onehot is not None else None
            stack_c = np.vstack([counts[:, lo:p] * k, rest[:, lo:p] * k])
            _, fit2, _ = _rate_model(stack_c, np.vstack([k, k]), wdo, ho, volume[lo:p], per_day,
                                     int(weekday[p]), int(hour[p]) if hour is not None else None, o)
            g_w = (rest[:, lo:p] + kappa) / (fit2[T:] + kappa)
            fw = fit2[:T] * g_w
            dof = np.maximum(k.sum(axis=1) - (7 + (24 if ho is not None else 0)), 1.0)
            phi = np.maximum(1.0, (((counts[:, lo:p] - fw) ** 2 / fw) * k).sum(axis=1) / dof)
            # how much the level from the rest wanders in the window: its uncertainty at p
            g_var = (((g_w - 1.0) ** 2) * k).sum(axis=1) / np.maximum(k.sum(axis=1), 1.0)
        wd = int(weekday[p])
        g_wd = G_wd / max(G_wd.sum(), 1e-9)
        N = S_c.sum(axis=1)
        pseudo = o.prior_share * N + o.prior_count
        n_wd = np.vstack([S_k, S_k])[:, wd] / per_day
        rate = (S_c[:, wd] + pseudo * g_wd[wd]) / np.maximum(n_wd, 0.5)
        if hour is not None:
            g_h = G_h / max(G_h.sum(), 1e-9)
            H_s = S_h + pseudo[:, None] * g_h[None, :]
            rate = rate * H_s[:, hour[p]] / H_s.sum(axis=1)
        mu_t, mu_r = rate[:T], rate[T:]
        g = (rest[:, p] + kappa) / (mu_r + kappa)
        mu = mu_t * g
        v = phi * mu + mu ** 2 * (1.0 / (N[:T] + pseudo[:T]) + np.maximum(g_var, 1.0 / (rest[:, p] + kappa)))
        y = counts[:, p]
        exp[:, p] = mu
        var[:, p] = v
        pv[:, p] = upper_tail(y, mu, v)
        f = alarm.flag(y, mu, pv[:, p])
        flags[:, p] = f
        keep[f, p] = 0.0
        slide(p, 1.0)
        if p - W >= 0:
            slide(p - W, -1.0)
    z = (counts - exp) / np.sqrt(np.maximum(var, 1e-12))
    return Fit(exp, var, pv, z), flags


class AlarmRule:
    """When a count is an alert: its tail probability below the corrected level, at least
    `min_count` contacts and `min_ratio` times the expected count."""

    def __init__(self, threshold: float, min_count: int, min_ratio: float) -> None:
        self.threshold = threshold
        self.min_count = min_count
        self.min_ratio = min_ratio

    def flag(self, y: np.ndarray, mu: np.ndarray, p: np.ndarray) -> np.ndarray:
        return (p < self.threshold) & (y >= self.min_count) & (y >= self.min_ratio * mu)
