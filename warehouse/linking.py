"""Link survey responses to contacts.

Rule (docs/warehouse.md):
1. A response with a contact id links to that contact; if the warehouse has no such contact it is
   quarantined as `unknown_contact`.
2. A response without a contact id links by agent and time: among the non-abandoned contacts of
   the same agent (the survey's agent value compared, case-insensitively, with the contact's
   agent id and with its agent name), the one that *ended* most recently at or before the
   survey's submission time, provided the survey came in no later than `window_h` hours after
   that contact ended (default 72 h). No such contact: `unknown_contact`.
3. One response per contact: if a contact already has a response (in the warehouse, or earlier in
   this batch by submission time), a different response for it is quarantined as `duplicate`.

Everything runs in DuckDB over registered Arrow tables with bound parameters.
"""
from __future__ import annotations

import duckdb
import pyarrow as pa

from warehouse.counts import LinkStats
from warehouse.lake import fetch_arrow


def link_responses(
    con: duckdb.DuckDBPyConnection, pending: pa.Table, *, window_h: float
) -> tuple[pa.Table, LinkStats]:
    """`pending` has idx, response_id, contact_id, agent_ref, submitted_utc.

    Returns (idx, linked contact_id, contact_date, link_method, status, detail) per input row,
    status one of linked | unknown_contact | duplicate, and the match statistics."""
    con.register("_pending", pending)
    try:
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE _by_id AS
            SELECT p.idx, c.contact_id, c.date AS contact_date, 'contact_id' AS link_method,
                   c.contact_id IS NOT NULL AS found
            FROM _pending p LEFT JOIN mart_contacts c ON c.contact_id = p.contact_id
            WHERE p.contact_id IS NOT NULL
            """
        )
        window_us = int(window_h * 3600 * 1e6)
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE _by_window AS
            WITH p AS (
                SELECT idx, lower(trim(agent_ref)) AS ak, submitted_utc FROM _pending
                WHERE contact_id IS NULL AND agent_ref IS NOT NULL AND submitted_utc IS NOT NULL
            ),
            -- only contacts that ended within the window before some response can be found: the
            -- ASOF join then sorts the batch's days, not every contact (none when all have ids)
            bounds AS (SELECT min(submitted_utc) - to_microseconds(?) AS lo, max(submitted_utc) AS hi FROM p),
            agents AS (
                SELECT contact_id, date, ended_utc, lower(trim(agent_id)) AS ak
                FROM mart_contacts, bounds WHERE NOT abandoned AND agent_id IS NOT NULL
                  AND ended_utc BETWEEN bounds.lo AND bounds.hi
                UNION ALL
                SELECT contact_id, date, ended_utc, lower(trim(agent_name)) AS ak
                FROM mart_contacts, bounds WHERE NOT abandoned AND agent_name IS NOT NULL
                  AND ended_utc BETWEEN bounds.lo AND bounds.hi
                  AND lower(trim(agent_name)) <> lower(trim(coalesce(agent_id, '')))
            )
            SELECT p.idx, a.contact_id, a.date AS contact_date, 'agent_window' AS link_method,
                   a.contact_id IS NOT NULL
                   AND p.submitted_utc <= a.ended_utc + to_microseconds(?) AS found
            FROM p ASOF LEFT JOIN agents a ON p.ak = a.ak AND p.submitted_utc >= a.ended_utc
            """,
            [window_us, window_us],
        )
        stats = LinkStats(*con.execute(
            """
            SELECT (SELECT count(*) FROM _by_id), (SELECT count(*) FILTER (found) FROM _by_id),
                   (SELECT count(*) FROM _pending WHERE contact_id IS NULL),
                   (SELECT count(*) FILTER (found) FROM _by_window)
            """
        ).fetchone())
        # One response per contact: existing responses win, then the earliest submitted.
        out = fetch_arrow(con.execute(
            """
            WITH linked AS (
                SELECT idx, contact_id, contact_date, link_method FROM _by_id WHERE found
                UNION ALL
                SELECT idx, contact_id, contact_date, link_method FROM _by_window WHERE found
            ),
            ranked AS (
                SELECT l.*, p.response_id,
                       row_number() OVER (PARTITION BY l.contact_id
                                          ORDER BY p.submitted_utc NULLS LAST, p.response_id) AS rk,
                       (SELECT min(s.response_id) FROM raw_surveys s
                         WHERE s.contact_id = l.contact_id AND s.response_id <> p.response_id) AS other
                FROM linked l JOIN _pending p USING (idx)
            )
            SELECT p.idx,
                   r.contact_id, r.contact_date, r.link_method,
                   CASE WHEN r.idx IS NULL THEN 'unknown_contact'
                        WHEN r.other IS NOT NULL OR r.rk > 1 THEN 'duplicate'
                        ELSE 'linked' END AS status,
                   CASE WHEN r.idx IS NULL AND p.contact_id IS NOT NULL
                            THEN 'no contact with id ' || p.contact_id
                        WHEN r.idx IS NULL AND (p.agent_ref IS NULL OR p.submitted_utc IS NULL)
                            THEN 'no contact id, and no agent and time to link by'
                        WHEN r.idx IS NULL
                            THEN 'no contact of agent ' || p.agent_ref || ' ended within the window before the survey'
                        WHEN r.other IS NOT NULL
                            THEN 'contact ' || r.contact_id || ' already has response ' || r.other
                        WHEN r.rk > 1 THEN 'contact ' || r.contact_id || ' has an earlier response in this batch'
                   END AS detail
            FROM _pending p LEFT JOIN ranked r USING (idx)
            ORDER BY p.idx
            """
        ))
    finally:
        con.unregister("_pending")
    # The caller aligns these rows with its responses by position. ORDER BY alone did not
    # guarantee that: with preserve_insertion_order off, DuckDB 2's Arrow export returned the
    # rows out of order now and then (responses got other contacts' ids), so sort here.
    return out.sort_by("idx"), stats
