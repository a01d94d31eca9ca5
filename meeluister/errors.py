"""Input errors that name the file and the cause, and the quarantine report beside a batch.

A batch never stops for one bad input: the stage raises `InputError`, the batch driver records it
in a `Quarantine` (one JSON line per rejected input) and goes on.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

logger = logging.getLogger(__name__)


class InputError(Exception):
    """Bad input: one line, naming the file (and the field or row, where there is one)."""

    def __init__(self, source: str | Path, cause: str, *, where: str | None = None) -> None:
        self.source = str(source)
        self.cause = cause
        self.where = where
        super().__init__(self.line())

    def __reduce__(self) -> tuple[object, ...]:
        # Batches run in worker processes: the error must survive pickling with its fields.
        return (_rebuild_input_error, (self.source, self.cause, self.where))

    def line(self) -> str:
        loc = f"{self.source}: {self.where}" if self.where else self.source
        return f"{loc}: {self.cause}"


def _rebuild_input_error(source: str, cause: str, where: str | None) -> InputError:
    return InputError(source, cause, where=where)


@dataclass(frozen=True)
class QuarantineEntry:
    source: str
    stage: str
    cause: str
    where: str | None = None
    at: str = ""


class Quarantine:
    """Append-only JSONL report of rejected inputs; thread-safe, re-runs replace stale entries.

    `path=None` keeps the entries in memory only (for the Python API).
    """

    def __init__(self, path: str | Path | None, stage: str) -> None:
        self.path = Path(path) if path is not None else None
        self.stage = stage
        self._lock = threading.Lock()
        self.entries: list[QuarantineEntry] = []
        if self.path is not None and self.path.exists():
            # Keep other stages' entries; this stage's entries are rewritten by this run. A line
            # cut short by a killed process (the last one) is dropped; the rewrite is atomic.
            kept = []
            for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        logger.warning("%s: dropped an unfinished line (a killed run's)", self.path)
                        continue
                    if isinstance(rec, dict) and rec.get("stage") != stage:
                        kept.append(line)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
            tmp.write_text("".join(k + "\n" for k in kept), encoding="utf-8")
            os.replace(tmp, self.path)

    def add(self, error: InputError, *, log: bool = True) -> QuarantineEntry:
        """Record one rejected input; `log=False` when the caller logs a summary instead."""
        entry = QuarantineEntry(
            source=error.source,
            stage=self.stage,
            cause=error.cause,
            where=error.where,
            at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        with self._lock:
            self.entries.append(entry)
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        if log:
            logger.error("%s", error.line())
        return entry

    def __len__(self) -> int:
        return len(self.entries)
