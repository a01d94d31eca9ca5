"""Repeat contacts per reason and the next_steps effect, on generated contacts with known rates."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from signals.repeats import RepeatOptions, newcombe, next_steps_effect, repeat_by_reason, wilson


def frame(seed: int = 0, n: int = 4000) -> pd.DataFrame:
    """status_inquiry: 40 % back within 7 days after next_steps fail, 15 % after pass;
    waste: 10 % either way; 10 % of customers unknown. Gaps between 0 and 30 days."""
    rng = np.random.default_rng(seed)
    reason = rng.choice(["status_inquiry", "waste_collection"], n, p=[0.5, 0.5])
    ns = rng.choice(["pass", "fail", "n/a"], n, p=[0.45, 0.45, 0.1])
    p7 = np.where(reason == "status_inquiry", np.where(ns == "fail", 0.40, 0.15), 0.10)
    back7 = rng.random(n) < p7
    gap = np.where(back7, rng.uniform(0, 7, n), np.where(rng.random(n) < 0.3, rng.uniform(7.01, 14, n), np.nan))
    known = rng.random(n) > 0.1
    return pd.DataFrame({"contact_id": [f"c{i}" for i in range(n)], "reason": reason, "gap_days": gap,
                         "known_customer": known, "next_steps": ns})


def test_repeat_rates_per_reason_and_window() -> None:
    f = frame()
    out = repeat_by_reason(f)
    assert list(out["reason"]) == ["status_inquiry", "waste_collection"]  # most repeats first
    si = out.iloc[0]
    known = f[f["known_customer"] & (f["reason"] == "status_inquiry")]
    assert si["n"] == len(known)
    assert si["repeats_7d"] == int((known["gap_days"] <= 7).sum())
    assert si["repeats_14d"] == int((known["gap_days"] <= 14).sum()) > si["repeats_7d"]
    assert si["low_7d"] < si["rate_7d"] < si["high_7d"]
    assert 0.2 < si["rate_7d"] < 0.33  # about (0.45*0.15 + 0.45*0.40 + 0.1*0.15) / 1
    assert not out["small_n"].any()


def test_next_steps_effect_found_where_it_is_and_not_where_it_is_not() -> None:
    out = next_steps_effect(frame()).set_index("reason")
    si, waste = out.loc["status_inquiry"], out.loc["waste_collection"]
    assert 0.15 < si["diff"] < 0.35 and si["low"] > 0  # fail brings people back
    assert waste["low"] < 0 < waste["high"]  # no effect: the interval holds 0
    assert out.loc["all", "n_fail"] + out.loc["all", "n_pass"] <= 4000


def test_wilson_and_newcombe_match_statsmodels() -> None:
    sm = pytest.importorskip("statsmodels.stats.proportion")
    lo, hi = wilson(np.array([12]), np.array([40]))
    ref = sm.proportion_confint(12, 40, method="wilson")
    assert lo[0] == pytest.approx(ref[0]) and hi[0] == pytest.approx(ref[1])
    d, lo, hi = newcombe(np.array([30]), np.array([80]), np.array([12]), np.array([90]))
    ref = sm.confint_proportions_2indep(30, 80, 12, 90, method="newcomb", compare="diff")
    assert lo[0] == pytest.approx(ref[0], abs=1e-9) and hi[0] == pytest.approx(ref[1], abs=1e-9)


def test_small_groups_flagged_not_hidden() -> None:
    f = frame(n=60)
    out = repeat_by_reason(f, RepeatOptions(min_n=40))
    assert len(out) == 2 and out["small_n"].all()
