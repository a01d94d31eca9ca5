"""Retention in the operational store: the text people wrote about contacts past the policy.

`warehouse.retention.purge(..., store=...)` calls `purge_texts` with the contacts whose quotes it
removes: their disputes lose the agent's comment, the decision's reason and the events' details,
and their reviews the reviewer's reason (the outcomes stay and keep counting); coaching sessions
before `notes_before` lose their note (a note is about an agent, not a contact: the default
rule's limit applies). Playlists hold references only (contact, criterion, turn, times): they
stay, and what they point at has been purged in the warehouse. Users, sessions and the access log
hold no transcript text. A table the store does not have (its module never migrated) is skipped.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Sequence

from opstore.db import Store

logger = logging.getLogger(__name__)

_CHUNK = 500


def _has(store: Store, table: str) -> bool:
    if store.dialect == "sqlite":
        return store.query_one("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [table]) is not None
    return store.query_one("SELECT table_name FROM information_schema.tables WHERE table_name = ?", [table]) is not None


def _ids_in(store: Store, sql: str, wanted: set[str]) -> list:
    return [r for r in store.query(sql) if r["contact_id"] in wanted]


def purge_texts(store: Store, contact_ids: Sequence[str], notes_before: date | None, *,
                dry_run: bool = False) -> dict[str, int]:
    """Empty the text about `contact_ids` (and coaching notes before `notes_before`); rows
    changed per table."""
    wanted = set(map(str, contact_ids))
    out: dict[str, int] = {}
    if _has(store, "disputes"):
        hit = _ids_in(store, "SELECT id, contact_id FROM disputes WHERE comment <> '' OR decision_reason IS NOT NULL",
                      wanted)
        out["disputes"] = len(hit)
        ev = 0
        for k in range(0, len(hit), _CHUNK):
            ids = [r["id"] for r in hit[k:k + _CHUNK]]
            marks = ", ".join("?" * len(ids))
            ev += len(store.query(f"SELECT id FROM dispute_events WHERE detail IS NOT NULL AND dispute_id IN ({marks})",
                                  ids))
            if not dry_run:
                with store.transaction():
                    store.execute(f"UPDATE disputes SET comment = '', decision_reason = NULL WHERE id IN ({marks})", ids)
                    store.execute(f"UPDATE dispute_events SET detail = NULL WHERE dispute_id IN ({marks})", ids)
        out["dispute_events"] = ev
    if _has(store, "reviews"):
        hit = _ids_in(store, "SELECT id, contact_id FROM reviews WHERE reason IS NOT NULL AND reason <> ''", wanted)
        out["reviews"] = len(hit)
        for k in range(0, len(hit), _CHUNK):
            ids = [r["id"] for r in hit[k:k + _CHUNK]]
            if not dry_run:
                store.execute(f"UPDATE reviews SET reason = NULL WHERE id IN ({', '.join('?' * len(ids))})", ids)
    if _has(store, "coaching_sessions") and notes_before is not None:
        rows = store.query("SELECT id FROM coaching_sessions WHERE note <> '' AND session_date < ?",
                           [notes_before.isoformat()])
        out["coaching_sessions"] = len(rows)
        if rows and not dry_run:
            store.execute("UPDATE coaching_sessions SET note = '' WHERE note <> '' AND session_date < ?",
                          [notes_before.isoformat()])
    for k, v in out.items():
        if v:
            logger.info("purge: store %s: %d row(s)%s", k, v, " (dry run)" if dry_run else "")
    return out
