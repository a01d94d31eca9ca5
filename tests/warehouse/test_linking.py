"""Survey linking rules (warehouse/linking.py) on a small DuckDB holding the two relations it reads:
by contact id, by agent and time window (edges of the window), one response per contact."""
from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pyarrow as pa
import pytest

from warehouse.linking import LinkStats, link_responses

T0 = datetime(2026, 11, 16, 10, 0, 0)


@pytest.fixture()
def con():
    c = duckdb.connect()
    c.execute("CREATE TABLE mart_contacts (contact_id VARCHAR, date VARCHAR, ended_utc TIMESTAMP, "
              "agent_id VARCHAR, agent_name VARCHAR, abandoned BOOLEAN)")
    rows = [
        ("c1", "2026-11", T0, "a-01", "Sanne de Vries", False),
        ("c2", "2026-11", T0 + timedelta(hours=1), "a-01", "Sanne de Vries", False),  # a-01's later call
        ("c3", "2026-11", T0 + timedelta(hours=30), "a-02", "a-02", False),  # name equals the id
        ("c4", "2026-11", T0 + timedelta(hours=2), "a-03", "Ruud", True),  # abandoned
        ("c5", "2026-11", None, "a-04", "Lotte", False),  # no end time
        ("c6", "2026-10", T0 - timedelta(days=20), "a-05", "Kevin", False),
    ]
    c.executemany("INSERT INTO mart_contacts VALUES (?, ?, ?, ?, ?, ?)", rows)
    c.execute("CREATE TABLE raw_surveys (response_id VARCHAR, contact_id VARCHAR)")
    c.execute("INSERT INTO raw_surveys VALUES ('old-1', 'c6')")
    yield c
    c.close()


def _pending(rows: list[tuple]) -> pa.Table:
    return pa.table({
        "idx": pa.array(list(range(len(rows))), pa.int64()),
        "response_id": [r[0] for r in rows],
        "contact_id": pa.array([r[1] for r in rows], pa.string()),
        "agent_ref": pa.array([r[2] for r in rows], pa.string()),
        "submitted_utc": pa.array([r[3] for r in rows], pa.timestamp("us")),
    })


def _link(con, rows, window_h=72.0):
    out, stats = link_responses(con, _pending(rows), window_h=window_h)
    return out.to_pylist(), stats


def test_by_contact_id(con):
    out, stats = _link(con, [("r1", "c1", None, None), ("r2", "ghost", None, None)])
    assert (out[0]["contact_id"], out[0]["status"], out[0]["link_method"], out[0]["contact_date"]) == (
        "c1", "linked", "contact_id", "2026-11")
    assert out[1]["status"] == "unknown_contact" and out[1]["detail"] == "no contact with id ghost"
    assert out[1]["contact_id"] is None
    assert (stats.by_id_total, stats.by_id_matched, stats.by_window_total, stats.by_window_matched) == (2, 1, 0, 0)


def test_window_edges_are_inclusive_and_the_latest_ended_contact_wins(con):
    end2 = T0 + timedelta(hours=1)
    out, stats = _link(con, [
        ("r1", None, "a-01", end2 + timedelta(hours=72)),  # exactly at the window's end: in
        ("r2", None, "a-01", end2 + timedelta(hours=72, microseconds=1)),  # just past it: out
        ("r3", None, "a-01", end2),  # at the end of the call itself: in
        ("r4", None, "a-01", T0 + timedelta(minutes=30)),  # after c1 ended, before c2 ended: c1
        ("r5", None, "a-01", T0 - timedelta(seconds=1)),  # before any call of a-01 ended
    ])
    assert [o["contact_id"] for o in out] == ["c2", None, "c2", "c1", None]
    # r3 came in before r1 for the same call: the earliest response wins
    assert [o["status"] for o in out] == ["duplicate", "unknown_contact", "linked", "linked", "unknown_contact"]
    assert out[2]["link_method"] == "agent_window" and out[2]["contact_date"] == "2026-11"
    assert out[1]["detail"] == "no contact of agent a-01 ended within the window before the survey"
    assert out[0]["detail"] == "contact c2 has an earlier response in this batch"
    assert (stats.by_window_total, stats.by_window_matched) == (5, 3)
    # a narrower window leaves the 72 h response out
    out, _ = _link(con, [("r1", None, "a-01", end2 + timedelta(hours=72))], window_h=71.99)
    assert out[0]["status"] == "unknown_contact"
    out, _ = _link(con, [("r1", None, "a-01", end2 + timedelta(hours=72))], window_h=72)
    assert out[0]["status"] == "linked"


def test_agent_reference_by_id_or_name_case_and_spaces_ignored(con):
    out, _ = _link(con, [("r1", None, "  SANNE de vries ", T0 + timedelta(hours=5)),
                         ("r2", None, "A-02", T0 + timedelta(hours=31))])
    assert [(o["contact_id"], o["status"]) for o in out] == [("c2", "linked"), ("c3", "linked")]


def test_abandoned_and_unended_contacts_are_never_linked_by_window(con):
    out, _ = _link(con, [("r1", None, "a-03", T0 + timedelta(hours=3)), ("r2", None, "Lotte", T0),
                         ("r3", None, None, T0), ("r4", None, "a-01", None)])
    assert [o["status"] for o in out] == ["unknown_contact"] * 4
    assert out[2]["detail"] == out[3]["detail"] == "no contact id, and no agent and time to link by"


def test_one_response_per_contact(con):
    out, _ = _link(con, [("r-late", "c1", None, T0 + timedelta(hours=5)),
                         ("r-early", "c1", None, T0 + timedelta(hours=2)),
                         ("r-again", "c6", None, T0),
                         ("old-1", "c6", None, T0)])  # the stored response itself, re-read
    assert [o["status"] for o in out] == ["duplicate", "linked", "duplicate", "linked"]
    assert out[2]["detail"] == "contact c6 already has response old-1"
    assert out[0]["detail"] == "contact c1 has an earlier response in this batch"


def test_rows_come_back_in_input_order(con):
    rows = [(f"r{i}", ("c1", "c2", "c3", "ghost")[i % 4], None, None) for i in range(40)]
    out, _ = _link(con, rows)
    assert [o["idx"] for o in out] == list(range(40))
    assert [o["contact_id"] for o in out[:4]] == ["c1", "c2", "c3", None]


def test_link_stats_arithmetic():
    a, b = LinkStats(3, 2, 5, 1), LinkStats(1, 1, 4, 2)
    s = a + b
    assert (s.by_id_total, s.by_id_matched, s.by_window_total, s.by_window_matched) == (4, 3, 9, 3)
    assert (s.total, s.matched) == (13, 6) and s.match_rate == pytest.approx(6 / 13)
    assert LinkStats().match_rate is None and LinkStats().total == 0
