"""The mart refresh of an increment that only adds: its cost follows the increment, not the
months the warehouse holds.

A month-scoped refresh (warehouse/marts.py, warehouse/martscope.py) rebuilds two whole months of
every mart: at 10 M contacts that is 1.7 M contacts and 13 M results re-read and re-aggregated
for a day of 30,000 contacts. When a run's merges only *added* groups — new contacts, results of
contacts that had none, new survey responses; no row of the lake from before the run replaced
(`Lake.not_new` empty for contacts, results and surveys; the groups in `Lake.run_groups`) — every
mart row that changes follows from those groups:

* `mart_contacts`: the new contacts' rows, and the repeat-contact flag of the other contacts of
  their customers (a new contact can be the next contact of an earlier one). Rebuilt: every
  contact, in the scope's months, of a customer with a new contact (`lead()` over all of that
  customer's contacts in the partitions the month refresh reads); nothing else.
* `mart_result_daily`, `mart_result_exclusion`, `mart_survey_daily` (sums and counts per day ×
  dimensions; mart_result_exclusion's per contact from that contact's results alone): the
  increment's own rows aggregated with the mart's SQL (its facts alone: the contacts they join
  are unchanged or new) and added to the mart's rows of the same key (the other rows of those
  days read from the mart itself, a few thousand rows). A count is the full load's; a sum of
  doubles equals it up to rounding (added in another order, as two full loads on several
  threads also differ).
* `mart_result_period`, `mart_survey_period`: rebuilt for the scope's months from the daily
  marts (rows per agent and day: they grow with agents, not with contacts).
* `mart_contact_satisfaction`, `mart_behaviour` (rows per surveyed contact): rebuilt for the
  contacts with a new response, new results or a rebuilt `mart_contacts` row, from their facts
  found through the key index (warehouse/keyindex.py).

Anything else (a re-ingested or moved contact, a re-scored one, a re-sent response, a first
load) takes the month-scoped refresh. tests/warehouse/test_mart_delta.py checks that increments
through this path leave every mart equal to a full rebuild, and that leaving out a partition's
rows or a day's mart rows makes that check fail.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from warehouse import keyindex
from warehouse.lake import Lake, run_groups
from warehouse.marts import mart_sql, scope_for, window_allows_scope
from warehouse.martscope import contact_partitions, scoped_view, with_staging
from warehouse.schema import CONTACTS, RESULTS, SURVEYS

logger = logging.getLogger(__name__)

ADDITIVE = ("mart_result_daily", "mart_result_exclusion", "mart_survey_daily")  # merged: mart rows + the increment's sums
PERIODS = ("mart_result_period", "mart_survey_period")  # rebuilt for the months from the daily marts
PER_CONTACT = ("mart_contact_satisfaction", "mart_behaviour")  # rebuilt for the contacts concerned
_CUSTOMER = "coalesce(m_customer_key, t_customer_key)"  # stg_contacts_base's customer_key
_NUMERIC = ("BIGINT", "HUGEINT", "INTEGER", "DOUBLE", "DECIMAL", "FLOAT", "UBIGINT", "SMALLINT")


def only_added(con: Any, lake: Lake, tables: Iterable[Any] = (CONTACTS, RESULTS, SURVEYS)) -> bool:
    """True when this handle's merges into `tables` only added groups the lake did not hold (none
    filled by a bulk write) and the repeat window allows a scoped refresh: the increment path
    applies."""
    return window_allows_scope(con) and not any(t.name in lake.not_new for t in tables)


def _set_scope(con: Any, months: Iterable[str]) -> list[str]:
    scope = sorted(scope_for(months))
    con.execute("CREATE OR REPLACE TEMP TABLE _mart_scope (d VARCHAR)")
    if scope:
        con.execute("INSERT INTO _mart_scope SELECT unnest(?::VARCHAR[])", [scope])
    return scope


def _new_rows(con: Any, lake: Lake, table: Any) -> str:
    """SQL: the rows of the groups this handle wrote into `table`. They can only be in files it
    wrote (the groups had no rows before), so only those are read."""
    if table.name not in lake.grouped:
        return f"SELECT * FROM {lake.source_sql(table, [])}"
    mine = lake.new_files.get(table.name, set())
    files = [f for f in lake.data_files(table) if f in mine]
    on = " AND ".join(f"n.{g} = r.{g}" for g in table.replace_by)
    return (f"SELECT * FROM {lake.source_sql(table, files)} r "
            f"WHERE EXISTS (SELECT 1 FROM {run_groups(table)} n WHERE {on})")


def refresh_contacts(con: Any, lake: Lake, months: Iterable[str], *, own_transaction: bool) -> dict[str, float]:
    """mart_contacts after an increment of new contacts (`only_added`): the rows of every contact
    of a customer with a new contact, in the months of `scope_for(months)`. Leaves the rebuilt
    contacts in the temp table `_scoped_delta_contacts` (for `refresh_facts`)."""
    t0 = time.perf_counter()
    scope = _set_scope(con, months)
    parts = contact_partitions(scope)
    files = [f for f, d in lake.data_files(CONTACTS).items() if parts is None or d in parts]
    src = lake.source_sql(CONTACTS, files)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _scoped_delta_customers AS SELECT DISTINCT {_CUSTOMER} AS k "
                f"FROM ({_new_rows(con, lake, CONTACTS)}) WHERE {_CUSTOMER} IS NOT NULL")
    new = run_groups(CONTACTS) if CONTACTS.name in lake.grouped else "(SELECT NULL::VARCHAR AS contact_id WHERE false)"
    raw = scoped_view(con, "raw_contacts",
                      f"SELECT * FROM {src} WHERE contact_id IN (SELECT contact_id FROM {new}) "
                      f"OR {_CUSTOMER} IN (SELECT k FROM _scoped_delta_customers)")
    overrides = with_staging(con, {"raw_contacts": raw})
    con.execute(f"CREATE OR REPLACE TEMP TABLE _scoped_delta_contacts AS SELECT contact_id FROM {raw} "
                "WHERE date IN (SELECT d FROM _mart_scope)")
    mart = next(m for m in mart_sql() if m.name == "mart_contacts")
    if own_transaction:
        con.begin()
    try:
        con.execute("DELETE FROM mart_contacts WHERE date IN (SELECT d FROM _mart_scope) "
                    "AND contact_id IN (SELECT contact_id FROM _scoped_delta_contacts)")
        con.execute(f"INSERT INTO mart_contacts BY NAME {mart.relation.render(overrides)}")
        if own_transaction:
            con.commit()
    except BaseException:
        if own_transaction:
            con.rollback()
        raise
    seconds = time.perf_counter() - t0
    n = con.execute("SELECT count(*) FROM _scoped_delta_contacts").fetchall()[0][0]
    logger.info("mart_contacts: %d contacts rebuilt (new contacts and their customers' others) in %.2fs",
                n, seconds)
    return {"mart_contacts": seconds}


def _merge_additive(con: Any, name: str, delta_sql: str) -> None:
    """Add the rows of `delta_sql` (the mart's columns) to the mart's rows of the same key."""
    cols = con.execute(f"DESCRIBE {name}").fetchall()
    keys = [c for c, typ, *_ in cols if not typ.startswith(_NUMERIC)]
    measures = [c for c, typ, *_ in cols if typ.startswith(_NUMERIC)]
    con.execute(f"CREATE OR REPLACE TEMP TABLE _scoped_delta_rows AS {delta_sql}")
    days = ("EXISTS (SELECT 1 FROM (SELECT DISTINCT date, day FROM _scoped_delta_rows) x "
            "WHERE x.date = m.date AND x.day IS NOT DISTINCT FROM m.day)")
    key_list = ", ".join(keys)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _scoped_delta_merged AS SELECT {key_list}, "
        + ", ".join(f"sum({c}) AS {c}" for c in measures)
        + f" FROM (SELECT * FROM {name} m WHERE date IN (SELECT DISTINCT date FROM _scoped_delta_rows) AND {days} "
        f"UNION ALL BY NAME SELECT * FROM _scoped_delta_rows) GROUP BY ALL")
    con.execute(f"DELETE FROM {name} m WHERE date IN (SELECT DISTINCT date FROM _scoped_delta_rows) AND {days}")
    order = "grain, day" if "grain" in keys else "day"
    con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _scoped_delta_merged ORDER BY {order}")


def refresh_facts(con: Any, lake: Lake, months: Iterable[str], *, own_transaction: bool) -> dict[str, float]:
    """Every mart but mart_contacts after an increment that only added (`only_added`); see the
    module's docstring."""
    scope = _set_scope(con, months)
    marts = {m.name: m for m in mart_sql()}
    timings: dict[str, float] = {}
    t = time.perf_counter()
    # the increment's facts, and the staging views over them
    delta = with_staging(con, {"raw_results": scoped_view(con, "raw_results", _new_rows(con, lake, RESULTS)),
                               "raw_surveys": scoped_view(con, "raw_surveys", _new_rows(con, lake, SURVEYS))})
    # contacts whose per-contact mart rows change: a new response, new results, a rebuilt row
    rebuilt = ("SELECT contact_id FROM _scoped_delta_contacts" if _exists(con, "_scoped_delta_contacts")
               else "SELECT NULL::VARCHAR AS contact_id WHERE false")
    con.execute("CREATE OR REPLACE TEMP TABLE _scoped_delta_sat AS SELECT DISTINCT contact_id FROM ("
                f"SELECT contact_id FROM {delta['raw_results']} UNION ALL SELECT contact_id FROM "
                f"{delta['raw_surveys']} UNION ALL {rebuilt}) WHERE contact_id IS NOT NULL")
    prep = time.perf_counter() - t
    own = own_transaction
    if own:
        con.begin()
    try:
        for name in ADDITIVE:
            t = time.perf_counter()
            _merge_additive(con, name, marts[name].relation.render(delta))
            timings[name] = time.perf_counter() - t + prep / len(ADDITIVE)
        for name in PERIODS:  # over the daily marts, for the scope's months
            t = time.perf_counter()
            con.execute(f"DELETE FROM {name} WHERE date IN (SELECT d FROM _mart_scope)")
            con.execute(f"INSERT INTO {name} BY NAME {marts[name].relation.render()}")
            timings[name] = time.perf_counter() - t
        t = time.perf_counter()
        per_contact = _contact_sources(con, lake)
        lookup = time.perf_counter() - t
        for name in PER_CONTACT:
            t = time.perf_counter()
            con.execute(f"DELETE FROM {name} WHERE date IN (SELECT d FROM _mart_scope) "
                        "AND contact_id IN (SELECT contact_id FROM _scoped_delta_sat)")
            con.execute(f"INSERT INTO {name} BY NAME {marts[name].relation.render(per_contact)}")
            timings[name] = time.perf_counter() - t + lookup / len(PER_CONTACT)
        if own:
            con.commit()
    except BaseException:
        if own:
            con.rollback()
        raise
    logger.info("marts refreshed from the increment (%d partitions): %s", len(scope),
                ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))
    return timings


def _contact_sources(con: Any, lake: Lake) -> dict[str, str]:
    """Overrides for the per-contact marts: mart_contacts, results and surveys of the contacts in
    `_scoped_delta_sat` only (their files found through the key index)."""
    overrides = {"mart_contacts": scoped_view(
        con, "mart_contacts", "SELECT * FROM mart_contacts WHERE date IN (SELECT d FROM _mart_scope) "
        "AND contact_id IN (SELECT contact_id FROM _scoped_delta_sat)")}
    for table in (RESULTS, SURVEYS):
        files = lake.data_files(table)
        keyindex.ensure(con, table, files, lake.root / ".staging")
        column = keyindex.contact_column(table) or "g"
        hit = keyindex.files_holding(con, table, files, "SELECT hash(contact_id) FROM _scoped_delta_sat", column)
        overrides["raw_" + table.name] = scoped_view(
            con, "raw_" + table.name, f"SELECT * FROM {lake.source_sql(table, sorted(hit))} "
            "WHERE contact_id IN (SELECT contact_id FROM _scoped_delta_sat)")
    return with_staging(con, overrides)


def _exists(con: Any, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ?",
                            [table]).fetchall()[0][0])
