"""Key-driver analysis: which behaviours and operational measures move CSAT and NPS.

Per group (all contacts, or per language / channel) on surveyed contacts:

1. A logistic regression (statsmodels) of the target (CSAT top-box, or NPS promoter) on every
   criterion's "not failed" flag (pass or n/a = 1, fail = 0) plus wait and handle time (minutes)
   and repeat contact: odds ratios with Wald 95% intervals and p-values. Constant predictors are
   dropped per group; a fit that does not converge (e.g. perfect separation) is reported in `note`.
2. Relative weights (Johnson 2000) of the same predictors for the linear R² of the target: the
   share of explained variance each predictor accounts for, robust to correlated behaviours
   (raw coefficients are not), with bootstrap percentile intervals.

Rows with a missing operational measure get the group median (and the count is in `note`).
"""
from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from warehouse.analytics import _open, driver_inputs
from warehouse.db import Warehouse

logger = logging.getLogger(__name__)

TARGETS = {"csat_topbox": "csat_topbox", "nps_promoter": "promoter"}
OPERATIONAL = ("wait_min", "handle_min", "repeat_contact")


@dataclass(frozen=True)
class DriverOptions:
    min_n: int = 200  # groups with fewer surveyed contacts are flagged small_n (still fitted)
    n_boot: int = 200  # bootstrap resamples for the relative-weight intervals
    seed: int = 0
    level: float = 0.95


def relative_weights(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Johnson's relative weights: (weights summing to R², R²). X: (n, p), y: (n,)."""
    Xs = (X - X.mean(0)) / X.std(0)
    ys = (y - y.mean()) / y.std()
    n = len(y)
    R = (Xs.T @ Xs) / n
    rxy = (Xs.T @ ys) / n
    evals, evecs = np.linalg.eigh(R)
    evals = np.clip(evals, 1e-12, None)
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T  # correlations of X with its orthogonal twins Z
    beta = np.linalg.solve(lam, rxy)  # y on Z
    raw = (lam ** 2) @ (beta ** 2)
    return raw, float(raw.sum())


SEPARATION_LOG_ODDS = 15.0  # an odds-ratio bound beyond e^15 (3.3 million) is not an estimate


def _fit_group(df: pd.DataFrame, target: str, preds: list[str], opts: DriverOptions) -> tuple[pd.DataFrame, str]:
    import statsmodels.api as sm

    notes = []
    X = df[preds].astype(float).copy()
    for c in OPERATIONAL:
        if c in X and X[c].isna().any():
            k = int(X[c].isna().sum())
            X[c] = X[c].fillna(X[c].median() if X[c].notna().any() else 0.0)
            notes.append(f"{c}: {k} imputed")
    X = X.fillna(1.0)  # a criterion not scored for a contact did not fail
    keep = [c for c in X.columns if X[c].std() > 0]
    dropped = [c for c in X.columns if c not in keep]
    if dropped:
        notes.append("constant: " + ", ".join(dropped))
    y = df[target].astype(float).to_numpy()
    out = pd.DataFrame({"predictor": keep})
    for col in ("odds_ratio", "or_lo", "or_hi", "p_value", "rel_weight", "rw_lo", "rw_hi"):
        out[col] = np.nan
    if not keep or y.std() == 0:
        return out, "; ".join(notes + ["target constant or no predictors"])
    Xk = X[keep].to_numpy()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = sm.Logit(y, sm.add_constant(Xk, has_constant="add")).fit(disp=0, maxiter=200)
        params, ci = np.asarray(res.params)[1:], np.asarray(res.conf_int(alpha=1 - opts.level))[1:]
        with np.errstate(over="ignore"):  # an unbounded interval is inf, and is named below
            out["odds_ratio"] = np.exp(params)
            out["or_lo"], out["or_hi"] = np.exp(ci[:, 0]), np.exp(ci[:, 1])
        # |log-odds| this large means (quasi-)separation: the group is too small or the predictor
        # almost decides the outcome; its odds ratio has no usable interval, say so.
        separated = [keep[i] for i in np.flatnonzero(np.abs(ci).max(axis=1) > SEPARATION_LOG_ODDS)]
        if separated:
            notes.append("quasi-separation, odds ratio unreliable: " + ", ".join(separated))
        out["p_value"] = np.asarray(res.pvalues)[1:]
        if not res.mle_retvals.get("converged", True):
            notes.append("logit did not converge")
    except Exception as exc:  # statsmodels raises on perfect separation / singular matrices
        notes.append(f"logit failed: {type(exc).__name__}")
    rw, r2 = relative_weights(Xk, y)
    out["rel_weight"] = rw / r2 if r2 > 0 else np.nan
    rng = np.random.default_rng(opts.seed)
    boots = []
    for _ in range(opts.n_boot):
        idx = rng.integers(0, len(y), len(y))
        Xb, yb = Xk[idx], y[idx]
        if (Xb.std(0) == 0).any() or yb.std() == 0:
            continue
        w, r = relative_weights(Xb, yb)
        boots.append(w / r if r > 0 else np.full(len(keep), np.nan))
    if len(boots) >= 20:
        b = np.asarray(boots)
        a = (1 - opts.level) / 2
        out["rw_lo"], out["rw_hi"] = np.nanquantile(b, a, axis=0), np.nanquantile(b, 1 - a, axis=0)
    out["r2"] = r2
    return out, "; ".join(notes)


def key_drivers(wh: Warehouse | str | Path, target: str = "csat_topbox", by: str | None = None,
                filters: Mapping[str, Any] | None = None, options: DriverOptions | None = None) -> pd.DataFrame:
    """One row per group and predictor: odds ratio (CI, p) and relative weight (CI), n, small_n."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {sorted(TARGETS)}, not {target!r}")
    if by not in (None, "language", "channel", "team"):
        raise ValueError("by must be None, 'language', 'channel' or 'team'")
    opts = options or DriverOptions()
    with _open(wh) as w:
        df = driver_inputs(w, filters)
    col = TARGETS[target]
    if df.empty:
        return pd.DataFrame()
    df = df[df[col].notna()]
    preds = [c for c in df.columns if c.startswith("crit_")] + list(OPERATIONAL)
    frames = []
    groups = [("all", df)] if by is None else list(df.groupby(by, dropna=False))
    for g, sub in groups:
        res, note = _fit_group(sub, col, preds, opts)
        res.insert(0, "group", g)
        res.insert(1, "n", len(sub))
        res["kind"] = ["operational" if p in OPERATIONAL else "criterion" for p in res["predictor"]]
        res["predictor"] = res["predictor"].str.removeprefix("crit_")
        res["small_n"] = len(sub) < opts.min_n
        res["note"] = note
        frames.append(res)
    out = pd.concat(frames, ignore_index=True)
    out.attrs.update(target=target, by=by, min_n=opts.min_n, level=opts.level)
    return out.sort_values(["group", "rel_weight"], ascending=[True, False]).reset_index(drop=True)
