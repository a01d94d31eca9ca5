"""A predictor that (almost) decides the outcome has no usable odds-ratio interval: the key-driver
table must say so instead of showing a huge number or overflowing."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from warehouse.drivers import DriverOptions, fit_group
from driver_data import driver_frame


def test_separated_predictor_is_named_not_overflowed():
    rng = np.random.default_rng(1)
    n = 120
    y = rng.integers(0, 2, n)
    df = pd.DataFrame({
        "crit_next_steps": y,  # decides the outcome exactly
        "crit_tone": rng.integers(0, 2, n),
        "wait_min": rng.exponential(1.0, n),
        "handle_min": rng.exponential(5.0, n),
        "repeat_contact": rng.integers(0, 2, n),
        "top": y,
    })
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        res, note = fit_group(df, "top", ["crit_next_steps", "crit_tone"], DriverOptions(n_boot=0))
    # exact separation: named, and statsmodels' non-convergence reported beside it
    assert note == "quasi-separation, odds ratio unreliable: crit_next_steps, crit_tone; logit did not converge"
    assert res.set_index("predictor").loc["crit_next_steps", "or_hi"] > 1e6


def test_ordinary_group_has_no_separation_note():
    rng = np.random.default_rng(2)
    n = 400
    x = rng.integers(0, 2, n)
    y = (rng.random(n) < np.where(x == 1, 0.6, 0.35)).astype(int)  # a real, moderate effect
    df = pd.DataFrame({"crit_next_steps": x, "crit_tone": rng.integers(0, 2, n),
                       "wait_min": rng.exponential(1.0, n), "handle_min": rng.exponential(5.0, n),
                       "repeat_contact": rng.integers(0, 2, n), "top": y})
    res, note = fit_group(df, "top", ["crit_next_steps", "crit_tone"], DriverOptions(n_boot=0))
    assert "separation" not in note
    ns = res.set_index("predictor").loc["crit_next_steps"]
    assert 1 < ns["or_lo"] < ns["odds_ratio"] < ns["or_hi"] < 10


def test_a_criterion_not_scored_counts_as_not_failed():
    """fillna(1.0): a contact not scored on a criterion did not fail it. Here every scored
    contact passed, so the flag is constant (all 1) and dropped; filled with 0 it would vary."""
    df = driver_frame()
    df.loc[::2, "crit_tone"] = np.nan
    df.loc[1::2, "crit_tone"] = 1.0
    res, note = fit_group(df, "top", ["crit_next_steps", "crit_tone"], DriverOptions(n_boot=0))
    assert "constant: crit_tone" in note and list(res["predictor"]) == ["crit_next_steps"]


def test_missing_operational_measures_get_the_median_and_are_noted():
    df = driver_frame()
    df.loc[:9, "wait_min"] = np.nan
    df.loc[10:, "wait_min"] = np.where(np.arange(len(df) - 10) % 3 == 0, 100.0, 1.0)  # median 1, mean 34
    res, note = fit_group(df, "top", ["crit_next_steps", "wait_min"], DriverOptions(n_boot=0))
    assert "wait_min: 10 imputed" in note
    filled = df.copy()
    filled.loc[:9, "wait_min"] = 1.0
    ref, _ = fit_group(filled, "top", ["crit_next_steps", "wait_min"], DriverOptions(n_boot=0))
    assert np.allclose(res["odds_ratio"], ref["odds_ratio"]) and np.allclose(res["p_value"], ref["p_value"])


def test_bootstrap_intervals_need_twenty_resamples_and_follow_the_level():
    df = driver_frame()
    preds = ["crit_next_steps", "crit_tone", "wait_min"]
    res19, _ = fit_group(df, "top", preds, DriverOptions(n_boot=19))
    assert res19["rw_lo"].isna().all() and res19["rw_hi"].isna().all()
    res, _ = fit_group(df, "top", preds, DriverOptions(n_boot=20))
    assert res["rw_lo"].notna().all() and (res["rw_lo"] <= res["rw_hi"]).all()
    assert np.isclose(res["rel_weight"].sum(), 1.0)  # shares of R2
    wide, _ = fit_group(df, "top", preds, DriverOptions(n_boot=0), level=0.99)
    narrow, _ = fit_group(df, "top", preds, DriverOptions(n_boot=0), level=0.80)
    assert ((wide["or_hi"] - wide["or_lo"]) > (narrow["or_hi"] - narrow["or_lo"])).all()
    assert np.allclose(wide["odds_ratio"], narrow["odds_ratio"])
    ns = res.set_index("predictor").loc["crit_next_steps"]
    assert ns["or_lo"] < ns["odds_ratio"] < ns["or_hi"] and 0 < ns["p_value"] < 0.01
    assert 0 < res["r2"].iloc[0] < 1


def test_constant_target_is_reported():
    df = driver_frame()
    df["top"] = 1
    res, note = fit_group(df, "top", ["crit_next_steps"], DriverOptions(n_boot=0))
    assert note == "target constant or no predictors"
    assert list(res.columns) == ["predictor", "odds_ratio", "or_lo", "or_hi", "p_value", "rel_weight", "rw_lo", "rw_hi"]
    assert all(str(res[c].dtype) == "float64" and res[c].isna().all() for c in res.columns[1:])
