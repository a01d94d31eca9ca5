"""Numbered SQL migrations, one folder per module (`NNN_name.sql`), applied once, in order.

A file may use the tokens in `opstore.db.DIALECT_TOKENS` (`@ID@`, `@BYTES@`) where SQLite and
PostgreSQL differ. Each applied file is recorded in `schema_migrations(module, version, name,
applied_at)`; a file whose number is already recorded is skipped, so running the migrations again
(or from several servers at once) is harmless. Each file runs in its own transaction together
with its record (both dialects have transactional DDL).
"""
from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from pathlib import Path

from opstore.db import Store, StoreError

log = logging.getLogger(__name__)

OWN_MODULES = ("users", "sessions", "access_log")   # opstore's own, applied by open_store
_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

_CREATE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (module, version))"""


def migration_files(folder: Path) -> list[tuple[int, str, Path]]:
    """(version, name, path) in order; a badly named .sql file is an error naming it."""
    out = []
    for p in sorted(Path(folder).glob("*.sql")):
        m = _FILE.match(p.name)
        if not m:
            raise StoreError(f"{p}: migration files are named NNN_name.sql")
        out.append((int(m.group(1)), m.group(2), p))
    versions = [v for v, _, _ in out]
    if len(set(versions)) != len(versions):
        raise StoreError(f"{folder}: two migration files share a number")
    return out


def applied(store: Store, module: str) -> list[int]:
    store.execute(_CREATE)
    return [r["version"] for r in store.query(
        "SELECT version FROM schema_migrations WHERE module = ? ORDER BY version", (module,))]


def migrate(store: Store, module: str, folder: Path | str) -> list[int]:
    """Apply `folder`'s migrations for `module` that are not yet recorded; returns those applied."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", module):
        raise StoreError(f"migration module name {module!r}: lower-case letters, digits, _")
    store.execute(_CREATE)
    done: list[int] = []
    for version, name, path in migration_files(Path(folder)):
        sql = path.read_text(encoding="utf-8")
        for token, repl in store.tokens.items():
            sql = sql.replace(token, repl)
        with store.transaction() as tx:
            if store.dialect == "postgresql":
                # Several servers starting at once: one applies, the others wait and skip.
                tx.execute("SELECT pg_advisory_xact_lock(?)", (0x6D65656C,))
            if tx.query_one("SELECT 1 AS x FROM schema_migrations WHERE module = ? AND version = ?",
                            (module, version)):
                continue
            try:
                tx.executescript(sql)
            except Exception as exc:
                raise StoreError(f"{path}: migration failed: {str(exc).strip().splitlines()[0]}") from exc
            tx.execute("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)",
                       (module, version, name, datetime.now(timezone.utc).isoformat()))
            done.append(version)
            log.info("store %s: applied %s/%s", store.dialect, module, path.name)
    return done


def migrate_own(store: Store) -> None:
    here = Path(__file__).resolve().parent
    for module in OWN_MODULES:
        migrate(store, module, here / module)
