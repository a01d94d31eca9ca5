"""Edges of the result metrics and the relations under them (warehouse/metrics.py,
warehouse/results_sql.py) that the figure tests do not reach: a lake written before results
carried a confidence, an agent without a team, an agent whose counted results are all n/a. Each
test pins a behaviour a one-line change would break (docs/mutation.md)."""
from __future__ import annotations

import numpy as np
import pytest

from warehouse import Query, agent_scorecard, pass_rates, results
from warehouse.db import connect

CRITERIA = ("own_name_greeting", "nivea", "clarifying_questions", "hold_etiquette", "next_steps",
            "room_for_emotion", "diminutives")


@pytest.fixture()
def w(loaded_db):
    wh = connect(loaded_db)
    yield wh
    wh.close()


def _db(w) -> str:
    return w.con.execute("SELECT current_database()").fetchone()[0]


def test_a_lake_without_confidence_or_needs_review_reads_as_nothing_pending(w):
    before = results(w, Query())
    rates = pass_rates(w, Query(group_by=("criterion",)))
    # an older lake: the results' files have neither column (a temp view stands in for it)
    w.con.execute(f"CREATE TEMP VIEW raw_results AS SELECT * EXCLUDE (confidence, needs_review) "
                  f"FROM {_db(w)}.main.raw_results")
    after = results(w, Query())
    assert len(after) == len(before) and after["confidence"].isna().all()
    assert not after["needs_review"].any()
    assert after[["contact_id", "criterion", "outcome"]].equals(before[["contact_id", "criterion", "outcome"]])
    old = pass_rates(w, Query(group_by=("criterion",)))
    pending = before[before["needs_review"]]  # they count again: nothing awaits review
    for _, row in old.iterrows():
        counted = before[(before["criterion"] == row["criterion"]) & (before["outcome"] != "n/a")]
        assert row["n"] == len(counted)
        assert row["passed"] == int((counted["outcome"] == "pass").sum())
    if len(pending):
        assert old["n"].sum() > rates["n"].sum()


def test_an_agent_without_a_team_keeps_its_weakest_criterion(w):
    full = agent_scorecard(w, Query()).set_index(["agent_id", "team"])
    want = full.loc[("a-07", "KCC Noord")]
    db = _db(w)
    for mart in ("mart_contacts", "mart_result_daily", "mart_result_period", "mart_survey_daily",
                 "mart_survey_period"):
        w.con.execute(f"CREATE TEMP VIEW {mart} AS SELECT * REPLACE (CASE WHEN agent_id = 'a-07' THEN NULL "
                      f"ELSE team END AS team) FROM {db}.main.{mart}")
    sc = agent_scorecard(w, Query())
    row = sc[sc["agent_id"] == "a-07"]
    assert len(row) == 1 and row["team"].isna().all()
    assert row["weakest_criterion"].iloc[0] == want["weakest_criterion"]
    assert row["weakest_pass_rate"].iloc[0] == want["weakest_pass_rate"]
    assert row["n"].iloc[0] == want["n"]


def test_a_criterion_with_no_applicable_result_is_never_the_weakest(w):
    # dev-es-002's hold_etiquette result is n/a; every other criterion advisory
    q = Query(filters={"contact_id": "dev-es-002"}, exclude_criteria=tuple(c for c in CRITERIA if c != "hold_etiquette"))
    pr = pass_rates(w, q.but(group_by=("criterion", "agent_id")))
    hold = pr[pr["criterion"] == "hold_etiquette"]
    assert len(hold) == 1 and hold["n"].iloc[0] == 0 and hold["not_applicable"].iloc[0] == 1
    sc = agent_scorecard(w, q)
    assert len(sc) == 1
    assert sc["weakest_criterion"].isna().all() and np.isnan(sc["weakest_pass_rate"].iloc[0])


def test_the_scorecard_frame_names_itself_and_counts_in_integers(w):
    sc = agent_scorecard(w, Query(min_n=2, level=0.9))
    assert sc.attrs == {"metric": "agent_scorecard", "min_n": 2, "level": 0.9}
    for col in ("n", "csat_n", "nps_n"):
        assert sc[col].dtype == np.int64, col
    assert (sc["small_n"] == (sc["n"] < 2)).all() and sc["small_n"].any() and not sc["small_n"].all()
