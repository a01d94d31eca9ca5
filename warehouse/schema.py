"""The warehouse schema in one place: lake tables (Parquet, partitioned by date) and small tables.

Lake tables live under `<name>.lake/<table>/date=YYYY-MM/*.parquet` (the contact's local month,
Europe/Amsterdam; `date=undated` when a row has no time). DuckDB reads them through `raw_<table>`
views that `warehouse.db.connect` (re)creates on every open, so the lake can move or be read by
another engine. Small tables (roster, ingest log, quarantine, settings) live in the `.duckdb` file.

Times are stored twice: `*_utc` (naive TIMESTAMP in UTC, the instant) and `*_local` (naive
TIMESTAMP in Europe/Amsterdam, for days, weeks and months as the contact centre counts them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from warehouse.settings import WarehouseSettings

LOCAL_TZ_NAME = "Europe/Amsterdam"
UNDATED = "undated"

# Provenance columns carried by every lake row: which file, which version of it, which row.
PROVENANCE = {"source_file": "VARCHAR", "source_sha256": "VARCHAR", "source_row": "BIGINT"}


@dataclass(frozen=True)
class PiiColumn:
    """A text column that can hold personal data: redacted on every ingest path by
    `warehouse.pii.redact_pii` (BSN, IBAN, phone, e-mail, postcode, date of birth).

    json_keys: the column holds JSON (a list of objects, or one object); only these keys' string
    values are redacted, each on its own (evidence: quote, term), so the JSON stays valid.
    speaker: the column saying who spoke the text (turns), so the agent's own name in their
    greeting stays readable (`meeluister.redaction`, own_name_greeting).
    retention: the retention category that removes it (warehouse/retention_policy.py: transcripts,
    quotes, comments); a purge sets the column NULL (a JSON column: its `json_keys` removed)."""

    name: str
    json_keys: tuple[str, ...] = ()
    speaker: str | None = None
    retention: str = ""


@dataclass(frozen=True)
class LakeTable:
    """A Parquet-backed table with upsert semantics.

    key: the deterministic row key. replace_by: rows of a group are replaced as a whole (a
    re-ingested transcript replaces all its turns, so a shorter transcript leaves no stale turns).
    date_expr: SQL over the row giving the partition (local date as 'YYYY-MM-DD' or 'undated').
    pii: the personal-data text columns, redacted before a row reaches the lake.
    defaults: the value of a column a source does not give (instead of NULL).
    """

    name: str
    columns: dict[str, str]  # column -> DuckDB type, in file order (partition column excluded)
    key: tuple[str, ...]
    replace_by: tuple[str, ...]
    date_expr: str
    pii: tuple[PiiColumn, ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return list(self.columns)


def _date_of(col: str) -> str:
    # Month partitions: a day per file would mean 365 small files per table per year, and the
    # per-file overhead then dominates every dashboard query (benchmarks/warehouse.py).
    return f"coalesce(strftime({col}, '%Y-%m'), '{UNDATED}')"


# Contacts carry two column families: `m_*` from the call-metadata CSV (the telephony system of
# record) and `t_*` from the transcript. Each source only writes its own family, so ingesting
# metadata and transcripts in any order, any number of times, converges to the same row;
# `stg_contacts` decides the precedence between the two (documented in docs/warehouse.md).
_CONTACT_META = {
    "m_agent_id": "VARCHAR",
    "m_agent_name": "VARCHAR",
    "m_team": "VARCHAR",
    "m_channel": "VARCHAR",
    "m_language": "VARCHAR",
    "m_started_utc": "TIMESTAMP",
    "m_started_local": "TIMESTAMP",
    "m_organisation": "VARCHAR",
    "m_queue": "VARCHAR",
    "m_wait_s": "DOUBLE",
    "m_handle_s": "DOUBLE",
    "m_abandoned": "BOOLEAN",
    "m_customer_key": "VARCHAR",  # keyed hash of the caller id, never the number itself
    "m_source_file": "VARCHAR",
    "m_source_sha256": "VARCHAR",
    "m_source_row": "BIGINT",
}
_CONTACT_TRANSCRIPT = {
    "t_agent_id": "VARCHAR",
    "t_agent_name": "VARCHAR",
    "t_team": "VARCHAR",
    "t_channel": "VARCHAR",
    "t_language": "VARCHAR",
    "t_started_utc": "TIMESTAMP",
    "t_started_local": "TIMESTAMP",
    "t_organisation": "VARCHAR",
    "t_queue": "VARCHAR",
    "t_duration_s": "DOUBLE",
    "t_n_turns": "INTEGER",
    "t_customer_key": "VARCHAR",
    "t_redactions": "VARCHAR",  # JSON {type: count} of PII redacted from this transcript
    "t_audio": "VARCHAR",  # the recording (absolute path; a transcript's relative one resolved on ingest)
    "t_silence": "VARCHAR",  # JSON [[turn, start_s, end_s], ...]: audio to silence (redacted words)
    "t_source_file": "VARCHAR",
    "t_source_sha256": "VARCHAR",
}
CONTACT_META_COLUMNS = ("contact_id", *_CONTACT_META)
CONTACT_TRANSCRIPT_COLUMNS = ("contact_id", *_CONTACT_TRANSCRIPT)

CONTACTS = LakeTable(
    name="contacts",
    columns={"contact_id": "VARCHAR", **_CONTACT_META, **_CONTACT_TRANSCRIPT},
    key=("contact_id",),
    replace_by=("contact_id",),
    date_expr=_date_of("coalesce(m_started_local, t_started_local)"),
)

TURNS = LakeTable(
    name="turns",
    columns={
        "contact_id": "VARCHAR",
        "turn_idx": "INTEGER",  # 0-based index into Transcript.turns
        "speaker": "VARCHAR",
        "start_s": "DOUBLE",  # seconds from the start of the contact; NULL for e-mail
        "end_s": "DOUBLE",
        "text": "VARCHAR",  # redacted
        "contact_date": "VARCHAR",
        **PROVENANCE,
    },
    key=("contact_id", "turn_idx"),
    replace_by=("contact_id",),
    date_expr="contact_date",
    pii=(PiiColumn("text", speaker="speaker", retention="transcripts"),),
)

RESULTS = LakeTable(
    name="results",
    columns={
        "contact_id": "VARCHAR",
        "criterion": "VARCHAR",  # criterion id, or 'overall' (weighted QA score 0..1)
        "outcome": "VARCHAR",  # pass | fail | n/a
        "score": "DOUBLE",
        "count": "INTEGER",
        "reason": "VARCHAR",
        "evidence": "VARCHAR",  # JSON list of evidence items, quotes redacted
        "measures": "VARCHAR",  # JSON object of floats
        "scorecard": "VARCHAR",  # name@version
        "confidence": "DOUBLE",  # 0..1, how sure the criterion is; NULL when it does not say
        "needs_review": "BOOLEAN",  # low confidence: goes to a person instead of counting
        "contact_date": "VARCHAR",
        **PROVENANCE,
    },
    key=("contact_id", "criterion"),
    # A results file holds a contact's full scoring: re-scoring replaces all its criteria.
    replace_by=("contact_id",),
    date_expr="contact_date",
    pii=(PiiColumn("reason", retention="quotes"), PiiColumn("evidence", json_keys=("quote", "term"), retention="quotes")),
    defaults={"needs_review": False},
)

SURVEYS = LakeTable(
    name="surveys",
    columns={
        "response_id": "VARCHAR",  # the tool's id, or a content hash when the export has none
        "contact_id": "VARCHAR",
        "link_method": "VARCHAR",  # contact_id | agent_window
        "tool": "VARCHAR",  # reader name (surveys.READERS: qualtrics, typeform, generic, ...)
        "submitted_utc": "TIMESTAMP",
        "submitted_local": "TIMESTAMP",
        "agent_ref": "VARCHAR",  # agent id or name as the survey gave it
        "survey_language": "VARCHAR",
        "csat": "DOUBLE",  # on its own scale
        "csat_scale": "INTEGER",  # 5 or 10
        "csat_norm": "DOUBLE",  # (csat - 1) / (scale - 1): 0..1, comparable across scales
        "nps": "INTEGER",  # 0..10
        "comment": "VARCHAR",  # redacted
        "redactions": "VARCHAR",  # JSON {type: count}
        "contact_date": "VARCHAR",
        **PROVENANCE,
    },
    key=("response_id",),
    replace_by=("response_id",),
    date_expr="contact_date",
    pii=(PiiColumn("comment", retention="comments"),),
)

SURVEY_ITEMS = LakeTable(
    name="survey_items",
    columns={
        "response_id": "VARCHAR",
        "item": "VARCHAR",  # sub-question: deskundigheid, vriendelijkheid, ...
        "score": "DOUBLE",
        "scale": "INTEGER",
        "contact_date": "VARCHAR",
        **PROVENANCE,
    },
    key=("response_id", "item"),
    replace_by=("response_id",),
    date_expr="contact_date",
)

# Contact reasons (signals: `meeluister reasons`), one row per contact and reason; rank 0 is the
# primary one. A reasons file holds a contact's full classification: re-classifying replaces it.
CONTACT_REASONS = LakeTable(
    name="contact_reasons",
    columns={
        "contact_id": "VARCHAR",
        "reason": "VARCHAR",  # a taxonomy's reason id, or 'other'
        "rank": "INTEGER",  # 0: primary
        "confidence": "DOUBLE",
        "evidence": "VARCHAR",  # JSON list of evidence items, quotes redacted
        "taxonomy": "VARCHAR",  # name@version
        "contact_date": "VARCHAR",
        **PROVENANCE,
    },
    key=("contact_id", "reason"),
    replace_by=("contact_id",),
    date_expr="contact_date",
    pii=(PiiColumn("evidence", json_keys=("quote", "term"), retention="quotes"),),
)

LAKE_TABLES: dict[str, LakeTable] = {
    t.name: t for t in (CONTACTS, TURNS, RESULTS, SURVEYS, SURVEY_ITEMS, CONTACT_REASONS)
}

# Small tables in the .duckdb file.
SMALL_TABLES_DDL = """
CREATE TABLE IF NOT EXISTS roster (
    agent_id VARCHAR NOT NULL,
    agent_name VARCHAR,
    team VARCHAR,
    valid_from DATE NOT NULL,
    valid_to DATE,                 -- inclusive; NULL = still valid
    source_file VARCHAR, source_sha256 VARCHAR, source_row BIGINT,
    PRIMARY KEY (agent_id, valid_from)
);
CREATE TABLE IF NOT EXISTS ingest_log (
    run_id VARCHAR, ingested_at TIMESTAMP, source_file VARCHAR, source_sha256 VARCHAR, tbl VARCHAR,
    added BIGINT, updated BIGINT, unchanged BIGINT, removed BIGINT, rejected BIGINT
);
CREATE TABLE IF NOT EXISTS quarantine (
    run_id VARCHAR, ingested_at TIMESTAMP, source_file VARCHAR, source_sha256 VARCHAR, source_row BIGINT,
    tbl VARCHAR, reason_code VARCHAR, reason VARCHAR, raw VARCHAR
);
CREATE TABLE IF NOT EXISTS settings (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS ingest_runs (   -- one row per committed run (warehouse/journal.py)
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, committed_at TIMESTAMP, host VARCHAR, pid BIGINT
);
CREATE TABLE IF NOT EXISTS purge_log (   -- one row per purge run and table/column (warehouse/retention.py)
    run_id VARCHAR, purged_at TIMESTAMP, policy VARCHAR, as_of DATE, organisation VARCHAR, dry_run BOOLEAN,
    what VARCHAR, tbl VARCHAR, n BIGINT,  -- rows whose text was removed (audio: files deleted)
    contacts BIGINT, first_contact VARCHAR, last_contact VARCHAR, first_day DATE, last_day DATE
);
CREATE TABLE IF NOT EXISTS retention_marks (  -- what a purge removed stays removed on re-ingest
    organisation VARCHAR NOT NULL,  -- '' for every organisation without a mark of its own
    what VARCHAR NOT NULL, before_day DATE NOT NULL, set_at TIMESTAMP,
    PRIMARY KEY (organisation, what)
);
"""
# The quarantine's personal-data columns: a reason quotes the value it rejects, raw is the row.
QUARANTINE_PII = (PiiColumn("reason"), PiiColumn("raw"))

# Defaults owned by warehouse.settings.WarehouseSettings (the settings table's initial rows).
DEFAULT_SETTINGS = WarehouseSettings().as_rows()
