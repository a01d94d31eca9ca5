"""What a purge removed stays removed: retention marks, and the ingest guard that honours them.

A purge (warehouse/retention.py) records, per organisation and category, the first day it kept
(`retention_marks`; organisation '' for every organisation without a mark of its own). From then
on every load into the lake (`warehouse.run.IngestRun.upsert`, both ingest paths) passes its rows
through `guard`: the personal-data columns (`LakeTable.pii`, each with its retention category) of
rows whose contact lies before the mark are set to what a purge leaves (NULL; JSON: the declared
keys removed), and a contact's recording path (`t_audio`, category audio) likewise. Re-ingesting
the same source files after a purge therefore writes no purged text into the lake, and neither
does a first ingest of an old contact. While marks exist, turns and results skip the first-load
fast path (it writes without DuckDB), so every row passes the guard.
"""
from __future__ import annotations

import json
import uuid
from typing import Any, Sequence

import pyarrow as pa

from warehouse.lake import q
from warehouse.schema import CONTACTS, LakeTable, PiiColumn

AUDIO_COLUMN = PiiColumn("t_audio", retention="audio")


def purge_columns(table: LakeTable) -> tuple[PiiColumn, ...]:
    """The columns a purge empties in `table`: its personal-data columns, and the contacts'
    recording path."""
    return (AUDIO_COLUMN,) if table.name == CONTACTS.name else tuple(c for c in table.pii if c.retention)


def blank_sql(col: PiiColumn, ref: str) -> str:
    """SQL for what remains of column `ref` after a purge (NULL; a JSON column: its values with
    the declared keys removed, NULL when it is not valid JSON)."""
    if not col.json_keys:
        return "CAST(NULL AS VARCHAR)"
    patch = "'" + json.dumps({k: None for k in col.json_keys}).replace("'", "''") + "'"
    return (f"(CASE WHEN {ref} IS NULL THEN NULL WHEN NOT json_valid({ref}) THEN NULL "
            f"WHEN json_type({ref}) = 'ARRAY' THEN CAST(to_json(list_transform(json_extract({ref}, '$[*]'), "
            f"lambda x: json_merge_patch(x, {patch}))) AS VARCHAR) "
            f"WHEN json_type({ref}) = 'OBJECT' THEN CAST(json_merge_patch({ref}, {patch}) AS VARCHAR) ELSE NULL END)")


def has_marks(con: Any) -> bool:
    return bool(con.execute("SELECT count(*) FROM retention_marks").fetchall()[0][0])


def marks_sql() -> str:
    """One row per organisation ('' = the rest) with the first kept day per category (NULL:
    never purged)."""
    cats = ", ".join(f"max(before_day) FILTER (what = '{w}') AS {w}" for w in ("audio", "transcripts", "quotes", "comments"))
    return f"(SELECT organisation, {cats} FROM retention_marks GROUP BY organisation)"


def _past(cat: str, day: str, org: str) -> str:
    """SQL: the contact (its local day `day`, organisation `org`) lies before category `cat`'s mark."""
    return (f"coalesce({day} < coalesce((SELECT m.{cat} FROM _retention_marks m WHERE m.organisation = {org}), "
            f"(SELECT m.{cat} FROM _retention_marks m WHERE m.organisation = '')), false)")


def guard(con: Any, table: LakeTable, source: str, present: Sequence[str]) -> str | None:
    """A temp view of `source` (a FROM-source with the columns `present`) with the purged
    columns of rows before the marks emptied; None when nothing needs guarding. The caller drops
    it with `release`."""
    cols = [c for c in purge_columns(table) if c.name in present]
    if not cols or "contact_id" not in present or not has_marks(con):
        return None
    con.execute(f"CREATE OR REPLACE TEMP TABLE _retention_marks AS SELECT * FROM {marks_sql()}")
    if table.name == CONTACTS.name:
        # the batch's own start and organisation (a new contact is not in the lake yet), else the lake's
        start = [f"s.{q(c)}" for c in ("m_started_local", "t_started_local") if c in present] + ["e.started_local"]
        org = [f"s.{q(c)}" for c in ("m_organisation", "t_organisation") if c in present] + ["e.organisation"]
        join = "LEFT JOIN stg_contacts_base e USING (contact_id)"
    else:
        start, org = ["e.started_local"], ["e.organisation"]
        join = "LEFT JOIN stg_contacts_base e USING (contact_id)"
    day = f"CAST(coalesce({', '.join(start)}) AS DATE)"
    organisation = f"coalesce({', '.join(org)}, '')"
    repl = ", ".join(f"CASE WHEN {_past(c.retention, day, organisation)} THEN {blank_sql(c, 's.' + q(c.name))} "
                     f"ELSE s.{q(c.name)} END AS {q(c.name)}" for c in cols)
    view = f"_retained_{table.name}_{uuid.uuid4().hex[:6]}"
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT s.* REPLACE ({repl}) FROM {source} s {join}")
    return view


def guarded(con: Any, table: LakeTable, data: pa.Table | str) -> tuple[pa.Table | str, list[str]]:
    """`data` passed through `guard` (an Arrow table is registered first); the names to release."""
    if isinstance(data, pa.Table):
        if not data.num_rows or not [c for c in purge_columns(table) if c.name in data.column_names] \
                or not has_marks(con):
            return data, []
        name = f"_guard_src_{uuid.uuid4().hex[:6]}"
        con.register(name, data)
        view = guard(con, table, name, data.column_names)
        return (view or name), ([view] if view else []) + [name]
    present = [d[0] for d in con.execute(f"SELECT * FROM {data} LIMIT 0").description]
    view = guard(con, table, data, present)
    return (view, [view]) if view else (data, [])


def release(con: Any, names: Sequence[str]) -> None:
    for n in names:
        if n.startswith("_guard_src_"):
            con.unregister(n)
        else:
            con.execute(f"DROP VIEW IF EXISTS {n}")
