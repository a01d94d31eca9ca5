"""Coaching sessions in the operational store: a team leader logs one (agent, focus criterion,
date, note); the agent acknowledges it. Reports show the criterion before and after."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from opstore.db import Store, StoreError, stamp, utcnow

MIGRATIONS = ("coaching_sessions", Path(__file__).resolve().parent / "migrations" / "coaching_sessions")


class SessionError(StoreError):
    """A coaching session that cannot be logged or acknowledged as asked."""


@dataclass(frozen=True)
class CoachingSession:
    id: int
    agent_id: str
    criterion: str
    session_date: str
    note: str
    logged_by: str
    logged_at: str
    acknowledged_by: str | None = None
    acknowledged_at: str | None = None


def ensure(store: Store) -> Store:
    store.migrate(*MIGRATIONS)
    return store


def _row(r: dict | None) -> CoachingSession | None:
    return None if r is None else CoachingSession(**{k: r[k] for k in CoachingSession.__dataclass_fields__})


def log_session(store: Store, *, agent_id: str, criterion: str, session_date: date, note: str, by: str,
                now: datetime | None = None) -> CoachingSession:
    ensure(store)
    if not agent_id or not criterion:
        raise SessionError("a coaching session needs an agent and a criterion")
    at = stamp(now or utcnow())
    with store.transaction() as tx:
        tx.execute("INSERT INTO coaching_sessions (agent_id, criterion, session_date, note, logged_by, logged_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (agent_id, criterion, session_date.isoformat(), note or "", by, at))
        r = tx.query_one("SELECT * FROM coaching_sessions WHERE agent_id = ? AND logged_at = ? ORDER BY id DESC",
                         (agent_id, at))
    return _row(r)  # type: ignore[return-value]


def acknowledge(store: Store, session_id: int, *, agent_id: str, now: datetime | None = None) -> CoachingSession:
    """The agent acknowledges their own session (another agent's is refused)."""
    ensure(store)
    s = _row(store.query_one("SELECT * FROM coaching_sessions WHERE id = ?", (int(session_id),)))
    if s is None:
        raise SessionError(f"coaching session {session_id}: no such session")
    if s.agent_id != agent_id:
        raise SessionError(f"coaching session {session_id}: belongs to {s.agent_id}, not {agent_id}")
    if s.acknowledged_at:
        return s
    store.execute("UPDATE coaching_sessions SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?",
                  (agent_id, stamp(now or utcnow()), s.id))
    return _row(store.query_one("SELECT * FROM coaching_sessions WHERE id = ?", (s.id,)))  # type: ignore[return-value]


def list_sessions(store: Store, *, agent_id: str | None = None) -> list[CoachingSession]:
    ensure(store)
    if agent_id:
        rows = store.query("SELECT * FROM coaching_sessions WHERE agent_id = ? ORDER BY session_date, id", (agent_id,))
    else:
        rows = store.query("SELECT * FROM coaching_sessions ORDER BY session_date, id")
    return [_row(r) for r in rows]  # type: ignore[misc]
