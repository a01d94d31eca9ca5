"""Disputes and reviewed outcomes in the operational store.

An agent contests one automatic criterion result (with a comment) within the dispute window
(days after the contact's day); a team leader upholds it (the automatic outcome stands) or
overturns it (another outcome counts) with a reason. Every step is a row in `dispute_events`
with who and when; a decision also writes a `reviews` row, which the query layer counts instead
of the automatic outcome (`reviewed_outcomes`). The automatic outcome stays in the warehouse.

    d = open_dispute(store, contact_id="c-1", criterion="nivea", agent_id="a-01", contact_day=date(2026, 11, 18),
                     auto_outcome="fail", comment="Ik vatte samen", by="a-01", window_days=14)
    decide_dispute(store, d.id, decision="overturn", reason="Samenvatting, geen invullen", by="tl-noord")
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from opstore.db import IntegrityError, Store, StoreError, stamp, utcnow

MIGRATIONS = ("disputes", Path(__file__).resolve().parent / "migrations" / "disputes")
OUTCOMES = ("pass", "fail", "n/a")
DECISIONS = {"uphold": "upheld", "overturn": "overturned"}


class DisputeError(StoreError):
    """A dispute that cannot be opened or decided as asked (the message says why)."""


@dataclass(frozen=True)
class Dispute:
    id: int
    contact_id: str
    criterion: str
    agent_id: str
    contact_day: str
    auto_outcome: str
    comment: str
    opened_by: str
    opened_at: str
    status: str
    decided_by: str | None = None
    decided_at: str | None = None
    decision_reason: str | None = None
    reviewed_outcome: str | None = None


@dataclass(frozen=True)
class Review:
    contact_id: str
    criterion: str
    outcome: str
    reviewer: str
    decided_at: str
    reason: str | None = None
    dispute_id: int | None = None


def ensure(store: Store) -> Store:
    store.migrate(*MIGRATIONS)
    return store


def _dispute(row: dict | None) -> Dispute | None:
    return None if row is None else Dispute(**{k: row[k] for k in Dispute.__dataclass_fields__})


def open_dispute(store: Store, *, contact_id: str, criterion: str, agent_id: str, contact_day: date,
                 auto_outcome: str, comment: str, by: str, window_days: int,
                 now: datetime | None = None) -> Dispute:
    ensure(store)
    now = now or utcnow()
    if not comment or not comment.strip():
        raise DisputeError(f"dispute on {contact_id}/{criterion}: a comment is required")
    if auto_outcome not in OUTCOMES:
        raise DisputeError(f"dispute on {contact_id}/{criterion}: automatic outcome {auto_outcome!r} is not one of {OUTCOMES}")
    last = contact_day + timedelta(days=window_days)
    if now.date() > last:
        raise DisputeError(f"dispute on {contact_id}/{criterion}: the {window_days}-day window closed on {last} "
                           f"(contact on {contact_day})")
    at = stamp(now)
    try:
        with store.transaction() as tx:
            tx.execute("INSERT INTO disputes (contact_id, criterion, agent_id, contact_day, auto_outcome, comment, "
                       "opened_by, opened_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')",
                       (contact_id, criterion, agent_id, contact_day.isoformat(), auto_outcome, comment.strip(), by, at))
            row = tx.query_one("SELECT * FROM disputes WHERE contact_id = ? AND criterion = ? AND status = 'open'",
                               (contact_id, criterion))
            tx.execute("INSERT INTO dispute_events (dispute_id, at, actor, action, detail) VALUES (?, ?, ?, 'opened', ?)",
                       (row["id"], at, by, comment.strip()))
    except IntegrityError:
        raise DisputeError(f"dispute on {contact_id}/{criterion}: one is already open") from None
    return _dispute(row)  # type: ignore[return-value]


def get_dispute(store: Store, dispute_id: int) -> Dispute | None:
    ensure(store)
    return _dispute(store.query_one("SELECT * FROM disputes WHERE id = ?", (int(dispute_id),)))


def decide_dispute(store: Store, dispute_id: int, *, decision: str, reason: str, by: str,
                   outcome: str | None = None, now: datetime | None = None) -> Dispute:
    """`decision`: uphold (the automatic outcome stands) or overturn (`outcome`, default: the
    opposite of the automatic pass/fail)."""
    ensure(store)
    if decision not in DECISIONS:
        raise DisputeError(f"dispute {dispute_id}: decision must be one of {tuple(DECISIONS)}, not {decision!r}")
    if not reason or not reason.strip():
        raise DisputeError(f"dispute {dispute_id}: a reason is required")
    at = stamp(now or utcnow())
    with store.transaction() as tx:
        d = _dispute(tx.query_one("SELECT * FROM disputes WHERE id = ?", (int(dispute_id),)))
        if d is None:
            raise DisputeError(f"dispute {dispute_id}: no such dispute")
        if d.status != "open":
            raise DisputeError(f"dispute {dispute_id}: already {d.status} by {d.decided_by} at {d.decided_at}")
        if decision == "uphold":
            new = d.auto_outcome
        else:
            new = outcome or {"fail": "pass", "pass": "fail"}.get(d.auto_outcome)
            if new is None or new not in OUTCOMES or new == d.auto_outcome:
                raise DisputeError(f"dispute {dispute_id}: overturning {d.auto_outcome!r} needs another outcome "
                                   f"(one of {OUTCOMES})")
        status = DECISIONS[decision]
        tx.execute("UPDATE disputes SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, "
                   "reviewed_outcome = ? WHERE id = ? AND status = 'open'",
                   (status, by, at, reason.strip(), new, d.id))
        tx.execute("INSERT INTO dispute_events (dispute_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                   (d.id, at, by, status, reason.strip()))
        tx.execute("INSERT INTO reviews (contact_id, criterion, outcome, reviewer, decided_at, reason, dispute_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", (d.contact_id, d.criterion, new, by, at, reason.strip(), d.id))
        return _dispute(tx.query_one("SELECT * FROM disputes WHERE id = ?", (d.id,)))  # type: ignore[return-value]


def add_review(store: Store, *, contact_id: str, criterion: str, outcome: str, reviewer: str,
               reason: str | None = None, now: datetime | None = None) -> Review:
    """A human review without a dispute (e.g. of a low-confidence result)."""
    ensure(store)
    if outcome not in OUTCOMES:
        raise DisputeError(f"review of {contact_id}/{criterion}: outcome {outcome!r} is not one of {OUTCOMES}")
    at = stamp(now or utcnow())
    store.execute("INSERT INTO reviews (contact_id, criterion, outcome, reviewer, decided_at, reason) "
                  "VALUES (?, ?, ?, ?, ?, ?)", (contact_id, criterion, outcome, reviewer, at, reason))
    return Review(contact_id, criterion, outcome, reviewer, at, reason)


def list_disputes(store: Store, *, status: str | None = None, agent_id: str | None = None,
                  agent_ids: tuple[str, ...] | None = None) -> list[Dispute]:
    ensure(store)
    sql, params = "SELECT * FROM disputes WHERE 1 = 1", []
    if status:
        sql += " AND status = ?"
        params.append(status)
    if agent_id:
        sql += " AND agent_id = ?"
        params.append(agent_id)
    if agent_ids is not None:
        if not agent_ids:
            return []
        sql += " AND agent_id IN (" + ", ".join("?" for _ in agent_ids) + ")"
        params.extend(agent_ids)
    return [_dispute(r) for r in store.query(sql + " ORDER BY opened_at, id", params)]  # type: ignore[misc]


def events(store: Store, dispute_id: int) -> list[dict]:
    ensure(store)
    return store.query("SELECT at, actor, action, detail FROM dispute_events WHERE dispute_id = ? ORDER BY at, id",
                       (int(dispute_id),))


def reviews(store: Store) -> list[Review]:
    """Every review, oldest first (the query layer keeps the latest per contact and criterion)."""
    ensure(store)
    return [Review(**r) for r in store.query(
        "SELECT contact_id, criterion, outcome, reviewer, decided_at, reason, dispute_id FROM reviews "
        "ORDER BY decided_at, id")]
