"""Counts that add up: one shape for every tally an ingest keeps (rows per table, survey links).

`Counts` is a frozen dataclass of integer fields whose `+` adds field by field; `TableCounts`
(what an upsert or a whole run did to one table) and `LinkStats` (how surveys found their
contact) are the two tallies built on it.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypeVar

C = TypeVar("C", bound="Counts")


@dataclass(frozen=True)
class Counts:
    def __add__(self: C, other: C) -> C:
        if type(other) is not type(self):
            return NotImplemented
        return type(self)(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass(frozen=True)
class TableCounts(Counts):
    """Rows of one table: added, updated (content changed), unchanged, removed (a replaced group
    no longer has them), rejected (quarantined)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class LinkStats(Counts):
    """Survey responses linked to a contact: by contact id, and by agent + time window."""

    by_id_total: int = 0
    by_id_matched: int = 0
    by_window_total: int = 0
    by_window_matched: int = 0

    @property
    def total(self) -> int:
        return self.by_id_total + self.by_window_total

    @property
    def matched(self) -> int:
        return self.by_id_matched + self.by_window_matched

    @property
    def match_rate(self) -> float | None:
        return self.matched / self.total if self.total else None
