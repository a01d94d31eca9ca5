"""The query layer on a real warehouse (the conftest fixture ingested through `meeluister ingest`'s
path): figures checked against independent computations from the rows, reviews counted instead of
the automatic outcome (on the mart fast path and the row path alike), exclusions, small n."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from meeluister.records import ReviewedOutcome
from warehouse import (DriverOptions, Query, agent_scorecard, contacts, csat, driver_inputs, drivers, nps,
                       open_snapshot, pass_rates, qa_score, results, turns)
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
    with pytest.raises(ValueError, match="criterion"):
        csat(wh, Query(filters={"criterion": "nivea"}))


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


def test_qa_score_with_a_review_and_an_exclusion_is_rescored(wh, rows):
    overall = rows[rows.criterion == "overall"].dropna(subset=["score"]).set_index("contact_id")["score"]
    base = qa_score(wh, Query())
    assert base.loc[0, "n"] == len(overall) and base.loc[0, "value"] == pytest.approx(overall.mean())
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
    assert {"csat", "csat_low", "nps", "nps_n", "topbox_share"} <= set(sc.columns)


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
    t = turns(wh, "pii-001")
    assert list(t["idx"]) == [0, 1, 2] and list(t.columns) == ["idx", "speaker", "start", "end", "text"]
    assert "111222333" not in " ".join(t["text"]) and "[BSN]" in t.loc[1, "text"]
    assert turns(wh, "no-such-contact").empty


def test_open_snapshot_reads_without_writing(wh, tmp_path):
    with pytest.raises(FileNotFoundError, match="no such warehouse"):
        open_snapshot(tmp_path / "missing.duckdb")
