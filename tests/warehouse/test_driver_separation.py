"""A predictor that (almost) decides the outcome has no usable odds-ratio interval: the key-driver
table must say so instead of showing a huge number or overflowing."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from warehouse.drivers import DriverOptions, fit_group


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
    assert "quasi-separation" in note and "crit_next_steps" in note
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
