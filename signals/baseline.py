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
var = phi * mu + mu^2 * (1 / N_eff + var(g)), with phi the window's over-dispersion (>= 1, the
median Pearson residual over that of chi2(1)) and var(g) the level's noise in the window (MAD of
log g); the tail
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
    median_topics: int = 8  # with this many other topics the level is their weighted median ratio
    level_pseudo: float = 20.0  # with fewer: contacts added to their summed observed and expected counts
    # hourly: also test the day so far (counts since midnight against their expected sum), each of
    # the two tests at half the level, so a day-long rise that no single hour shows alerts that
    # day; only with >= median_topics other topics (the level of the day is then their median)
    day_to_date: bool = True


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


def level_of_others(y: np.ndarray, mu: np.ndarray, min_median: int = 8, kappa: float = 20.0) -> np.ndarray:
    """Per topic t (rows) and period (columns): the period's level as the *other* topics show it.
    With at least `min_median` other topics: the weighted median (weights: expected counts) of
    their (y + 1) / (mu + 1), robust to a few topics spiking at once; with fewer, the ratio of
    their sums, (sum y + kappa) / (sum mu + kappa)."""
    T = y.shape[0]
    if T - 1 < min_median:
        sy = y.sum(axis=0, keepdims=True) - y
        sm = mu.sum(axis=0, keepdims=True) - mu
        return (sy + kappa) / (sm + kappa)
    ratio = (y + 1.0) / (mu + 1.0)
    out = np.ones(ratio.shape)
    order = np.argsort(ratio, axis=0)
    r_sorted = np.take_along_axis(ratio, order, axis=0)
    w_sorted = np.take_along_axis(mu, order, axis=0)
    for t in range(T):
        w = np.where(order == t, 0.0, w_sorted)
        cw = np.cumsum(w, axis=0)
        half = cw[-1] / 2.0
        idx = np.minimum((cw < half[None, :]).sum(axis=0), T - 1)
        med = np.take_along_axis(r_sorted, idx[None, :], axis=0)[0]
        out[t] = np.where(half > 0, med, 1.0)
    return out


def fit_sequential(counts: np.ndarray, volume: np.ndarray, weekday: np.ndarray, hour: np.ndarray | None,
                   per_day: int, test_from: int, alarm: "AlarmRule", options: BaselineOptions) -> tuple[Fit, np.ndarray]:
    """Walk the periods from `test_from` on; fit each topic's baseline on the trailing window,
    test, and let `alarm` flag (flags are left out of later windows).

    counts: topics x periods; volume: all contacts per period; weekday: 0-6 per period; hour: 0-23
    per period (hourly) or None; per_day: periods per day (1 or 24). Returns the fit and the flags.

    The level of the period comes from the other topics: each topic's own fit is multiplied by g,
    the weighted median (weights: expected counts) of observed / expected over the other topics
    (the ratio of their sums when there are fewer than `median_topics`).
    A holiday, an outage or a quiet stretch that lowers every topic (and the return from it) is
    then no topic's spike; one topic's spike does not dilute its own test, and a few topics
    spiking at once do not move the level. The window's fitted values carry the same level, and
    over-dispersion and the level's noise are estimated robustly (medians), so a holiday or other
    topics' spikes in the window do not widen the limits.
    """
    o = options
    T, P = counts.shape
    W = o.window_days * per_day
    exp = np.full((T, P), np.nan)
    var = np.full((T, P), np.nan)
    pv = np.full((T, P), np.nan)
    flags = np.zeros((T, P), dtype=bool)
    keep = np.ones((T, P), dtype=float)  # 0 where a period was flagged
    start = max(test_from, o.min_history_days * per_day)
    wd_onehot = np.eye(7)[weekday]
    hr_onehot = np.eye(24)[hour] if hour is not None else None
    # running window sums, updated as the window slides
    S_c = np.zeros((T, 7))
    S_h = np.zeros((T, 24))
    S_k = np.zeros((T, 7))
    G_wd = np.zeros(7)
    G_h = np.zeros(24)

    def slide(col: int, sign: float) -> None:
        kk = keep[:, col]
        x = counts[:, col] * kk
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
    # the day-to-date test leans on the level from the other topics: with fewer than
    # `median_topics` others (a ratio of sums shrunk by pseudo-counts, not a median) a day-wide
    # swing is partly left in the expected count and a day's sum would alarm on it
    cumulative = hour is not None and o.day_to_date and T - 1 >= o.median_topics
    y_day = np.zeros(T)  # day to date: counts since midnight
    mu_day = np.zeros(T)  # and their expected counts
    for p in range(start, P):
        if cumulative and hour[p] == 0:
            y_day[:] = 0.0
            mu_day[:] = 0.0
        lo = max(0, p - W)
        if (p - start) % per_day == 0 and p > lo:
            # once a day: over-dispersion and the level's noise in the window, robustly
            k = keep[:, lo:p]
            ho = hr_onehot[lo:p] if hr_onehot is not None else None
            _, fit_w, _ = _rate_model(counts[:, lo:p] * k, k, wd_onehot[lo:p], ho, volume[lo:p], per_day,
                                      int(weekday[p]), int(hour[p]) if hour is not None else None, o)
            c_w = counts[:, lo:p]
            g_w = level_of_others(c_w * k, fit_w * k, o.median_topics, o.level_pseudo)
            fw = np.maximum(fit_w * g_w, 1e-6)
            pr = np.where(k > 0, (c_w - fw) ** 2 / fw, np.nan)
            phi = np.maximum(1.0, np.nanmedian(pr, axis=1) / 0.4549)  # median of chi2(1)
            lg = np.where(k > 0, np.log(np.maximum(g_w, 1e-3)), np.nan)
            mad = np.nanmedian(np.abs(lg - np.nanmedian(lg, axis=1, keepdims=True)), axis=1)
            g_var = np.nan_to_num((1.4826 * mad) ** 2)
        wd = int(weekday[p])
        g_wd = G_wd / max(G_wd.sum(), 1e-9)
        N = S_c.sum(axis=1)
        pseudo = o.prior_share * N + o.prior_count
        rate = (S_c[:, wd] + pseudo * g_wd[wd]) / np.maximum(S_k[:, wd] / per_day, 0.5)
        if hour is not None:
            g_h = G_h / max(G_h.sum(), 1e-9)
            H_s = S_h + pseudo[:, None] * g_h[None, :]
            rate = rate * H_s[:, hour[p]] / H_s.sum(axis=1)
        y = counts[:, p]
        g = level_of_others(y[:, None], rate[:, None], o.median_topics, o.level_pseudo)[:, 0]
        mu = rate * g
        v = phi * mu + mu ** 2 * (1.0 / (N + pseudo) + g_var)
        exp[:, p] = mu
        var[:, p] = v
        p_hour = upper_tail(y, mu, v)
        if cumulative:
            # the day so far, with the fit's and the level's uncertainty taken as shared by its
            # hours (mu_day^2 terms: conservative; taking the hours' level noise as independent
            # raised false alarms to 1.45 per 30 days on the benchmark); Bonferroni over the two
            # tests of the period
            y_day += y
            mu_day += mu
            v_day = phi * mu_day + mu_day ** 2 * (1.0 / (N + pseudo) + g_var)
            p_day = upper_tail(y_day, mu_day, v_day)
            pv[:, p] = np.minimum(1.0, 2.0 * np.minimum(p_hour, p_day))
            f = alarm.flag(y, mu, 2.0 * p_hour) | alarm.flag(y_day, mu_day, 2.0 * p_day)
        else:
            pv[:, p] = p_hour
            f = alarm.flag(y, mu, p_hour)
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
