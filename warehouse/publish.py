"""The end of an ingest run: data checks, then a published snapshot for readers.

DuckDB lets one process write a database file and blocks other processes meanwhile, so readers
(dashboard, reports) must not open the file the load writes (DESIGN.md, Two stores). After a
run whose data checks pass, `publish` writes a small catalog DuckDB file beside the warehouse:

* the lake's Parquet files of this moment, hard-linked into `<lake>/.snapshots/<id>/` (no copy;
  a later load that rewrites a partition renames and deletes its own directory entries, the
  snapshot's links keep the old files' data), with `raw_*` views over them;
* a copy of the warehouse file as of a checkpoint (marts, small tables, the SQL project's views;
  without the salt of the caller hash), whose `raw_*` views read the linked files;

then `os.replace`s it to `<name>.snapshot.duckdb` in one atomic step. `open_snapshot(path)`
opens that file read-only: a reader holds only files the load never writes again, so neither
waits for the other. A snapshot's folder is deleted once a newer snapshot has been in place for
`SnapshotOptions.keep_s` seconds (a reader should reopen per request, or at least that often).
"""
from __future__ import annotations

import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from meeluister.io import write_atomic
from warehouse.db import DbOptions, Warehouse, lake_dir_for
from warehouse.lake import Lake, q, sql_str
from warehouse.run import IngestRun, IngestSummary
from warehouse.schema import LAKE_TABLES

logger = logging.getLogger(__name__)

PRIVATE_SETTINGS = ("customer_key_salt",)  # settings a snapshot leaves out


@dataclass(frozen=True)
class SnapshotOptions:
    keep_s: float = 900.0  # an older snapshot's files stay this long after a newer one is published


def snapshot_path(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.stem + ".snapshot.duckdb")


def finish_run(run: IngestRun) -> IngestSummary:
    """Run the data checks over what this run wrote, commit the run (warehouse/journal.py),
    publish the snapshot; the run's summary. A failing check aborts the run: nothing of it stays."""
    run.check()  # the relations not checked yet (a caller may have checked some earlier)
    run.commit()
    if run.options.publish:
        t = time.perf_counter()
        run.snapshot = str(publish(run.wh))
        run.step_seconds["publish"] = time.perf_counter() - t
    return run.summary()


def publish(wh: Warehouse, options: SnapshotOptions | None = None) -> Path:
    """Write and atomically swap in the catalog file of the warehouse as it is now."""
    options = options or SnapshotOptions()
    t0 = time.perf_counter()
    snap_id = f"{time.time_ns():020d}-{uuid.uuid4().hex[:6]}"
    root = wh.lake.root / ".snapshots"
    folder = root / snap_id
    for t in LAKE_TABLES.values():
        for f in sorted(wh.lake.table_dir(t).glob("date=*/*.parquet")):
            dest = folder / t.name / f.parent.name / f.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(f, dest)
            except OSError:  # a file system without hard links: copy
                shutil.copy2(f, dest)
    final = snapshot_path(wh.path)
    tmp = final.with_name(f"{final.name}.{snap_id}.tmp")
    con = wh.con
    try:
        # The catalog is a copy of the warehouse file as of this checkpoint (marts, small tables,
        # the SQL project's views: a file copy, not a re-encoding), whose raw_* views then point
        # at the snapshot's links instead of the live lake.
        con.execute("CHECKPOINT")
        shutil.copyfile(wh.path, tmp)
        con.execute(f"ATTACH {sql_str(str(tmp))} AS _snap")
        try:
            snap_lake = Lake(folder, con, create=False)
            for t in LAKE_TABLES.values():
                cols = ", ".join(q(c) for c in t.columns)
                con.execute(f"CREATE OR REPLACE VIEW _snap.{q('raw_' + t.name)} AS "
                            f"SELECT {cols}, date FROM {snap_lake.source_sql(t)}")
            for name in PRIVATE_SETTINGS:  # readers need no key to re-identify callers
                con.execute("DELETE FROM _snap.settings WHERE key = ?", [name])
        finally:
            con.execute("DETACH _snap")
    except BaseException:
        tmp.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    # `current` first: a published snapshot's id is never above it, so recovery
    # (warehouse.journal.recover) may delete the folders above it (a publish killed halfway).
    root.mkdir(parents=True, exist_ok=True)  # a lake without files yet (a roster-only ingest)
    write_atomic(root / "current", snap_id)
    os.replace(tmp, final)
    _collect(root, snap_id, options.keep_s)
    logger.info("snapshot %s published in %.2f s", snap_id, time.perf_counter() - t0)
    return final


def _collect(root: Path, current: str, keep_s: float) -> None:
    """Delete the folders of snapshots replaced more than `keep_s` ago. A snapshot is replaced
    when the next one is published: its successor's id starts with that time."""
    ids = sorted(p.name for p in root.iterdir() if p.is_dir())
    now = time.time_ns()
    for older, newer in zip(ids, ids[1:]):
        if older == current:
            continue
        replaced_at = int(newer.split("-", 1)[0])
        if now - replaced_at > keep_s * 1e9:
            shutil.rmtree(root / older, ignore_errors=True)


def open_snapshot(db: str | Path, options: DbOptions | None = None) -> Warehouse:
    """A read-only connection on the last published snapshot of the warehouse at `db` (its
    `.duckdb` path): never blocks an ingest, never blocked by one. Raises FileNotFoundError when
    no ingest has published one yet."""
    options = options or DbOptions()
    path = snapshot_path(db)
    if not Path(db).exists():
        raise FileNotFoundError(f"{db}: no such warehouse")
    if not path.exists():
        raise FileNotFoundError(f"{path}: no published snapshot of {db} (run `meeluister ingest` first)")
    # A fresh in-memory database that attaches the file: `duckdb.connect(path)` would hand back a
    # database this process already holds open on that path (DuckDB's instance cache), i.e. the
    # snapshot before the last os.replace, for as long as any connection to it lives.
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH {sql_str(str(path))} AS snapshot (READ_ONLY)")
    con.execute("USE snapshot")
    con.execute("SET memory_limit = ?", [options.memory_limit])
    if options.threads:
        con.execute("SET threads = ?", [options.threads])
    con.execute("SET parquet_metadata_cache = true")
    lake = Lake(lake_dir_for(Path(db)), con, create=False)
    return Warehouse(path=path, con=con, lake=lake, options=DbOptions(memory_limit=options.memory_limit,
                                                                        threads=options.threads, read_only=True))
