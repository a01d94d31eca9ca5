"""Server-side sessions with idle expiry. The browser's cookie holds a random token; the store
keeps its SHA-256 only, with the user, a CSRF token, and when it was last used."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from opstore.db import Store, stamp, unstamp, utcnow
from opstore.users import User, get_user_by_id


@dataclass(frozen=True)
class SessionOptions:
    idle_timeout_s: float = 30 * 60        # signed out after 30 minutes without a request
    absolute_timeout_s: float = 12 * 3600  # and after 12 hours whatever happens
    touch_every_s: float = 30.0            # write last_seen at most this often (fewer writes)


@dataclass(frozen=True)
class Session:
    token: str          # what the cookie holds (only known at creation)
    user: User
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(store: Store, user: User, address: str | None = None, user_agent: str | None = None,
                   now: datetime | None = None) -> Session:
    now = now or utcnow()
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    store.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, address,"
                  " user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  (_hash(token), user.id, csrf, stamp(now), stamp(now), address, (user_agent or "")[:300]))
    return Session(token, user, csrf, now, now)


def get_session(store: Store, token: str | None, now: datetime | None = None,
                options: SessionOptions | None = None) -> Session | None:
    """The live session for this token (its idle clock restarted), or None: unknown, idle too
    long, too old, or its user removed. An expired session is deleted."""
    if not token or len(token) > 200:
        return None
    opts = options or SessionOptions()
    now = now or utcnow()
    h = _hash(token)
    row = store.query_one("SELECT * FROM sessions WHERE token_hash = ?", (h,))
    if row is None:
        return None
    created, seen = unstamp(row["created_at"]), unstamp(row["last_seen_at"])
    if (now - seen).total_seconds() > opts.idle_timeout_s or (now - created).total_seconds() > opts.absolute_timeout_s:
        store.execute("DELETE FROM sessions WHERE token_hash = ?", (h,))
        return None
    user = get_user_by_id(store, row["user_id"])
    if user is None:
        return None
    if (now - seen).total_seconds() >= opts.touch_every_s:
        store.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", (stamp(now), h))
        seen = now
    return Session(token, user, row["csrf_token"], created, seen)


def end_session(store: Store, token: str | None) -> None:
    if token:
        store.execute("DELETE FROM sessions WHERE token_hash = ?", (_hash(token),))


def purge_expired(store: Store, now: datetime | None = None, options: SessionOptions | None = None) -> int:
    opts = options or SessionOptions()
    now = now or utcnow()
    return store.execute("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?",
                         (stamp(now - timedelta(seconds=opts.idle_timeout_s)),
                          stamp(now - timedelta(seconds=opts.absolute_timeout_s))))
