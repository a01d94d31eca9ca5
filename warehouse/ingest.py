"""`meeluister ingest`: load roster, call metadata, transcripts, QA results and surveys.

Idempotent: rows have deterministic keys and are upserted (warehouse.lake), so ingesting the same
input twice adds nothing; a changed input updates what changed. Every lake row carries its source
file, that file's sha256 and its row. Rejected rows go to the `quarantine` table (and the JSONL
report beside the database) with a reason code; the summary counts them per reason.

Order within one run: roster, metadata, transcripts, results, surveys (surveys link to contacts).
"""
from __future__ import annotations

import json
import logging
import secrets
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pyarrow as pa
import pyarrow.compute as pc

from meeluister.errors import InputError, Quarantine
from meeluister.progress import ProgressHook, null_hook
from meeluister.redaction import merge_counts, redact
from warehouse.db import DbOptions, Warehouse, connect
from warehouse.lake import UpsertCounts, fetch_arrow, sql_str
from warehouse.linking import LinkStats, link_responses
from warehouse.marts import CONTACT_MARTS, mart_sql, refresh_marts
from warehouse.schema import CONTACTS, RESULTS, SURVEY_ITEMS, SURVEYS, TURNS, LakeTable
from warehouse.sources import (
    Reject,
    SourceBatch,
    file_sha256,
    read_call_metadata,
    read_results,
    read_roster,
    read_transcripts,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    link_window_h: float = 72.0  # a survey links to a contact that ended at most this long before
    redact: bool = True  # PII redaction of turn text, evidence quotes and survey comments
    survey_mapping: Path | None = None  # None: surveys/data/mapping.toml
    survey_reader: str | None = None  # None: detected per file
    db: DbOptions = field(default_factory=DbOptions)


@dataclass(frozen=True)
class TableCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class IngestSummary:
    run_id: str
    db: str
    options: IngestOptions
    tables: dict[str, TableCounts]
    rejected_by_reason: dict[str, int]  # "table:code" -> n
    link: LinkStats
    redactions: dict[str, int]
    warnings: tuple[str, ...] = ()
    mart_seconds: dict[str, float] = field(default_factory=dict)  # refresh time per mart

    @property
    def rejected(self) -> int:
        return sum(self.rejected_by_reason.values())


class _Run:
    """State of one ingest run: counts, rejects and the quarantine report."""

    def __init__(self, wh: Warehouse, options: IngestOptions) -> None:
        self.wh = wh
        self.options = options
        self.run_id = uuid.uuid4().hex[:12]
        self.at = datetime.now(timezone.utc).replace(tzinfo=None)
        self.counts: dict[str, TableCounts] = {}
        self.reasons: Counter[str] = Counter()
        self.link = LinkStats()
        self.redactions: dict[str, int] = {}
        self.warnings: list[str] = []
        self.report = Quarantine(wh.path.with_suffix(".quarantine.jsonl"), stage="ingest")
        self._cleared: set[str] = set()
        self.pending_redactions: list[list[Mapping[str, int]]] = []  # filled by the bulk redaction UDF
        self.rebuild_marts = False  # a roster change moves contacts between teams: rebuild all
        self.mart_seconds: dict[str, float] = {}

    def refresh_contact_marts(self) -> None:
        """mart_contacts for the contact partitions written so far (survey linking reads it)."""
        months = self.wh.lake.touched.get("contacts", set())
        if self.rebuild_marts or months:
            self.mart_seconds.update(refresh_marts(self.wh.con, None if self.rebuild_marts else months,
                                                   only=CONTACT_MARTS))

    def refresh_fact_marts(self, sources: Mapping[str, str] | None = None,
                           builders: Mapping[str, Any] | None = None) -> None:
        """The aggregate and surveyed-contact marts for every partition this run rewrote.
        `sources`, `builders`: see `warehouse.marts.refresh_marts` (first-load results in memory)."""
        touched = self.wh.lake.touched
        months = set().union(*(touched.get(t, set()) for t in ("contacts", "results", "surveys")))
        if self.rebuild_marts or months:
            facts = [m.name for m in mart_sql() if m.name not in CONTACT_MARTS]
            self.mart_seconds.update(refresh_marts(self.wh.con, None if self.rebuild_marts else months,
                                                   only=facts, sources=sources, builders=builders))

    def add_counts(self, table: str, c: UpsertCounts | None = None, rejected: int = 0) -> None:
        old = self.counts.get(table, TableCounts())
        c = c or UpsertCounts()
        self.counts[table] = TableCounts(old.added + c.added, old.updated + c.updated,
                                         old.unchanged + c.unchanged, old.removed + c.removed,
                                         old.rejected + rejected)

    def clear_quarantine(self, files: Iterable[str]) -> None:
        # A re-read file replaces its quarantine entries (re-runs do not pile up duplicates).
        for f in files:
            if f not in self._cleared:
                self.wh.con.execute("DELETE FROM quarantine WHERE source_file = ?", [f])
                self._cleared.add(f)

    def reject(self, rejects: Sequence[Reject]) -> None:
        rows = []
        for r in rejects:
            raw = redact(r.raw).text if (r.raw and self.options.redact) else r.raw
            reason = redact(r.reason).text if self.options.redact else r.reason
            rows.append([self.run_id, self.at, r.source_file, r.source_sha256, r.source_row, r.table,
                         r.code, reason, raw])
            self.reasons[f"{r.table}:{r.code}"] += 1
            # The report line names file and row itself; a reason that already starts with them
            # would print them twice.
            where = None if r.source_row is None else f"row {r.source_row}"
            prefix = f"{r.source_file}: " + (f"{where}: " if where else "")
            cause = reason[len(prefix):] if reason and reason.startswith(prefix) else reason
            self.report.add(InputError(r.source_file, f"{r.code}: {cause}", where=where))
        if rows:
            # One Arrow insert: executemany runs a statement per row (8 s CPU for the benchmark's
            # 4,226 duplicate responses).
            cols = list(zip(*rows))
            batch = pa.table({
                "run_id": pa.array(cols[0], pa.string()), "ingested_at": pa.array(cols[1], pa.timestamp("us")),
                "source_file": pa.array(cols[2], pa.string()), "source_sha256": pa.array(cols[3], pa.string()),
                "source_row": pa.array(cols[4], pa.int64()), "tbl": pa.array(cols[5], pa.string()),
                "reason_code": pa.array(cols[6], pa.string()), "reason": pa.array(cols[7], pa.string()),
                "raw": pa.array(cols[8], pa.string())})
            # (a replacement scan of the local `batch`: register() is refused while an earlier
            # statement's result on this connection is unfetched)
            self.wh.con.execute("INSERT INTO quarantine BY NAME SELECT * FROM batch")
        by_table = Counter(r.table for r in rejects)
        for t, n in by_table.items():
            self.add_counts(t, rejected=n)

    def log(self, source: str, sha: str | None, table: str, c: UpsertCounts, rejected: int) -> None:
        self.wh.con.execute(
            "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self.run_id, self.at, source, sha, table, c.added, c.updated, c.unchanged, c.removed, rejected],
        )


def _salt(wh: Warehouse) -> str:
    row = wh.con.execute("SELECT value FROM settings WHERE key = 'customer_key_salt'").fetchone()
    if row:
        return row[0]
    salt = secrets.token_hex(16)
    wh.con.execute("INSERT INTO settings VALUES ('customer_key_salt', ?)", [salt])
    return salt


def _attach_contact_date(run: _Run, batch: SourceBatch, table: LakeTable) -> pa.Table:
    """Rows of known contacts with their contact's partition date; the rest are rejected."""
    rows = pa.Table.from_pylist(batch.rows)
    con = run.wh.con
    con.register("_rows", rows)
    try:
        out = fetch_arrow(con.execute(
            "SELECT r.*, c.date AS contact_date FROM _rows r LEFT JOIN raw_contacts c USING (contact_id)"
        ))
    finally:
        con.unregister("_rows")
    unknown = pc.is_null(out["contact_date"])
    bad = out.filter(unknown)
    if bad.num_rows:
        run.reject([
            Reject(table.name, f, s, int(n) if n is not None else None, "unknown_contact",
                   f"{f}: row {n}: no contact with id {c!r} (ingest its transcript or metadata first)")
            for c, f, s, n in zip(bad["contact_id"].to_pylist(), bad["source_file"].to_pylist(),
                                  bad["source_sha256"].to_pylist(), bad["source_row"].to_pylist())
        ])
    return out.filter(pc.invert(unknown))


def _upsert(run: _Run, table: LakeTable, data: pa.Table | str, source: str, sha: str | None, rejected: int = 0) -> None:
    c = run.wh.lake.upsert(table, data) if (isinstance(data, str) or data.num_rows) else UpsertCounts()
    run.add_counts(table.name, c)
    run.log(source, sha, table.name, c, rejected)


# --- roster -------------------------------------------------------------------------------------


def _ingest_roster(run: _Run, path: Path) -> None:
    batch = read_roster(path)
    run.clear_quarantine(batch.files)
    con = run.wh.con
    good, rejects = [], list(batch.rejects)
    existing = con.execute("SELECT agent_id, valid_from, valid_to FROM roster").fetchall()
    spans: dict[str, list[tuple[Any, Any]]] = {}
    for a, f, t in existing:
        spans.setdefault(a, []).append((f, t))
    far = datetime(9999, 12, 31).date()
    for r in batch.rows:
        own = [(f, t) for f, t in spans.get(r["agent_id"], []) if f != r["valid_from"]]
        hit = next(((f, t) for f, t in own if f <= (r["valid_to"] or far) and r["valid_from"] <= (t or far)), None)
        if hit:
            rejects.append(Reject("roster", r["source_file"], r["source_sha256"], r["source_row"], "overlap",
                                  f"{r['source_file']}: row {r['source_row']}: agent {r['agent_id']} "
                                  f"{r['valid_from']}..{r['valid_to'] or 'open'} overlaps {hit[0]}..{hit[1] or 'open'}"))
            continue
        spans.setdefault(r["agent_id"], []).append((r["valid_from"], r["valid_to"]))
        good.append(r)
    added = updated = unchanged = 0
    for r in good:
        old = con.execute("SELECT agent_name, team, valid_to FROM roster WHERE agent_id = ? AND valid_from = ?",
                          [r["agent_id"], r["valid_from"]]).fetchone()
        if old is None:
            added += 1
        elif old == (r["agent_name"], r["team"], r["valid_to"]):
            unchanged += 1
            continue
        else:
            updated += 1
        con.execute("INSERT OR REPLACE INTO roster VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [r["agent_id"], r["agent_name"], r["team"], r["valid_from"], r["valid_to"],
                     r["source_file"], r["source_sha256"], r["source_row"]])
    run.reject(rejects)
    c = UpsertCounts(added, updated, unchanged)
    run.rebuild_marts = run.rebuild_marts or bool(added or updated)
    run.add_counts("roster", c)
    run.log(str(path), batch.files.get(str(path)), "roster", c, len(rejects))


# --- surveys ------------------------------------------------------------------------------------


def load_survey_table(run: _Run, responses: pa.Table, items: pa.Table | None, source: str, sha: str | None) -> None:
    """Link, de-duplicate and upsert survey rows (the shared path of file and bulk ingest).

    `responses` has the SURVEYS columns except contact_date/link_method (contact_id may be null)."""
    pending = responses.select(["response_id", "contact_id", "agent_ref", "submitted_utc"]).append_column(
        "idx", pa.array(range(responses.num_rows), pa.int64()))
    linked, stats = link_responses(run.wh.con, pending, window_h=run.options.link_window_h)
    run.link = run.link + stats
    status = linked["status"]
    ok = pc.equal(status, "linked")
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
    _upsert(run, SURVEYS, good, source, sha, rejected=bad.num_rows)
    if items is not None and items.num_rows:
        dates = good.select(["response_id", "contact_date"])
        con = run.wh.con
        con.register("_items", items)
        con.register("_sdates", dates)
        try:
            it = fetch_arrow(con.execute("SELECT i.*, d.contact_date FROM _items i JOIN _sdates d USING (response_id)"))
        finally:
            con.unregister("_items")
            con.unregister("_sdates")
        _upsert(run, SURVEY_ITEMS, it, source, sha)


def _ingest_survey_file(run: _Run, path: Path, mapping: Any) -> None:
    from surveys import read_survey

    sha = file_sha256(path)
    run.clear_quarantine([str(path)])
    try:
        imp = read_survey(path, mapping=mapping, reader=run.options.survey_reader)
    except InputError as exc:
        run.reject([Reject("surveys", str(path), sha, None, "unparseable", exc.line())])
        run.log(str(path), sha, "surveys", UpsertCounts(), 1)
        return
    run.warnings.extend(imp.warnings)
    run.reject([Reject("surveys", str(path), sha, r.source_row, r.code, r.reason, r.raw) for r in imp.rejects])
    rows, items, counts = [], [], []
    for r in imp.responses:
        comment = r.comment
        if comment and run.options.redact:
            red = redact(comment)
            comment = red.text
            counts.append(dict(red.counts))
        rows.append({
            "response_id": r.response_id, "contact_id": r.contact_id, "tool": imp.tool,
            "submitted_utc": r.submitted_utc, "submitted_local": r.submitted_local,
            "agent_ref": r.agent_ref, "survey_language": r.survey_language,
            "csat": r.csat, "csat_scale": r.csat_scale, "csat_norm": r.csat_norm, "nps": r.nps,
            "comment": comment, "redactions": json.dumps(counts[-1] if comment and counts else {}),
            "source_file": str(path), "source_sha256": sha, "source_row": r.source_row,
        })
        items.extend({"response_id": r.response_id, "item": k, "score": v, "scale": r.item_scale,
                      "source_file": str(path), "source_sha256": sha, "source_row": r.source_row}
                     for k, v in r.items.items())
    run.redactions = merge_counts(run.redactions, *counts)
    schema = pa.schema([("response_id", pa.string()), ("contact_id", pa.string()), ("tool", pa.string()),
                        ("submitted_utc", pa.timestamp("us")), ("submitted_local", pa.timestamp("us")),
                        ("agent_ref", pa.string()), ("survey_language", pa.string()), ("csat", pa.float64()),
                        ("csat_scale", pa.int32()), ("csat_norm", pa.float64()), ("nps", pa.int32()),
                        ("comment", pa.string()), ("redactions", pa.string()), ("source_file", pa.string()),
                        ("source_sha256", pa.string()), ("source_row", pa.int64())])
    table = pa.Table.from_pylist(rows, schema=schema)
    item_table = pa.Table.from_pylist(items) if items else None
    load_survey_table(run, table, item_table, str(path), sha)


# --- entry points -------------------------------------------------------------------------------


def ingest(
    db: str | Path,
    *,
    transcripts: str | Path | None = None,
    results: str | Path | None = None,
    metadata: str | Path | None = None,
    surveys: Sequence[str | Path] = (),
    roster: str | Path | None = None,
    options: IngestOptions | None = None,
    progress: ProgressHook = null_hook,
) -> IngestSummary:
    options = options or IngestOptions()
    steps = [s for s, v in (("roster", roster), ("metadata", metadata), ("transcripts", transcripts),
                            ("results", results), ("surveys", surveys)) if v]
    with connect(db, options.db) as wh:
        run = _Run(wh, options)
        salt = _salt(wh)
        done = 0
        if roster:
            _ingest_roster(run, Path(roster))
            done += 1
            progress("roster", completed=done, total=len(steps))
        if metadata:
            b = read_call_metadata(Path(metadata), salt)
            run.clear_quarantine(b.files)
            run.reject(b.rejects)
            _upsert(run, CONTACTS, pa.Table.from_pylist(b.rows), str(metadata), b.files.get(str(metadata)), len(b.rejects))
            done += 1
            progress("metadata", completed=done, total=len(steps))
        if transcripts:
            cb, tb = read_transcripts(Path(transcripts), salt, do_redact=options.redact)
            run.clear_quarantine(cb.files)
            run.reject(cb.rejects)
            run.redactions = merge_counts(run.redactions, tb.redactions)
            _upsert(run, CONTACTS, pa.Table.from_pylist(cb.rows), str(transcripts), None, len(cb.rejects))
            if tb.rows:
                _upsert(run, TURNS, _attach_contact_date(run, tb, TURNS), str(transcripts), None)
            done += 1
            progress("transcripts", completed=done, total=len(steps))
        run.refresh_contact_marts()
        if results:
            rb = read_results(Path(results), do_redact=options.redact)
            run.clear_quarantine(rb.files)
            run.reject(rb.rejects)
            run.redactions = merge_counts(run.redactions, rb.redactions)
            if rb.rows:
                before = run.counts.get("results", TableCounts()).rejected
                data = _attach_contact_date(run, rb, RESULTS)
                rej = run.counts.get("results", TableCounts()).rejected - before + len(rb.rejects)
                _upsert(run, RESULTS, data, str(results), rb.files.get(str(results)), rej)
            done += 1
            progress("results", completed=done, total=len(steps))
        if surveys:
            from surveys import load_mapping

            mapping = load_mapping(options.survey_mapping)
            for p in surveys:
                _ingest_survey_file(run, Path(p), mapping)
            done += 1
            progress("surveys", completed=done, total=len(steps))
        run.refresh_fact_marts()
        return IngestSummary(run.run_id, str(db), options, dict(run.counts), dict(run.reasons), run.link,
                             run.redactions, tuple(run.warnings), dict(run.mart_seconds))


def __getattr__(name: str) -> Any:
    # The bulk path lives in warehouse.bulkingest (it imports this module);
    # `from warehouse.ingest import ingest_tables` keeps working.
    if name == "ingest_tables":
        from warehouse.bulkingest import ingest_tables

        return ingest_tables
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
