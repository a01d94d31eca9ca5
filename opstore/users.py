"""Users, roles, teams and passwords (argon2id), and the slowing down of failed logins.

Roles: agent (own contacts; needs an agent id), team_leader (their team(s); needs a team),
trainer (example library, customers pseudonymised), management (aggregates), admin (users).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from opstore.db import IntegrityError, Store, StoreError, stamp, unstamp, utcnow

log = logging.getLogger(__name__)

ROLES = ("agent", "team_leader", "trainer", "management", "admin")
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class UserError(StoreError):
    """A user that cannot be created or changed as asked (message says why)."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    agent_id: str | None = None
    teams: tuple[str, ...] = ()
    display_name: str | None = None


@dataclass(frozen=True)
class PasswordOptions:
    min_length: int = 10
    # argon2id parameters (argon2-cffi's RFC 9106 low-memory profile).
    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 4


@dataclass(frozen=True)
class ThrottleOptions:
    free_failures: int = 3          # failures before any delay
    base_delay_s: float = 2.0       # then 2, 4, 8, ... seconds locked
    max_delay_s: float = 300.0
    window_s: float = 900.0         # failures older than this are forgotten


def _hasher(opts: PasswordOptions):
    from argon2 import PasswordHasher
    return PasswordHasher(time_cost=opts.time_cost, memory_cost=opts.memory_cost_kib,
                          parallelism=opts.parallelism)


def hash_password(password: str, opts: PasswordOptions | None = None) -> str:
    opts = opts or PasswordOptions()
    if len(password) < opts.min_length:
        raise UserError(f"password too short: at least {opts.min_length} characters")
    return _hasher(opts).hash(password)


def _validate(role: str, agent_id: str | None, teams: tuple[str, ...]) -> None:
    if role not in ROLES:
        raise UserError(f"role {role!r}: one of {', '.join(ROLES)}")
    if role == "agent" and not agent_id:
        raise UserError("an agent needs --agent-id (the agent id in the warehouse)")
    if role == "team_leader" and not teams:
        raise UserError("a team leader needs at least one --team")


def _load(store: Store, row: dict | None) -> User | None:
    if row is None:
        return None
    teams = tuple(r["team"] for r in store.query(
        "SELECT team FROM user_teams WHERE user_id = ? ORDER BY team", (row["id"],)))
    return User(int(row["id"]), row["username"], row["role"], row["agent_id"], teams, row["display_name"])


def add_user(store: Store, username: str, password: str, role: str, agent_id: str | None = None,
             teams: tuple[str, ...] | list[str] = (), display_name: str | None = None,
             options: PasswordOptions | None = None) -> User:
    teams = tuple(dict.fromkeys(t.strip() for t in teams if t and t.strip()))
    if not _USERNAME.match(username or ""):
        raise UserError(f"username {username!r}: letters, digits and . _ @ - (at most 64)")
    _validate(role, agent_id, teams)
    pw_hash = hash_password(password, options)
    now = stamp(utcnow())
    try:
        with store.transaction() as tx:
            row = tx.query_one(
                "INSERT INTO users (username, password_hash, role, agent_id, display_name, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (username, pw_hash, role, agent_id or None, display_name, now, now))
            for t in teams:
                tx.execute("INSERT INTO user_teams (user_id, team) VALUES (?, ?)", (row["id"], t))
    except IntegrityError as exc:
        raise UserError(f"user {username!r} already exists") from exc
    log.info("user %s added (%s)", username, role)
    return get_user(store, username)  # type: ignore[return-value]


def get_user(store: Store, username: str) -> User | None:
    return _load(store, store.query_one("SELECT * FROM users WHERE username = ?", (username,)))


def get_user_by_id(store: Store, user_id: int) -> User | None:
    return _load(store, store.query_one("SELECT * FROM users WHERE id = ?", (int(user_id),)))


def list_users(store: Store) -> list[User]:
    return [u for u in (_load(store, r) for r in store.query("SELECT * FROM users ORDER BY username")) if u]


def remove_user(store: Store, username: str) -> bool:
    """Removes the user and (by cascade) their sessions; their access-log trail stays."""
    with store.transaction() as tx:
        row = tx.query_one("SELECT id FROM users WHERE username = ?", (username,))
        if row is None:
            return False
        tx.execute("DELETE FROM sessions WHERE user_id = ?", (row["id"],))
        tx.execute("DELETE FROM user_teams WHERE user_id = ?", (row["id"],))
        tx.execute("DELETE FROM users WHERE id = ?", (row["id"],))
    return True


def set_password(store: Store, username: str, password: str, options: PasswordOptions | None = None) -> None:
    """New password; every session of the user ends (a stolen session dies with the old password)."""
    pw_hash = hash_password(password, options)
    with store.transaction() as tx:
        row = tx.query_one("SELECT id FROM users WHERE username = ?", (username,))
        if row is None:
            raise UserError(f"no user {username!r}")
        tx.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                   (pw_hash, stamp(utcnow()), row["id"]))
        tx.execute("DELETE FROM sessions WHERE user_id = ?", (row["id"],))


def verify_password(store: Store, username: str, password: str,
                    options: PasswordOptions | None = None) -> User | None:
    """The user when the password is right, else None (same work done for unknown users)."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    opts = options or PasswordOptions()
    ph = _hasher(opts)
    row = store.query_one("SELECT * FROM users WHERE username = ?", (username,))
    if row is None:
        ph.hash(password or "x")  # the same work, so timing does not tell which usernames exist
        return None
    try:
        ph.verify(row["password_hash"], password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if ph.check_needs_rehash(row["password_hash"]):
        store.execute("UPDATE users SET password_hash = ? WHERE id = ?", (ph.hash(password), row["id"]))
    return _load(store, row)


# -- slowing down failed logins (per user and per address) -----------------------------------
def throttle_wait(store: Store, keys: list[str], now: datetime | None = None) -> float:
    """Seconds until a login for these keys may be tried again (0: now)."""
    now = now or utcnow()
    wait = 0.0
    for key in keys:
        row = store.query_one("SELECT locked_until FROM login_throttle WHERE key = ?", (key,))
        if row:
            wait = max(wait, (unstamp(row["locked_until"]) - now).total_seconds())
    return max(wait, 0.0)


def record_failure(store: Store, keys: list[str], now: datetime | None = None,
                   options: ThrottleOptions | None = None) -> float:
    """Count a failed login for each key; returns the delay now imposed (seconds)."""
    opts = options or ThrottleOptions()
    now = now or utcnow()
    longest = 0.0
    with store.transaction() as tx:
        for key in keys:
            row = tx.query_one("SELECT failures, first_failed_at FROM login_throttle WHERE key = ?", (key,))
            failures = 1
            first = now
            if row and (now - unstamp(row["first_failed_at"])).total_seconds() <= opts.window_s:
                failures = int(row["failures"]) + 1
                first = unstamp(row["first_failed_at"])
            over = failures - opts.free_failures
            delay = 0.0 if over <= 0 else min(opts.base_delay_s * 2 ** (over - 1), opts.max_delay_s)
            longest = max(longest, delay)
            params = (failures, stamp(first), stamp(now + timedelta(seconds=delay)), key)
            if row:
                tx.execute("UPDATE login_throttle SET failures = ?, first_failed_at = ?, locked_until = ?"
                           " WHERE key = ?", params)
            else:
                tx.execute("INSERT INTO login_throttle (failures, first_failed_at, locked_until, key)"
                           " VALUES (?, ?, ?, ?)", params)
    return longest


def clear_failures(store: Store, key: str) -> None:
    store.execute("DELETE FROM login_throttle WHERE key = ?", (key,))
