"""Bulk-path helpers of `warehouse.ingest.ingest_tables`: streamed redaction inside DuckDB and the
two-pass upsert of turns/results keyed to contacts (docs/warehouse.md, Bulk path).

`run` is the ingest run (`warehouse.ingest._Run`): its warehouse, counters and quarantine.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import pyarrow as pa

from meeluister.redaction import CANDIDATE_PATTERN, merge_counts, redact
from warehouse.bulkwrite import MonthWrite, contact_months, write_months
from warehouse.lake import UpsertCounts, check_unique_keys, fetch_arrow, key_hash_sql, sql_str
from warehouse.schema import LakeTable
from warehouse.sources import Reject

_REDACT_UDF = "meeluister_redact"


def redacting_view(run: Any, source: str, column: str) -> str:
    """A view of `source` whose `column` is redacted as DuckDB streams it: RE2 (`regexp_matches`
    with meeluister.redaction.CANDIDATE_PATTERN) selects the few rows that can hold PII, and only
    those reach `redact()` through a Python UDF (CASE evaluates its THEN branch for the matching
    rows only). Every row is tested; no pass over the text of its own. Counts land in the run."""
    con = run.wh.con
    # DuckDB calls the UDF from several threads: Counter.update is a read-modify-write that can
    # lose increments between threads, list.append is atomic under the GIL. Summed after the write.
    found: list[Mapping[str, int]] = []

    def _redact_one(text: str) -> str:
        r = redact(text)
        if r.counts:
            found.append(r.counts)
        return r.text

    unregister_redactor(con)
    con.create_function(_REDACT_UDF, _redact_one, ["VARCHAR"], "VARCHAR", side_effects=False)
    run.pending_redactions.append(found)  # merged into run.redactions after the write
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW _redacted_src AS SELECT s.* REPLACE ("
        f"CASE WHEN regexp_matches(s.{column}, {sql_str(CANDIDATE_PATTERN)}) "
        f"THEN {_REDACT_UDF}(s.{column}) ELSE s.{column} END AS {column}) FROM {source} s")
    return "_redacted_src"


def unregister_redactor(con: Any) -> None:
    try:
        con.remove_function(_REDACT_UDF)
    except Exception:  # not registered
        pass


def _quarantine_unknown(run: Any, name: str, bad: pa.Table, n_bad: int) -> None:
    run.reject([Reject(name, f or "bulk", s, r, "unknown_contact", f"{f}: row {r}: no contact with id {c!r}")
                for c, f, s, r in zip(bad["contact_id"].to_pylist(), bad["source_file"].to_pylist(),
                                      bad["source_sha256"].to_pylist(), bad["source_row"].to_pylist())])
    if n_bad > bad.num_rows:
        run.warnings.append(f"{name}: {n_bad} rows of unknown contacts; first {bad.num_rows} quarantined by row")


def bulk_facts(run: Any, table: LakeTable, source: str, source_name: str,
               data: pa.Table | str | Path | None = None, redact_column: str | None = None) -> None:
    """Upsert turns or results keyed to contacts: rows of unknown contacts are quarantined, the
    rest get their contact's partition date, keys must be unique.

    First load (`data`, the Arrow table or Parquet path behind `source`, given and the lake table
    still empty): `warehouse.bulkwrite.write_months` checks the keys exactly, collects the unknown
    contacts, redacts `redact_column` and writes the month files in one streamed pass.
    Otherwise one DuckDB pass over the key columns counts rows, checks key uniqueness (64-bit key
    hashes) and counts unknown contacts, and the upsert streams `source` (already redacted) into
    the merge."""
    con = run.wh.con
    name = table.name
    lake = run.wh.lake
    if data is not None and not lake.has_files(table):
        # First load: the key check, the unknown contacts and the write in one streamed pass.
        months = contact_months(con)
        result: list[MonthWrite] = []
        lake.write_staged(table, lambda out: result.append(write_months(data, table, months, out, redact_column)), None)
        w = result[0]
        run.redactions = merge_counts(run.redactions, w.redactions)
        _quarantine_unknown(run, name, w.unknown, w.n_unknown)
        c, n_bad = UpsertCounts(added=w.written), w.n_unknown
    else:
        con.execute(f"CREATE OR REPLACE TEMP VIEW _dated_{name}_all AS SELECT b.*, c.date AS contact_date "
                    f"FROM {source} b LEFT JOIN (SELECT contact_id, date FROM raw_contacts) c USING (contact_id)")
        con.execute(f"CREATE OR REPLACE TEMP VIEW _dated_{name} AS SELECT * FROM _dated_{name}_all "
                    "WHERE contact_date IS NOT NULL")
        n, distinct, n_bad = con.execute(
            f"SELECT count(*) FILTER (contact_date IS NOT NULL), "
            f"count(DISTINCT {key_hash_sql(table)}) FILTER (contact_date IS NOT NULL), "
            f"count(*) FILTER (contact_date IS NULL) FROM _dated_{name}_all").fetchall()[0]
        n = check_unique_keys(con, table, f"_dated_{name}", counted=(n, distinct))
        if n_bad:
            _quarantine_unknown(run, name, fetch_arrow(con.execute(
                f"SELECT contact_id, source_file, source_sha256, source_row FROM _dated_{name}_all "
                "WHERE contact_date IS NULL LIMIT 100000")), n_bad)
        c = lake.upsert(table, f"_dated_{name}", prechecked_rows=n) if n else UpsertCounts()
    run.add_counts(name, c)
    run.log(source_name, None, name, c, n_bad)
    for found in run.pending_redactions:
        run.redactions = merge_counts(run.redactions, *(dict(c) for c in found))
    run.pending_redactions.clear()
