"""One loader per lake table, used by the file path (`warehouse.ingest`) and the bulk path
(`warehouse.ingest_tables`) alike.

| table | loader | what it does |
|---|---|---|
| contacts | `load_contacts` | upsert (each source writes its own column family) |
| turns, results | `start_facts` / `load_facts` | redact the PII columns, date each row by its contact, quarantine rows of unknown contacts, check keys, upsert |
| surveys (+ survey_items) | `load_surveys` | redact the comment, link to a contact, quarantine unlinked and duplicate responses, upsert |

Redaction is `warehouse.pii.redact_pii` over the table's declared columns (`LakeTable.pii`) on
every path; `prepare` runs it ahead of the load where a caller needs the counts per row (a
transcript's `t_redactions`) or wants it on another thread (survey comments in a bulk load), and
the loader then books the counts instead of redacting twice.

Turns and results take one of two paths behind `start_facts`:
* **fast path** (the lake table has no files yet): `warehouse.firstload.FirstLoad`, one streamed
  pyarrow pass on a worker thread, redacting each batch;
* **merge** (later loads): DuckDB streams the source, its PII columns redacted by an Arrow UDF
  calling the same function (`warehouse.pii.SqlRedactor`), into `warehouse.lake.Lake.upsert`.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc

from warehouse.contact_lookup import ContactIndex
from warehouse.counts import TableCounts
from warehouse.firstload import FirstLoad, MonthWrite
from warehouse.lake import check_unique_keys, fetch_arrow, key_hash_sql, q, sql_str
from warehouse.linking import link_responses
from warehouse.pii import SqlRedactor, redact_pii
from warehouse.retention_guard import has_marks
from warehouse.run import IngestRun, Reject
from warehouse.schema import CONTACTS, SURVEY_ITEMS, SURVEYS, LakeTable

MAX_UNKNOWN_ROWS = 100_000  # rows of unknown contacts quarantined one by one; the rest counted


@dataclass(frozen=True)
class Prepared:
    """Rows whose PII columns are already redacted by `prepare` (counts booked by the loader)."""

    table: pa.Table
    counts: dict[str, int] = field(default_factory=dict)
    by_row: dict[int, dict[str, int]] = field(default_factory=dict)


def prepare(run: IngestRun, table: LakeTable, data: pa.Table) -> Prepared:
    """Redact `table`'s PII columns of `data` (unless the run does not redact)."""
    if not run.options.redact:
        return Prepared(data)
    r = redact_pii(data, table.pii, run.known_names)
    return Prepared(r.table, r.counts, r.by_row)


Data = pa.Table | str | Path | Prepared


def _source(run: IngestRun, data: pa.Table | str | Path, regs: list[str]) -> str:
    if isinstance(data, pa.Table):
        name = f"_src_{uuid.uuid4().hex[:8]}"
        run.wh.con.register(name, data)
        regs.append(name)
        return name
    return f"read_parquet({sql_str(str(data))})"


def _literal(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    raise TypeError(f"unsupported column default {v!r}")


def _with_defaults(table: LakeTable, source: str, present: Sequence[str]) -> str:
    """`source` with the table's declared column defaults applied (absent or NULL)."""
    if not table.defaults:
        return source
    repl = [f"coalesce(s.{q(c)}, {_literal(v)}) AS {q(c)}" for c, v in table.defaults.items() if c in present]
    add = [f"{_literal(v)} AS {q(c)}" for c, v in table.defaults.items() if c not in present]
    sel = "s.*" + (f" REPLACE ({', '.join(repl)})" if repl else "") + "".join(f", {a}" for a in add)
    return f"(SELECT {sel} FROM {source} s)"


# --- contacts -----------------------------------------------------------------------------------


def load_contacts(run: IngestRun, data: pa.Table | str | Path, source: str, sha: str | None = None,
                  rejected: int = 0) -> TableCounts:
    regs: list[str] = []
    try:
        src = data if (isinstance(data, pa.Table) and not data.num_rows) else _source(run, data, regs)
        return run.upsert(CONTACTS, src, source, sha, rejected)
    finally:
        for r in regs:
            run.wh.con.unregister(r)


# --- turns and results --------------------------------------------------------------------------


def quarantine_unknown(run: IngestRun, table: str, bad: pa.Table, n_bad: int) -> None:
    """Quarantine rows (contact_id, source_file, source_sha256, source_row) of unknown contacts;
    `n_bad`: all of them (only the first MAX_UNKNOWN_ROWS are passed one by one)."""
    run.reject([Reject(table, f or "bulk", s, None if r is None else int(r), "unknown_contact",
                       f"{f}: row {r}: no contact with id {c!r} (ingest its transcript or metadata first)")
                for c, f, s, r in zip(bad["contact_id"].to_pylist(), bad["source_file"].to_pylist(),
                                      bad["source_sha256"].to_pylist(), bad["source_row"].to_pylist())])
    if n_bad > bad.num_rows:
        run.warnings.append(f"{table}: {n_bad} rows of unknown contacts; first {bad.num_rows} quarantined by row")


class FactLoad(Protocol):
    def finish(self) -> MonthWrite | None: ...

    def cancel(self) -> None: ...


class _Done:
    def finish(self) -> None:
        return None

    def cancel(self) -> None:
        pass


def start_facts(run: IngestRun, table: LakeTable, data: Data, source: str, sha: str | None = None, *,
                rejected: int = 0, collect: Sequence[str] = (), contacts: ContactIndex | None = None) -> FactLoad:
    """Load turns or results (`data`: an Arrow table, a Parquet path or glob, or `Prepared` rows;
    the table's columns without contact_date). On the fast path (empty lake table) the load runs
    on a worker thread until `finish()` (which returns its `MonthWrite`, with the `collect`
    columns of the written rows); a merge is done on return. `rejected`: rows the caller already
    quarantined, for the ingest log."""
    pre = data if isinstance(data, Prepared) else None
    raw = pre.table if pre is not None else data
    if pre is not None:
        run.add_redactions(table.name, pre.counts)
    pii = table.pii if (run.options.redact and pre is None) else ()
    # After a purge every row passes the retention guard in `run.upsert`, so no fast path.
    if not run.wh.lake.has_files(table) and not has_marks(run.wh.con):
        return FirstLoad(run, table, source, sha, raw, pii, quarantine_unknown, rejected=rejected,
                         collect=collect, contacts=contacts)
    _merge_facts(run, table, raw, source, sha, pii, rejected)
    return _Done()


def load_facts(run: IngestRun, table: LakeTable, data: Data, source: str, sha: str | None = None, *,
               rejected: int = 0) -> None:
    start_facts(run, table, data, source, sha, rejected=rejected).finish()


def _merge_facts(run: IngestRun, table: LakeTable, data: pa.Table | str | Path, source_name: str,
                 sha: str | None, pii: Sequence[Any], rejected: int) -> None:
    """One DuckDB pass over the key columns counts rows, checks key uniqueness (64-bit key
    hashes) and counts unknown contacts; the upsert then streams the redacted source into the
    merge (the PII columns are read, and redacted, once)."""
    con = run.wh.con
    name = table.name
    regs: list[str] = []
    redactor = SqlRedactor(con, name, run.known_names)
    try:
        src = _source(run, data, regs)
        present = [d[0] for d in con.execute(f"SELECT * FROM {src} LIMIT 0").description]
        src = _with_defaults(table, src, present)
        if pii:
            src = redactor.view(src, pii, present)
        con.execute(f"CREATE OR REPLACE TEMP VIEW _dated_{name}_all AS SELECT b.*, c.date AS contact_date "
                    f"FROM {src} b LEFT JOIN (SELECT contact_id, date FROM raw_contacts) c USING (contact_id)")
        con.execute(f"CREATE OR REPLACE TEMP VIEW _dated_{name} AS SELECT * FROM _dated_{name}_all "
                    "WHERE contact_date IS NOT NULL")
        n, distinct, n_bad = con.execute(
            f"SELECT count(*) FILTER (contact_date IS NOT NULL), "
            f"count(DISTINCT {key_hash_sql(table)}) FILTER (contact_date IS NOT NULL), "
            f"count(*) FILTER (contact_date IS NULL) FROM _dated_{name}_all").fetchall()[0]
        n = check_unique_keys(con, table, f"_dated_{name}", counted=(n, distinct))
        if n_bad:
            quarantine_unknown(run, name, fetch_arrow(con.execute(
                f"SELECT contact_id, source_file, source_sha256, source_row FROM _dated_{name}_all "
                f"WHERE contact_date IS NULL LIMIT {MAX_UNKNOWN_ROWS}")), n_bad)
        run.upsert(table, f"_dated_{name}", source_name, sha, rejected + n_bad, prechecked_rows=n)
        run.add_redactions(name, redactor.counts())
    finally:
        for v in (f"_dated_{name}", f"_dated_{name}_all"):
            con.execute(f"DROP VIEW IF EXISTS {v}")
        if pii:
            con.execute(f"DROP VIEW IF EXISTS _redacted_{name}")
        redactor.close()
        for r in regs:
            con.unregister(r)


# --- surveys ------------------------------------------------------------------------------------


def prepare_surveys(run: IngestRun, responses: pa.Table) -> Prepared:
    """Redact the comments and record per response what was redacted (`redactions`, JSON)."""
    p = prepare(run, SURVEYS, responses)
    if not p.by_row:
        if "redactions" not in p.table.column_names:
            return Prepared(p.table.append_column("redactions", pa.array(["{}"] * p.table.num_rows, pa.string())),
                            p.counts)
        return p
    old = p.table["redactions"].to_pylist() if "redactions" in p.table.column_names else [None] * p.table.num_rows
    red = [json.dumps(p.by_row[i], sort_keys=True) if i in p.by_row else (o or "{}") for i, o in enumerate(old)]
    t = p.table.drop_columns([c for c in ("redactions",) if c in p.table.column_names])
    return Prepared(t.append_column("redactions", pa.array(red, pa.string())), p.counts, p.by_row)


def load_surveys(run: IngestRun, responses: pa.Table | Prepared, items: pa.Table | None, source: str,
                 sha: str | None) -> None:
    """Redact, link, de-duplicate and upsert survey rows. `responses` has the SURVEYS columns
    except contact_date/link_method (contact_id may be null); `items`: SURVEY_ITEMS rows without
    contact_date."""
    pre = responses if isinstance(responses, Prepared) else prepare_surveys(run, responses)
    run.add_redactions(SURVEYS.name, pre.counts)
    responses = pre.table
    pending = responses.select(["response_id", "contact_id", "agent_ref", "submitted_utc"]).append_column(
        "idx", pa.array(range(responses.num_rows), pa.int64()))
    linked, stats = link_responses(run.wh.con, pending, window_h=run.options.link_window_h)
    run.link = run.link + stats
    ok = pc.equal(linked["status"], "linked")
    bad = responses.filter(pc.invert(ok))
    bad_info = linked.filter(pc.invert(ok))
    if bad.num_rows:
        run.reject([
            Reject("surveys", f, s, n, code, f"{f}: row {n}: {detail}",
                   json.dumps({"response_id": rid, "contact_id": cid, "agent": ag}, ensure_ascii=False))
            for f, s, n, code, detail, rid, cid, ag in zip(
                bad["source_file"].to_pylist(), bad["source_sha256"].to_pylist(), bad["source_row"].to_pylist(),
                bad_info["status"].to_pylist(), bad_info["detail"].to_pylist(), bad["response_id"].to_pylist(),
                bad["contact_id"].to_pylist(), bad["agent_ref"].to_pylist())
        ])
    good = responses.filter(ok)
    info = linked.filter(ok)
    good = good.drop_columns(["contact_id"]).append_column("contact_id", info["contact_id"]) \
        .append_column("contact_date", info["contact_date"]).append_column("link_method", info["link_method"])
    run.upsert(SURVEYS, good, source, sha, rejected=bad.num_rows)
    if items is not None and items.num_rows:
        con = run.wh.con
        dates = good.select(["response_id", "contact_date"])
        con.register("_items", items)
        con.register("_sdates", dates)
        try:
            it = fetch_arrow(con.execute("SELECT i.*, d.contact_date FROM _items i JOIN _sdates d USING (response_id)"))
        finally:
            con.unregister("_items")
            con.unregister("_sdates")
        run.upsert(SURVEY_ITEMS, it, source, sha)
