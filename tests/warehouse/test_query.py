"""The query layer on a real warehouse (the conftest fixture ingested through `meeluister ingest`'s
path): figures checked against independent computations from the rows, reviews counted instead of
the automatic outcome (on the mart fast path and the row path alike), exclusions, small n."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from meeluister.records import ReviewedOutcome
from warehouse import (DriverOptions, Query, agent_scorecard, behaviour_satisfaction, contacts, csat, driver_inputs,
                       drivers, nps, open_snapshot, pass_rates, qa_score, results, turns)
from warehouse.rows import parse_evidence
from warehouse.stats import t_quantile
from warehouse.db import connect


@pytest.fixture(scope="module")
def wh(loaded_db):
    w = connect(loaded_db)
    yield w
    w.close()


@pytest.fixture(scope="module")
def rows(wh):
    """Every counted criterion result with its contact's dimensions: the independent reference."""
    return wh.con.execute(
        "SELECT r.contact_id, r.criterion, r.outcome, r.score, c.day, c.language, c.channel, c.team, c.queue, "
        "c.agent_id FROM stg_results r JOIN stg_contacts c USING (contact_id)").df()


def _a_fail(rows: pd.DataFrame, criterion: str = "nivea") -> str:
    return sorted(rows[(rows.criterion == criterion) & (rows.outcome == "fail")].contact_id)[0]


# --- Query ----------------------------------------------------------------------------------


def test_for_period_iso_week_month_and_day():
    q = Query.for_period("2026-W47", group_by=("agent_id",))
    assert (q.date_from, q.date_to, q.group_by) == (date(2026, 11, 16), date(2026, 11, 22), ("agent_id",))
    assert (Query.for_period("2026-11").date_from, Query.for_period("2026-11").date_to) == (date(2026, 11, 1), date(2026, 11, 30))
    assert Query.for_period("2028-02").date_to == date(2028, 2, 29)  # leap year
    assert Query.for_period("2026-W01").date_from == date(2025, 12, 29)  # ISO week 1 starts in December
    assert Query.for_period("2026-11-16").date_to == date(2026, 11, 16)
    for bad in ("2026-W54", "2026-13", "week 47"):
        with pytest.raises(ValueError, match="period"):
            Query.for_period(bad)


def test_query_validates_names_and_normalises_values():
    with pytest.raises(ValueError, match="cannot group by"):
        Query(group_by=("language; DROP TABLE roster",))
    with pytest.raises(ValueError, match="cannot filter on"):
        Query(filters={"1=1 OR language": "nl"})
    with pytest.raises(ValueError, match="period"):
        Query(period="year")
    with pytest.raises(ValueError, match="after date_to"):
        Query(date_from="2026-11-22", date_to="2026-11-16")
    with pytest.raises(ValueError, match="level"):
        Query(level=1.0)
    with pytest.raises(ValueError, match="empty list"):
        Query(filters={"team": ()})
    with pytest.raises(TypeError, match="ReviewedOutcome"):
        Query(reviews=({"contact_id": "c", "criterion": "nivea", "outcome": "pass"},))
    with pytest.raises(ValueError, match="outcome"):
        Query(reviews=(ReviewedOutcome("c", "nivea", "maybe"),))
    with pytest.raises(ValueError, match="names a column twice"):
        Query(group_by=("team", "team"))
    with pytest.raises(ValueError, match=r"Query\.date_from: 'gisteren' is not a date"):
        Query(date_from="gisteren")
    with pytest.raises(ValueError, match=r"Query\.date_to: '2026-13-01' is not a date"):
        Query(date_to="2026-13-01")
    assert Query(exclude_criteria="nivea").exclude_criteria == ("nivea",)
    assert Query(exclude_criteria=["nivea", "tone"]).exclude_criteria == ("nivea", "tone")
    q = Query(group_by="language", date_from="2026-11-16", filters={"agent_id": ["a-01", "a-02"], "team": 3})
    assert q.group_by == ("language",) and q.date_from == date(2026, 11, 16)
    assert q.filters == {"agent_id": ("a-01", "a-02"), "team": "3"}


def test_latest_review_wins():
    a = ReviewedOutcome("c1", "nivea", "pass", decided_at="2026-11-20T10:00:00+01:00")
    b = ReviewedOutcome("c1", "nivea", "fail", decided_at="2026-11-21T10:00:00+01:00")
    c = ReviewedOutcome("c1", "tone", "n/a")
    assert set(Query(reviews=(b, a, c)).effective_reviews()) == {b, c}
    assert set(Query(reviews=(a, b)).effective_reviews()) == {b, c} - {c}


# --- survey figures ---------------------------------------------------------------------------


def test_csat_and_nps_equal_a_computation_from_the_rows(wh):
    ref = wh.con.execute("SELECT c.language, s.csat_10, s.csat_topbox, s.nps FROM stg_surveys s "
                         "JOIN stg_contacts c USING (contact_id)").df()
    got = csat(wh, Query(group_by=("language",), min_n=5)).set_index("language")
    g = ref.dropna(subset=["csat_10"]).groupby("language")
    assert got["n"].to_dict() == g.size().to_dict()
    assert np.allclose(got["value"], g["csat_10"].mean()) and np.allclose(got["sd"], g["csat_10"].std())
    assert got["topbox_n"].to_dict() == g["csat_topbox"].sum().astype(int).to_dict()
    assert list(got.columns[:5]) == ["n", "value", "ci_low", "ci_high", "small_n"]
    assert got["small_n"].to_dict() == (g.size() < 5).to_dict()
    n = nps(wh, Query())
    s = ref["nps"].dropna()
    assert n.loc[0, "n"] == len(s)
    assert n.loc[0, "value"] == pytest.approx(100 * ((s >= 9).mean() - (s <= 6).mean()))
    assert n.loc[0, "promoters"] + n.loc[0, "passives"] + n.loc[0, "detractors"] == len(s)


def test_small_n_is_strictly_below_min_n(wh):
    n = int(csat(wh, Query()).loc[0, "n"])
    assert not csat(wh, Query(min_n=n)).loc[0, "small_n"]
    assert csat(wh, Query(min_n=n + 1)).loc[0, "small_n"]
    assert csat(wh, Query(min_n=n + 1)).attrs["min_n"] == n + 1


def test_filters_bind_values_and_dates_are_inclusive(wh):
    assert csat(wh, Query(group_by=("language",), filters={"language": "nl' OR '1'='1"})).empty
    assert wh.con.execute("SELECT count(*) FROM roster").fetchone()[0] > 0
    days = contacts(wh, Query())["day"]
    one = sorted(days.unique())[1]
    got = contacts(wh, Query(date_from=one, date_to=one))
    assert len(got) == (days == one).sum() > 0 and (got["day"] == one).all()
    with pytest.raises(ValueError, match="'criterion' applies to results and pass rates only"):
        csat(wh, Query(filters={"criterion": "nivea"}))
    for f, name in ((csat, "csat"), (nps, "nps"), (qa_score, "qa_score"), (agent_scorecard, "agent_scorecard")):
        with pytest.raises(ValueError, match=rf"^{name}: cannot group by criterion \(pass_rates can\)$"):
            f(wh, Query(group_by=("criterion",)))


# --- result figures and reviews ---------------------------------------------------------------


def test_pass_rates_equal_the_rows_on_both_paths(wh, rows):
    crit = rows[rows.criterion != "overall"]
    ref = crit.groupby("criterion").agg(n=("outcome", lambda o: (o != "n/a").sum()),
                                        passed=("outcome", lambda o: (o == "pass").sum()),
                                        na=("outcome", lambda o: (o == "n/a").sum()))
    fast = pass_rates(wh, Query(group_by=("criterion",))).set_index("criterion")  # mart grain
    slow = pass_rates(wh, Query(group_by=("criterion", "queue"))).set_index("criterion")  # row path
    for got in (fast, slow):
        assert got["n"].to_dict() == ref["n"].to_dict()
        assert got["passed"].to_dict() == ref["passed"].to_dict()
        assert got["not_applicable"].to_dict() == ref["na"].to_dict()
        assert (got["failed"] == got["n"] - got["passed"]).all()
        assert np.allclose(got["value"], ref["passed"] / ref["n"])
    pooled = pass_rates(wh, Query())
    assert pooled.loc[0, "n"] == ref["n"].sum() and pooled.loc[0, "passed"] == ref["passed"].sum()
    # pooled, an advisory criterion is left out; per criterion it stays, flagged
    pooled = pass_rates(wh, Query(exclude_criteria=("nivea", "diminutives")))
    rest = ref.drop(["nivea", "diminutives"])
    assert pooled.loc[0, "n"] == rest["n"].sum() and pooled.loc[0, "passed"] == rest["passed"].sum()
    flagged = pass_rates(wh, Query(group_by=("language", "criterion"), exclude_criteria=("nivea",)))
    assert list(flagged.columns[:2]) == ["criterion", "language"]  # criterion first, wherever it was named
    assert flagged["advisory"].tolist() == (flagged["criterion"] == "nivea").tolist() and flagged["advisory"].any()


@pytest.mark.parametrize("group_by", [("criterion",), ("criterion", "queue"), ("criterion", "agent_id")])
def test_an_overturned_fail_moves_the_pass_rate_by_exactly_one_contact(wh, rows, group_by):
    cid = _a_fail(rows)
    before = pass_rates(wh, Query(group_by=group_by)).groupby("criterion")[["n", "passed", "failed"]].sum()
    q = Query(group_by=group_by, reviews=(ReviewedOutcome(cid, "nivea", "pass", "tl-1"),))
    after = pass_rates(wh, q).groupby("criterion")[["n", "passed", "failed"]].sum()
    assert after.loc["nivea", "passed"] == before.loc["nivea", "passed"] + 1
    assert after.loc["nivea", "failed"] == before.loc["nivea", "failed"] - 1
    assert after.loc["nivea", "n"] == before.loc["nivea", "n"]
    assert after.drop("nivea").equals(before.drop("nivea"))  # the other criteria untouched
    # pass -> n/a leaves the applicable count one lower; a review agreeing with the machine: no change
    na = pass_rates(wh, q.but(reviews=(ReviewedOutcome(cid, "nivea", "n/a"),))).groupby("criterion")["n"].sum()
    assert na["nivea"] == before.loc["nivea", "n"] - 1
    same = pass_rates(wh, q.but(reviews=(ReviewedOutcome(cid, "nivea", "fail"),))).groupby("criterion")[["n", "passed"]].sum()
    assert same.equals(before[["n", "passed"]])


def test_reviews_outside_the_date_range_do_not_count(wh, rows):
    cid = _a_fail(rows)
    day = rows[rows.contact_id == cid]["day"].iloc[0]
    rv = (ReviewedOutcome(cid, "nivea", "pass"),)
    other = Query(group_by=("criterion",), date_from=day + pd.Timedelta(days=1))
    assert pass_rates(wh, other).equals(pass_rates(wh, other.but(reviews=rv)))


def test_results_show_both_outcomes(wh, rows):
    cid = _a_fail(rows)
    rv = (ReviewedOutcome(cid, "nivea", "pass", reviewer="tl-1", reason="customer had finished"),)
    r = results(wh, Query(reviews=rv, filters={"criterion": "nivea"}))
    assert set(r["criterion"]) == {"nivea"} and len(r) == (rows.criterion == "nivea").sum()
    row = r.set_index("contact_id").loc[cid]
    assert (row["outcome"], row["auto_outcome"], row["reviewed"], row["reviewer"]) == ("pass", "fail", True, "tl-1")
    assert row["score"] == 1.0 and row["review_reason"] == "customer had finished"
    assert r["reviewed"].sum() == 1 and (r[~r.reviewed]["outcome"] == r[~r.reviewed]["auto_outcome"]).all()
    allr = results(wh, Query())
    assert "overall" not in set(allr["criterion"]) and not allr["reviewed"].any()
    dim = allr[(allr.criterion == "diminutives") & (allr.outcome == "fail")].iloc[0]
    assert isinstance(dim["evidence"], list) and dim["evidence"] and set(dim["evidence"][0]) == {
        "turn", "start", "end", "quote", "term"}
    assert dim["count"] == len(dim["evidence"])
    # the items as the QA results gave them (conftest: turn 0, no times, "... <term> ...")
    first = dim["evidence"][0]
    assert (first["turn"], first["start"], first["end"]) == (0, None, None)
    assert first["quote"] == f"... {first['term']} ..." and first["term"]
    raw = dict(wh.con.execute("SELECT contact_id || criterion, evidence FROM raw_results").fetchall())
    for row in allr.itertuples():
        assert row.evidence == parse_evidence(raw[row.contact_id + row.criterion])


def test_parse_evidence_and_row_readers_refuse_groupings(wh):
    assert parse_evidence(None) == parse_evidence(float("nan")) == parse_evidence("") == parse_evidence("[]") == []
    item = {"turn": 3, "start": 1.5, "end": 2.0, "quote": "een momentje", "term": "momentje", "extra": 1}
    assert parse_evidence('[{"turn": 3, "start": 1.5, "end": 2.0, "quote": "een momentje", "term": "momentje"}]') == [
        {k: v for k, v in item.items() if k != "extra"}]
    assert parse_evidence([item]) == [{k: v for k, v in item.items() if k != "extra"}]
    for reader in (contacts, results, driver_inputs, behaviour_satisfaction):
        for q in (Query(group_by=("team",)), Query(period="week")):
            with pytest.raises(ValueError, match="a row reader takes no group_by or period"):
                reader(wh, q)
    empty = turns(wh, "no-such-contact")
    assert list(empty.columns) == ["idx", "speaker", "start", "end", "text"]
    assert [str(t) for t in empty.dtypes] == ["int64", "object", "float64", "float64", "object"]
    bs = behaviour_satisfaction(wh, Query(filters={"language": "nl"}))
    assert set(bs["language"]) == {"nl"} and bs["contact_id"].is_unique
    nivea = dict(wh.con.execute("SELECT contact_id, outcome FROM stg_results WHERE criterion = 'nivea'").fetchall())
    assert bs["crit_nivea"].notna().sum() > 5
    assert all(o == nivea[c] for c, o in zip(bs["contact_id"], bs["crit_nivea"]) if isinstance(o, str))


def test_qa_score_with_a_review_and_an_exclusion_is_rescored(wh, rows):
    overall = rows[rows.criterion == "overall"].dropna(subset=["score"]).set_index("contact_id")["score"]
    base = qa_score(wh, Query())
    assert base.loc[0, "n"] == len(overall) and base.loc[0, "value"] == pytest.approx(overall.mean())
    assert base.loc[0, "sd"] == pytest.approx(overall.std(ddof=1))
    assert base.loc[0, "ci_high"] - base.loc[0, "value"] == pytest.approx(
        float(t_quantile(0.975, np.array([len(overall) - 1.0]))[0]) * overall.std(ddof=1) / np.sqrt(len(overall)))
    crit = rows[(rows.criterion != "overall")].copy()
    cid = _a_fail(rows)
    crit.loc[(crit.contact_id == cid) & (crit.criterion == "nivea"), ["outcome", "score"]] = ["pass", 1.0]
    applicable = crit[(crit.outcome != "n/a") & crit.score.notna()]
    rescored = overall.copy()
    rescored[cid] = applicable[applicable.contact_id == cid]["score"].mean()  # weights 1
    for group_by in ((), ("queue",)):  # mart deltas, row path
        got = qa_score(wh, Query(group_by=group_by, reviews=(ReviewedOutcome(cid, "nivea", "pass"),)))
        assert got["value"].iloc[0] == pytest.approx(rescored.mean()) and got["n"].iloc[0] == len(overall)
    # weights: the contact is rescored with them
    w = {"nivea": 3.0}
    sub = applicable[applicable.contact_id == cid]
    weighted = (sub["score"] * sub["criterion"].map(w).fillna(1)).sum() / sub["criterion"].map(w).fillna(1).sum()
    got = qa_score(wh, Query(reviews=(ReviewedOutcome(cid, "nivea", "pass"),), weights=w))
    assert got.loc[0, "value"] == pytest.approx((overall.sum() - overall[cid] + weighted) / len(overall))
    # an advisory criterion no longer counts: contacts where it applied are scored without it
    ex = crit[(crit.outcome != "n/a") & crit.score.notna()]
    ex = ex[ex.criterion != "clarifying_questions"]
    orig = rows[(rows.criterion != "overall") & (rows.outcome != "n/a")]
    touched = set(orig[orig.criterion == "clarifying_questions"].contact_id)
    rows_ex = rows[rows.criterion != "overall"]
    ex = rows_ex[(rows_ex.outcome != "n/a") & rows_ex.score.notna() & (rows_ex.criterion != "clarifying_questions")]
    ref = overall.copy()
    for c in touched:
        ref[c] = ex[ex.contact_id == c]["score"].mean() if (ex.contact_id == c).any() else np.nan
    got = qa_score(wh, Query(exclude_criteria=("clarifying_questions",)))
    assert got.loc[0, "n"] == ref.notna().sum() and got.loc[0, "value"] == pytest.approx(ref.mean())


def test_agent_scorecard_leaves_advisory_criteria_out_of_the_weakest(wh):
    sc = agent_scorecard(wh, Query(min_n=2))
    qa = qa_score(wh, Query(group_by=("agent_id", "agent_name", "team"), min_n=2))
    m = sc.merge(qa, on=["agent_id", "agent_name", "team"], suffixes=("", "_qa"))
    assert len(m) == len(qa) and np.allclose(m["value"], m["value_qa"]) and (m["small_n"] == (m["n"] < 2)).all()
    weak = set(sc["weakest_criterion"].dropna())
    assert weak
    crit = sorted(weak)[0]
    sc2 = agent_scorecard(wh, Query(exclude_criteria=(crit,)))
    assert crit not in set(sc2["weakest_criterion"].dropna())
    assert list(sc.columns) == [
        "agent_id", "agent_name", "team", "n", "value", "ci_low", "ci_high", "small_n", "csat_n", "csat", "csat_low",
        "csat_high", "csat_small_n", "topbox_share", "nps_n", "nps", "nps_low", "nps_high", "nps_small_n",
        "weakest_criterion", "weakest_pass_rate"]
    keys = ["agent_id", "agent_name", "team"]
    ref = nps(wh, Query(group_by=tuple(keys)))
    m = sc.merge(ref, on=keys, suffixes=("", "_ref"))
    assert len(m) == len(ref) > 5
    assert (m["nps_high"] == m["ci_high_ref"]).all() and (m["nps_low"] == m["ci_low_ref"]).all()
    assert (m["nps"] == m["value_ref"]).all() and (m["nps_n"] == m["n_ref"]).all()


# --- drivers, rows --------------------------------------------------------------------------


def test_driver_inputs_take_the_reviewed_outcome(wh):
    di = driver_inputs(wh, Query())
    row = di[di["crit_nivea"] == 0].iloc[0]
    rv = ReviewedOutcome(row["contact_id"], "nivea", "pass")
    after = driver_inputs(wh, Query(reviews=(rv,))).set_index("contact_id")
    assert after.loc[row["contact_id"], "crit_nivea"] == 1
    assert (after["crit_nivea"] == 0).sum() == (di["crit_nivea"] == 0).sum() - 1
    kd = drivers(wh, Query(), options=DriverOptions(n_boot=0))
    assert {"predictor", "n", "value", "ci_low", "ci_high", "small_n", "odds_ratio"} <= set(kd.columns)
    assert kd.attrs["min_n"] == DriverOptions().min_n and kd["small_n"].all()  # 31 surveyed < 200
    with pytest.raises(ValueError, match="group_by"):
        drivers(wh, Query(group_by=("agent_id",)))


def test_contacts_and_turns(wh):
    c = contacts(wh, Query(filters={"agent_id": ("a-03", "a-04")}))
    assert set(c["agent_id"]) == {"a-03", "a-04"}
    assert str(c["started_at"].dt.tz) == "Europe/Amsterdam"
    assert c["started_at"].is_monotonic_increasing
    pii = contacts(wh, Query()).set_index("contact_id").loc["pii-001"]
    assert pii["started_at"].hour == 10 and pii["channel"] == "chat"
    assert type(pii["day"]) is date and pii["day"] == date(2026, 11, 21) and pii["audio"] is None
    assert list(c.columns) == ["contact_id", "started_at", "day", "channel", "language", "agent_id", "agent_name",
                               "team", "queue", "organisation", "duration_s", "audio", "csat", "nps", "comment"]
    t = turns(wh, "pii-001")
    assert list(t["idx"]) == [0, 1, 2] and list(t.columns) == ["idx", "speaker", "start", "end", "text"]
    assert "111222333" not in " ".join(t["text"]) and "[BSN]" in t.loc[1, "text"]
    assert turns(wh, "no-such-contact").empty


def test_open_snapshot_reads_without_writing(wh, tmp_path):
    with pytest.raises(FileNotFoundError, match="no such warehouse"):
        open_snapshot(tmp_path / "missing.duckdb")


def test_a_result_awaiting_review_counts_only_once_decided(wh, rows, loaded_db):
    """A lake whose results carry needs_review/confidence (simulated by a temp view over the lake
    on a connection of its own): the pending result is shown, flagged, and left out of the
    row-level figures until a review decides it."""
    cid = _a_fail(rows)
    w = connect(loaded_db)
    try:
        db = w.con.execute("SELECT current_database()").fetchone()[0]
        w.con.execute("CREATE TEMP TABLE pending_ids (cid VARCHAR)")
        w.con.execute("INSERT INTO pending_ids VALUES (?)", [cid])
        w.con.execute("CREATE TEMP VIEW raw_results AS SELECT * EXCLUDE (needs_review, confidence), "
                      "(contact_id IN (SELECT cid FROM pending_ids) "
                      "AND criterion = 'nivea') AS needs_review, CASE WHEN contact_id IN (SELECT cid FROM pending_ids) "
                      f"THEN 0.4 END AS confidence FROM {db}.main.raw_results")
        r = results(w, Query(filters={"criterion": "nivea"})).set_index("contact_id")
        assert r.loc[cid, "needs_review"] and r.loc[cid, "confidence"] == 0.4
        assert r["needs_review"].sum() == 1
        base = pass_rates(wh, Query(group_by=("criterion", "queue"))).set_index("criterion")
        pending = pass_rates(w, Query(group_by=("criterion", "queue"))).set_index("criterion")
        assert pending.loc["nivea", "n"] == base.loc["nivea", "n"] - 1
        assert pending.loc["nivea", "failed"] == base.loc["nivea", "failed"] - 1
        decided = pass_rates(w, Query(group_by=("criterion", "queue"), reviews=(ReviewedOutcome(cid, "nivea", "pass"),)))
        decided = decided.set_index("criterion")
        assert decided.loc["nivea", "n"] == base.loc["nivea", "n"]
        assert decided.loc["nivea", "passed"] == base.loc["nivea", "passed"] + 1
        # the mart path (the marts hold every automatic result) gives the same counts
        fast_base = pass_rates(wh, Query(group_by=("criterion",))).set_index("criterion")
        fast_pending = pass_rates(w, Query(group_by=("criterion",))).set_index("criterion")
        assert fast_pending.loc["nivea", "n"] == fast_base.loc["nivea", "n"] - 1
        assert fast_pending.drop("nivea")[["n", "passed"]].equals(fast_base.drop("nivea")[["n", "passed"]])
        fast = pass_rates(w, Query(group_by=("criterion",), reviews=(ReviewedOutcome(cid, "nivea", "pass"),)))
        fast = fast.set_index("criterion")
        assert fast.loc["nivea", "n"] == fast_base.loc["nivea", "n"]
        assert fast.loc["nivea", "passed"] == fast_base.loc["nivea", "passed"] + 1
        # the pending contact's QA score is computed again without the pending result
        crit = rows[(rows.contact_id == cid) & (rows.criterion != "overall") & (rows.criterion != "nivea")]
        crit = crit[(crit.outcome != "n/a") & crit.score.notna()]
        overall = rows[(rows.criterion == "overall")].dropna(subset=["score"]).set_index("contact_id")["score"]
        ref = overall.copy()
        ref[cid] = crit["score"].mean()
        for group_by in (("queue",), ()):  # row path, mart path with deltas
            got = qa_score(w, Query(group_by=group_by))
            assert got["value"].iloc[0] == pytest.approx(ref.mean())
    finally:
        w.close()


def test_small_n_edges_in_drivers_and_the_scorecard(wh):
    kd = drivers(wh, Query(), options=DriverOptions(n_boot=0))
    n = int(kd["n"].iloc[0])
    assert (kd["n"] == n).all() and n == len(driver_inputs(wh, Query()).dropna(subset=["csat_topbox"]))
    assert not drivers(wh, Query(min_n=n), options=DriverOptions(n_boot=0))["small_n"].any()
    assert drivers(wh, Query(), options=DriverOptions(n_boot=0, min_n=n + 1))["small_n"].all()
    assert set(kd["kind"]) == {"criterion", "operational"} and {"wait_min", "nivea"} <= set(kd["predictor"])
    assert (kd["value"].fillna(0).diff().dropna() <= 1e-12).all()  # strongest driver first
    promoters = drivers(wh, Query(), target="nps_promoter", options=DriverOptions(n_boot=0))
    assert promoters.attrs["target"] == "nps_promoter" and not promoters["odds_ratio"].equals(kd["odds_ratio"])
    with pytest.raises(ValueError, match="target"):
        drivers(wh, Query(), target="csat_mean")
    with pytest.raises(ValueError, match="period"):
        drivers(wh, Query(period="week"))
    sc = agent_scorecard(wh, Query())
    k = int(sc["csat_n"].max())
    edge = agent_scorecard(wh, Query(min_n=k))
    for flag, col in (("small_n", "n"), ("csat_small_n", "csat_n"), ("nps_small_n", "nps_n")):
        assert (edge[flag] == (edge[col] < k)).all(), flag
    assert not edge.loc[edge["csat_n"] == k, "csat_small_n"].any()


def test_contacts_carry_the_recording_where_the_marts_know_it(loaded_db):
    w = connect(loaded_db)
    try:
        db = w.con.execute("SELECT current_database()").fetchone()[0]
        w.con.execute(f"CREATE TEMP VIEW mart_contacts AS SELECT * REPLACE (contact_id || '.wav' AS audio) FROM {db}.main.mart_contacts")
        c = contacts(w, Query(filters={"agent_id": "a-03"}))
        assert len(c) and (c["audio"] == c["contact_id"] + ".wav").all()
    finally:
        w.close()


def test_drivers_on_no_surveys_and_per_group_order(wh):
    none = drivers(wh, Query(date_from="2030-01-01"), options=DriverOptions(n_boot=0))
    assert none.empty and list(none.columns) == [
        "predictor", "kind", "n", "value", "ci_low", "ci_high", "small_n", "odds_ratio", "or_low", "or_high",
        "p_value", "r2", "note"]
    by = drivers(wh, Query(group_by=("channel",)), options=DriverOptions(n_boot=0))
    assert list(by.columns[:2]) == ["channel", "predictor"]
    assert by["channel"].tolist() == sorted(by["channel"].tolist())
    for _, g in by.groupby("channel"):
        assert (g["value"].fillna(-1).diff().dropna() <= 1e-12).all()
