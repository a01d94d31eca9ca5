"""Bulk-path helpers of `warehouse.ingest.ingest_tables`: streamed redaction inside DuckDB and the
two-pass upsert of turns/results keyed to contacts (docs/warehouse.md, Bulk path).

`run` is the ingest run (`warehouse.ingest._Run`): its warehouse, counters and quarantine.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import pyarrow as pa

from meeluister.redaction import CANDIDATE_PATTERN, merge_counts, redact
from warehouse.bulkwrite import contact_months, write_months
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


def bulk_facts(run: Any, table: LakeTable, source: str, source_name: str,
               data: pa.Table | str | Path | None = None, redact_column: str | None = None) -> None:
    """Upsert turns or results keyed to contacts: rows of unknown contacts are quarantined, the
    rest get their contact's partition date. One pass over the key columns counts rows, checks
    key uniqueness (64-bit key hashes) and counts unknown contacts; the upsert then streams the
    source once more into the partitioned Parquet write.

    `data` (the Arrow table or Parquet path behind `source`): into an empty lake table the rows
    are written by `warehouse.bulkwrite` (redacting `redact_column`) instead of DuckDB's
    partitioned COPY, at less than half its CPU; `source` then must be the unredacted rows."""
    con = run.wh.con
    name = table.name
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
        bad = fetch_arrow(con.execute(
            f"SELECT contact_id, source_file, source_sha256, source_row FROM _dated_{name}_all "
            "WHERE contact_date IS NULL LIMIT 100000"))
        run.reject([Reject(name, f or "bulk", s, r, "unknown_contact", f"{f}: row {r}: no contact with id {c!r}")
                    for c, f, s, r in zip(bad["contact_id"].to_pylist(), bad["source_file"].to_pylist(),
                                          bad["source_sha256"].to_pylist(), bad["source_row"].to_pylist())])
        if n_bad > bad.num_rows:
            run.warnings.append(f"{name}: {n_bad} rows of unknown contacts; first {bad.num_rows} quarantined by row")
    lake = run.wh.lake
    if n and data is not None and not lake.has_files(table):
        months = contact_months(con)
        result: list[tuple[int, dict[str, int]]] = []
        lake.write_staged(table, lambda out: result.append(write_months(data, table, months, out, redact_column)), None)
        written, counts = result[0]
        if written != n:  # the key pass and the write must agree on every row
            raise RuntimeError(f"{name}: wrote {written} rows, key pass counted {n}")
        run.redactions = merge_counts(run.redactions, counts)
        c = UpsertCounts(added=n)
    else:
        c = lake.upsert(table, f"_dated_{name}", prechecked_rows=n) if n else UpsertCounts()
    run.add_counts(name, c)
    run.log(source_name, None, name, c, n_bad)
    for found in run.pending_redactions:
        run.redactions = merge_counts(run.redactions, *(dict(c) for c in found))
    run.pending_redactions.clear()
