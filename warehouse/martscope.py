"""What a month-scoped mart refresh reads from the lake: only the data files that can hold rows
of the refreshed months, so that a day's increment does not read the whole history.

A refresh rebuilds the marts' rows of the months in `_mart_scope` (warehouse/marts.py); every
mart filters on the contact's month, so it only needs

* of `raw_contacts`: the scope's partitions, and for the repeat-contact flag (the next contact
  of the same caller within `repeat_window_days`, at most 28 days for an incremental refresh)
  the two months after each and the undated partition: the next contact of a contact in scope
  lies in one of those, so `lead()` over them gives the flag it gives over every contact;
* of `raw_results` and `raw_surveys`: the data files holding rows of the scope's contacts, found
  through the key index (warehouse/keyindex.py). A contact's facts are normally in its own
  month's partition, but not always (facts keep the month their contact had when they were
  loaded): the index finds them wherever they are.

`scoped_sources` creates temp views of those files and of the staging views over them, and
returns them as overrides for `Relation.render`: the marts' SQL is unchanged, and each relation
read holds every row the marts' filters keep (tests/warehouse/test_increment_index.py compares
an increment with a full load).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from warehouse import keyindex
from warehouse.lake import Lake, sql_str
from warehouse.schema import CONTACTS, RESULTS, SURVEYS, UNDATED
from warehouse.sqlproject import relations

_SCOPED = "_scoped_"


def _months_after(month: str, n: int) -> list[str]:
    y, m = int(month[:4]), int(month[5:7])
    out = []
    for k in range(1, n + 1):
        yy, mm = y + (m - 1 + k) // 12, (m - 1 + k) % 12 + 1
        out.append(f"{yy:04d}-{mm:02d}")
    return out


def contact_partitions(scope: Iterable[str]) -> set[str] | None:
    """The contact partitions the refresh of `scope` reads (None: all of them)."""
    scope = set(scope)
    if UNDATED in scope or any(len(d) != 7 for d in scope):
        return None
    out = set(scope) | {UNDATED}
    for d in scope:
        out.update(_months_after(d, 2))
    return out


def scoped_sources(con: Any, lake: Lake, scope: Iterable[str], *, facts: bool) -> dict[str, str]:
    """Overrides for the relations a refresh of `scope` reads: `raw_contacts` (for
    mart_contacts), or with `facts` `raw_results` and `raw_surveys` (for the marts over
    mart_contacts, which must already hold the scope), and the staging views over them."""
    overrides: dict[str, str] = {}
    if not facts:
        parts = contact_partitions(scope)
        if parts is None:
            return {}
        files = [f for f, d in lake.data_files(CONTACTS).items() if d in parts]
        overrides["raw_contacts"] = scoped_view(con, "raw_contacts", f"SELECT * FROM {lake.source_sql(CONTACTS, files)}")
    else:
        months = ", ".join(sql_str(m) for m in sorted(scope))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {_SCOPED}contacts AS SELECT hash(contact_id) AS k "
                    f"FROM mart_contacts WHERE date IN ({months})")
        for table in (RESULTS, SURVEYS):
            files = lake.data_files(table)
            keyindex.ensure(con, table, files, lake.root / ".staging")
            column = keyindex.contact_column(table)
            hit = keyindex.files_holding(con, table, files, f"SELECT k FROM {_SCOPED}contacts", column or "g")
            overrides["raw_" + table.name] = scoped_view(con, "raw_" + table.name,
                                                         f"SELECT * FROM {lake.source_sql(table, sorted(hit))}")
    return with_staging(con, overrides)


def with_staging(con: Any, overrides: dict[str, str]) -> dict[str, str]:
    """`overrides` (raw relation -> temp view) and the staging views over them, re-created as
    temp views over the overrides, in build order."""
    for r in relations("view"):
        if any(ref in overrides for ref in r.refs):
            overrides[r.name] = scoped_view(con, r.name, r.render(overrides))
    return overrides


def scoped_view(con: Any, name: str, select: str) -> str:
    """The temp view `_scoped_<name>` AS `select` (dropped by `drop_scoped`); its name."""
    view = _SCOPED + name
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {select}")
    return view


def drop_scoped(con: Any) -> None:
    """Drop the temp views and tables named `_scoped_*` (`scoped_sources`, warehouse/martdelta.py)."""
    views = [r[0] for r in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE temporary AND starts_with(view_name, ?)", [_SCOPED]).fetchall()]
    for v in sorted(views, reverse=True):  # staging views (created after the raw ones) first
        con.execute(f"DROP VIEW IF EXISTS {v}")
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ?)", [_SCOPED]).fetchall()]
    for t in tables:
        con.execute(f"DROP TABLE IF EXISTS {t}")
