"""The rolled-up agent marts (mart_result_period, mart_survey_period) and the `contact_id` filter.

Every figure the query layer answers from the weekly or monthly rows must equal the same query
answered from the result and survey rows themselves. The reference is the same `Query` with a
`contact_id` filter listing every contact: no mart holds contacts, so that filter forces the
row-level path while selecting the same contacts. A wrong roll-up (a week grouped by its month,
a dropped criterion, a join that loses the undated contacts) turns these red."""
from __future__ import annotations

import logging
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from meeluister.records import ReviewedOutcome
from test_marts import _bulk_data
from warehouse import (Query, agent_scorecard, contacts, csat, dimension_values, ingest_tables, nps, pass_rates,
                       qa_score, results)
from warehouse.db import connect
from warehouse.results_sql import period_grain, result_source

NUM = ("n", "value", "ci_low", "ci_high", "passed", "not_applicable", "promoters", "passives", "detractors",
       "topbox_n", "sd", "csat_n", "csat", "csat_low", "csat_high", "nps_n", "nps", "weakest_pass_rate")


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    logging.disable(logging.ERROR)
    db = tmp_path_factory.mktemp("period") / "wh.duckdb"
    c, r, s = _bulk_data(n=700, seed=11)
    ingest_tables(db, contacts=c, results=r, surveys=s)
    w = connect(db)
    yield w
    w.close()
    logging.disable(logging.NOTSET)


def _all_ids(wh) -> tuple[str, ...]:
    return tuple(r[0] for r in wh.con.execute("SELECT contact_id FROM mart_contacts ORDER BY 1").fetchall())


def _rows_q(wh, q: Query) -> Query:
    """The same query on the row-level path (every contact named)."""
    return q.but(filters={**dict(q.filters), "contact_id": _all_ids(wh)})


def _same(got: pd.DataFrame, ref: pd.DataFrame, label: str) -> None:
    assert len(got) == len(ref) > 0, label
    keys = [c for c in got.columns if c not in NUM and c not in ("small_n", "csat_small_n", "nps_small_n",
                                                                  "topbox_share", "topbox_low", "topbox_high",
                                                                  "nps_low", "nps_high", "advisory")]
    for k in keys:
        assert got[k].astype(str).tolist() == ref[k].astype(str).tolist(), (label, k)
    for c in NUM:
        if c in got.columns:
            g, r = got[c].to_numpy(dtype=float), ref[c].to_numpy(dtype=float)
            assert np.allclose(g, r, rtol=1e-9, atol=1e-9, equal_nan=True), (label, c)


QUERIES = [
    ("all time, per agent", dict(group_by=("agent_id",))),
    ("all time, pooled", dict()),
    ("per week, per team", dict(group_by=("team",), period="week")),
    ("per month, per agent", dict(group_by=("agent_id", "agent_name", "team"), period="month")),
    ("whole months", dict(group_by=("team",), date_from=date(2026, 2, 1), date_to=date(2026, 3, 31))),
    ("whole weeks, per week", dict(period="week", date_from=date(2026, 2, 2), date_to=date(2026, 3, 15))),
    ("whole weeks, one team", dict(date_from=date(2026, 2, 2), date_to=date(2026, 3, 15), filters={"team": "T1"})),
]


@pytest.mark.parametrize("label,kw", QUERIES, ids=[q[0] for q in QUERIES])
def test_rolled_up_figures_equal_the_row_level_path(wh, label, kw):
    q = Query(**kw)
    assert period_grain(wh.con, q, "result") is not None and period_grain(wh.con, q, "survey") is not None, label
    assert "mart_result_period" in result_source(wh.con, q).text
    for fn in (csat, nps, qa_score):
        _same(fn(wh, q), fn(wh, _rows_q(wh, q)), f"{label}: {fn.__name__}")
    pq = q.but(group_by=("criterion",) + q.group_by)
    _same(pass_rates(wh, pq), pass_rates(wh, _rows_q(wh, pq)), f"{label}: pass_rates")
    _same(agent_scorecard(wh, q), agent_scorecard(wh, _rows_q(wh, q)), f"{label}: agent_scorecard")


def test_ranges_that_cut_a_period_read_the_daily_rows(wh):
    for q in (Query(date_from=date(2026, 2, 3), date_to=date(2026, 3, 15)),       # from a Tuesday
              Query(period="month", date_from=date(2026, 2, 2), date_to=date(2026, 3, 15)),  # weeks, by month
              Query(period="day"), Query(group_by=("language",))):
        assert period_grain(wh.con, q, "result") is None, q
        assert "mart_result_period" not in result_source(wh.con, q).text
        _same(qa_score(wh, q), qa_score(wh, _rows_q(wh, q)), repr(q))


def test_a_week_across_two_months_is_whole(wh):
    # ISO week 2026-W09 runs Mon 23 Feb to Sun 1 Mar: one week row, both months' days in it
    q = Query(period="week", date_from=date(2026, 2, 23), date_to=date(2026, 3, 1))
    got = pass_rates(wh, q.but(group_by=("criterion",)))
    days = wh.con.execute("SELECT count(*) FROM stg_results r JOIN mart_contacts c USING (contact_id) "
                          "WHERE c.day BETWEEN DATE '2026-02-23' AND DATE '2026-03-01' AND r.criterion <> 'overall' "
                          "AND r.outcome <> 'n/a' AND c.day >= DATE '2026-03-01'").fetchone()[0]
    assert days > 0  # the fixture has applicable results on the March side of the week
    _same(got, pass_rates(wh, _rows_q(wh, q.but(group_by=("criterion",)))), "W09")


def test_reviews_count_on_the_rolled_up_rows(wh):
    rows = results(wh, Query())
    fail = rows[(rows.outcome == "fail") & ~rows.needs_review].iloc[0]
    review = ReviewedOutcome(fail.contact_id, fail.criterion, "pass", "tl", "2026-06-01", "ok")
    q = Query(group_by=("agent_id",), reviews=(review,))
    before = pass_rates(wh, Query(group_by=("criterion", "agent_id")))
    after = pass_rates(wh, q.but(group_by=("criterion", "agent_id")))
    _same(after, pass_rates(wh, _rows_q(wh, q.but(group_by=("criterion", "agent_id")))), "reviewed")
    _same(agent_scorecard(wh, q), agent_scorecard(wh, _rows_q(wh, q)), "reviewed scorecard")
    moved = (after.set_index(["criterion", "agent_id"])["passed"]
             - before.set_index(["criterion", "agent_id"])["passed"])
    assert moved.sum() == 1 and (moved >= 0).all()


def test_a_second_ingest_refreshes_the_rolled_up_rows(tmp_path):
    logging.disable(logging.ERROR)
    db = tmp_path / "wh.duckdb"
    c, r, s = _bulk_data(n=300, seed=3)
    ingest_tables(db, contacts=c, results=r, surveys=s)
    # every result of the contacts of March turns into a pass: the weeks and months touching March move
    with connect(db) as w:
        march = {x[0] for x in w.con.execute("SELECT contact_id FROM mart_contacts WHERE date = '2026-03'").fetchall()}
    rr = r.to_pandas()
    rr.loc[rr.contact_id.isin(march) & (rr.criterion != "overall"), "outcome"] = "pass"
    ingest_tables(db, results=pa.Table.from_pandas(rr, preserve_index=False))
    logging.disable(logging.NOTSET)
    with connect(db) as w:
        for kw in QUERIES[:4]:
            q = Query(**kw[1]).but(group_by=("criterion",) + Query(**kw[1]).group_by)
            _same(pass_rates(w, q), pass_rates(w, _rows_q(w, q)), kw[0])
        march_month = pass_rates(w, Query(group_by=("criterion",), date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)))
        assert (march_month["failed"] == 0).all()


# --- the contact_id filter ------------------------------------------------------------------

def test_a_contact_id_filter_narrows_every_figure_to_that_contact(wh):
    one = wh.con.execute("SELECT contact_id, csat_10, nps FROM stg_surveys s JOIN mart_contacts c USING (contact_id) "
                         "WHERE csat_10 IS NOT NULL AND nps IS NOT NULL ORDER BY contact_id LIMIT 1").fetchone()
    cid, score, promoter_score = one
    q = Query(filters={"contact_id": cid})
    # a mart would ignore the filter and answer for everyone: these are not the same numbers
    assert csat(wh, Query())["n"].iloc[0] > 1
    got = csat(wh, q)
    assert got["n"].tolist() == [1] and got["value"].iloc[0] == pytest.approx(score)
    n = nps(wh, q)
    assert n["n"].tolist() == [1] and n["promoters"].iloc[0] == int(promoter_score >= 9)
    own = wh.con.execute("SELECT count(*) FILTER (outcome <> 'n/a'), count(*) FILTER (outcome = 'pass') "
                         "FROM stg_results WHERE contact_id = ? AND criterion <> 'overall' AND NOT needs_review",
                         [cid]).fetchone()
    pr = pass_rates(wh, q)
    assert (pr["n"].iloc[0], pr["passed"].iloc[0]) == own
    assert set(results(wh, q)["contact_id"]) == {cid}
    assert contacts(wh, q)["contact_id"].tolist() == [cid]
    for metric in (csat, qa_score):  # grouped, too: the row-level path
        assert metric(wh, q.but(group_by=("agent_id",), period="week"))["n"].sum() <= 1
    two = Query(filters={"contact_id": (cid, "k-5")})
    assert set(contacts(wh, two)["contact_id"]) == {cid, "k-5"}


def test_newest_contacts_and_dimension_values(wh):
    everyone = contacts(wh, Query())
    newest = contacts(wh, Query(), newest=5)
    ref = everyone.dropna(subset=["started_at"]).sort_values(["started_at", "contact_id"], ascending=False).head(5)
    assert newest["contact_id"].tolist() == ref["contact_id"].tolist()
    assert dimension_values(wh, "team") == sorted(everyone["team"].dropna().unique().tolist())
    assert dimension_values(wh, "team", Query(filters={"agent_id": "a0"})) == ["T0"]
    with pytest.raises(ValueError, match="dimension_values"):
        dimension_values(wh, "comment")
    with pytest.raises(ValueError, match="newest"):
        contacts(wh, Query(), newest=-1)
