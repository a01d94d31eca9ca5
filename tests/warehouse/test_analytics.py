"""Analytics on a real warehouse: figures checked against the input files, small n, SQL safety."""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from warehouse import Query, agent_scorecard, behaviour_satisfaction, drivers
from warehouse import analytics as a
from warehouse.db import connect
from warehouse.drivers import DriverOptions
from warehouse import ingest_tables


@pytest.fixture()
def wh(module_inputs, qualtrics_db):
    w = connect(qualtrics_db)
    yield w, module_inputs  # the same generated inputs the warehouse was built from
    w.close()


def test_csat_by_language_matches_the_export(wh):
    w, inputs = wh
    df = a.csat_by(w, "language", options=a.AnalyticsOptions(min_n=10))
    # Independent computation from the fixture's accepted responses (R_0000..R_0023).
    from surveys import read_survey
    imp = read_survey(inputs.surveys_qualtrics)
    rows = [(inputs.contacts[r.contact_id]["language"], r.csat) for r in imp.responses
            if r.contact_id in inputs.contacts and r.response_id.startswith("R_00")]
    ref = pd.DataFrame(rows, columns=["language", "csat"]).groupby("language")["csat"].agg(["count", "mean"])
    got = df.set_index("language")
    assert (got["n"] == ref["count"]).all()
    assert np.allclose(got["csat_mean"], ref["mean"])
    topbox = pd.DataFrame(rows, columns=["language", "csat"]).assign(t=lambda d: d.csat >= 9).groupby("language")["t"].sum()
    assert (got["topbox_n"] == topbox).all()
    assert list(got["small_n"]) == [n < 10 for n in got["n"]]  # flagged, still there
    assert (got["topbox_lo"] <= got["topbox_share"]).all() and (got["topbox_share"] <= got["topbox_hi"]).all()


def test_nps_and_pass_rates_have_intervals(wh):
    w, _ = wh
    n = a.nps_by(w, None)
    assert n.loc[0, "n"] == n.loc[0, "promoters"] + n.loc[0, "passives"] + n.loc[0, "detractors"]
    assert n.loc[0, "nps_lo"] < n.loc[0, "nps"] < n.loc[0, "nps_hi"]
    p = a.pass_rates_by(w, "channel", filters={"language": "nl"})
    assert set(p["criterion"]) >= {"nivea", "diminutives"} and "overall" not in set(p["criterion"])
    assert (p["passed"] <= p["n"]).all()
    scored = p[p["n"] > 0]
    assert (scored["pass_lo"] <= scored["pass_rate"] + 1e-12).all() and scored["pass_hi"].le(1).all()
    assert p[p["n"] == 0]["pass_rate"].isna().all()  # all n/a: no rate, but the row is there


def test_topbox_threshold_is_a_setting(wh):
    w, _ = wh
    before = a.csat_by(w, None).loc[0, "topbox_n"]
    w.set_setting("csat_topbox_10", 8)
    after = a.csat_by(w, None).loc[0, "topbox_n"]
    assert after > before


def test_group_and_filter_names_are_whitelisted_values_bound(wh):
    w, _ = wh
    with pytest.raises(ValueError):
        a.csat_by(w, "language; DROP TABLE roster")
    with pytest.raises(ValueError):
        a.csat_by(w, "language", filters={"1=1 OR language": "nl"})
    df = a.csat_by(w, "language", filters={"language": "nl' OR '1'='1"})
    assert df.empty
    assert w.con.execute("SELECT count(*) FROM roster").fetchone()[0] > 0


def test_agent_scorecard_and_behaviour_join(wh):
    w, _ = wh
    sc = agent_scorecard(w, Query())
    row = sc[(sc.agent_id == "a-03") & (sc.team == "KCC Zuid")].iloc[0]
    # independently: a-03's results while in KCC Zuid (the roster moved her on 2026-11-20)
    ref = w.con.execute(
        "SELECT r.criterion, count(*) FILTER (r.outcome = 'pass') / count(*) FILTER (r.outcome <> 'n/a') AS rate "
        "FROM stg_results r JOIN stg_contacts c USING (contact_id) WHERE c.agent_id = 'a-03' AND c.team = 'KCC Zuid' "
        "AND r.criterion <> 'overall' GROUP BY 1 HAVING count(*) FILTER (r.outcome <> 'n/a') > 0 "
        "ORDER BY rate, criterion LIMIT 1").fetchone()
    n_surveys = w.con.execute("SELECT count(s.csat_10) FROM stg_surveys s JOIN stg_contacts c USING (contact_id) "
                              "WHERE c.agent_id = 'a-03' AND c.team = 'KCC Zuid'").fetchone()[0]
    assert row["n"] == 2 and row["csat_n"] == n_surveys >= 1
    assert (row["weakest_criterion"], row["weakest_pass_rate"]) == (ref[0], pytest.approx(ref[1]))
    bs = behaviour_satisfaction(w, Query())
    assert bs["contact_id"].is_unique
    nivea = dict(w.con.execute("SELECT contact_id, outcome FROM stg_results WHERE criterion = 'nivea'").fetchall())
    assert bs["crit_nivea"].notna().sum() > 10
    assert all(o == nivea[c] for c, o in zip(bs["contact_id"], bs["crit_nivea"]) if isinstance(o, str))


def test_key_drivers_find_the_behaviour_that_moves_satisfaction(tmp_path):
    """Bulk-load a synthetic centre where passing 'nivea' raises top-box odds and 'diminutives'
    does nothing: the driver analysis must say so."""
    logging.disable(logging.ERROR)
    rng = np.random.default_rng(3)
    n = 3000
    ids = [f"c{i}" for i in range(n)]
    start = pd.Timestamp("2026-03-02 09:00") + pd.to_timedelta(rng.integers(0, 60 * 86400, n), unit="s")
    contacts = pa.table({"contact_id": ids, "m_agent_id": [f"a{i % 20}" for i in range(n)],
                         "m_channel": ["phone"] * n, "m_language": rng.choice(["nl", "en"], n).tolist(),
                         "m_started_utc": start.values, "m_started_local": start.values,
                         "m_wait_s": rng.exponential(30, n), "m_handle_s": rng.lognormal(5, .4, n)})
    nivea = rng.random(n) < 0.6
    dim = rng.random(n) < 0.5
    crit, cid, out = [], [], []
    for i in range(n):
        for c, v in (("nivea", nivea[i]), ("diminutives", dim[i])):
            cid.append(ids[i]); crit.append(c); out.append("pass" if v else "fail")
    results = pa.table({"contact_id": cid, "criterion": crit, "outcome": out,
                        "source_file": ["gen"] * len(cid), "source_sha256": ["0"] * len(cid),
                        "source_row": list(range(len(cid)))})
    p = 1 / (1 + np.exp(-(-1.0 + 1.6 * nivea)))
    top = rng.random(n) < p
    csat = np.where(top, 9.0, 7.0)
    surveys = pa.table({"response_id": [f"r{i}" for i in range(n)], "contact_id": ids,
                        "agent_ref": [None] * n, "submitted_utc": start.values, "csat": csat,
                        "csat_scale": [10] * n, "csat_norm": (csat - 1) / 9, "nps": [8] * n,
                        "source_file": ["gen"] * n, "source_sha256": ["0"] * n, "source_row": list(range(n))})
    db = tmp_path / "kd.duckdb"
    s = ingest_tables(db, contacts=contacts, results=results, surveys=surveys)
    assert s.tables["surveys"].added == n and s.link.match_rate == 1.0
    with connect(db) as w:  # each response on its own contact (r17 rates c17), not a neighbour's
        pairs = w.con.execute("SELECT response_id, contact_id FROM raw_surveys").fetchall()
        assert all(r[1:] == c[1:] for r, c in pairs)
    kd = drivers(db, Query(min_n=100), "csat_topbox", DriverOptions(n_boot=60)).set_index("predictor")
    assert kd.loc["nivea", "or_low"] > 2.5  # true odds ratio e^1.6 = 4.95
    assert kd.loc["diminutives", "or_low"] < 1 < kd.loc["diminutives", "or_high"]
    assert kd["value"].idxmax() == "nivea"
    assert kd.loc["nivea", "ci_low"] > kd.loc["diminutives", "ci_high"]
    assert not kd["small_n"].any()  # 3000 contacts >= min_n 100
    by_lang = drivers(db, Query(group_by=("language",)), "csat_topbox", DriverOptions(n_boot=20))
    assert set(by_lang["language"]) == {"nl", "en"}
    # min_n left at None: DriverOptions.min_n (200) owns the default; each language has ~1500
    assert by_lang.attrs["min_n"] == DriverOptions().min_n and not by_lang["small_n"].any()
    logging.disable(logging.NOTSET)


def test_deprecated_wrappers_return_the_query_layer_figures_under_their_old_names(wh):
    from warehouse import Query, csat, driver_inputs, nps, pass_rates, qa_score
    from warehouse.query import AnalyticsOptions as Opts

    w, _ = wh
    f = {"language": "nl", "date_from": "2026-11-16", "date_to": "2026-11-22"}
    q = Query(group_by=("channel",), filters={"language": "nl"}, date_from="2026-11-16", date_to="2026-11-22",
              min_n=3, level=0.9)
    old, new = a.csat_by(w, "channel", None, f, Opts(min_n=3, level=0.9)), csat(w, q)
    assert old["csat_mean"].tolist() == new["value"].tolist() and old["csat_lo"].tolist() == new["ci_low"].tolist()
    assert old["topbox_hi"].tolist() == new["topbox_high"].tolist() and old["csat_sd"].tolist() == new["sd"].tolist()
    assert old["csat_hi"].tolist() == new["ci_high"].tolist() and old["topbox_lo"].tolist() == new["topbox_low"].tolist()
    assert old["small_n"].tolist() == new["small_n"].tolist() and old.attrs["level"] == 0.9
    old, new = a.nps_by(w, ["channel"], None, f, Opts(min_n=3, level=0.9)), nps(w, q)
    assert old["nps"].tolist() == new["value"].tolist() and old["nps_hi"].tolist() == new["ci_high"].tolist()
    old = a.pass_rates_by(w, ["channel"], "week", f, ["nivea", "next_steps"], Opts(min_n=3))
    new = pass_rates(w, q.but(group_by=("criterion", "channel"), period="week", level=None,
                              filters={"language": "nl", "criterion": ("nivea", "next_steps")}))
    assert set(old["criterion"]) == {"nivea", "next_steps"} and list(old.columns[:3]) == ["criterion", "channel", "week"]
    assert old["pass_rate"].equals(new["value"]) and old["pass_lo"].equals(new["ci_low"])
    old, new = a.qa_score_by(w, "team", "month", f), qa_score(w, Query(group_by=("team",), period="month",
                                                                         filters={"language": "nl"},
                                                                         date_from="2026-11-16", date_to="2026-11-22"))
    assert old["qa_mean"].tolist() == new["value"].tolist() and old["qa_hi"].tolist() == new["ci_high"].tolist()
    assert old.attrs["min_n"] == 30 and old["qa_sd"].tolist() == new["sd"].tolist()
    old, new = a.driver_inputs(w, {"language": "nl"}), driver_inputs(w, Query(filters={"language": "nl"}))
    assert old.equals(new) and set(old["language"]) == {"nl"}
    for call, old_name, new_name in ((lambda: a.csat_by(w), "csat_by", "csat"), (lambda: a.nps_by(w), "nps_by", "nps"),
                                     (lambda: a.pass_rates_by(w), "pass_rates_by", "pass_rates"),
                                     (lambda: a.qa_score_by(w), "qa_score_by", "qa_score"),
                                     (lambda: a.driver_inputs(w), "analytics.driver_inputs", "driver_inputs")):
        with pytest.warns(DeprecationWarning) as rec:
            call()
        assert str(rec[0].message) == f"warehouse.{old_name} is deprecated; use warehouse.{new_name}(con, Query(...))"
