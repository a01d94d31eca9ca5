"""The `Query` object and the SQL pieces of warehouse/query.py without a loaded warehouse: every
refusal with its exact message (a dashboard or the CLI shows it as is), the resolved defaults,
which review wins, period bounds, and what `where()` selects from a small DuckDB table (dates
inclusive, values bound, lists, contact reasons, the criterion filter, a prefix, extra conditions)."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from meeluister.records import ReviewedOutcome
from warehouse.query import (FILTER_COLUMNS, GROUP_COLUMNS, AnalyticsOptions, Query, Sql, dimensions_needed,
                             group_keys, has_relation, needs_reason, needs_rows, period_bounds, period_unit,
                             reason_join, reviews_sql, where, whole_periods)

CHOICES = GROUP_COLUMNS + ("criterion",)


@pytest.mark.parametrize("kwargs,error,message", [
    (dict(group_by=("x",)), ValueError, f"Query.group_by: cannot group by 'x'; choose from {CHOICES}"),
    (dict(group_by=("team", "team")), ValueError, "Query.group_by: ('team', 'team') names a column twice"),
    (dict(period="year"), ValueError, "Query.period must be one of ('day', 'week', 'month') or None, not 'year'"),
    (dict(date_from="2026-11-22", date_to="2026-11-16"), ValueError,
     "Query: date_from 2026-11-22 is after date_to 2026-11-16"),
    (dict(filters={"x": 1}), ValueError, f"Query.filters: cannot filter on 'x'; choose from {FILTER_COLUMNS}"),
    (dict(filters={"team": ()}), ValueError,
     "Query.filters['team']: an empty list matches nothing; leave the filter out"),
    (dict(filters={"team": None}), ValueError, "Query.filters['team']: None is not a value; leave the filter out"),
    (dict(min_n=-1), ValueError, "Query.min_n must be an integer >= 0 or None, not -1"),
    (dict(min_n=1.5), ValueError, "Query.min_n must be an integer >= 0 or None, not 1.5"),
    (dict(level=0), ValueError, "Query.level must lie strictly between 0 and 1, not 0"),
    (dict(level=1.0), ValueError, "Query.level must lie strictly between 0 and 1, not 1.0"),
    (dict(reviews=(1,)), TypeError, "Query.reviews holds int, not meeluister.ReviewedOutcome"),
    (dict(reviews=(ReviewedOutcome("c", "nivea", "maybe"),)), ValueError,
     "Query.reviews: outcome 'maybe' of c/nivea is not one of ('pass', 'fail', 'n/a')"),
    (dict(weights={"nivea": -1}), ValueError, "Query.weights['nivea'] must be >= 0, not -1"),
    (dict(date_from="gisteren"), ValueError, "Query.date_from: 'gisteren' is not a date (YYYY-MM-DD)"),
])
def test_refusals_say_exactly_what_is_wrong(kwargs, error, message):
    with pytest.raises(error) as exc:
        Query(**kwargs)
    assert str(exc.value) == message


def test_values_at_the_edges_are_accepted_and_normalised():
    q = Query(min_n=0, level=0.001, weights={"nivea": 0}, date_from=datetime(2026, 11, 16, 23, 30),
              date_to=date(2026, 11, 16), filters={"team": {"b", "a"}, "agent_id": ["a-2", "a-1"], "queue": 7})
    assert (q.min_n, q.resolved_level, q.date_from, q.date_to) == (0, 0.001, date(2026, 11, 16), date(2026, 11, 16))
    assert q.filters == {"team": ("a", "b"), "agent_id": ("a-2", "a-1"), "queue": "7"}  # a set is sorted
    assert Query(level=0.999).resolved_level == 0.999
    many = {"h", "c", "f", "a", "g", "b", "e", "d"}  # a set has no order of its own: it is sorted
    assert Query(filters={"team": many}).filters == {"team": ("a", "b", "c", "d", "e", "f", "g", "h")}
    r = ReviewedOutcome("c1", "nivea", "pass")
    assert Query(reviews=[r]).reviews == (r,)  # kept as a tuple (the query is frozen and hashable)
    assert Query(group_by="team").but(period="week").group_by == ("team",)
    with pytest.raises(ValueError):
        Query().but(period="year")


def test_resolved_defaults_have_one_owner():
    assert Query().resolved_min_n() == AnalyticsOptions().min_n == 30
    assert Query().resolved_min_n(7) == 7 and Query(min_n=5).resolved_min_n(7) == 5
    assert Query(min_n=0).resolved_min_n(7) == 0  # 0 is a value, not "unset"
    assert Query().resolved_level == AnalyticsOptions().level == 0.95
    assert Query(level=0.9).resolved_level == 0.9


def test_the_latest_review_wins_untimed_counts_as_oldest_and_ties_go_to_the_later():
    untimed = ReviewedOutcome("c1", "nivea", "pass")
    early = ReviewedOutcome("c1", "nivea", "fail", decided_at="2026-11-20T10:00:00+01:00")
    late = ReviewedOutcome("c1", "nivea", "n/a", decided_at="2026-11-21T10:00:00+01:00")
    tie = ReviewedOutcome("c1", "nivea", "pass", decided_at="2026-11-21T10:00:00+01:00")
    other = ReviewedOutcome("c2", "nivea", "pass")
    assert Query(reviews=(late, untimed, early)).effective_reviews() == (late,)
    assert Query(reviews=(untimed, early)).effective_reviews() == (early,)
    assert Query(reviews=(late, tie)).effective_reviews() == (tie,)
    assert Query(reviews=(tie, late)).effective_reviews() == (late,)
    assert Query(reviews=(untimed, other)).effective_reviews() == (untimed, other)


@pytest.mark.parametrize("spec,bounds", [
    ("2026-W47", (date(2026, 11, 16), date(2026, 11, 22))), ("2026-W53", (date(2026, 12, 28), date(2027, 1, 3))),
    ("2026-01", (date(2026, 1, 1), date(2026, 1, 31))), ("2026-12", (date(2026, 12, 1), date(2026, 12, 31))),
    (" 2026-02 ", (date(2026, 2, 1), date(2026, 2, 28))), ("2026-11-16", (date(2026, 11, 16), date(2026, 11, 16))),
])
def test_period_bounds(spec, bounds):
    assert period_bounds(spec) == bounds


@pytest.mark.parametrize("spec,message", [
    ("2026-W00", "period '2026-W00': no such ISO week"), ("2025-W53", "period '2025-W53': no such ISO week"),
    ("2026-00", "period '2026-00': no such month"), ("2026-13", "period '2026-13': no such month"),
    ("week 47", "period 'week 47': expected an ISO week (2026-W47), a month (2026-11) or a day (2026-11-16)"),
])
def test_period_refusals(spec, message):
    with pytest.raises(ValueError) as exc:
        period_bounds(spec)
    assert str(exc.value) == message


@pytest.fixture()
def con():
    c = duckdb.connect()
    c.execute("CREATE TABLE t (contact_id VARCHAR, day DATE, team VARCHAR, agent_id VARCHAR, criterion VARCHAR)")
    c.execute("INSERT INTO t VALUES ('c1', '2026-11-15', 'T1', 'a-1', 'nivea'), ('c2', '2026-11-16', 'T1', 'a-2', 'tone'),"
              " ('c3', '2026-11-22', 'T2', 'a-3', 'nivea'), ('c4', '2026-11-23', 'T1', 'a-1', 'nivea')")
    c.execute("CREATE TABLE stg_contact_reasons (contact_id VARCHAR, reason VARCHAR)")
    c.execute("INSERT INTO stg_contact_reasons VALUES ('c1', 'bill'), ('c1', 'move'), ('c2', 'move'), ('c3', 'x')")
    yield c
    c.close()


def _ids(con, q, **kw):
    w = where(q, **kw)
    alias = kw.get("prefix", "").rstrip(".")
    return [r[0] for r in con.execute(f"SELECT {kw.get('prefix', '')}contact_id FROM t {alias}{w.text} ORDER BY 1",
                                      list(w.params)).fetchall()]


def test_where_selects_the_inclusive_range_and_the_filter_values(con):
    assert _ids(con, Query()) == ["c1", "c2", "c3", "c4"]
    assert _ids(con, Query(date_from="2026-11-16", date_to="2026-11-22")) == ["c2", "c3"]
    assert _ids(con, Query(date_from="2026-11-16")) == ["c2", "c3", "c4"]
    assert _ids(con, Query(date_to="2026-11-16")) == ["c1", "c2"]
    assert _ids(con, Query(filters={"team": "T1", "agent_id": ("a-1", "a-3")})) == ["c1", "c4"]
    assert _ids(con, Query(filters={"team": "T1' OR '1'='1"})) == []  # a value is bound, never SQL
    assert _ids(con, Query(filters={"reason": "move"})) == ["c1", "c2"]       # c1 has two reasons: once
    assert _ids(con, Query(filters={"reason": ("bill", "x")})) == ["c1", "c3"]
    assert _ids(con, Query(filters={"reason": "move", "agent_id": "a-1"})) == ["c1"]  # the filters after it too
    assert _ids(con, Query(filters={"team": "T1"}), prefix="q.") == ["c1", "c2", "c4"]
    assert _ids(con, Query(filters={"team": "T1"}), extra=("day > DATE '2026-11-15'", Sql("agent_id <> ?", ("a-2",)))) \
        == ["c4"]


def test_the_criterion_filter_applies_only_where_allowed(con):
    q = Query(filters={"criterion": "nivea"})
    assert _ids(con, q, criterion=True) == ["c1", "c3", "c4"]
    with pytest.raises(ValueError) as exc:
        where(q)
    assert str(exc.value) == "Query.filters: 'criterion' applies to results and pass rates only"


def test_reviews_as_a_relation(con):
    r = reviews_sql((ReviewedOutcome("c1", "nivea", "pass"), ReviewedOutcome("c2", "tone", "fail")))
    assert con.execute(f"SELECT * FROM {r.text} x ORDER BY 1", list(r.params)).fetchall() == [
        ("c1", "nivea", "pass"), ("c2", "tone", "fail")]


def test_group_keys_dimensions_and_reasons():
    assert group_keys(Query(group_by=("team", "criterion"), period="week"), criterion_first=True) == [
        "criterion", "team", "week"]
    assert group_keys(Query(group_by=("team", "criterion"), period="week")) == ["team", "criterion", "week"]
    assert group_keys(Query(group_by=("team",)), criterion_first=True) == ["team"]
    assert dimensions_needed(Query(group_by=("team", "criterion"), filters={"queue": "q", "criterion": "n"})) == {
        "team", "queue"}
    assert needs_reason(Query(filters={"reason": "a"})) and needs_reason(Query(group_by=("reason",)))
    assert not needs_reason(Query(group_by=("team",)))
    assert reason_join(Query(filters={"reason": "a"})) == ""
    assert reason_join(Query(group_by=("reason",)), "x") == " JOIN stg_contact_reasons cr ON cr.contact_id = x.contact_id"
    assert reason_join(Query(group_by=("reason",))).endswith("= c.contact_id")


def test_sql_fragments_keep_their_values_in_order():
    s = Sql("a = ?", (1,)) + " AND " + Sql("b = ?", (2,))
    assert (s.text, s.params) == ("a = ? AND b = ?", (1, 2))


def test_which_queries_need_the_rows():
    assert needs_rows(Query(filters={"contact_id": "c-1"})) and needs_rows(Query(group_by=("reason",)))
    assert needs_rows(Query(filters={"reason": ("a", "b")}))
    assert not needs_rows(Query(group_by=("team",), filters={"team": "T1"}))


@pytest.mark.parametrize("date_from,date_to,week,month", [
    (None, None, True, True),
    ("2026-11-16", "2026-11-22", True, False),          # Monday to Sunday
    ("2026-11-17", "2026-11-22", False, False),         # from a Tuesday
    ("2026-11-16", "2026-11-21", False, False),         # to a Saturday
    ("2026-11-01", "2026-11-30", False, True),          # a whole month (Sunday to Monday)
    ("2026-11-01", "2026-11-29", False, False),         # not to the month's last day
    ("2026-11-02", None, True, False),                  # from a Monday, open end
    (None, "2026-02-28", False, True),                  # open start to the last day of February
    (None, "2028-02-28", False, False),                 # 2028 is a leap year
])
def test_whole_periods(date_from, date_to, week, month):
    q = Query(date_from=date_from, date_to=date_to)
    assert (whole_periods(q, "week"), whole_periods(q, "month")) == (week, month)


def test_whole_periods_refuses_another_unit():
    with pytest.raises(ValueError) as exc:
        whole_periods(Query(), "day")
    assert str(exc.value) == "whole_periods: unit must be 'week' or 'month', not 'day'"


@pytest.mark.parametrize("kwargs,unit", [
    (dict(period="day"), None),
    (dict(period="week", date_from="2026-11-16", date_to="2026-11-22"), "week"),
    (dict(period="week", date_from="2026-11-01", date_to="2026-11-30"), None),   # a month, not whole weeks
    (dict(period="month", date_from="2026-11-01", date_to="2026-11-30"), "month"),
    (dict(date_from="2026-11-01", date_to="2026-11-30"), "month"),               # months first
    (dict(date_from="2026-11-16", date_to="2026-11-22"), "week"),                # else weeks
    (dict(date_from="2026-11-17", date_to="2026-11-22"), None),                  # day rows
    (dict(), "month"),
])
def test_period_unit(kwargs, unit):
    assert period_unit(Query(**kwargs)) == unit


def test_has_relation_sees_the_tables_not_temporary_ones(con):
    con.execute("CREATE TEMP TABLE tmp (x INTEGER)")
    assert has_relation(con, "t") and has_relation(con, "stg_contact_reasons")
    assert not has_relation(con, "tmp") and not has_relation(con, "nothing")
