"""`meeluister purge`: remove recordings, transcript text, quotes and survey comments past the
retention policy, keep every figure (docs/warehouse.md, Retention).

    from warehouse.retention import purge
    from warehouse.retention_policy import load_policy
    s = purge("wh.duckdb", load_policy("retention.toml").overridden(older_than="90d"))
    s.removed   # {"turns.text": 1204, "results.evidence": 310, ..., "audio.files": 40}

For each contact whose local day lies before its organisation's limit (`RetentionPolicy`), per
category it names:

* audio: the recording files the warehouse points to (`t_audio`; only files with an audio
  suffix) are deleted and the path emptied;
* transcripts, quotes, comments: the lake's personal-data columns of that category
  (`LakeTable.pii`: turn text; result reasons, evidence quotes and terms, contact-reason evidence;
  survey comments) are set empty, by rewriting only the month partitions that hold such rows
  (warehouse.lake: staged files swapped in with renames; the old files are deleted);
* the quarantine's raw rows (`raw`, the rejected input) ingested before the default limit;
* the operational store (`store=`): dispute comments and decisions, review reasons and coaching
  notes (opstore/retention.py).

Rows, outcomes, scores, counts, survey scores, timings and every mart stay as they were, so every
figure of the query layer is the same afterwards. The purge then records retention marks (what
stays removed on re-ingest: warehouse/retention_guard.py), logs what it removed (`purge_log`
and log lines), rewrites the `.duckdb` file when it changed quarantine text (DuckDB keeps freed
pages), publishes a new snapshot and deletes every older snapshot's files (their hard links
still held the text): a reader holding an older snapshot must reopen. A second run with the same
policy removes nothing and reports 0.
"""
from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Sequence

import duckdb
import pyarrow as pa

from warehouse.db import DbOptions, Warehouse, connect
from warehouse.lake import q
from warehouse.marts import CONTACT_MARTS, refresh_marts
from warehouse.retention_guard import blank_sql, purge_columns
from warehouse.retention_policy import WHAT, RetentionPolicy
from warehouse.schema import CONTACTS, LAKE_TABLES, LOCAL_TZ_NAME

logger = logging.getLogger(__name__)

AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a")
_TEXT_WHAT = ("transcripts", "quotes", "comments")


@dataclass(frozen=True)
class PurgeSummary:
    run_id: str
    db: str
    policy: str
    as_of: date
    organisation: str | None
    dry_run: bool
    removed: dict[str, int]  # "table.column" (or "audio.files", "store.<table>") -> rows/files
    contacts: int  # contacts past their limit (any category)
    first_contact: str | None = None
    last_contact: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    recordings_missing: int = 0  # paths whose file was already gone
    snapshot: str | None = None
    cutoffs: dict[str, str] = field(default_factory=dict)  # organisation ('' = default) -> first kept day
    # Survey exports that still hold responses of purged contacts (not rewritten): file -> responses.
    kept: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.removed.values())


def today_local() -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(LOCAL_TZ_NAME)).date()


def _rules(policy: RetentionPolicy, as_of: date, organisation: str | None) -> pa.Table:
    rows = [("", policy.default)] + sorted(policy.organisations.items())
    if organisation is not None:
        rows = [(organisation, policy.rule_for(organisation))]
    return pa.table({
        "organisation": [o for o, _ in rows],
        "cutoff": pa.array([r.cutoff(as_of) for _, r in rows], pa.date32()),
        **{w: [w in r.what for _, r in rows] for w in WHAT},
    })


def _scope(con: duckdb.DuckDBPyConnection, rules: pa.Table, organisation: str | None) -> None:
    """Temp table `_purge_scope`: every contact past its limit, with the categories to remove
    (its organisation's rule, else the default's; `organisation`: only that one's contacts)."""
    con.register("_purge_rules", rules)
    try:
        if organisation is None:
            per = ", ".join(f"coalesce(o.{w}, d.{w}) AS {w}" for w in WHAT)
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _purge_scope AS SELECT c.contact_id, c.date, c.day, {per} "
                "FROM stg_contacts c "
                "LEFT JOIN _purge_rules o ON o.organisation = c.organisation AND o.organisation <> '' "
                "CROSS JOIN (SELECT * FROM _purge_rules WHERE organisation = '') d "
                "WHERE c.day < coalesce(o.cutoff, d.cutoff)")
        else:
            per = ", ".join(f"o.{w}" for w in WHAT)
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _purge_scope AS SELECT c.contact_id, c.date, c.day, {per} "
                "FROM stg_contacts c JOIN _purge_rules o ON o.organisation = c.organisation "
                "WHERE c.day < o.cutoff")
    finally:
        con.unregister("_purge_rules")


def _purge_table(wh: Warehouse, name: str, dry_run: bool, removed: dict[str, int]) -> None:
    """Empty the purge columns of `name`'s rows in scope, rewriting only their partitions."""
    con, table = wh.con, LAKE_TABLES[name]
    cols = [c for c in purge_columns(table) if c.retention in WHAT]
    if not cols or not wh.lake.has_files(table):
        return
    raw = q("raw_" + name)
    changes = [f"(p.{c.retention} AND {blank_sql(c, 't.' + q(c.name))} IS DISTINCT FROM t.{q(c.name)})" for c in cols]
    counts = con.execute(
        f"SELECT t.date, " + ", ".join(f"count(*) FILTER ({ch})" for ch in changes)
        + f" FROM {raw} t JOIN _purge_scope p USING (contact_id) WHERE {' OR '.join(changes)} GROUP BY t.date"
    ).fetchall()
    for c, k in zip(cols, range(1, len(cols) + 1)):
        removed[f"{name}.{c.name}"] = removed.get(f"{name}.{c.name}", 0) + sum(r[k] for r in counts)
    if dry_run or not counts:
        return
    dates = {r[0] for r in counts}
    purge = {c.name: c for c in cols}
    select = ", ".join(
        f"CASE WHEN p.{purge[c].retention} THEN {blank_sql(purge[c], 't.' + q(c))} ELSE t.{q(c)} END AS {q(c)}"
        if c in purge else f"t.{q(c)}" for c in table.columns)
    con.execute("CREATE OR REPLACE TEMP TABLE _purge_dates AS SELECT unnest(?::VARCHAR[]) AS d", [sorted(dates)])
    wh.lake.rewrite_partitions(
        table, f"SELECT {select} FROM {raw} t LEFT JOIN _purge_scope p ON p.contact_id = t.contact_id "
               f"WHERE t.date IN (SELECT d FROM _purge_dates)", dates)
    logger.info("purge: %s: %s in %d partition(s)", name,
                ", ".join(f"{c.name} {removed[f'{name}.{c.name}']}" for c in cols), len(dates))


def _delete_recordings(con: duckdb.DuckDBPyConnection, dry_run: bool) -> tuple[int, int]:
    """Delete the recordings of the contacts in scope (audio): (deleted, already missing)."""
    paths = [r[0] for r in con.execute(
        "SELECT DISTINCT c.t_audio FROM raw_contacts c JOIN _purge_scope p USING (contact_id) "
        "WHERE p.audio AND c.t_audio IS NOT NULL ORDER BY 1").fetchall()]
    deleted = missing = 0
    for p in paths:
        f = Path(p)
        if f.suffix.lower() not in AUDIO_SUFFIXES:
            logger.warning("purge: %s: not an audio file name; not deleted (the path is emptied)", p)
            continue
        if not f.is_file():
            missing += 1
            continue
        if not dry_run:
            f.unlink()
        deleted += 1
    return deleted, missing


def _purge_quarantine(con: duckdb.DuckDBPyConnection, before: date | None, dry_run: bool) -> int:
    if before is None:
        return 0
    n = con.execute("SELECT count(*) FROM quarantine WHERE raw IS NOT NULL AND CAST(ingested_at AS DATE) < ?",
                    [before]).fetchall()[0][0]
    if n and not dry_run:
        con.execute("UPDATE quarantine SET raw = NULL WHERE raw IS NOT NULL AND CAST(ingested_at AS DATE) < ?",
                    [before])
    return int(n)


def _mark(con: duckdb.DuckDBPyConnection, rules: pa.Table, at: datetime) -> None:
    for row in rules.to_pylist():
        for w in WHAT:
            if row[w]:
                con.execute(
                    "INSERT INTO retention_marks VALUES (?, ?, ?, ?) ON CONFLICT (organisation, what) DO UPDATE "
                    "SET before_day = greatest(retention_marks.before_day, excluded.before_day), set_at = excluded.set_at",
                    [row["organisation"], w, row["cutoff"], at])


def compact(db: Path) -> None:
    """Rewrite the `.duckdb` file table by table: pages DuckDB freed (and did not zero) go."""
    tmp = db.with_name(db.name + ".compact")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{str(db).replace(chr(39), chr(39) * 2)}' AS old_db")
        con.execute(f"ATTACH '{str(tmp).replace(chr(39), chr(39) * 2)}' AS new_db")
        con.execute("COPY FROM DATABASE old_db TO new_db")
        con.execute("DETACH old_db")
        con.execute("DETACH new_db")
    finally:
        con.close()
    os.replace(tmp, db)
    Path(str(db) + ".wal").unlink(missing_ok=True)


def purge(db: str | Path, policy: RetentionPolicy | None = None, *, organisation: str | None = None,
          as_of: date | None = None, dry_run: bool = False, store: Any = None,
          options: DbOptions | None = None, sources: bool = False,
          outputs: Sequence[str | Path] = ()) -> PurgeSummary:
    """Apply `policy` to the warehouse at `db` (module docstring); `as_of`: today (local) by
    default; `organisation`: only that one's contacts; `store`: an `opstore.Store` to purge too;
    `sources`: also the transcript, result and reason files the warehouse read; `outputs`:
    folders of written reports and example libraries (warehouse.retention_copies)."""
    from warehouse.retention_copies import apply_copies, plan_copies

    from warehouse.publish import SnapshotOptions, publish, snapshot_path

    policy = policy or RetentionPolicy()
    as_of = as_of or today_local()
    db = Path(db)
    if not db.exists():
        raise FileNotFoundError(f"{db}: no such warehouse")
    run_id = uuid.uuid4().hex[:12]
    at = datetime.now(timezone.utc).replace(tzinfo=None)
    rules = _rules(policy, as_of, organisation)
    removed: dict[str, int] = {}
    wh = connect(db, options)
    try:
        con = wh.con
        _scope(con, rules, organisation)
        plan = plan_copies(con, sources=sources, outputs=outputs) if sources or outputs else None
        n, first, last, d0, d1 = con.execute(
            "SELECT count(*), min(contact_id), max(contact_id), min(day), max(day) FROM _purge_scope").fetchall()[0]
        deleted, missing = _delete_recordings(con, dry_run)
        removed["audio.files"] = deleted
        for name in ("turns", "results", "contact_reasons", "surveys", CONTACTS.name):
            _purge_table(wh, name, dry_run, removed)
        if wh.lake.touched.get(CONTACTS.name):  # mart_contacts carries the recording's path
            refresh_marts(con, wh.lake.touched[CONTACTS.name], only=CONTACT_MARTS)
        default_text = organisation is None and any(w in policy.default.what for w in _TEXT_WHAT)
        removed["quarantine.raw"] = _purge_quarantine(con, policy.default.cutoff(as_of) if default_text else None,
                                                      dry_run)
        if store is not None:
            from opstore.retention import purge_texts

            ids = [r[0] for r in con.execute("SELECT contact_id FROM _purge_scope WHERE quotes").fetchall()]
            notes_before = policy.rule_for(organisation).cutoff(as_of) \
                if "quotes" in policy.rule_for(organisation).what else None
            for k, v in purge_texts(store, ids, notes_before, dry_run=dry_run).items():
                removed[f"store.{k}"] = v
        summary = PurgeSummary(run_id, str(db), policy.source, as_of, organisation, dry_run, removed, int(n),
                               first, last, d0, d1, missing,
                               cutoffs={r["organisation"]: r["cutoff"].isoformat() for r in rules.to_pylist()})
        if not dry_run:
            _mark(con, rules, at)
        _log(con, summary, at, policy)
        con.execute("CHECKPOINT")
    finally:
        wh.close()
    if not dry_run:
        if removed.get("quarantine.raw"):
            compact(db)
        if snapshot_path(db).exists() or summary.total:
            with connect(db, options) as wh2:
                summary = _with_snapshot(summary, publish(wh2, SnapshotOptions(keep_s=0.0)))
    if plan is not None:
        # Files change only once the warehouse's purge is committed; each is rewritten whole.
        copies = apply_copies(plan, dry_run=dry_run)
        removed.update(copies)
        summary = replace(summary, removed=dict(removed), kept=dict(plan.surveys))
        if copies:
            with connect(db, options) as wh3:
                _log(wh3.con, replace(summary, removed=copies), at, policy)
    for k, v in sorted(removed.items()):
        logger.info("purge %s: %s %s%s", run_id, k, v, " (dry run)" if dry_run else "")
    return summary


def _with_snapshot(s: PurgeSummary, path: Path) -> PurgeSummary:
    return replace(s, snapshot=str(path))


def _log(con: duckdb.DuckDBPyConnection, s: PurgeSummary, at: datetime, policy: RetentionPolicy) -> None:
    what = {"audio.files": "audio", "quarantine.raw": "transcripts,quotes,comments",
            "sources.transcripts": "transcripts", "sources.vtt": "transcripts", "outputs.files": "quotes,audio"}
    for key, n in sorted(s.removed.items()):
        tbl = key.split(".", 1)[0]
        col = next((c for c in purge_columns(LAKE_TABLES[tbl]) if f"{tbl}.{c.name}" == key), None) \
            if tbl in LAKE_TABLES else None
        con.execute("INSERT INTO purge_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [s.run_id, at, s.policy, s.as_of, s.organisation, s.dry_run,
                     col.retention if col else what.get(key, "quotes"), key, n, s.contacts,
                     s.first_contact, s.last_contact, s.first_day, s.last_day])


def purge_log(db: str | Path) -> Any:
    """The purge log as a DataFrame (newest first)."""
    with connect(db, DbOptions(read_only=True)) as wh:
        return wh.con.execute("SELECT * FROM purge_log ORDER BY purged_at DESC, tbl").df()


__all__ = ["PurgeSummary", "compact", "purge", "purge_log"]
