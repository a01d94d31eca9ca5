"""Bulk-path helpers of `warehouse.ingest.ingest_tables`: streamed redaction inside DuckDB and the
two-pass upsert of turns/results keyed to contacts (docs/warehouse.md, Bulk path).

`run` is the ingest run (`warehouse.ingest._Run`): its warehouse, counters and quarantine.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Mapping, Sequence

import pyarrow as pa

from meeluister.redaction import CANDIDATE_PATTERN, merge_counts, redact
from warehouse.bulkwrite import MonthWrite, contact_months, write_months
from warehouse.contactindex import ContactIndex
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


class FirstLoad:
    """The first load of turns or results into their empty lake table, running on a worker
    thread: `warehouse.bulkwrite.write_months` checks the keys exactly, collects the unknown
    contacts, redacts `redact_column` and writes the month files into a staging folder, one
    streamed pass, no DuckDB (so the caller's connection stays free for other steps meanwhile).
    `finish()`, on the caller's thread, swaps the files into the lake and books counts,
    redactions, quarantine and the ingest log; `cancel()` waits and discards the files."""

    def __init__(self, run: Any, table: LakeTable, source_name: str, data: pa.Table | str | Path,
                 redact_column: str | None, collect: Sequence[str] = (),
                 contacts: ContactIndex | None = None) -> None:
        self.run, self.table, self.source_name = run, table, source_name
        # Every contact (read here: the worker never touches DuckDB); `contacts` when the caller
        # already holds it (turns and results of one run share it).
        self.contacts = contacts if contacts is not None else contact_months(run.wh.con)
        self.out = run.wh.lake.stage(table)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"first-load-{table.name}")
        self._future: Future[MonthWrite] = self._pool.submit(
            write_months, data, table, self.contacts, self.out, redact_column, collect=collect)
        self._done = False

    def finish(self) -> MonthWrite:
        run, name = self.run, self.table.name
        try:
            w = self._future.result()
        except BaseException:
            self.cancel()
            raise
        self._pool.shutdown()
        self._done = True
        run.wh.lake.commit_staged(self.table, self.out, None)
        run.redactions = merge_counts(run.redactions, w.redactions)
        _quarantine_unknown(run, name, w.unknown, w.n_unknown)
        c = UpsertCounts(added=w.written)
        run.add_counts(name, c)
        run.log(self.source_name, None, name, c, w.n_unknown)
        return w

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self._future.result()
        except BaseException:  # the caller is already handling an error (or this is it)
            pass
        self._pool.shutdown()
        self.run.wh.lake.discard_staged(self.out)


def bulk_facts(run: Any, table: LakeTable, source: str, source_name: str,
               data: pa.Table | str | Path | None = None, redact_column: str | None = None) -> None:
    """Upsert turns or results keyed to contacts: rows of unknown contacts are quarantined, the
    rest get their contact's partition date, keys must be unique.

    First load (`data`, the Arrow table or Parquet path behind `source`, given and the lake table
    still empty): a `FirstLoad`, waited for here.
    Otherwise one DuckDB pass over the key columns counts rows, checks key uniqueness (64-bit key
    hashes) and counts unknown contacts, and the upsert streams `source` (already redacted) into
    the merge."""
    con = run.wh.con
    name = table.name
    lake = run.wh.lake
    if data is not None and not lake.has_files(table):
        FirstLoad(run, table, source_name, data, redact_column).finish()
        return
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
