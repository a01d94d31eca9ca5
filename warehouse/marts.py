"""The mart layer: contacts reconciled once, facts pre-aggregated per day, refreshed at ingest.

Dashboard queries used to re-derive `stg_contacts` (1 M contacts: two column families reconciled
plus a range join to the roster) and join it to millions of facts on every call. The marts hold
that work done once, as tables in the `.duckdb` file (columnar, with zonemaps; rows inserted in
date order so a month filter skips the other months' row groups):

* `mart_contacts`: `stg_contacts` + `repeat_contact` (also what survey linking reads);
* `mart_survey_daily`, `mart_result_daily`: per day × dimensions [× criterion], n, sums, sums of
  squares and counts, from which every interval is exact (warehouse/analytics.py);
* `mart_contact_satisfaction`, `mart_behaviour`: the surveyed-contact rows behind
  behaviour × satisfaction and the key-driver matrix.

Each mart's SELECT lives in `warehouse/sql/marts/<mart>.sql`, built in the order of
`warehouse/sql/manifest.toml` (warehouse/sqlproject.py); its parameter is the temp table
`_mart_scope(d)`, the partitions (months) to rebuild. A refresh deletes those partitions' rows
and inserts them again, in one transaction, so readers see the old or the new marts. The scope is
the months an ingest rewrote plus the month before each (repeat contacts look up to
`repeat_window_days` ahead); a roster change or a change of a reporting setting (top-box
thresholds, repeat window) rebuilds everything. A run that only added rows takes the increment
path instead (warehouse/martdelta.py: the marts from the run's own rows).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import duckdb
import pyarrow as pa

from warehouse.schema import UNDATED
from warehouse.sqlproject import Relation, relations

logger = logging.getLogger(__name__)

# Survey and result aggregates: which grouping dimensions each grain keeps (the rest are NULL).
# Must match the GROUPING SETS in sql/marts/mart_survey_daily.sql and mart_result_daily.sql
# (tests/warehouse/test_marts.py).
SURVEY_GRAINS: dict[str, frozenset[str]] = {
    "all": frozenset({"language", "channel", "team", "agent_id", "agent_name", "queue", "organisation"}),
}
RESULT_GRAINS: dict[str, frozenset[str]] = {
    "lct": frozenset({"language", "channel", "team"}),
    "agent": frozenset({"agent_id", "agent_name", "team"}),
}
# The rolled-up agent marts (sql/marts/mart_result_period.sql, mart_survey_period.sql): per period
# unit, the grain name and the dimensions it keeps (the rest are NULL).
PERIOD_DIMS: frozenset[str] = frozenset({"agent_id", "agent_name", "team"})
PERIOD_GRAINS: dict[str, str] = {"week": "agent_week", "month": "agent_month"}
# Settings whose value is baked into a mart: changing one rebuilds the marts.
MART_SETTINGS = frozenset({"csat_topbox_10", "csat_topbox_5", "repeat_window_days"})
# A repeat window longer than this needs more than the month before: then refreshes rebuild all.
_MAX_INCREMENTAL_WINDOW_DAYS = 28


@dataclass(frozen=True)
class MartSql:
    name: str  # the table
    select: str  # its SELECT over staging views and earlier marts, filtered by _mart_scope
    relation: Relation  # from the SQL project: `relation.render(sources)` reads other relations


def mart_sql() -> list[MartSql]:
    """The marts in build order (warehouse/sql/manifest.toml: mart_contacts first, the others
    join it)."""
    return [MartSql(r.name, r.render(), r) for r in relations("mart")]


CONTACT_MARTS = ("mart_contacts",)


def ensure_table(con: duckdb.DuckDBPyConnection, relation: Relation) -> bool:
    """Create the mart table (empty) where missing or where its columns no longer match its SQL
    file (an older warehouse). True when the table was (re)created: the caller rebuilds."""
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _mart_scope (d VARCHAR)")
    select = relation.render()
    want = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM ({select}) LIMIT 0").fetchall()]
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name = ?",
                         [relation.name]).fetchall()[0][0]
    if exists:
        have = [r[0] for r in con.execute(f"DESCRIBE {relation.name}").fetchall()]
        if have == want:
            return False
        con.execute(f"DROP TABLE {relation.name}")
    con.execute(f"CREATE TABLE {relation.name} AS SELECT * FROM ({select}) LIMIT 0")
    return True


def _shift(month: str, delta: int) -> str:
    y, m = int(month[:4]), int(month[5:7]) + delta
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return f"{y:04d}-{m:02d}"


def scope_for(months: Iterable[str]) -> set[str]:
    """The partitions to rebuild when `months` changed: each, and the month before it."""
    out: set[str] = set()
    for d in months:
        out.add(d)
        if d != UNDATED and len(d) == 7:
            out.add(_shift(d, -1))
    return out


# The stg_results columns a mart SELECT may read: what `results_relation` provides when a first
# bulk load hands its results over in memory (tests/warehouse/test_marts.py builds both ways).
RESULT_MART_COLUMNS = ("contact_id", "criterion", "outcome", "score", "passed", "applicable")


def results_relation(con: duckdb.DuckDBPyConnection, results: pa.Table, name: str = "_mem_results") -> str:
    """Register `results` (contact_id, criterion, outcome, score: the rows just written to an
    empty results lake) as the view `name`, shaped like stg_results for the marts; returns the
    name, for `refresh_marts(sources={"stg_results": name})`. The caller unregisters
    `name + "_arrow"` afterwards."""
    con.register(name + "_arrow", results)
    con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT contact_id, criterion, outcome, score, "
                f"outcome = 'pass' AS passed, outcome <> 'n/a' AS applicable FROM {name}_arrow")
    return name


def window_allows_scope(con: duckdb.DuckDBPyConnection) -> bool:
    """False when the repeat window is longer than a scoped refresh allows (then rebuild all)."""
    window = con.execute("SELECT value FROM settings WHERE key = 'repeat_window_days'").fetchall()
    return not (window and window[0][0] is not None and float(window[0][0]) > _MAX_INCREMENTAL_WINDOW_DAYS)


def refresh_marts(con: duckdb.DuckDBPyConnection, months: Iterable[str] | None,
                  only: Iterable[str] | None = None, sources: Mapping[str, str] | None = None,
                  builders: Mapping[str, Callable[[duckdb.DuckDBPyConnection], str]] | None = None,
                  *, own_transaction: bool = True,
                  scoped: Callable[[set[str]], Mapping[str, str]] | None = None) -> dict[str, float]:
    """Rebuild the marts for `months` (partition names; None = everything); `only`: just these
    marts (ingest refreshes mart_contacts before linking surveys). `sources`: relations the mart
    SQL reads from another relation instead (`Relation.render`: a first bulk load passes its
    results, still in memory, for stg_results: same rows as the lake, without decoding them
    again). `builders`: marts whose rows a function builds instead of the SQL file, called inside
    the refresh: it returns a relation with the mart's columns (warehouse.memmarts; tested equal
    to the SQL), of which the rows in `_mart_scope` are inserted. `own_transaction=False`: the
    caller's transaction holds the refresh (an ingest run, warehouse/journal.py). `scoped`: called
    with the months of a month-scoped refresh (not for a full one), returns overrides for the
    relations it reads (warehouse.martscope: only the lake files holding those months' rows;
    `sources` go first). Returns seconds per mart."""
    if months is not None and not window_allows_scope(con):
        months = None
    marts = [m for m in mart_sql() if only is None or m.name in set(only)]
    con.execute("CREATE OR REPLACE TEMP TABLE _mart_scope (d VARCHAR)")
    if months is None:
        # every partition, and the month before each: a week that starts in the month before the
        # first contact's month is a row of that month (mart_result_period, mart_survey_period)
        every = [r[0] for r in con.execute("SELECT DISTINCT date FROM raw_contacts").fetchall()]
        con.execute("INSERT INTO _mart_scope SELECT unnest(?::VARCHAR[])", [sorted(scope_for(every))])
    else:
        scope = sorted(scope_for(months))
        if not scope:
            return {}
        con.execute("INSERT INTO _mart_scope SELECT unnest(?::VARCHAR[])", [scope])
        if scoped is not None:
            sources = {**scoped(set(scope)), **(sources or {})}
    timings: dict[str, float] = {}
    own = own_transaction
    if own:
        con.begin()
    try:
        for m in marts:
            t = time.perf_counter()
            if months is None:
                con.execute(f"DELETE FROM {m.name}")
            else:
                con.execute(f"DELETE FROM {m.name} WHERE date IN (SELECT d FROM _mart_scope)")
            if builders and m.name in builders:
                select = f"SELECT * FROM {builders[m.name](con)} WHERE date IN (SELECT d FROM _mart_scope)"
            else:
                select = m.relation.render(sources)
            con.execute(f"INSERT INTO {m.name} BY NAME {select}")
            timings[m.name] = time.perf_counter() - t
        if own:
            con.commit()
    except BaseException:
        if own:
            con.rollback()
        raise
    logger.info("marts refreshed (%s): %s", "all" if months is None else f"{len(scope)} partitions",
                ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))
    return timings


def marts_missing(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the lake holds contacts the marts have never seen (a warehouse created before
    the mart layer existed, or marts dropped by hand): connect() then rebuilds them."""
    # fetchall: DuckDB 2 refuses register() while a result is only partly fetched
    if con.execute("SELECT count(*) FROM mart_contacts").fetchall()[0][0] > 0:
        return False
    return bool(con.execute("SELECT count(*) FROM (SELECT 1 FROM raw_contacts LIMIT 1)").fetchall()[0][0])
