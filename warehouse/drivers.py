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
Reviewed outcomes (`Query.reviews`) replace the automatic ones in the matrix.

    drivers(con, Query(group_by=("language",)), target="csat_topbox")
"""
from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from warehouse.query import Con, Query, Sql, connection, group_keys, where

logger = logging.getLogger(__name__)

TARGETS = {"csat_topbox": "csat_topbox", "nps_promoter": "promoter"}
OPERATIONAL = ("wait_min", "handle_min", "repeat_contact")


DRIVER_GROUPS = ("language", "channel", "team")


@dataclass(frozen=True)
class DriverOptions:
    """The owner of the driver analysis' defaults (`Query.min_n` None takes `min_n` here: a
    logistic model needs more contacts per group than a share does)."""

    min_n: int = 200  # groups with fewer surveyed contacts are flagged small_n (still fitted)
    n_boot: int = 200  # bootstrap resamples for the relative-weight intervals
    seed: int = 0


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


def fit_group(df: pd.DataFrame, target: str, preds: list[str], opts: DriverOptions,
              level: float = 0.95) -> tuple[pd.DataFrame, str]:
    """Logit odds ratios and relative weights of `preds` for the 0/1 `target` in one group."""
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
        params, ci = np.asarray(res.params)[1:], np.asarray(res.conf_int(alpha=1 - level))[1:]
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
        a = (1 - level) / 2
        out["rw_lo"], out["rw_hi"] = np.nanquantile(b, a, axis=0), np.nanquantile(b, 1 - a, axis=0)
    out["r2"] = r2
    return out, "; ".join(notes)


def driver_inputs(con: Con, q: Query) -> pd.DataFrame:
    """The per-contact matrix key-driver analysis fits on: satisfaction, wait/handle minutes,
    repeat contact, and a 0/1 'not failed' flag per criterion (`crit_<id>`; missing when the
    contact was not scored on it), reviewed outcomes applied. One scan of
    mart_contact_satisfaction, whose `outcomes` text holds each surveyed contact's criterion
    outcomes (chr(30) criterion chr(31) outcome chr(30)). Criterion ids are data: they are bound
    as parameters and the columns aliased by position."""
    if q.group_by or q.period:
        raise ValueError("driver_inputs: a row reader takes no group_by or period")
    w = where(q)
    with connection(con) as c:
        # Every scored criterion (also those no surveyed contact has: their columns stay empty).
        crits = [r[0] for r in c.execute(
            "SELECT DISTINCT criterion FROM mart_result_daily WHERE grain = 'lct' AND criterion <> 'overall' "
            "ORDER BY 1").fetchall()]
        flags = "".join(f", CASE WHEN contains(outcomes, chr(30) || ? || chr(31) || 'fail' || chr(30)) THEN 0 "
                        f"WHEN contains(outcomes, chr(30) || ? || chr(31)) THEN 1 END AS c{i}"
                        for i in range(len(crits)))
        sql = (Sql("SELECT contact_id, language, channel, team, agent_id, csat_topbox, promoter, csat_10, nps, "
                   "wait_s / 60.0 AS wait_min, handle_s / 60.0 AS handle_min, "
                   f"CAST(repeat_contact AS INTEGER) AS repeat_contact{flags} FROM mart_contact_satisfaction",
                   tuple(x for x in crits for _ in (0, 1))) + w)
        df = c.execute(sql.text, list(sql.params)).df()
    df = df.rename(columns={f"c{i}": f"crit_{x}" for i, x in enumerate(crits)})
    reviews = [r for r in q.effective_reviews() if r.criterion != "overall"]
    if reviews and len(df):
        pos = pd.Series(np.arange(len(df)), index=df["contact_id"])
        for r in reviews:
            if r.contact_id in pos.index:
                col = f"crit_{r.criterion}"
                if col not in df:
                    df[col] = np.nan
                df.iloc[pos[r.contact_id], df.columns.get_loc(col)] = 0.0 if r.outcome == "fail" else 1.0
    return df


def drivers(con: Con, q: Query, target: str = "csat_topbox", options: DriverOptions | None = None) -> pd.DataFrame:
    """Key drivers of `target` (csat_topbox | nps_promoter) per group (`Query.group_by`: none,
    or one of language, channel, team): one row per group and predictor with `n` (surveyed
    contacts in the group), `value` the relative weight (share of explained variance) with its
    bootstrap interval `ci_low`/`ci_high`, `small_n`, then `odds_ratio`, `or_low`, `or_high`,
    `p_value` (logit, Wald), `r2`, `kind` (criterion | operational) and `note`."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {sorted(TARGETS)}, not {target!r}")
    if len(q.group_by) > 1 or any(g not in DRIVER_GROUPS for g in q.group_by):
        raise ValueError(f"drivers: group_by must be empty or one of {DRIVER_GROUPS}, not {q.group_by}")
    if q.period:
        raise ValueError("drivers: no period (fit one date range at a time)")
    opts = options or DriverOptions()
    min_n = q.resolved_min_n(opts.min_n)
    level = q.resolved_level
    df = driver_inputs(con, q.but(group_by=()))
    keys = group_keys(q)
    cols = keys + ["predictor", "kind", "n", "value", "ci_low", "ci_high", "small_n", "odds_ratio", "or_low",
                   "or_high", "p_value", "r2", "note"]
    col = TARGETS[target]
    if not df.empty:
        df = df[df[col].notna()]
    if df.empty:
        out = pd.DataFrame({c: [] for c in cols})
        out.attrs.update(metric="drivers", target=target, min_n=min_n, level=level)
        return out
    preds = [c for c in df.columns if c.startswith("crit_")] + list(OPERATIONAL)
    frames = []
    groups = [((), df)] if not keys else [((g,), sub) for g, sub in df.groupby(keys[0], dropna=False)]
    for g, sub in groups:
        res, note = fit_group(sub, col, preds, opts, level)
        for k, v in zip(keys, g):
            res[k] = v
        res["n"] = len(sub)
        res["kind"] = ["operational" if p in OPERATIONAL else "criterion" for p in res["predictor"]]
        res["predictor"] = res["predictor"].str.removeprefix("crit_")
        res["small_n"] = len(sub) < min_n
        res["note"] = note
        frames.append(res)
    out = pd.concat(frames, ignore_index=True).rename(columns={
        "rel_weight": "value", "rw_lo": "ci_low", "rw_hi": "ci_high", "or_lo": "or_low", "or_hi": "or_high"})
    if "r2" not in out:
        out["r2"] = np.nan
    out = out[cols].sort_values(keys + ["value"], ascending=[True] * len(keys) + [False]).reset_index(drop=True)
    out.attrs.update(metric="drivers", target=target, min_n=min_n, level=level)
    return out
