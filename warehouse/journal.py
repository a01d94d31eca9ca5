"""One ingest run is all or nothing: an undo journal for the lake beside one DuckDB transaction.

An ingest writes two stores: Parquet partitions in the lake (swapped in with renames,
warehouse/lake.py) and the small tables and marts in the `.duckdb` file. A run holds all its
DuckDB writes in one transaction (`IngestRun.begin`/`commit`), and every partition it replaces is
first recorded in `<lake>/.journal/run.json` and moved, not deleted, into `<lake>/.journal/undo/`:

1. the journal names the partition (and whether the lake had it) -- written atomically;
2. the old partition directory is renamed into `undo/`;
3. the new one is renamed into place.

The commit point is the DuckDB COMMIT, which also inserts the run into `ingest_runs`. Only then
is the journal deleted. When a run dies (SIGKILL, power cut of the process, an exception), the
next writer (`warehouse.connect`, under the writer lock, warehouse/lock.py) calls `recover`:
the run's DuckDB transaction was never committed, so DuckDB has already dropped it; if
`ingest_runs` does not hold the run, every journalled partition is put back as it was (the
run's own partitions removed, the old ones renamed back); if it does, the run had committed and
only the journal is deleted. Staging folders and snapshot temp files left by the dead run go too.
So a killed run leaves the warehouse exactly as before it started, and running it again gives
the warehouse an uninterrupted run gives.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from pathlib import Path
from typing import Callable

logger = logging.getLogger(__name__)

JOURNAL_DIR = ".journal"


def _write_json_atomic(path: Path, doc: object) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(doc, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _remove_dir(path: Path, trash_root: Path) -> None:
    """Rename out of sight first, then delete: a half-deleted partition is never visible."""
    if not path.exists():
        return
    trash_root.mkdir(parents=True, exist_ok=True)
    trash = trash_root / uuid.uuid4().hex
    path.rename(trash)
    shutil.rmtree(trash, ignore_errors=True)


class LakeJournal:
    """The undo journal of one run's partition swaps (see the module docstring)."""

    def __init__(self, lake_root: Path, run_id: str) -> None:
        self.root = Path(lake_root)
        self.dir = self.root / JOURNAL_DIR
        self.run_id = run_id
        self.entries: dict[str, bool] = {}  # "<table>/date=<d>" -> the lake had it before the run
        if self.dir.exists():  # recovery ran first (warehouse.connect); anything left is stale
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        self._save()

    def _save(self) -> None:
        _write_json_atomic(self.dir / "run.json", {"run_id": self.run_id, "pid": os.getpid(),
                                                   "entries": list(self.entries.items())})

    def swap(self, table: str, d: str, new: Path | None) -> None:
        """Put `new` (a staged partition directory; None: none) in place of `<table>/date=<d>`."""
        rel = f"{table}/date={d}"
        dest = self.root / rel
        if rel not in self.entries:
            self.entries[rel] = dest.exists()
            self._save()  # 1. before anything moves
            if self.entries[rel]:
                backup = self.dir / "undo" / rel
                backup.parent.mkdir(parents=True, exist_ok=True)
                dest.rename(backup)  # 2. the old partition, kept until the run commits
        else:  # written earlier in this run: the run's own file, nothing to keep
            _remove_dir(dest, self.dir / "trash")
        if new is not None:
            dest.parent.mkdir(parents=True, exist_ok=True)
            new.rename(dest)  # 3.

    def committed(self) -> None:
        """The run committed in DuckDB: the old partitions are no longer needed."""
        shutil.rmtree(self.dir, ignore_errors=True)

    def rollback(self) -> list[str]:
        """Put every journalled partition back as it was before the run; the partitions restored."""
        return _undo(self.root, self.entries)


def _undo(root: Path, entries: dict[str, bool]) -> list[str]:
    jdir = root / JOURNAL_DIR
    for rel, had_old in reversed(list(entries.items())):
        dest, backup = root / rel, jdir / "undo" / rel
        if had_old and not backup.exists():
            continue  # died before the old partition was moved: it is still in place
        _remove_dir(dest, jdir / "trash")
        if had_old:
            backup.rename(dest)
    shutil.rmtree(jdir, ignore_errors=True)
    return list(entries)


def recover(lake_root: Path, committed: Callable[[str], bool], snapshot: Path | None = None) -> str | None:
    """Finish what a dead run left (module docstring). `committed(run_id)`: whether DuckDB holds
    the run as committed; `snapshot`: the published catalog's path (its unfinished temp files
    and the snapshot folders no catalog names go). Returns a one-line account, or None."""
    root = Path(lake_root)
    done: list[str] = []
    jfile = root / JOURNAL_DIR / "run.json"
    if (root / JOURNAL_DIR).exists():
        try:
            doc = json.loads(jfile.read_text(encoding="utf-8"))
            run_id, entries = doc["run_id"], dict((k, bool(v)) for k, v in doc["entries"])
        except (OSError, ValueError, KeyError, TypeError):
            # The journal is written before anything moves: without a readable one nothing moved.
            run_id, entries = None, {}
        if run_id is not None and committed(run_id):
            shutil.rmtree(root / JOURNAL_DIR, ignore_errors=True)
            done.append(f"run {run_id} had committed; its journal removed")
        else:
            parts = _undo(root, entries)
            done.append(f"run {run_id or '?'} had not committed: {len(parts)} lake partition(s) restored")
    staging = root / ".staging"
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)
        done.append("staging files removed")
    if snapshot is not None:
        snaps = root / ".snapshots"
        if snaps.is_dir():
            # publish writes `current` before it swaps the catalog in, so a published snapshot's
            # id is never above it: a folder above it (or any, before the first catalog) belongs
            # to a publish that died halfway, and nobody reads it.
            cur_file = snaps / "current"
            cur = cur_file.read_text(encoding="utf-8").strip() if cur_file.exists() else ""
            orphans = [p for p in snaps.iterdir() if p.is_dir() and (p.name > cur if cur else not snapshot.exists())]
            for p in orphans:
                shutil.rmtree(p, ignore_errors=True)
            if orphans:
                done.append(f"{len(orphans)} unpublished snapshot folder(s) removed")
        tmps = list(snapshot.parent.glob(f"{snapshot.name}.*.tmp*"))
        for t in tmps:
            t.unlink(missing_ok=True)
        if tmps:
            done.append(f"{len(tmps)} unfinished snapshot file(s) removed")
    return "; ".join(done) or None
