"""The warehouse snapshot the dashboard serves, shared by all server threads, and its warm-up.

One DuckDB database per published snapshot (`warehouse.open_snapshot`), with a cursor per server
thread: the threads share that database's buffer pool and Parquet metadata cache, so the first
request on a thread does not start cold (one database per thread did: each new thread read the
marts from disk again).

When an ingest publishes a new snapshot, the next request notices (the file is replaced: its
inode and time change) and starts preparing it in the background: it is opened and its default
figures are computed into the per-snapshot cache (`warm`: key drivers, the management page's
default view, signals, the example library) while requests keep reading the snapshot already
served. Then it is swapped in, so the first person to open a page after a publish reads a warm
cache, as after a start. A warm-up that runs past `DashboardOptions.warm_timeout_s` no longer holds
the new data back: the snapshot is served then and the warm-up finishes beside it. The first
snapshot (at start) is served at once; `Snapshots.warm_first` warms it in the background.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger(__name__)

Version = tuple[int, int]  # (inode, mtime_ns) of the snapshot file


@dataclass(frozen=True)
class OpenSnapshot:
    """A published snapshot opened read-only: its version and the database's base connection."""

    version: Version
    wh: Any  # warehouse.Warehouse

    def cursor(self) -> Any:
        """A Warehouse over a new connection (cursor) to this snapshot's database."""
        import dataclasses

        from warehouse.lake import Lake

        con = self.wh.con.cursor()
        con.execute("USE snapshot")
        return dataclasses.replace(self.wh, con=con, lake=Lake(self.wh.lake.root, con, create=False))


class Snapshots:
    """The snapshot served now, per-thread cursors on it, and the preparation of the next one.
    `warm(wh, version)` computes a snapshot's default figures (AppContext.warm_snapshot)."""

    def __init__(self, db: Path, warm: Callable[[Any, Version], None], *, warm_new: bool = True,
                 warm_timeout_s: float = 300.0) -> None:
        self.db = Path(db)
        self._warm = warm
        self.warm_new = warm_new
        self.warm_timeout_s = warm_timeout_s
        self._lock = threading.Lock()
        self._served: OpenSnapshot | None = None
        self._preparing: Version | None = None
        self._local = threading.local()
        self.swaps = 0  # snapshots swapped in after the first (tests and /healthz)

    # -- state ---------------------------------------------------------------------------------
    def _stat(self) -> Version:
        from warehouse.publish import snapshot_path

        st = os.stat(snapshot_path(self.db))
        return st.st_ino, st.st_mtime_ns

    def _open(self) -> OpenSnapshot:
        """Open the published snapshot, labelled with the version of the file actually opened
        (a publish between the two stats: open again)."""
        import warehouse

        for _ in range(5):
            before = self._stat()
            wh = warehouse.open_snapshot(self.db)
            if self._stat() == before:
                return OpenSnapshot(before, wh)
            wh.close()
        wh = warehouse.open_snapshot(self.db)
        return OpenSnapshot(self._stat(), wh)

    def served(self) -> OpenSnapshot:
        """The snapshot served now (the first one opened on the first call); starts preparing a
        newer published one in the background. Raises FileNotFoundError without a snapshot."""
        with self._lock:
            if self._served is None:
                self._served = self._open()
            served = self._served
        try:
            newest = self._stat()
        except OSError:  # between a publish's unlink and rename (os.replace: never), or removed
            return served
        if newest != served.version:
            self._start_preparing(newest)
        return served

    def status(self) -> dict[str, Any]:
        with self._lock:
            return {"served": list(self._served.version) if self._served else None,
                    "preparing": self._preparing is not None, "swaps": self.swaps}

    # -- the next snapshot ---------------------------------------------------------------------
    def _start_preparing(self, version: Version) -> None:
        with self._lock:
            if self._preparing is not None:
                return
            self._preparing = version
        threading.Thread(target=self._prepare, name="snapshot-prepare", daemon=True).start()

    def _prepare(self) -> None:
        try:
            new = self._open()
            if self.warm_new:
                t0 = time.perf_counter()
                worker = threading.Thread(target=self._warm_quietly, args=(new,), name="snapshot-warm",
                                          daemon=True)
                worker.start()
                worker.join(self.warm_timeout_s)
                if worker.is_alive():
                    log.warning("snapshot %s: warm-up still running after %.0f s; serving it now",
                                new.version, self.warm_timeout_s)
                else:
                    log.info("snapshot %s warmed in %.1f s", new.version, time.perf_counter() - t0)
            with self._lock:
                self._served = new
                self.swaps += 1
        except Exception:  # noqa: BLE001 - the next request tries again; the old snapshot stays served
            log.warning("preparing the new snapshot failed", exc_info=True)
        finally:
            with self._lock:
                self._preparing = None

    def _warm_quietly(self, snap: OpenSnapshot) -> None:
        wh = None
        try:
            wh = snap.cursor()
            self._warm(wh, snap.version)
        except Exception:  # noqa: BLE001 - a warm-up failure only means the first view computes it
            log.warning("warming snapshot %s failed", snap.version, exc_info=True)
        finally:
            if wh is not None:
                try:
                    wh.con.close()
                except Exception:  # noqa: BLE001 - the snapshot's database may be gone already
                    log.debug("closing the warm-up cursor failed", exc_info=True)

    def warm_first(self) -> None:
        """Warm the snapshot served at start (the server already answers meanwhile)."""
        try:
            snap = self.served()
        except FileNotFoundError:
            return
        self._warm_quietly(snap)

    # -- per thread ------------------------------------------------------------------------------
    def connection(self) -> tuple[Any, Version]:
        """This thread's cursor on the served snapshot and its version; a thread moves to a new
        snapshot on its first request after the swap (its old cursor is closed then; the old
        database closes when no thread holds it any more)."""
        snap = self.served()
        local = self._local
        if getattr(local, "version", None) != snap.version:
            old = getattr(local, "wh", None)
            if old is not None:
                try:
                    old.con.close()
                except Exception:  # noqa: BLE001 - closing a replaced snapshot's cursor
                    log.debug("closing an old cursor failed", exc_info=True)
            local.wh, local.version, local.snap = snap.cursor(), snap.version, snap
        return local.wh, local.version
