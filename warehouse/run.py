"""One ingest run: its options, state, quarantine, ingest log and the summary it hands back.

Both entry points (`warehouse.ingest`, the file path, and `warehouse.ingest_tables`, the bulk
path) open an `IngestRun`, feed it through the table loaders (warehouse/loaders.py) and end with
`IngestRun.summary()`, the one place an `IngestSummary` is built.
"""
from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import pyarrow as pa

from meeluister.errors import InputError, Quarantine
from meeluister.redaction import merge_counts
from warehouse.checks import CheckResult
from warehouse.counts import LinkStats, TableCounts
from warehouse.db import DbOptions, Warehouse
from warehouse.journal import LakeJournal
from warehouse.marts import CONTACT_MARTS, mart_sql, refresh_marts
from warehouse.pii import redact_pii
from warehouse.schema import CONTACTS, QUARANTINE_PII, LakeTable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    link_window_h: float = 72.0  # a survey links to a contact that ended at most this long before
    redact: bool = True  # PII redaction of the declared personal-data columns (LakeTable.pii)
    survey_mapping: Path | None = None  # None: surveys/data/mapping.toml
    survey_reader: str | None = None  # None or "auto": detected per file (surveys.READERS names)
    publish: bool = True  # publish a read-only snapshot for readers after a successful run
    db: DbOptions = field(default_factory=DbOptions)


@dataclass(frozen=True)
class IngestSummary:
    run_id: str
    db: str
    options: IngestOptions
    tables: dict[str, TableCounts]
    rejected_by_reason: dict[str, int]  # "table:code" -> n
    link: LinkStats
    redactions: dict[str, int]  # every redaction of the run, per type
    warnings: tuple[str, ...] = ()
    mart_seconds: dict[str, float] = field(default_factory=dict)  # refresh time per mart
    redactions_by_table: dict[str, dict[str, int]] = field(default_factory=dict)  # table -> type -> n
    checks: tuple[CheckResult, ...] = ()  # the data checks run after the load (all passed)
    snapshot: str | None = None  # the snapshot published for readers (warehouse.open_snapshot)
    step_seconds: dict[str, float] = field(default_factory=dict)  # data checks, publish
    refused: tuple[str, ...] = ()  # one line per input file refused as a whole (the CLI exits non-zero)

    @property
    def rejected(self) -> int:
        return sum(self.rejected_by_reason.values())


@dataclass(frozen=True)
class Reject:
    """A row that cannot go in: it goes to the quarantine with a reason code and a reason."""

    table: str
    source_file: str
    source_sha256: str | None
    source_row: int | None
    code: str  # unparseable | out_of_range | duplicate | unknown_contact | invalid | overlap | empty
    reason: str
    raw: str | None = None  # the row as read (JSON); redacted like every PII column


_QUARANTINE_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("ingested_at", pa.timestamp("us")), ("source_file", pa.string()),
    ("source_sha256", pa.string()), ("source_row", pa.int64()), ("tbl", pa.string()),
    ("reason_code", pa.string()), ("reason", pa.string()), ("raw", pa.string())])


class IngestRun:
    """State of one ingest run: counts, redactions, rejects and the quarantine report."""

    def __init__(self, wh: Warehouse, options: IngestOptions) -> None:
        self.wh = wh
        self.options = options
        self.run_id = uuid.uuid4().hex[:12]
        self.at = datetime.now(timezone.utc).replace(tzinfo=None)
        self.counts: dict[str, TableCounts] = {}
        self.reasons: Counter[str] = Counter()
        self.link = LinkStats()
        self.redactions: dict[str, dict[str, int]] = {}
        # contact_id -> the customer's names from metadata (a transcript's `customer_name`, the
        # metadata CSV's column): redacted wherever they occur in that contact's rows, never stored.
        self.known_names: dict[str, tuple[str, ...]] = {}
        self.warnings: list[str] = []
        self.report = Quarantine(wh.path.with_suffix(".quarantine.jsonl"), stage="ingest")
        self._cleared: set[str] = set()
        self.rebuild_marts = False  # a roster change moves contacts between teams: rebuild all
        self.mart_seconds: dict[str, float] = {}
        self.checks: tuple[CheckResult, ...] = ()
        self._checked: set[str] = set()
        self.snapshot: str | None = None
        self.step_seconds: dict[str, float] = {}
        self.refused: list[str] = []
        self.journal: LakeJournal | None = None
        # The months the marts were refreshed for (None: none refreshed, or all: checked whole).
        self.mart_scope: set[str] | None = None
        self.contacts_by_increment = False  # mart_contacts refreshed from the new contacts alone
        wh.lake.reset_groups()  # the groups this run's merges write (warehouse/martdelta.py)

    # --- all or nothing (warehouse/journal.py) ------------------------------------------------

    def begin(self) -> None:
        """Start the run's one DuckDB transaction and its lake journal: until `commit`, a run
        that dies or fails leaves the warehouse as it was."""
        self.journal = LakeJournal(self.wh.lake.root, self.run_id)
        self.wh.lake.journal = self.journal
        self.wh.con.begin()

    def commit(self) -> None:
        """The commit point: the run's row in ingest_runs and all its DuckDB writes in one
        COMMIT; then the journal (the old partitions) goes."""
        import os
        import socket

        self.wh.con.execute("INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?)",
                            [self.run_id, self.at, datetime.now(timezone.utc).replace(tzinfo=None),
                             socket.gethostname(), os.getpid()])
        self.wh.con.commit()
        self.wh.lake.journal = None
        if self.journal is not None:
            self.journal.committed()
            self.journal = None

    def abort(self) -> None:
        """Undo the run (an error before the commit): DuckDB rolled back, partitions restored."""
        if self.journal is None:
            return
        try:
            self.wh.con.rollback()
        finally:
            self.wh.lake.journal = None
            restored = self.journal.rollback()
            self.journal = None
            self.wh.lake.refresh_views()
            if restored:
                logger.warning("%s: run %s failed: %d lake partition(s) restored", self.wh.path, self.run_id,
                               len(restored))

    # --- marts ------------------------------------------------------------------------------

    def refresh_contact_marts(self) -> None:
        """mart_contacts for the contact partitions written so far (survey linking reads it)."""
        from warehouse import martdelta
        from warehouse.marts import scope_for

        months = self.wh.lake.touched.get("contacts", set())
        lake = self.wh.lake
        if (months and not self.rebuild_marts and "contacts" in lake.grouped
                and martdelta.only_added(self.wh.con, lake, (CONTACTS,))):
            # only new contacts: their rows and their customers' others (warehouse/martdelta.py)
            self.mart_scope = (self.mart_scope or set()) | scope_for(months)
            self.contacts_by_increment = True
            self.mart_seconds.update(martdelta.refresh_contacts(self.wh.con, lake, months,
                                                                own_transaction=self.journal is None))
        elif self.rebuild_marts or months:
            self.mart_seconds.update(refresh_marts(self.wh.con, None if self.rebuild_marts else months,
                                                   only=CONTACT_MARTS, own_transaction=self.journal is None,
                                                   scoped=self._scoped(facts=False)))

    def refresh_fact_marts(self, sources: Mapping[str, str] | None = None,
                           builders: Mapping[str, Callable[[Any], str]] | None = None) -> None:
        """The aggregate and surveyed-contact marts for every partition this run rewrote.
        `sources`, `builders`: see `warehouse.marts.refresh_marts` (first-load results in memory)."""
        from warehouse import martdelta
        from warehouse.marts import scope_for

        touched = self.wh.lake.touched
        months = set().union(*(touched.get(t, set()) for t in ("contacts", "results", "surveys")))
        if (months and not self.rebuild_marts and not sources and not builders
                and ("contacts" not in touched or self.contacts_by_increment)
                and martdelta.only_added(self.wh.con, self.wh.lake)):
            # a run that only added: the marts from its own rows (warehouse/martdelta.py)
            self.mart_scope = (self.mart_scope or set()) | scope_for(months)
            self.mart_seconds.update(martdelta.refresh_facts(self.wh.con, self.wh.lake, months,
                                                             own_transaction=self.journal is None))
        elif self.rebuild_marts or months:
            facts = [m.name for m in mart_sql() if m.name not in CONTACT_MARTS]
            self.mart_seconds.update(refresh_marts(self.wh.con, None if self.rebuild_marts else months,
                                                   only=facts, sources=sources, builders=builders,
                                                   own_transaction=self.journal is None,
                                                   scoped=None if sources else self._scoped(facts=True)))
        from warehouse.martscope import drop_scoped

        drop_scoped(self.wh.con)

    def _scoped(self, *, facts: bool) -> Callable[[set[str]], Mapping[str, str]]:
        """The overrides of a month-scoped refresh (warehouse/martscope.py); records the months,
        whose mart rows the data checks then read."""
        from warehouse.martscope import scoped_sources

        def make(scope: set[str]) -> Mapping[str, str]:
            self.mart_scope = (self.mart_scope or set()) | scope
            return scoped_sources(self.wh.con, self.wh.lake, scope, facts=facts)
        return make

    # --- counts, redactions, log ------------------------------------------------------------

    def add_counts(self, table: str, c: TableCounts | None = None, rejected: int = 0) -> None:
        self.counts[table] = self.counts.get(table, TableCounts()) + (c or TableCounts()) + TableCounts(rejected=rejected)

    def add_known_names(self, names: Mapping[str, Sequence[str]]) -> None:
        for cid, ns in names.items():
            if ns:
                self.known_names[cid] = tuple(dict.fromkeys((*self.known_names.get(cid, ()), *ns)))

    def add_redactions(self, table: str, counts: Mapping[str, int]) -> None:
        if counts:
            self.redactions[table] = merge_counts(self.redactions.get(table, {}), counts)

    def upsert(self, table: LakeTable, data: pa.Table | str, source: str, sha: str | None,
               rejected: int = 0, *, prechecked_rows: int | None = None) -> TableCounts:
        """Merge `data` into the lake (warehouse.lake), count it and log it. Rows of contacts that
        a purge has passed keep their purged columns empty (warehouse/retention_guard.py)."""
        from warehouse.retention_guard import guarded, release

        if isinstance(data, str) or data.num_rows:
            t = time.perf_counter()
            src, names = guarded(self.wh.con, table, data)
            try:
                c = self.wh.lake.upsert(table, src, prechecked_rows=prechecked_rows)
            finally:
                release(self.wh.con, names)
            key = f"upsert {table.name}"
            self.step_seconds[key] = self.step_seconds.get(key, 0.0) + time.perf_counter() - t
        else:
            c = TableCounts()
        self.add_counts(table.name, c)
        self.log(source, sha, table.name, c, rejected)
        return c

    def log(self, source: str, sha: str | None, table: str, c: TableCounts, rejected: int) -> None:
        self.wh.con.execute(
            "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self.run_id, self.at, source, sha, table, c.added, c.updated, c.unchanged, c.removed, rejected],
        )

    # --- quarantine -------------------------------------------------------------------------

    def clear_quarantine(self, files: Iterable[str]) -> None:
        # A re-read file replaces its quarantine entries (re-runs do not pile up duplicates).
        for f in files:
            if f not in self._cleared:
                self.wh.con.execute("DELETE FROM quarantine WHERE source_file = ?", [f])
                self._cleared.add(f)

    def reject(self, rejects: Sequence[Reject]) -> None:
        if not rejects:
            return
        batch = pa.table({
            "run_id": pa.array([self.run_id] * len(rejects), pa.string()),
            "ingested_at": pa.array([self.at] * len(rejects), pa.timestamp("us")),
            "source_file": pa.array([r.source_file for r in rejects], pa.string()),
            "source_sha256": pa.array([r.source_sha256 for r in rejects], pa.string()),
            "source_row": pa.array([r.source_row for r in rejects], pa.int64()),
            "tbl": pa.array([r.table for r in rejects], pa.string()),
            "reason_code": pa.array([r.code for r in rejects], pa.string()),
            "reason": pa.array([r.reason for r in rejects], pa.string()),
            "raw": pa.array([r.raw for r in rejects], pa.string())}, schema=_QUARANTINE_SCHEMA)
        if self.options.redact:
            every = tuple(dict.fromkeys(n for ns in self.known_names.values() for n in ns))
            red = redact_pii(batch, QUARANTINE_PII, every_row_names=every)
            batch = red.table
            self.add_redactions("quarantine", red.counts)
        reasons = batch["reason"].to_pylist()
        groups: dict[tuple[str, str, str], list[tuple[int | None, str]]] = {}
        for r, reason in zip(rejects, reasons):
            self.reasons[f"{r.table}:{r.code}"] += 1
            # The report line names file and row itself; a reason that already starts with them
            # would print them twice.
            where = None if r.source_row is None else f"row {r.source_row}"
            prefix = f"{r.source_file}: " + (f"{where}: " if where else "")
            cause = reason[len(prefix):] if reason and reason.startswith(prefix) else reason
            self.report.add(InputError(r.source_file, f"{r.code}: {cause}", where=where), log=False)
            groups.setdefault((r.source_file, r.table, r.code), []).append((r.source_row, cause))
        # One line per file and cause, not one per row: the details are in the quarantine.
        for (src, tbl, code), hits in groups.items():
            if len(hits) == 1:
                row, cause = hits[0]
                logger.error("%s: %s%s: %s", src, f"row {row}: " if row is not None else "", code, cause)
                continue
            rows = [str(n) for n, _ in hits if n is not None]
            shown = ", ".join(rows[:5]) + (", ..." if len(rows) > 5 else "")
            logger.error("%s: %d %s quarantined as %s (rows %s; first: %s); details in the quarantine "
                         "table and %s", src, len(hits), "values" if tbl == "survey_values" else "rows",
                         code, shown, hits[0][1], self.report.path)
        # One Arrow insert (executemany runs a statement per row: 8 s CPU for the benchmark's
        # 4,226 duplicate responses); a replacement scan of the local `batch`.
        self.wh.con.execute("INSERT INTO quarantine BY NAME SELECT * FROM batch")
        for t, n in Counter(r.table for r in rejects).items():
            self.add_counts(t, rejected=n)

    # --- data checks --------------------------------------------------------------------------

    def check(self, exclude: Iterable[str] = ()) -> None:
        """Run the data checks (warehouse/sql/checks.toml) of the relations not checked yet in
        this run, except `exclude` (one still being loaded); the lake relations in the partitions
        this run rewrote. A failing check raises `DataCheckError`."""
        from warehouse.checks import DataCheckError, load_checks, run_checks

        t = time.perf_counter()
        skip = self._checked | set(exclude)
        todo = [c for c in load_checks() if c.relation not in skip]
        scope = {f"raw_{name}": months for name, months in self.wh.lake.touched.items()}
        results = run_checks(self.wh.con, scope, todo, self._check_sources())
        self._checked |= {c.relation for c in todo}
        self.checks = self.checks + tuple(results)
        self.step_seconds["checks"] = self.step_seconds.get("checks", 0.0) + time.perf_counter() - t
        failed = [c for c in results if not c.passed]
        if failed:
            raise DataCheckError(failed)

    def _check_sources(self) -> dict[str, str]:
        """What the checks read: of a lake table, the data files this run wrote (the files a
        merge left untouched were checked when they were written, and hold none of the run's
        groups: warehouse/keyindex.py); of a mart, the months this run refreshed (None: all)."""
        from warehouse.lake import sql_str
        from warehouse.schema import LAKE_TABLES

        lake = self.wh.lake
        out = {f"raw_{name}": lake.source_sql(LAKE_TABLES[name], sorted(f for f in files if f.exists()))
               for name, files in lake.new_files.items()}
        if self.mart_scope is not None and not self.rebuild_marts:
            months = ", ".join(sql_str(m) for m in sorted(self.mart_scope)) or "NULL"
            for m in mart_sql():
                out[m.name] = f"(SELECT * FROM {m.name} WHERE date IN ({months}))"
        return out

    # --- the end ----------------------------------------------------------------------------

    def summary(self) -> IngestSummary:
        return IngestSummary(
            self.run_id, str(self.wh.path), self.options, dict(self.counts), dict(self.reasons), self.link,
            merge_counts(*self.redactions.values()), tuple(self.warnings), dict(self.mart_seconds),
            {k: dict(v) for k, v in self.redactions.items()}, self.checks, self.snapshot, dict(self.step_seconds),
            tuple(self.refused))

