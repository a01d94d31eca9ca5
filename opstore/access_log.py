"""Who looked at which contact, when, and how (view, audio, export). Agent analytics is personnel
monitoring (shared/DESIGN.md): every view of a contact by a person is written here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from opstore.db import Store, stamp, unstamp, utcnow
from opstore.users import User

ACTIONS = ("view", "audio", "export")


@dataclass(frozen=True)
class AccessEntry:
    at: datetime
    user_id: int
    username: str
    role: str
    contact_id: str
    action: str
    address: str | None


def log_access(store: Store, user: User, contact_id: str, action: str = "view",
               address: str | None = None, now: datetime | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"access action {action!r}: one of {', '.join(ACTIONS)}")
    store.execute("INSERT INTO access_log (at, user_id, username, role, contact_id, action, address)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  (stamp(now or utcnow()), user.id, user.username, user.role, contact_id, action, address))


def entries(store: Store, contact_id: str | None = None, username: str | None = None,
            since: datetime | None = None, limit: int = 1000) -> list[AccessEntry]:
    where, params = [], []
    if contact_id is not None:
        where.append("contact_id = ?"); params.append(contact_id)
    if username is not None:
        where.append("username = ?"); params.append(username)
    if since is not None:
        where.append("at >= ?"); params.append(stamp(since))
    sql = "SELECT * FROM access_log" + (" WHERE " + " AND ".join(where) if where else "")
    rows = store.query(sql + " ORDER BY at DESC, id DESC LIMIT ?", (*params, int(limit)))
    return [AccessEntry(unstamp(r["at"]), int(r["user_id"]), r["username"], r["role"], r["contact_id"],
                        r["action"], r["address"]) for r in rows]
