"""The warehouse's one-writer lock: `<name>.duckdb.lock` beside the database file.

DuckDB lets one process write a database file; a second writer used to fail inside DuckDB with a
long error. Every writing connection (`warehouse.connect`, so `meeluister ingest`, `settings`,
the bulk path) first takes this lock: an exclusive `flock` on the lock file, whose content names
the holder (pid, host, start time, command). A second writer waits up to
`DbOptions.lock_timeout_s` seconds and then stops with `WarehouseBusy`, one line naming the
warehouse and the holder. The kernel drops a `flock` when its process dies, however it dies
(SIGKILL included), so a lock left by a killed ingest is free again at once: the next writer
takes it over and logs whose it was (its content is cleared only on a clean release).

Within one process the lock is re-entrant (a nested `connect` of the same warehouse shares it).
`flock` holds on local file systems; on NFS it depends on the mount (docs/warehouse.md).
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

logger = logging.getLogger(__name__)

_POLL_S = 0.1


class WarehouseBusy(RuntimeError):
    """Another process writes the warehouse; the message is one line naming both."""

    def __init__(self, db: Path, holder: dict[str, object], waited_s: float) -> None:
        self.db, self.holder, self.waited_s = db, holder, waited_s
        super().__init__(f"{db}: warehouse busy: {describe_holder(holder)} writes it; "
                         f"gave up after {waited_s:.0f} s (wait longer with --wait-for-lock SECONDS)")


def describe_holder(holder: dict[str, object]) -> str:
    if not holder.get("pid"):
        return "another process (no holder recorded)"
    cmd = holder.get("command")
    return (f"pid {holder.get('pid')} on {holder.get('host', '?')} since {holder.get('started_at', '?')}"
            + (f" ({cmd})" if cmd else ""))


def lock_path(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.name + ".lock")


@dataclass
class _Held:
    fd: int
    count: int


_held: dict[Path, _Held] = {}  # this process's locks, per lock file (re-entrancy)
_guard = threading.Lock()


def _read(fd: int) -> dict[str, object]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 65536).decode("utf-8", "replace").strip()
        return json.loads(raw) if raw else {}
    except (OSError, ValueError):
        return {}


def _command() -> str:
    """What the holder runs, as a person typed it: `meeluister ingest`."""
    argv0 = Path(sys.argv[0] or "python")
    prog = "meeluister" if argv0.name == "meeluister" or argv0.parts[-2:] == ("meeluister", "cli.py") else argv0.name
    sub = next((a for a in sys.argv[1:] if not a.startswith("-")), "")
    return f"{prog} {sub}".strip()[:120]


def acquire(db: str | Path, timeout_s: float = 0.0) -> Path:
    """Take the writer lock of the warehouse at `db`, waiting up to `timeout_s` seconds; raises
    `WarehouseBusy` naming the holder. Returns the lock file (pass it to `release`)."""
    path = lock_path(db).resolve()
    with _guard:
        if path in _held:
            _held[path].count += 1
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        start = time.monotonic()
        logged_wait = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - start
                if waited >= timeout_s:
                    holder = _read(fd)
                    os.close(fd)
                    raise WarehouseBusy(Path(db), holder, waited) from None
                if not logged_wait:
                    logger.warning("%s: waiting up to %.0f s for %s", db, timeout_s, describe_holder(_read(fd)))
                    logged_wait = True
                time.sleep(min(_POLL_S, max(0.0, timeout_s - waited)))
        stale = _read(fd)
        if stale.get("pid"):
            # Content is cleared on a clean release: a holder recorded here died holding it.
            logger.warning("%s: took over the lock of %s, which ended without releasing it "
                           "(killed?); what it left unfinished is recovered now", db, describe_holder(stale))
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "command": _command()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode(), 0)
        _held[path] = _Held(fd, 1)
        return path


def release(path: Path) -> None:
    with _guard:
        held = _held.get(path)
        if held is None:
            return
        held.count -= 1
        if held.count:
            return
        del _held[path]
        try:
            os.ftruncate(held.fd, 0)  # a clean release: no holder to report as stale
        finally:
            fcntl.flock(held.fd, fcntl.LOCK_UN)
            os.close(held.fd)


def holder(db: str | Path) -> dict[str, object]:
    """Who holds the lock now ({} when nobody does)."""
    path = lock_path(db)
    if not path.exists():
        return {}
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read(fd) or {"pid": None}
        fcntl.flock(fd, fcntl.LOCK_UN)
        return {}
    finally:
        os.close(fd)
