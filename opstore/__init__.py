"""The operational store: what people do in the product (users, sessions, access log; disputes,
coaching sessions, playlists from `coaching`). SQLite in WAL mode by default, PostgreSQL by URL
(docs/dashboard.md, "Operational store").

    from opstore import open_store
    store = open_store("sqlite:///var/meeluister/op.db")      # or "postgresql://user@host/db"
    store.execute("INSERT INTO t (a) VALUES (?)", (1,))
    rows = store.query("SELECT a FROM t WHERE a > ?", (0,))   # list of dicts
    with store.transaction():
        ...
    store.migrate("coaching", Path(__file__).parent / "migrations")  # NNN_name.sql, applied once

Modules: `opstore.users`, `opstore.sessions`, `opstore.access_log`.
"""
from __future__ import annotations

from pathlib import Path

from opstore.db import DIALECT_TOKENS, IntegrityError, Store, StoreError, StoreOptions, stamp, unstamp, utcnow
from opstore.migrations import applied, migrate, migrate_own

DEFAULT_URL = "sqlite:///meeluister-store.db"


def open_store(url: str = DEFAULT_URL, options: StoreOptions | None = None,
               migrations: tuple[tuple[str, Path | str], ...] = ()) -> Store:
    """Open (and bring up to date) the store at `url`: opstore's own migrations, then the
    `(module, folder)` pairs given."""
    store = Store(url, options)
    migrate_own(store)
    for module, folder in migrations:
        migrate(store, module, folder)
    return store


__all__ = ["DEFAULT_URL", "DIALECT_TOKENS", "IntegrityError", "Store", "StoreError", "StoreOptions",
           "applied", "migrate", "open_store", "stamp", "unstamp", "utcnow"]
