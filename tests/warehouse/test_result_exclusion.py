"""The QA score without one advisory criterion from mart_result_exclusion (warehouse/results_sql.py
`exclusion_applies`): equal to the row path that rescores every contact (today's, kept for two
or more criteria, weights and reviews) on data with fractional scores, results awaiting review
(criteria and 'overall'), several advisory criteria and both mart grains; the mart itself equal to
a full rebuild and a first load after increments (tests/warehouse/test_mart_delta.py's data and
comparison cover it with every mart); and rows left out of the mart or of the pending
corrections make the comparison fail. Also: results pending nowhere skip the corrections
(`any_pending`), and a warehouse opened by code with a new mart rebuilds that mart only."""
from __future__ import annotations

import math
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import warehouse as w
from warehouse import Query, ingest_tables, results_sql
from warehouse.db import connect
from warehouse.marts import refresh_marts

CRITERIA = ("greeting", "nivea", "next_steps", "hold", "empathy")


def _num(cid: str) -> int:
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(cid))


def _contacts(ids: list[tuple[str, datetime]]) -> pa.Table:
    n = len(ids)
    agent = [f"a-{_num(c) % 5}" for c, _ in ids]
    return pa.table({
        "contact_id": [c for c, _ in ids], "m_agent_id": agent, "m_agent_name": ["Agent " + a for a in agent],
        "m_team": ["T1" if a < "a-3" else "T2" for a in agent],
        "m_channel": [("phone", "chat", "email")[_num(c) % 3] for c, _ in ids],
        "m_language": [("nl", "en")[_num(c) % 2] for c, _ in ids],
        "m_started_utc": [t - timedelta(hours=1) for _, t in ids], "m_started_local": [t for _, t in ids],
        "m_customer_key": [f"k{_num(c) % 40}" for c, _ in ids],
        "m_source_file": ["bench://m"] * n, "m_source_sha256": ["0" * 64] * n, "m_source_row": list(range(n)),
    })


def _results(ids: list[str], *, pending: bool = True) -> pa.Table:
    """Per contact some of CRITERIA (pass/fail/n-a, fractional scores, some without a score) and
    mostly an 'overall' row; with `pending` some results await review, an 'overall' one among them."""
    rows = []
    for c in ids:
        h = _num(c)
        for j, k in enumerate(CRITERIA):
            if (h + j) % 7 == 0:
                continue  # the contact has no such result
            outcome = ("pass", "fail", "n/a", "pass")[(h + 3 * j) % 4]
            score = None if outcome == "n/a" or (h + j) % 11 == 0 else ((h * (j + 3)) % 89) / 89
            rows.append((c, k, outcome, score, pending and (h + j) % 13 == 0))
        if h % 9:
            rows.append((c, "overall", "pass", (h % 83) / 83, pending and h % 17 == 0))
    n = len(rows)
    return pa.table({
        "contact_id": [r[0] for r in rows], "criterion": [r[1] for r in rows], "outcome": [r[2] for r in rows],
        "score": pa.array([r[3] for r in rows], pa.float64()), "needs_review": [r[4] for r in rows],
        "scorecard": ["default@1"] * n, "evidence": ["[]"] * n, "source_file": ["bench://r"] * n,
        "source_sha256": ["0" * 64] * n, "source_row": list(range(n)),
    })


def _ids() -> list[tuple[str, datetime]]:
    return [(f"c-{m}-{d}-{k}", datetime(2026, m, d, 8 + k)) for m in (5, 6) for d in range(1, 29, 3) for k in range(7)]


def _frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    for col in a.columns:
        x, y = a[col].tolist(), b[col].tolist()
        for u, v in zip(x, y):
            if isinstance(u, float) or isinstance(v, float):
                if not (u is None or v is None) and math.isnan(u) and math.isnan(v):
                    continue
                if u is None or v is None or not math.isclose(u, v, rel_tol=1e-12, abs_tol=1e-12):
                    return False
            elif u != v and not (pd.isna(u) and pd.isna(v)):
                return False
    return True


QUERIES = [
    Query.for_period("2026-06", group_by=("team",)),
    Query(group_by=("language", "channel")),
    Query(group_by=("agent_id",), period="week"),
    Query.for_period("2026-W23", group_by=("team",), filters={"language": "nl"}),
    Query(period="month", filters={"team": "T2"}),
    Query.for_period("2026-05"),
]


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results_sql, "exclusion_applies", lambda con, q: False)


def _compare(wh: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the (query, criterion) pairs whose QA score differs between the two paths."""
    bad = []
    for crit in CRITERIA + ("not_a_criterion",):
        for q in QUERIES:
            qq = q.but(exclude_criteria=(crit,))
            assert results_sql.exclusion_applies(wh.con, qq)
            fast = w.qa_score(wh, qq)
            with monkeypatch.context() as m:
                _slow(m)
                slow = w.qa_score(wh, qq)
            assert len(slow) > 0, qq
            if not _frames_equal(fast, slow):
                bad.append(f"{crit}: {qq}")
    return bad


@pytest.fixture()
def wh_path(tmp_path: Path) -> Path:
    db = tmp_path / "wh.duckdb"
    ids = _ids()
    ingest_tables(db, contacts=_contacts(ids), results=_results([c for c, _ in ids]))
    return db


def test_the_mart_path_equals_the_row_path(wh_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connect(wh_path) as wh:
        pend = wh.con.execute("SELECT count(*) FILTER (needs_review AND criterion = 'overall'), "
                              "count(*) FILTER (needs_review) FROM raw_results").fetchall()[0]
        assert pend[0] > 0 and pend[1] > pend[0]  # pending criteria and pending overall results
        assert _compare(wh, monkeypatch) == []
        # the scorecard reads the same QA score; two criteria, weights, reviews keep the row path
        q = Query.for_period("2026-06", exclude_criteria=("hold",))
        assert results_sql.exclusion_applies(wh.con, q)
        fast = w.agent_scorecard(wh, q)
        with monkeypatch.context() as m:
            _slow(m)
            assert _frames_equal(fast, w.agent_scorecard(wh, q))
        for other in (q.but(exclude_criteria=("hold", "nivea")), q.but(weights={"nivea": 2.0}),
                      q.but(group_by=("queue",))):
            assert not results_sql.exclusion_applies(wh.con, other)


def test_without_pending_results_no_correction_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "wh.duckdb"
    ids = _ids()
    ingest_tables(db, contacts=_contacts(ids), results=_results([c for c, _ in ids], pending=False))
    read: list[str] = []
    real = results_sql._pending_corrections

    def spy(*a: Any) -> Any:
        read.append("corrections")
        return real(*a)
    monkeypatch.setattr(results_sql, "_pending_corrections", spy)
    with connect(db) as wh:
        assert not results_sql.any_pending(wh.con, Query())
        assert _compare(wh, monkeypatch) == []
        assert read == []
        # the other result metrics skip their deltas too, and equal a run that adds them
        q = Query.for_period("2026-06", group_by=("criterion", "team"))
        quick = w.pass_rates(wh, q), w.qa_score(wh, q.but(group_by=("team",)))
        monkeypatch.setattr(results_sql, "any_pending", lambda con, q: True)
        slow = w.pass_rates(wh, q), w.qa_score(wh, q.but(group_by=("team",)))
        assert all(_frames_equal(a, b) for a, b in zip(quick, slow))


def test_pending_results_are_seen(wh_path: Path) -> None:
    with connect(wh_path) as wh:
        assert results_sql.any_pending(wh.con, Query.for_period("2026-06"))
        wh.con.execute("CREATE TEMP TABLE p AS SELECT DISTINCT date FROM raw_results WHERE needs_review")
        assert {r[0] for r in wh.con.execute("SELECT date FROM p").fetchall()} == {"2026-05", "2026-06"}


def test_rows_left_out_of_the_mart_fail_the_comparison(wh_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connect(wh_path) as wh:
        wh.con.execute("DELETE FROM mart_result_exclusion WHERE day = (SELECT max(day) FROM mart_result_exclusion "
                       "WHERE date = '2026-06')")
        assert _compare(wh, monkeypatch) != []


def test_dropping_the_pending_corrections_fails_the_comparison(wh_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results_sql, "any_pending", lambda con, q: False)
    with connect(wh_path) as wh:
        assert _compare(wh, monkeypatch) != []


def test_a_pending_overall_result_alone_counts_as_on_the_row_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A contact whose only pending result is its 'overall' one, the left-out criterion not
    applicable: the row path does not count its score (its stored score did not count and
    nothing rescored it); mart_result_daily does, so the correction must take it out."""
    db = tmp_path / "wh.duckdb"
    ids = [("p-1", datetime(2026, 6, 3, 9)), ("p-2", datetime(2026, 6, 4, 9))]
    rows = [("p-1", "nivea", "pass", 0.75, False), ("p-1", "hold", "n/a", None, False),
            ("p-1", "overall", "pass", 0.75, True),
            ("p-2", "nivea", "fail", 0.25, False), ("p-2", "hold", "pass", 0.5, False),
            ("p-2", "overall", "fail", 0.375, False)]
    res = pa.table({"contact_id": [r[0] for r in rows], "criterion": [r[1] for r in rows],
                    "outcome": [r[2] for r in rows], "score": [r[3] for r in rows],
                    "needs_review": [r[4] for r in rows], "scorecard": ["default@1"] * 6, "evidence": ["[]"] * 6,
                    "source_file": ["bench://r"] * 6, "source_sha256": ["0" * 64] * 6, "source_row": list(range(6))})
    ingest_tables(db, contacts=_contacts(ids), results=res)
    q = Query.for_period("2026-06", exclude_criteria=("hold",))
    with connect(db) as wh:
        fast = w.qa_score(wh, q)
        with monkeypatch.context() as m:
            _slow(m)
            slow = w.qa_score(wh, q)
        assert slow["n"].tolist() == [1] and slow["value"].tolist() == [0.25]  # p-2 rescored, p-1 not counted
        assert _frames_equal(fast, slow)


def test_a_new_mart_is_rebuilt_alone_at_open(wh_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import warehouse.marts as marts

    with connect(wh_path) as wh:
        before = wh.con.execute("SELECT count(*), sum(n_score) FROM mart_result_exclusion").fetchall()[0]
        wh.con.execute("DROP TABLE mart_result_exclusion")  # a warehouse written before the mart
    rebuilt: list[Any] = []
    real = marts.refresh_marts

    def spy(con: Any, months: Any, only: Any = None, *a: Any, **k: Any) -> Any:
        rebuilt.append(sorted(only) if only is not None else None)
        return real(con, months, only, *a, **k)
    monkeypatch.setattr(marts, "refresh_marts", spy)
    with connect(wh_path) as wh:
        assert rebuilt == [["mart_result_exclusion"]]
        assert wh.con.execute("SELECT count(*), sum(n_score) FROM mart_result_exclusion").fetchall()[0] == before
        refresh_marts(wh.con, None)
        assert wh.con.execute("SELECT count(*), sum(n_score) FROM mart_result_exclusion").fetchall()[0] == before
    # a mart that others read: those are rebuilt with it
    from warehouse.db import create_views

    with connect(wh_path) as wh:
        wh.con.execute("DROP TABLE mart_result_daily")
        assert create_views(wh.con) == ["mart_result_daily", "mart_result_period"]
