"""Row readers for drill-downs and reports: `contacts`, `results`, `turns` (all text redacted
at ingest), and `behaviour_satisfaction` (surveyed contacts beside their criterion outcomes).

    contacts(con, q)   one row per contact in the query's range and filters
    results(con, q)    one row per contact x criterion: effective outcome after reviews,
                       auto_outcome, reviewed, evidence as a list of dicts
    turns(con, "c-000123")
    audio_silence(con, "c-000123")   [(start_s, end_s), ...] of the recording to silence
"""
from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from warehouse.audio import parse_silence
from warehouse.query import GROUP_COLUMNS, Con, Query, Sql, connection, has_column, where
from warehouse.results_sql import effective_results
from warehouse.schema import LOCAL_TZ_NAME

CONTACT_COLUMNS = ("contact_id", "started_at", "day", "channel", "language", "agent_id", "agent_name",
                   "team", "queue", "organisation", "duration_s", "audio", "csat", "nps", "comment")
RESULT_COLUMNS = ("contact_id", "criterion", "outcome", "auto_outcome", "reviewed", "reviewer", "review_reason",
                  "score", "count", "reason", "confidence", "needs_review", "evidence")
TURN_COLUMNS = ("idx", "speaker", "start", "end", "text")


def _local(utc: pd.Series) -> pd.Series:
    """Naive UTC timestamps as aware Europe/Amsterdam ones."""
    s = pd.to_datetime(utc)
    return s.dt.tz_localize("UTC").dt.tz_convert(LOCAL_TZ_NAME)


def contacts(con: Con, q: Query, newest: int | None = None) -> pd.DataFrame:
    """One row per contact (`CONTACT_COLUMNS`), ordered by start: `started_at` local (aware),
    `day` its local date, `duration_s` the handle time, `audio` the recording where the lake
    knows it, `csat` (on its own scale), `nps` and the redacted `comment` of its survey.
    `newest`: only the newest N contacts, newest first (a list page; the limit runs in SQL)."""
    if q.group_by or q.period:
        raise ValueError("contacts: a row reader takes no group_by or period")
    if newest is not None and (not isinstance(newest, int) or newest < 0):
        raise ValueError(f"contacts: newest must be an integer >= 0 or None, not {newest!r}")
    order = (Sql(" ORDER BY c.started_utc NULLS LAST, c.contact_id") if newest is None else
             Sql(" ORDER BY c.started_utc DESC NULLS LAST, c.contact_id DESC LIMIT ?", (newest,)))
    with connection(con) as c:
        audio = "c.audio" if has_column(c, "mart_contacts", "audio") else "CAST(NULL AS VARCHAR)"
        sql = (Sql("SELECT c.contact_id, c.started_utc, c.day, c.channel, c.language, c.agent_id, c.agent_name, "
                   f"c.team, c.queue, c.organisation, c.handle_s AS duration_s, {audio} AS audio, "
                   "s.csat, s.nps, s.comment FROM mart_contacts c "
                   "LEFT JOIN stg_surveys s ON s.contact_id = c.contact_id")
               + where(q, prefix="c.") + order)
        df = c.execute(sql.text, list(sql.params)).df()
    df["started_at"] = _local(df.pop("started_utc"))
    df["day"] = pd.to_datetime(df["day"]).dt.date
    return df[list(CONTACT_COLUMNS)].reset_index(drop=True)


def dimension_values(con: Con, column: str, q: Query | None = None) -> list[str]:
    """The distinct values of one contact dimension (`GROUP_COLUMNS` but reason) among the
    query's contacts, sorted, NULL left out: the choices of a filter control."""
    if column not in GROUP_COLUMNS or column == "reason":
        raise ValueError(f"dimension_values: {column!r} is not one of {tuple(c for c in GROUP_COLUMNS if c != 'reason')}")
    q = q or Query()
    w = where(q, prefix="c.", extra=(f"c.{column} IS NOT NULL",))
    with connection(con) as c:
        rows = c.execute(f"SELECT DISTINCT c.{column} FROM mart_contacts c" + w.text + " ORDER BY 1",
                         list(w.params)).fetchall()
    return [str(r[0]) for r in rows]


def parse_evidence(text: Any) -> list[dict[str, Any]]:
    """The lake's evidence JSON as a list of {turn, start, end, quote, term} ([] when none)."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text == "":
        return []
    items = json.loads(text) if isinstance(text, str) else list(text)
    return [{"turn": e.get("turn"), "start": e.get("start"), "end": e.get("end"), "quote": e.get("quote"),
             "term": e.get("term")} for e in items]


def results(con: Con, q: Query) -> pd.DataFrame:
    """One row per contact and criterion ('overall' left out; `RESULT_COLUMNS`): `outcome` the
    effective one (a review's where `Query.reviews` has one, `reviewed` then true, with
    `reviewer` and `review_reason`), `auto_outcome` the automatic one, `needs_review` whether it
    awaits a person, `evidence` a list of {turn, start, end, quote, term}. Filters: the contact
    dimensions, the date range, and `criterion`."""
    if q.group_by or q.period:
        raise ValueError("results: a row reader takes no group_by or period")
    with connection(con) as c:
        e = effective_results(c, q, detail=True)
        cols = ", ".join(f"e.{x}" for x in RESULT_COLUMNS if x != "criterion") + ", e.criterion"
        inner = (Sql(f"(SELECT {cols}, c.day, c.started_utc, c.language, c.channel, c.team, c.agent_id, "
                     "c.agent_name, c.queue, c.organisation FROM ")
                 + e + Sql(" e JOIN mart_contacts c USING (contact_id))"))
        sql = (Sql("SELECT * FROM ") + inner + Sql(" x") + where(q, criterion=True)
               + Sql(" ORDER BY started_utc NULLS LAST, contact_id, criterion"))
        df = c.execute(sql.text, list(sql.params)).df()
    df["evidence"] = [parse_evidence(v) for v in df["evidence"]]
    df["reviewed"] = df["reviewed"].astype(bool)
    df["needs_review"] = df["needs_review"].astype(bool)
    return df[list(RESULT_COLUMNS)].reset_index(drop=True)


def turns(con: Con, contact_id: str) -> pd.DataFrame:
    """The redacted turns of one contact in order (`TURN_COLUMNS`; start/end NaN for e-mail).
    Empty when the contact is unknown or has no transcript."""
    with connection(con) as c:
        part = c.execute("SELECT date FROM mart_contacts WHERE contact_id = ?", [str(contact_id)]).fetchall()
        if not part:
            return pd.DataFrame({k: pd.Series(dtype=t) for k, t in
                                 zip(TURN_COLUMNS, ("int64", "object", "float64", "float64", "object"))})
        df = c.execute("SELECT turn_idx AS idx, speaker, start_s AS start, end_s AS \"end\", text FROM raw_turns "
                       "WHERE date = ? AND contact_id = ? ORDER BY turn_idx",
                       [part[0][0], str(contact_id)]).df()
    return df[list(TURN_COLUMNS)]


# A redaction tag in stored text ([PHONE], [IBAN], ...): the turn said something personal.
_TAG = re.compile(r"\[[A-Z][A-Z_]{1,15}\]")


def audio_silence(con: Con, contact_id: str) -> list[tuple[float, float]]:
    """Where a contact's recording must be silent before anyone hears it, as (start_s, end_s)
    sorted: the words redaction replaced (`t_silence`, written by the transcript ingest:
    warehouse/audio.py), plus every timed turn whose redacted text holds a tag and has no such
    words (a turn without word timings, or a contact loaded by the bulk path): the whole turn."""
    with connection(con) as c:
        part = c.execute("SELECT date FROM mart_contacts WHERE contact_id = ?", [str(contact_id)]).fetchall()
        if not part:
            return []
        row = c.execute("SELECT t_silence FROM raw_contacts WHERE date = ? AND contact_id = ?",
                        [part[0][0], str(contact_id)]).fetchall()
    stored = parse_silence(row[0][0]) if row else None
    spans = [(s, e) for _i, s, e in stored or []]
    covered = {i for i, _s, _e in stored or []}
    for t in turns(con, contact_id).itertuples(index=False):
        if int(t.idx) in covered or pd.isna(t.start) or pd.isna(t.end) or not _TAG.search(str(t.text or "")):
            continue
        spans.append((float(t.start), float(t.end)))
    return sorted(spans)


def behaviour_satisfaction(con: Con, q: Query) -> pd.DataFrame:
    """One row per surveyed contact: satisfaction, QA score and operational measures, plus one
    `crit_<id>` column per criterion holding the contact's automatic outcome."""
    if q.group_by or q.period:
        raise ValueError("behaviour_satisfaction: a row reader takes no group_by or period")
    with connection(con) as c:
        w = where(q)
        base = c.execute("SELECT * FROM rpt_contact_satisfaction" + w.text, list(w.params)).df()
        long = c.execute("SELECT contact_id, criterion, outcome FROM rpt_behaviour_satisfaction" + w.text,
                         list(w.params)).df()
    if long.empty:
        return base
    wide = long.pivot(index="contact_id", columns="criterion", values="outcome")
    wide.columns = [f"crit_{x}" for x in wide.columns]
    return base.merge(wide, left_on="contact_id", right_index=True, how="left")
