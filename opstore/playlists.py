"""Trainers' named playlists of example moments in the operational store: saved, listed,
replaced and read back (so `meeluister examples --playlist NAME` can export one again)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

from opstore.db import Store, StoreError, stamp, utcnow

MIGRATIONS = ("playlists", Path(__file__).resolve().parent / "migrations" / "playlists")


class PlaylistError(StoreError):
    """A playlist that cannot be saved or found."""


@dataclass(frozen=True)
class PlaylistItem:
    contact_id: str
    criterion: str
    outcome: str
    turn_idx: int | None = None
    start_s: float | None = None
    end_s: float | None = None
    agent_id: str | None = None
    contact_day: str | None = None  # YYYY-MM-DD


def ensure(store: Store) -> Store:
    store.migrate(*MIGRATIONS)
    return store


def save_playlist(store: Store, name: str, items: Sequence[PlaylistItem], *, by: str, description: str = "",
                  now: datetime | None = None) -> int:
    """Create or replace the playlist `name`; returns its id."""
    ensure(store)
    if not name or not name.strip():
        raise PlaylistError("a playlist needs a name")
    at = stamp(now or utcnow())
    with store.transaction() as tx:
        row = tx.query_one("SELECT id FROM playlists WHERE name = ?", (name,))
        if row is None:
            tx.execute("INSERT INTO playlists (name, description, created_by, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?)", (name, description, by, at, at))
            row = tx.query_one("SELECT id FROM playlists WHERE name = ?", (name,))
        else:
            tx.execute("UPDATE playlists SET description = ?, updated_at = ? WHERE id = ?", (description, at, row["id"]))
            tx.execute("DELETE FROM playlist_items WHERE playlist_id = ?", (row["id"],))
        for pos, it in enumerate(items):
            tx.execute("INSERT INTO playlist_items (playlist_id, position, contact_id, agent_id, contact_day, criterion, "
                       "outcome, turn_idx, start_s, end_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (row["id"], pos, it.contact_id, it.agent_id, it.contact_day, it.criterion, it.outcome,
                        it.turn_idx, it.start_s, it.end_s))
    return int(row["id"])


def get_playlist(store: Store, name: str) -> list[PlaylistItem]:
    ensure(store)
    row = store.query_one("SELECT id FROM playlists WHERE name = ?", (name,))
    if row is None:
        raise PlaylistError(f"playlist {name!r}: no such playlist")
    return [PlaylistItem(**r) for r in store.query(
        "SELECT contact_id, criterion, outcome, turn_idx, start_s, end_s, agent_id, contact_day FROM playlist_items "
        "WHERE playlist_id = ? ORDER BY position", (row["id"],))]


def list_playlists(store: Store) -> list[dict]:
    ensure(store)
    return store.query("SELECT p.name, p.description, p.created_by, p.updated_at, "
                       "(SELECT count(*) FROM playlist_items i WHERE i.playlist_id = p.id) AS items "
                       "FROM playlists p ORDER BY p.name")
