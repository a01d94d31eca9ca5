"""Row readers for signals (contact reasons, spike detection, repeat contacts), beside
`warehouse.rows`: all text redacted at ingest, customer keys never leave the warehouse.

    contact_reasons(con, q)   one row per contact x reason: contact_id, reason, rank (0 primary),
                              confidence, evidence (list of dicts), taxonomy
    customer_texts(con, q)    contact_id, text: the customer's first turns (redacted), for topics
    repeat_gaps(con, q)       contact_id, gap_days (until the same customer's next contact; NaN:
                              none), known_customer (the caller is known)
"""
from __future__ import annotations

import json
from typing import Any

import pandas as pd

from warehouse.query import Con, Query, Sql, connection, where
from warehouse.results_sql import partition_filter

REASON_COLUMNS = ("contact_id", "reason", "rank", "confidence", "evidence", "taxonomy")


def _evidence_list(text: Any) -> list[dict[str, Any]]:
    if text is None or (isinstance(text, float) and pd.isna(text)) or text == "":
        return []
    return [{"turn": e.get("turn"), "start": e.get("start"), "end": e.get("end"), "quote": e.get("quote"),
             "term": e.get("term")} for e in json.loads(text)]


def _plain(q: Query, name: str) -> None:
    if q.group_by or q.period:
        raise ValueError(f"{name}: a row reader takes no group_by or period")


def contact_reasons(con: Con, q: Query) -> pd.DataFrame:
    """The reasons of the contacts in the query's range and filters, ordered by contact and rank."""
    _plain(q, "contact_reasons")
    with connection(con) as c:
        sql = (Sql("SELECT r.contact_id, r.reason, r.rank, r.confidence, r.evidence, r.taxonomy "
                   "FROM stg_contact_reasons r JOIN mart_contacts c USING (contact_id)")
               + where(q, prefix="c.") + Sql(" ORDER BY r.contact_id, r.rank"))
        df = c.execute(sql.text, list(sql.params)).df()
    df["evidence"] = [_evidence_list(v) for v in df["evidence"]]
    return df[list(REASON_COLUMNS)].reset_index(drop=True)


def customer_texts(con: Con, q: Query, max_turns: int = 3, max_chars: int = 600) -> pd.DataFrame:
    """Per contact in the query: its customer's first `max_turns` turns joined (redacted text)."""
    _plain(q, "customer_texts")
    part = partition_filter(q, alias="t")
    with connection(con) as c:
        sql = (Sql("SELECT t.contact_id, left(string_agg(t.text, ' ' ORDER BY t.turn_idx), ?) AS text "
                   "FROM (SELECT contact_id, turn_idx, text, date, row_number() OVER "
                   "(PARTITION BY contact_id ORDER BY turn_idx) AS k FROM raw_turns WHERE speaker = 'customer') t "
                   "JOIN mart_contacts c USING (contact_id)", (int(max_chars),))
               + where(q, prefix="c.", extra=(Sql("t.k <= ?", (int(max_turns),)),)
                       + ((Sql(part.text, part.params),) if part.text else ()))
               + Sql(" GROUP BY t.contact_id"))
        return c.execute(sql.text, list(sql.params)).df()


def repeat_gaps(con: Con, q: Query) -> pd.DataFrame:
    """Per contact in the query: days until the same customer's next contact (any channel, the
    warehouse's keyed customer hash; NaN when none follows) and whether the customer is known.
    The warehouse's own repeat flag is gap_days <= repeat_window_days."""
    _plain(q, "repeat_gaps")
    with connection(con) as c:
        sql = (Sql("SELECT g.contact_id, g.gap_days, g.known_customer FROM (SELECT contact_id, "
                   "customer_key IS NOT NULL AS known_customer, "
                   "CASE WHEN customer_key IS NOT NULL THEN date_diff('second', started_utc, lead(started_utc) OVER "
                   "(PARTITION BY customer_key ORDER BY started_utc, contact_id)) / 86400.0 END AS gap_days "
                   "FROM stg_contacts_base) g JOIN mart_contacts c USING (contact_id)")
               + where(q, prefix="c.") + Sql(" ORDER BY g.contact_id"))
        df = c.execute(sql.text, list(sql.params)).df()
    df["known_customer"] = df["known_customer"].astype(bool)
    return df
