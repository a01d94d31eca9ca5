"""The dispute loop as the CLI and the dashboard use it: look the contested result up in the
warehouse (its automatic outcome, the contact's agent and day), open the dispute in the
operational store within `DisputeOptions.window_days`, decide it, and hand every decided review to
the query layer as `meeluister.ReviewedOutcome`s (`Query(reviews=reviewed_outcomes(store))`).

    from coaching import disputes
    d = disputes.open_dispute(store, wh, contact_id="c-1", criterion="nivea", agent_id="a-01",
                              comment="Ik vatte samen wat de klant zei")
    disputes.decide(store, d.id, decision="overturn", reason="Samenvatting", by="tl-noord")
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from coaching.options import DisputeOptions
from meeluister.records import ReviewedOutcome
from opstore import disputes as _store
from opstore.disputes import Dispute, DisputeError

__all__ = ["Dispute", "DisputeError", "as_dict", "contact_facts", "decide", "list_disputes", "open_dispute",
           "reviewed_outcomes"]


def contact_facts(con: Any, contact_id: str, criterion: str, agent_id: str | None = None) -> tuple[str, str, date]:
    """(agent_id, automatic outcome, contact day) of one result, from the warehouse."""
    from warehouse import Query, contacts, results

    filters: dict[str, Any] = {"criterion": criterion, "contact_id": str(contact_id)}  # one contact: row path
    if agent_id:
        filters["agent_id"] = agent_id
    q = Query(filters=filters)
    r = results(con, q)
    if r.empty:
        if agent_id:
            raise DisputeError(f"{contact_id}/{criterion}: not a contact of {agent_id} (or no such result); "
                               "an agent contests only their own results")
        raise DisputeError(f"{contact_id}/{criterion}: no such result in the warehouse")
    c = contacts(con, q.but(filters={k: v for k, v in filters.items() if k != "criterion"}))
    if c.empty:
        raise DisputeError(f"{contact_id}: no such contact in the warehouse")
    day = c["day"].iloc[0]
    day = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
    if isinstance(day, datetime):
        day = day.date()
    return str(c["agent_id"].iloc[0]), str(r["auto_outcome"].iloc[0]), day


def open_dispute(store: Any, con: Any, *, contact_id: str, criterion: str, agent_id: str, comment: str,
                 by: str | None = None, options: DisputeOptions | None = None,
                 now: datetime | None = None) -> Dispute:
    """The agent `agent_id` contests their own result; refused for another agent's contact, after
    the window, without a comment, or while one is open."""
    options = options or DisputeOptions()
    owner, auto, day = contact_facts(con, contact_id, criterion, agent_id)  # one agent's results: a small query
    if owner != agent_id:
        raise DisputeError(f"{contact_id}: not a contact of {agent_id}; an agent contests only their own results")
    return _store.open_dispute(store, contact_id=contact_id, criterion=criterion, agent_id=agent_id,
                               contact_day=day, auto_outcome=auto, comment=comment, by=by or agent_id,
                               window_days=options.window_days, now=now)


def decide(store: Any, dispute_id: int, *, decision: str, reason: str, by: str, outcome: str | None = None,
           now: datetime | None = None) -> Dispute:
    return _store.decide_dispute(store, dispute_id, decision=decision, reason=reason, by=by, outcome=outcome, now=now)


def list_disputes(store: Any, *, status: str | None = None, agent_id: str | None = None) -> list[Dispute]:
    return _store.list_disputes(store, status=status, agent_id=agent_id)


def reviewed_outcomes(store: Any) -> list[ReviewedOutcome]:
    """Every decided review as the query layer takes it (the latest per contact and criterion counts)."""
    return [ReviewedOutcome(r.contact_id, r.criterion, r.outcome, r.reviewer, r.decided_at, r.reason)  # type: ignore[arg-type]
            for r in _store.reviews(store)]


def as_dict(d: Dispute) -> dict[str, Any]:
    return asdict(d)
