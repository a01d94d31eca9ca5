"""The frames of the result and survey metrics (warehouse/metrics.py) as a caller reads them: the
columns in the layer's order, the attrs that name the figure, the rows sorted by their group
columns, counts as integers. Written against the survivors of a mutation run (docs/mutation.md);
the figures themselves are checked against the rows in test_query.py."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from warehouse import Query, csat, nps, pass_rates, qa_score
from warehouse.db import connect

LEAD = ["n", "value", "ci_low", "ci_high", "small_n"]
OWN = {
    "csat": ["sd", "topbox_n", "topbox_share", "topbox_low", "topbox_high"],
    "nps": ["promoters", "passives", "detractors"],
    "pass_rates": ["passed", "failed", "not_applicable"],
    "qa_score": ["sd"],
}
METRICS = {"csat": csat, "nps": nps, "pass_rates": pass_rates, "qa_score": qa_score}


@pytest.fixture(scope="module")
def wh(loaded_db):
    w = connect(loaded_db)
    yield w
    w.close()


@pytest.mark.parametrize("name", sorted(METRICS))
def test_each_frame_names_its_figure_and_settings(wh, name):
    df = METRICS[name](wh, Query(group_by=("language",), min_n=3, level=0.9))
    assert df.attrs == {"metric": name, "min_n": 3, "level": 0.9}
    assert list(df.columns) == ["language"] + LEAD + OWN[name]
    assert df["language"].tolist() == sorted(df["language"])
    assert (df["small_n"] == (df["n"] < 3)).all()


@pytest.mark.parametrize("name", sorted(METRICS))
def test_an_ungrouped_frame_is_one_row_of_the_same_shape(wh, name):
    df = METRICS[name](wh, Query())
    assert len(df) == 1 and list(df.columns) == LEAD + OWN[name]
    assert df.attrs["metric"] == name and df.attrs["level"] == 0.95
    assert df["n"].dtype == np.int64


def _close(a, b) -> bool:
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)


def _wilson(k, n, level):
    z = stats.norm.ppf(0.5 + level / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def _t_interval(g, level, lo, hi):
    n, mean, sd = g.size(), g.mean(), g.std()
    half = stats.t.ppf(0.5 + level / 2, n - 1) * sd / np.sqrt(n)
    return n, mean, sd, (mean - half).clip(lo, hi), (mean + half).clip(lo, hi), mean - half, mean + half


def test_csat_per_agent_is_the_t_interval_clipped_to_the_scale_and_a_wilson_top_box(wh):
    ref = wh.con.execute("SELECT c.agent_id, s.csat_10 AS v, s.csat_topbox AS top FROM stg_surveys s "
                         "JOIN stg_contacts c USING (contact_id) WHERE s.csat_10 IS NOT NULL").df()
    got = csat(wh, Query(group_by=("agent_id",), level=0.9)).set_index("agent_id")
    g = ref.groupby("agent_id")["v"]
    n, mean, sd, lo, hi, raw_lo, raw_hi = _t_interval(g, 0.9, 1, 10)
    assert got["n"].to_dict() == n.to_dict()
    assert _close(got["value"], mean) and _close(got["sd"], sd)
    assert _close(got["ci_low"], lo) and _close(got["ci_high"], hi)
    assert (raw_lo < 1).any() and (raw_hi > 10).any()  # both clips are reached
    top = ref.groupby("agent_id")["top"].sum()
    assert got["topbox_n"].to_dict() == top.astype(int).to_dict()
    assert _close(got["topbox_share"], top / n)
    wlo, whi = _wilson(top, n, 0.9)
    assert _close(got["topbox_low"], wlo) and _close(got["topbox_high"], whi)


def test_qa_score_per_agent_is_the_t_interval_clipped_to_zero_and_one(wh):
    ref = wh.con.execute("SELECT c.agent_id, r.score AS v FROM stg_results r JOIN stg_contacts c USING (contact_id) "
                         "WHERE r.criterion = 'overall' AND r.score IS NOT NULL").df()
    got = qa_score(wh, Query(group_by=("agent_id",), level=0.8)).set_index("agent_id")
    n, mean, sd, lo, hi, raw_lo, raw_hi = _t_interval(ref.groupby("agent_id")["v"], 0.8, 0, 1)
    assert got["n"].to_dict() == n.to_dict()
    assert _close(got["value"], mean) and _close(got["sd"], sd)
    assert _close(got["ci_low"], lo) and _close(got["ci_high"], hi)
    assert (raw_lo < 0).any() and (raw_hi > 1).any()


def test_nps_per_agent_and_pass_rates_per_criterion_intervals(wh):
    ref = wh.con.execute("SELECT c.agent_id, s.nps AS v FROM stg_surveys s JOIN stg_contacts c USING (contact_id) "
                         "WHERE s.nps IS NOT NULL").df()
    got = nps(wh, Query(group_by=("agent_id",), level=0.9)).set_index("agent_id")
    g = ref.groupby("agent_id")["v"]
    n, p, d = g.size(), g.apply(lambda s: (s >= 9).sum()), g.apply(lambda s: (s <= 6).sum())
    assert got["n"].to_dict() == n.to_dict()
    assert got["promoters"].to_dict() == p.to_dict() and got["detractors"].to_dict() == d.to_dict()
    assert (got["passives"] == got["n"] - got["promoters"] - got["detractors"]).all()
    pp, dd = p / n, d / n
    value = 100 * (pp - dd)
    se = 100 * np.sqrt((pp + dd - (pp - dd) ** 2) / n)
    z = stats.norm.ppf(0.95)
    assert _close(got["value"], value)
    assert _close(got["ci_low"], (value - z * se).clip(-100, 100))
    assert _close(got["ci_high"], (value + z * se).clip(-100, 100))
    rows = wh.con.execute("SELECT criterion, outcome FROM stg_results WHERE criterion <> 'overall'").df()
    pr = pass_rates(wh, Query(group_by=("criterion",), level=0.9)).set_index("criterion")
    applicable = rows[rows.outcome != "n/a"].groupby("criterion")["outcome"]
    k, m = applicable.apply(lambda s: (s == "pass").sum()), applicable.size()
    assert pr["passed"].to_dict() == k.to_dict() and pr["failed"].to_dict() == (m - k).to_dict()
    assert pr["not_applicable"].to_dict() == (rows.outcome == "n/a").groupby(rows.criterion).sum().to_dict()
    wlo, whi = _wilson(k, m, 0.9)
    assert _close(pr["value"], k / m) and _close(pr["ci_low"], wlo) and _close(pr["ci_high"], whi)
