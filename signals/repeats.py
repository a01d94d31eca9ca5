"""Repeat contacts per reason, and the effect of telling what happens next (next_steps) on them.

A contact is a repeat within w days when the same customer (the warehouse's keyed customer hash,
never the number) contacts again within w days after it started: the warehouse's own rule
(docs/warehouse.md, stg_repeat_contacts), here for several windows at once (7 and 14 days:
Amsterdam found people call again after about a week and a half without news, seed 004).
Contacts whose customer is unknown are left out of the denominators.

    repeat_by_reason(frame)        per reason: n, repeats and rate within each window (Wilson)
    next_steps_effect(frame)       per reason: repeat rate after next_steps pass vs fail, the
                                   difference fail - pass with a Newcombe (hybrid score) interval

`frame`: one row per contact and reason: contact_id, reason, gap_days (days until the same
customer's next contact; NaN when none), known_customer (bool), next_steps ("pass"/"fail"/"n/a"
or None). `repeats(con, q)` builds it from the warehouse's query layer.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class RepeatOptions:
    windows: tuple[int, ...] = (7, 14)  # days
    level: float = 0.95
    min_n: int = 30  # groups below are flagged small_n, never hidden


def wilson(k: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        den = 1 + z ** 2 / n
        centre = (p + z ** 2 / (2 * n)) / den
        half = z * np.sqrt(p * (1 - p) / n + z ** 2 / (4 * n ** 2)) / den
    return np.where(n > 0, centre - half, np.nan), np.where(n > 0, centre + half, np.nan)


def newcombe(k1: np.ndarray, n1: np.ndarray, k2: np.ndarray, n2: np.ndarray,
             level: float = 0.95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """p1 - p2 with Newcombe's hybrid score interval (his method 10, from the two Wilson intervals)."""
    k1, n1, k2, n2 = (np.asarray(x, dtype=float) for x in (k1, n1, k2, n2))
    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1, level)
    l2, u2 = wilson(k2, n2, level)
    d = p1 - p2
    lo = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, lo, hi


def repeat_by_reason(frame: pd.DataFrame, options: RepeatOptions | None = None) -> pd.DataFrame:
    """Per reason (most repeats in the first window first): n (contacts with a known customer),
    then per window w: repeats_<w>d, rate_<w>d, low_<w>d, high_<w>d; small_n."""
    o = options or RepeatOptions()
    f = frame[frame["known_customer"].astype(bool)].copy()
    rows = []
    for reason, g in f.groupby("reason", sort=True):
        row: dict[str, Any] = {"reason": reason, "n": int(len(g))}
        for w in o.windows:
            k = int((g["gap_days"] <= w).sum())
            lo, hi = wilson(np.array([k]), np.array([len(g)]), o.level)
            row.update({f"repeats_{w}d": k, f"rate_{w}d": k / len(g), f"low_{w}d": float(lo[0]),
                        f"high_{w}d": float(hi[0])})
        rows.append(row)
    cols = ["reason", "n"] + [f"{x}_{w}d" for w in o.windows for x in ("repeats", "rate", "low", "high")]
    out = pd.DataFrame(rows, columns=cols)
    out["small_n"] = out["n"] < o.min_n
    w0 = o.windows[0]
    out = out.sort_values([f"repeats_{w0}d", "reason"], ascending=[False, True]).reset_index(drop=True)
    out.attrs.update(windows=o.windows, level=o.level, min_n=o.min_n)
    return out


def next_steps_effect(frame: pd.DataFrame, window: int = 7, options: RepeatOptions | None = None) -> pd.DataFrame:
    """Per reason (and "all"): repeat rate within `window` days after next_steps fail vs pass;
    `diff` = rate_fail - rate_pass (positive: not telling what happens next brings people back),
    with a Newcombe interval `low`, `high`; small_n when either group is below min_n."""
    o = options or RepeatOptions()
    f = frame[frame["known_customer"].astype(bool) & frame["next_steps"].isin(["pass", "fail"])].copy()
    f["rep"] = f["gap_days"] <= window
    groups = [("all", f.drop_duplicates("contact_id"))] + list(f.groupby("reason", sort=True))
    rows = []
    for reason, g in groups:
        fail, pas = g[g["next_steps"] == "fail"], g[g["next_steps"] == "pass"]
        k1, n1, k2, n2 = int(fail["rep"].sum()), len(fail), int(pas["rep"].sum()), len(pas)
        d, lo, hi = newcombe(np.array([k1]), np.array([n1]), np.array([k2]), np.array([n2]), o.level)
        rows.append({"reason": reason, "n_fail": n1, "repeats_fail": k1, "rate_fail": k1 / n1 if n1 else np.nan,
                     "n_pass": n2, "repeats_pass": k2, "rate_pass": k2 / n2 if n2 else np.nan,
                     "diff": float(d[0]), "low": float(lo[0]), "high": float(hi[0]),
                     "small_n": min(n1, n2) < o.min_n})
    out = pd.DataFrame(rows)
    out.attrs.update(window=window, level=o.level, min_n=o.min_n)
    return out


def repeats(con: Any, q: Any = None, options: RepeatOptions | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables from the warehouse (query layer: contact_reasons, repeat_gaps, results)."""
    frame = repeat_frame(con, q)
    o = options or RepeatOptions()
    return repeat_by_reason(frame, o), next_steps_effect(frame, o.windows[0], o)


def repeat_frame(con: Any, q: Any = None) -> pd.DataFrame:
    import warehouse
    from warehouse import Query

    q = q or Query()
    reasons = warehouse.contact_reasons(con, q)[["contact_id", "reason"]]
    gaps = warehouse.repeat_gaps(con, q)[["contact_id", "gap_days", "known_customer"]]
    res = warehouse.results(con, q.but(filters={**dict(q.filters), "criterion": "next_steps"}))
    ns = res[["contact_id", "outcome"]].rename(columns={"outcome": "next_steps"})
    f = reasons.merge(gaps, on="contact_id", how="inner").merge(ns, on="contact_id", how="left")
    return f
