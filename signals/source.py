"""What spike detection reads from the warehouse, through its public query layer only:
`warehouse.contacts` (when, channel, language), `warehouse.contact_reasons` (the reasons
`meeluister ingest --reasons` loaded), `warehouse.customer_texts` (the redacted customer text the
topics are found in) and `warehouse.turns` (an example's redacted turns)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from meeluister.errors import InputError


def load_frames(con: Any, since: date | None, until: date | None, options: Any,
                filters: dict[str, Any] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, date, date]:
    import warehouse
    from warehouse import Query

    if not hasattr(warehouse, "contact_reasons"):
        raise InputError(str(con), "this warehouse has no contact reasons (needs `meeluister ingest --reasons`)")
    if until is None or since is None:
        span = warehouse.contacts(con, Query(filters=dict(filters or {})))["day"]
        if span.empty:
            raise InputError(str(con), "no contacts in the warehouse")
        until = until or max(span)
        since = since or min(span) + timedelta(days=options.baseline.min_history_days)
    start = since - timedelta(days=options.baseline.window_days)
    q = Query(date_from=start, date_to=until, filters=dict(filters or {}))
    contacts = warehouse.contacts(con, q)[["contact_id", "started_at", "channel", "language"]]
    reasons = warehouse.contact_reasons(con, q)[["contact_id", "reason", "confidence"]]
    texts = warehouse.customer_texts(con, q)
    contacts = contacts.merge(texts, on="contact_id", how="left")
    contacts["text"] = contacts["text"].fillna("")
    # contacts without a reason row (not classified): counted as "other"
    missing = ~contacts["contact_id"].isin(reasons["contact_id"])
    if missing.any():
        reasons = pd.concat([reasons, pd.DataFrame({"contact_id": contacts.loc[missing, "contact_id"],
                                                    "reason": "other", "confidence": 0.0})], ignore_index=True)
    return contacts, reasons, since, until


def example_text(con: Any, contact_id: str, max_turns: int = 2) -> str:
    """The customer's first turns of a contact, redacted (from `warehouse.turns`)."""
    from warehouse import turns

    t = turns(con, contact_id)
    cust = t[t["speaker"] == "customer"]["text"].head(max_turns).tolist()
    return " ".join(str(x) for x in cust)
