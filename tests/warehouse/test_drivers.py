"""Key-driver analysis (warehouse/drivers.py): the per-group fit, the bootstrap of the relative
weights, the notes, and `drivers` / `driver_inputs` on a real warehouse (reviews, groups, the
frame's shape). Each test pins a behaviour a one-line change would break (docs/mutation.md)."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from meeluister.records import ReviewedOutcome
from warehouse import DriverOptions, Query, driver_inputs, drivers
from warehouse.db import connect
from warehouse.drivers import fit_group, relative_weights
from driver_data import driver_frame

PREDS = ["crit_next_steps", "crit_tone", "wait_min"]


def _percentile_bootstrap(df: pd.DataFrame, preds: list[str], target: str, n_boot: int, seed: int,
                          level: float) -> tuple[np.ndarray, np.ndarray, int]:
    """The documented interval, computed here on its own: `n_boot` resamples of the rows
    (numpy's default_rng(seed)), those where a predictor or the target is constant skipped,
    the shares of R² per resample, their (1 - level)/2 and (1 + level)/2 quantiles."""
    X, y = df[preds].to_numpy(float), df[target].to_numpy(float)
    rng = np.random.default_rng(seed)
    shares = []
    for _ in range(n_boot):
        idx = rng.integers(0, len(y), len(y))
        Xb, yb = X[idx], y[idx]
        if any(len(set(col)) == 1 for col in Xb.T) or len(set(yb)) == 1:
            continue
        w, r = relative_weights(Xb, yb)
        shares.append(w / r)
    a = (1 - level) / 2
    return np.quantile(shares, a, axis=0), np.quantile(shares, 1 - a, axis=0), len(shares)


# --- fit_group ------------------------------------------------------------------------------


def test_bootstrap_interval_is_the_percentile_interval_of_the_resampled_shares():
    df = driver_frame()
    res, _ = fit_group(df, "top", PREDS, DriverOptions(n_boot=40, seed=7), level=0.8)
    lo, hi, used = _percentile_bootstrap(df, PREDS, "top", 40, 7, 0.8)
    assert used == 40
    assert np.allclose(res["rw_lo"], lo, rtol=1e-9) and np.allclose(res["rw_hi"], hi, rtol=1e-9)
    again, _ = fit_group(df, "top", PREDS, DriverOptions(n_boot=40, seed=7), level=0.8)
    assert again["rw_lo"].tolist() == res["rw_lo"].tolist()  # the seed makes it reproducible
    other, _ = fit_group(df, "top", PREDS, DriverOptions(n_boot=40, seed=8), level=0.8)
    assert other["rw_lo"].tolist() != res["rw_lo"].tolist()
    # the point shares lie inside their intervals (not a product with R²)
    assert ((res["rw_lo"] <= res["rel_weight"]) & (res["rel_weight"] <= res["rw_hi"])).all()


def test_resamples_with_a_constant_predictor_or_target_are_skipped_not_fitted():
    """Row 0 is the only contact that failed crit_rare, rows 1 and 2 the only satisfied ones
    of a small group: many resamples miss row 0 or both of the others. Those are skipped (no warning, no
    NaN share), and every other resample still counts."""
    rng = np.random.default_rng(11)
    n = 40
    rare = np.ones(n)
    rare[0] = 0.0
    other = rng.integers(0, 2, n).astype(float)
    top = np.zeros(n, dtype=int)
    top[[1, 2]] = 1  # a resample with row 0 but neither 1 nor 2 has a constant target
    df = pd.DataFrame({"crit_rare": rare, "crit_other": other, "top": top})
    preds = ["crit_rare", "crit_other"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        res, _ = fit_group(df, "top", preds, DriverOptions(n_boot=200, seed=0))
    lo, hi, used = _percentile_bootstrap(df, preds, "top", 200, 0, 0.95)
    assert 20 <= used < 150  # many skipped, enough left for an interval
    assert np.allclose(res["rw_lo"], lo, rtol=1e-9) and np.allclose(res["rw_hi"], hi, rtol=1e-9)
    assert res[["rw_lo", "rw_hi"]].notna().all().all()


def test_no_explained_variance_gives_no_shares_and_no_warning():
    """R² = 0 (the flag is exactly uncorrelated with the target): the shares are undefined."""
    df = pd.DataFrame({"crit_a": [0, 1, 0, 1, 0, 1, 0, 1.0], "top": [0, 0, 1, 1, 0, 0, 1, 1]})
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        res, note = fit_group(df, "top", ["crit_a"], DriverOptions(n_boot=0))
    assert res["r2"].iloc[0] == 0 and np.isnan(res["rel_weight"].iloc[0]) and note == ""
    assert res["odds_ratio"].iloc[0] == pytest.approx(1.0)


def test_an_ordinary_fit_has_an_empty_note_and_prints_nothing(capsys):
    res, note = fit_group(driver_frame(), "top", PREDS, DriverOptions(n_boot=0))
    assert note == ""
    assert capsys.readouterr().out == ""  # statsmodels' convergence message is switched off
    assert res["p_value"].notna().all()


def test_a_failed_logit_is_named_and_the_weights_still_given():
    """Two identical flags make the logit's Hessian singular: the exception is named, and the
    relative weights (robust to collinearity) split the share between the twins."""
    df = driver_frame()
    df["crit_twin"] = df["crit_next_steps"]
    res, note = fit_group(df, "top", ["crit_next_steps", "crit_twin"], DriverOptions(n_boot=0))
    assert note == "logit failed: LinAlgError"
    assert res["odds_ratio"].isna().all() and res["p_value"].isna().all()
    assert np.allclose(res["rel_weight"], [0.5, 0.5])


def test_relative_weights_of_exactly_collinear_predictors_are_finite():
    rng = np.random.default_rng(5)
    a = rng.normal(size=500)
    y = a + rng.normal(size=500)
    w, r2 = relative_weights(np.column_stack([a, a, rng.normal(size=500)]), y)
    assert np.isfinite(w).all() and w[0] == pytest.approx(w[1]) and w.sum() == pytest.approx(r2)
    ols = np.corrcoef(a, y)[0, 1] ** 2
    assert w[0] + w[1] == pytest.approx(ols, rel=0.05)


def test_imputation_takes_the_median_not_a_constant():
    df = driver_frame()
    df.loc[:9, "handle_min"] = np.nan
    df.loc[10:, "handle_min"] = np.where(np.arange(len(df) - 10) % 2 == 0, 3.0, 30.0)  # median 16.5
    res, note = fit_group(df, "top", ["crit_next_steps", "handle_min"], DriverOptions(n_boot=0))
    assert note == "handle_min: 10 imputed"
    median = float(df["handle_min"].median())
    assert median == pytest.approx(16.5)
    filled = df.assign(handle_min=df["handle_min"].fillna(median))
    ref, _ = fit_group(filled, "top", ["crit_next_steps", "handle_min"], DriverOptions(n_boot=0))
    assert np.allclose(res["odds_ratio"], ref["odds_ratio"]) and np.allclose(res["rel_weight"], ref["rel_weight"])


def test_unscored_criteria_are_filled_as_not_failed_before_the_fit():
    """NaN in a flag that still varies among the scored contacts: the fit is the fit of the
    frame with those contacts counted as not failed (1.0), never a fit on missing values."""
    df = driver_frame()
    df.loc[::5, "crit_tone"] = np.nan
    res, note = fit_group(df, "top", ["crit_next_steps", "crit_tone"], DriverOptions(n_boot=0))
    ref, _ = fit_group(df.fillna({"crit_tone": 1.0}), "top", ["crit_next_steps", "crit_tone"], DriverOptions(n_boot=0))
    assert note == "" and res["odds_ratio"].notna().all() and res["rel_weight"].notna().all()
    assert np.allclose(res["odds_ratio"], ref["odds_ratio"]) and np.allclose(res["rel_weight"], ref["rel_weight"])


def test_notes_are_joined_in_order():
    df = driver_frame()
    df["crit_always"] = 1.0
    df["crit_never"] = 0.0
    df["top"] = 0
    res, note = fit_group(df, "top", ["crit_always", "crit_next_steps", "crit_never"], DriverOptions(n_boot=0))
    assert note == "constant: crit_always, crit_never; target constant or no predictors"
    assert res["predictor"].tolist() == ["crit_next_steps"]


# --- drivers / driver_inputs on the fixture warehouse ---------------------------------------


@pytest.fixture(scope="module")
def wh(loaded_db):
    w = connect(loaded_db)
    yield w
    w.close()


NB = DriverOptions(n_boot=0)


def test_refusals_name_what_is_wrong(wh):
    with pytest.raises(ValueError, match=r"^driver_inputs: a row reader takes no group_by or period$"):
        driver_inputs(wh, Query(period="week"))
    with pytest.raises(ValueError, match=r"^drivers: no period \(fit one date range at a time\)$"):
        drivers(wh, Query(period="week"))
    with pytest.raises(ValueError, match=r"^drivers: group_by must be empty or one of"):
        drivers(wh, Query(group_by=("language", "channel")))


def test_frame_records_what_it_is(wh):
    for q in (Query(level=0.9, min_n=7), Query(level=0.9, min_n=7, date_from="2030-01-01")):
        kd = drivers(wh, q, target="nps_promoter", options=NB)
        assert kd.attrs == {"metric": "drivers", "target": "nps_promoter", "min_n": 7, "level": 0.9}


def test_rows_carry_kind_small_n_and_the_group_note(wh):
    di = driver_inputs(wh, Query())
    n = int(di["csat_topbox"].notna().sum())
    kd = drivers(wh, Query(min_n=n + 1), options=NB)
    kind = dict(zip(kd["predictor"], kd["kind"]))
    assert kind["wait_min"] == kind["handle_min"] == "operational" and kind["nivea"] == "criterion"
    assert kd["small_n"].dtype == bool and kd["small_n"].all()
    assert not drivers(wh, Query(min_n=n), options=NB)["small_n"].any()
    preds = [c for c in di.columns if c.startswith("crit_")] + ["wait_min", "handle_min", "repeat_contact"]
    _, note = fit_group(di[di["csat_topbox"].notna()], "csat_topbox", preds, NB)
    assert kd["note"].tolist() == [note] * len(kd)
    assert kd["r2"].notna().all() and kd["r2"].dtype == float


def test_each_target_counts_only_its_own_respondents(wh):
    di = driver_inputs(wh, Query())
    for target, col in (("csat_topbox", "csat_topbox"), ("nps_promoter", "promoter")):
        kd = drivers(wh, Query(), target=target, options=NB)
        assert (kd["n"] == int(di[col].notna().sum())).all(), target


def test_contacts_without_the_target_answer_are_left_out_of_its_fit(loaded_db):
    """A survey with CSAT but no NPS answer: counted for csat_topbox, not for nps_promoter."""
    w = connect(loaded_db)
    try:
        db = w.con.execute("SELECT current_database()").fetchone()[0]
        w.con.execute("CREATE TEMP VIEW mart_contact_satisfaction AS SELECT * REPLACE ("
                      "CASE WHEN hash(contact_id) % 4 = 0 THEN NULL ELSE promoter END AS promoter) "
                      f"FROM {db}.main.mart_contact_satisfaction")
        di = driver_inputs(w, Query())
        answered = int(di["promoter"].notna().sum())
        assert 0 < answered < int(di["csat_topbox"].notna().sum())
        kd = drivers(w, Query(), target="nps_promoter", options=NB)
        assert (kd["n"] == answered).all() and kd["r2"].notna().all()
    finally:
        w.close()


def test_the_level_reaches_the_odds_ratio_interval(wh):
    wide = drivers(wh, Query(level=0.99), options=NB).set_index("predictor")
    narrow = drivers(wh, Query(level=0.5), options=NB).set_index("predictor")
    ok = wide["or_low"].notna() & np.isfinite(wide["or_high"])
    assert ok.sum() >= 2
    assert ((wide.loc[ok, "or_high"] - wide.loc[ok, "or_low"]) > (narrow.loc[ok, "or_high"] - narrow.loc[ok, "or_low"])).all()


def test_a_group_without_variation_in_the_target_is_kept_with_empty_figures(wh):
    di = driver_inputs(wh, Query())
    happy = tuple(sorted(di.loc[di["csat_topbox"] == 1, "contact_id"]))
    assert len(happy) >= 3
    kd = drivers(wh, Query(filters={"contact_id": happy}), options=NB)
    assert len(kd) and (kd["n"] == len(happy)).all()
    assert (kd["note"].str.endswith("target constant or no predictors")).all()
    assert kd["r2"].isna().all() and kd["r2"].dtype == float and kd["value"].isna().all()


def test_a_review_to_fail_sets_the_flag_to_zero_and_overall_is_ignored(wh):
    di = driver_inputs(wh, Query())
    cid = di.loc[di["crit_nivea"] == 1, "contact_id"].iloc[0]
    after = driver_inputs(wh, Query(reviews=(ReviewedOutcome(cid, "nivea", "fail"),))).set_index("contact_id")
    assert after.loc[cid, "crit_nivea"] == 0
    assert (after["crit_nivea"] == 0).sum() == (di["crit_nivea"] == 0).sum() + 1
    overall = driver_inputs(wh, Query(reviews=(ReviewedOutcome(cid, "overall", "fail"),)))
    assert "crit_overall" not in overall and overall.equals(di)


def test_a_review_of_a_criterion_not_in_the_marts_adds_a_float_flag(wh):
    di = driver_inputs(wh, Query())
    cid = di["contact_id"].iloc[0]
    after = driver_inputs(wh, Query(reviews=(ReviewedOutcome(cid, "new_rule", "pass"),)))
    assert after["crit_new_rule"].dtype == float
    assert after["crit_new_rule"].notna().sum() == 1 and after.set_index("contact_id").loc[cid, "crit_new_rule"] == 1


def test_contacts_without_a_group_value_form_their_own_group(loaded_db):
    w = connect(loaded_db)
    try:
        db = w.con.execute("SELECT current_database()").fetchone()[0]
        w.con.execute("CREATE TEMP VIEW mart_contact_satisfaction AS SELECT * REPLACE ("
                      "CASE WHEN hash(contact_id) % 3 = 0 THEN NULL ELSE team END AS team) "
                      f"FROM {db}.main.mart_contact_satisfaction")
        di = driver_inputs(w, Query())
        kd = drivers(w, Query(group_by=("team",)), options=NB)
        missing = kd[kd["team"].isna()]
        assert len(missing) and (missing["n"] == int((di["team"].isna() & di["csat_topbox"].notna()).sum())).all()
        assert kd.groupby("team", dropna=False)["n"].first().sum() == int(di["csat_topbox"].notna().sum())
    finally:
        w.close()
