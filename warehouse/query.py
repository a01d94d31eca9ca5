"""The query object every figure of the query layer takes, and what turns it into SQL.

    from warehouse import Query, csat
    q = Query(group_by=("language",), period="week", date_from=date(2026, 11, 16),
              date_to=date(2026, 11, 22), filters={"team": "T1", "agent_id": ("a-01", "a-02")})
    q = Query.for_period("2026-W47", group_by=("agent_id",))   # ISO week, month "2026-11", day
    csat(con, q)

A `Query` is validated when it is made: group and filter *names* must come from the whitelists
below (they are formatted into SQL); filter *values* and dates are always bound parameters.
`min_n` and `level` left at None take `AnalyticsOptions`' defaults (their one owner).
`reviews` (meeluister.ReviewedOutcome) are counted instead of the automatic outcome;
`exclude_criteria` (advisory criteria, e.g. after a failed calibration) do not count in the QA
score or the agent scorecard. See docs/warehouse.md, "Query layer".
"""
from __future__ import annotations

import calendar
import contextlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator, Mapping

import duckdb

from meeluister.records import ReviewedOutcome
from warehouse.db import Warehouse

# Dimensions of a contact a figure can be grouped or filtered by. `reason` (signals' contact
# reasons, stg_contact_reasons): grouped, a contact counts under each of its reasons; filtered, once.
GROUP_COLUMNS = ("language", "channel", "team", "agent_id", "agent_name", "queue", "organisation", "reason")
REASON = "reason"
# Filters: the dimensions, plus the criterion (result metrics and the results reader only) and
# `contact_id` (one contact or a few: no mart holds contacts, so it forces the row-level path).
CONTACT_ID = "contact_id"
FILTER_COLUMNS = GROUP_COLUMNS + ("criterion", CONTACT_ID)
PERIODS = ("day", "week", "month")
OUTCOMES = ("pass", "fail", "n/a")


@dataclass(frozen=True)
class AnalyticsOptions:
    """The one owner of the query layer's defaults (a `Query` left at None takes these)."""

    min_n: int = 30  # groups with fewer responses/contacts than this are flagged small_n
    level: float = 0.95  # confidence level of every interval


def _day(v: Any, name: str) -> date | None:
    if v is None or (isinstance(v, date) and not hasattr(v, "hour")):
        return v
    if hasattr(v, "date") and callable(v.date):  # datetime, pandas Timestamp
        return v.date()
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        raise ValueError(f"Query.{name}: {v!r} is not a date (YYYY-MM-DD)") from None


def _filter_value(k: str, v: Any) -> str | tuple[str, ...]:
    if isinstance(v, (list, tuple, set, frozenset)):
        vals = tuple(sorted(str(x) for x in v)) if isinstance(v, (set, frozenset)) else tuple(str(x) for x in v)
        if not vals:
            raise ValueError(f"Query.filters[{k!r}]: an empty list matches nothing; leave the filter out")
        return vals
    if v is None:
        raise ValueError(f"Query.filters[{k!r}]: None is not a value; leave the filter out")
    return str(v)


@dataclass(frozen=True)
class Query:
    """What to compute over: grouping, period column, date range (inclusive, the contact's local
    day), filters {name: value or tuple of values}, small-n threshold, interval level, reviewed
    outcomes and advisory criteria. `weights` ({criterion: weight}) is used only where a contact's
    QA score must be recomputed (a review or an exclusion touched it); missing criteria weigh 1."""

    group_by: tuple[str, ...] = ()
    period: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    filters: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    min_n: int | None = None
    level: float | None = None
    reviews: tuple[ReviewedOutcome, ...] = ()
    exclude_criteria: tuple[str, ...] = ()
    weights: Mapping[str, float] | None = None

    def __post_init__(self) -> None:
        gb = (self.group_by,) if isinstance(self.group_by, str) else tuple(self.group_by or ())
        for g in gb:
            if g not in GROUP_COLUMNS + ("criterion",):
                raise ValueError(f"Query.group_by: cannot group by {g!r}; choose from {GROUP_COLUMNS + ('criterion',)}")
        if len(set(gb)) != len(gb):
            raise ValueError(f"Query.group_by: {gb} names a column twice")
        object.__setattr__(self, "group_by", gb)
        if self.period is not None and self.period not in PERIODS:
            raise ValueError(f"Query.period must be one of {PERIODS} or None, not {self.period!r}")
        object.__setattr__(self, "date_from", _day(self.date_from, "date_from"))
        object.__setattr__(self, "date_to", _day(self.date_to, "date_to"))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"Query: date_from {self.date_from} is after date_to {self.date_to}")
        filters = {}
        for k, v in dict(self.filters or {}).items():
            if k not in FILTER_COLUMNS:
                raise ValueError(f"Query.filters: cannot filter on {k!r}; choose from {FILTER_COLUMNS}")
            filters[k] = _filter_value(k, v)
        object.__setattr__(self, "filters", filters)
        if self.min_n is not None and (not isinstance(self.min_n, int) or self.min_n < 0):
            raise ValueError(f"Query.min_n must be an integer >= 0 or None, not {self.min_n!r}")
        if self.level is not None and not 0 < float(self.level) < 1:
            raise ValueError(f"Query.level must lie strictly between 0 and 1, not {self.level!r}")
        reviews = tuple(self.reviews or ())
        for r in reviews:
            if not isinstance(r, ReviewedOutcome):
                raise TypeError(f"Query.reviews holds {type(r).__name__}, not meeluister.ReviewedOutcome")
            if r.outcome not in OUTCOMES:
                raise ValueError(f"Query.reviews: outcome {r.outcome!r} of {r.contact_id}/{r.criterion} "
                                 f"is not one of {OUTCOMES}")
        object.__setattr__(self, "reviews", reviews)
        ex = (self.exclude_criteria,) if isinstance(self.exclude_criteria, str) else tuple(self.exclude_criteria or ())
        object.__setattr__(self, "exclude_criteria", ex)
        if self.weights is not None:
            for k, w in self.weights.items():
                if float(w) < 0:
                    raise ValueError(f"Query.weights[{k!r}] must be >= 0, not {w!r}")

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def for_period(cls, spec: str, **kwargs: Any) -> Query:
        """The query over one ISO week ("2026-W47"), month ("2026-11") or day ("2026-11-16")."""
        date_from, date_to = period_bounds(spec)
        return cls(date_from=date_from, date_to=date_to, **kwargs)

    def but(self, **changes: Any) -> Query:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    # --- resolved defaults ---------------------------------------------------------------------

    def resolved_min_n(self, default: int | None = None) -> int:
        if self.min_n is not None:
            return self.min_n
        return AnalyticsOptions().min_n if default is None else default

    @property
    def resolved_level(self) -> float:
        return AnalyticsOptions().level if self.level is None else float(self.level)

    def effective_reviews(self) -> tuple[ReviewedOutcome, ...]:
        """One review per contact and criterion: the latest decision (by `decided_at`; a review
        without a time counts as the oldest; at equal times the later one in the tuple wins)."""
        best: dict[tuple[str, str], tuple[int, str, ReviewedOutcome]] = {}
        for i, r in enumerate(self.reviews):
            key = (r.contact_id, r.criterion)
            rank = (r.decided_at or "", i)
            if key not in best or rank >= best[key][:2]:
                best[key] = (*rank, r)  # type: ignore[assignment]
        return tuple(v[2] for v in best.values())


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def period_bounds(spec: str) -> tuple[date, date]:
    """First and last day (inclusive) of an ISO week "2026-W47", a month "2026-11" or a day."""
    s = str(spec).strip()
    if m := _WEEK.match(s):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            raise ValueError(f"period {spec!r}: no such ISO week") from None
        return monday, monday + timedelta(days=6)
    if m := _MONTH.match(s):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise ValueError(f"period {spec!r}: no such month")
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    try:
        d = date.fromisoformat(s)
    except ValueError:
        raise ValueError(f"period {spec!r}: expected an ISO week (2026-W47), a month (2026-11) "
                         f"or a day (2026-11-16)") from None
    return d, d


# --- connections ----------------------------------------------------------------------------


def open_snapshot(path: str | Path) -> Warehouse:
    """A read-only connection on the last published snapshot of the warehouse at `path`
    (warehouse.publish.open_snapshot: never blocks an ingest, never blocked by one)."""
    from warehouse import publish

    return publish.open_snapshot(path)


Con = Warehouse | duckdb.DuckDBPyConnection | str | Path


@contextlib.contextmanager
def connection(con: Con) -> Iterator[duckdb.DuckDBPyConnection]:
    """The DuckDB connection behind `con`: a Warehouse's, a connection itself, or a read-only
    one opened on a path for the duration of the call."""
    if isinstance(con, Warehouse):
        yield con.con
    elif isinstance(con, duckdb.DuckDBPyConnection):
        yield con
    else:
        w = open_snapshot(con)
        try:
            yield w.con
        finally:
            w.close()


# --- SQL pieces -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sql:
    """A fragment of SQL text and the values bound to its `?`s, in textual order."""

    text: str
    params: tuple[Any, ...] = ()

    def __add__(self, other: Sql | str) -> Sql:
        if isinstance(other, str):
            return Sql(self.text + other, self.params)
        return Sql(self.text + other.text, self.params + other.params)


def where(q: Query, *, criterion: bool = False, prefix: str = "", extra: tuple[str | Sql, ...] = ()) -> Sql:
    """`WHERE ...` for the query's date range and filters (names from the whitelist, values
    bound). `criterion`: whether the criterion filter applies to this relation; `prefix`: table
    alias for the columns; `extra`: further conditions, first (text, or `Sql` with values)."""
    clauses: list[str] = []
    params: list[Any] = []
    for e in extra:
        e = Sql(e) if isinstance(e, str) else e
        clauses.append(e.text)
        params.extend(e.params)
    if q.date_from is not None:
        clauses.append(f"{prefix}day >= ?")
        params.append(q.date_from)
    if q.date_to is not None:
        clauses.append(f"{prefix}day <= ?")
        params.append(q.date_to)
    for k, v in q.filters.items():
        if k == "criterion" and not criterion:
            raise ValueError("Query.filters: 'criterion' applies to results and pass rates only")
        if k == REASON:  # by contact, so a contact with two reasons still counts once
            vals = list(v) if isinstance(v, tuple) else [v]
            clauses.append(f"{prefix}contact_id IN (SELECT contact_id FROM stg_contact_reasons "
                           "WHERE reason IN (SELECT unnest(?::VARCHAR[])))")
            params.append(vals)
            continue
        if isinstance(v, tuple):
            clauses.append(f"{prefix}{k} IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(v))
        else:
            clauses.append(f"{prefix}{k} = ?")
            params.append(v)
    return Sql((" WHERE " + " AND ".join(clauses)) if clauses else "", tuple(params))


def dimensions_needed(q: Query) -> set[str]:
    """The contact dimensions a query groups or filters on (the mart grain must keep them)."""
    return ({g for g in q.group_by if g in GROUP_COLUMNS}
            | {k for k in q.filters if k in GROUP_COLUMNS})


def needs_reason(q: Query) -> bool:
    """The query groups or filters by contact reason: the marts do not hold it (row-level path)."""
    return REASON in q.group_by or REASON in q.filters


def needs_rows(q: Query) -> bool:
    """No mart can answer the query: it groups or filters by contact reason, or filters by
    contact id (the marts aggregate contacts away), so it takes the row-level path."""
    return needs_reason(q) or CONTACT_ID in q.filters


def whole_periods(q: Query, unit: str) -> bool:
    """The query's date range covers whole ISO weeks (`unit` "week") or months ("month"): each
    bound is open or falls on the first (from) or last (to) day of one."""
    f, t = q.date_from, q.date_to
    if unit == "week":
        return (f is None or f.isoweekday() == 1) and (t is None or t.isoweekday() == 7)
    if unit == "month":
        return (f is None or f.day == 1) and (t is None or (t + timedelta(days=1)).day == 1)
    raise ValueError(f"whole_periods: unit must be 'week' or 'month', not {unit!r}")


def period_unit(q: Query) -> str | None:
    """The rolled-up period ("week" or "month") whose rows answer the query exactly: its period
    column if it groups by week or month and the range covers whole periods; without a period
    column, months (else weeks) whose bounds the range respects; None otherwise (day rows)."""
    if q.period == "day":
        return None
    units = (q.period,) if q.period else ("month", "week")
    return next((u for u in units if whole_periods(q, u)), None)


def reason_join(q: Query, alias: str = "c") -> str:
    """The join that adds `reason` to a relation with `{alias}.contact_id` when grouping by it."""
    if REASON not in q.group_by:
        return ""
    return f" JOIN stg_contact_reasons cr ON cr.contact_id = {alias}.contact_id"


def group_keys(q: Query, *, criterion_first: bool = False) -> list[str]:
    """The output's group columns: the group_by names, then the period column."""
    keys = list(q.group_by) + ([q.period] if q.period else [])
    if criterion_first and "criterion" in keys:
        keys.remove("criterion")
        keys.insert(0, "criterion")
    return keys


def reviews_sql(reviews: tuple[ReviewedOutcome, ...]) -> Sql:
    """The reviews as a relation (contact_id, criterion, outcome), values bound."""
    return Sql("(SELECT unnest(?::VARCHAR[]) AS contact_id, unnest(?::VARCHAR[]) AS criterion, "
               "unnest(?::VARCHAR[]) AS outcome)",
               ([r.contact_id for r in reviews], [r.criterion for r in reviews], [r.outcome for r in reviews]))


def has_relation(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """The connection's catalog holds a table or view of this name (a snapshot published before a
    mart existed lacks it: the query layer then reads the daily marts)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary",
                            [name]).fetchall()[0][0])


def has_column(con: duckdb.DuckDBPyConnection, relation: str, column: str) -> bool:
    return column in {r[0] for r in con.execute(f"DESCRIBE {relation}").fetchall()}
