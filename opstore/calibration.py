"""Calibration runs in the operational store: per criterion (and language, channel) the
agreement between automatic and human grades; the latest run decides which criteria are
advisory (kappa below the floor: shown with evidence, not counted in scores or levels)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

from opstore.db import Store, stamp, utcnow

MIGRATIONS = ("calibration", Path(__file__).resolve().parent / "migrations" / "calibration")


@dataclass(frozen=True)
class CalibrationRow:
    criterion: str
    language: str  # '*' = all
    channel: str  # '*' = all
    n: int
    agreement: float | None
    kappa: float | None
    kappa_low: float | None
    kappa_high: float | None
    advisory: bool


def ensure(store: Store) -> Store:
    store.migrate(*MIGRATIONS)
    return store


def save_run(store: Store, rows: Sequence[CalibrationRow], *, source: str, kappa_floor: float, by: str,
             now: datetime | None = None) -> int:
    ensure(store)
    at = stamp(now or utcnow())
    with store.transaction() as tx:
        tx.execute("INSERT INTO calibration_runs (at, source, kappa_floor, run_by) VALUES (?, ?, ?, ?)",
                   (at, source, float(kappa_floor), by))
        run_id = int(tx.query_one("SELECT max(id) AS id FROM calibration_runs WHERE at = ?", (at,))["id"])
        for r in rows:
            tx.execute("INSERT INTO calibration_results (run_id, criterion, language, channel, n, agreement, kappa, "
                       "kappa_low, kappa_high, advisory) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (run_id, r.criterion, r.language, r.channel, r.n, r.agreement, r.kappa, r.kappa_low,
                        r.kappa_high, int(r.advisory)))
    return run_id


def latest(store: Store) -> list[CalibrationRow]:
    """Each criterion's rows from the latest run that graded it."""
    ensure(store)
    rows = store.query(
        "SELECT r.* FROM calibration_results r JOIN ("
        "  SELECT criterion, max(run_id) AS run_id FROM calibration_results GROUP BY criterion) m "
        "ON r.criterion = m.criterion AND r.run_id = m.run_id ORDER BY r.criterion, r.language, r.channel")
    return [CalibrationRow(r["criterion"], r["language"], r["channel"], r["n"], r["agreement"], r["kappa"],
                           r["kappa_low"], r["kappa_high"], bool(r["advisory"])) for r in rows]


def advisory_criteria(store: Store) -> list[str]:
    """Criteria whose latest overall calibration (all languages and channels) is below the floor."""
    return sorted({r.criterion for r in latest(store) if r.language == "*" and r.channel == "*" and r.advisory})
