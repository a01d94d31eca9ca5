"""The DuckDB warehouse: Parquet lake + views, ingest, and the query layer (docs/warehouse.md).

    from warehouse import ingest, open_snapshot, Query, csat, pass_rates
    ingest("wh.duckdb", transcripts="out/", results="qa.jsonl", metadata="calls.csv",
           surveys=["export.csv"], roster="roster.csv")
    con = open_snapshot("wh.duckdb")
    csat(con, Query(group_by=("language", "channel"), period="week"))
    pass_rates(con, Query.for_period("2026-W47", group_by=("criterion", "agent_id")))

The query layer: `Query`; one function per figure (`csat`, `nps`, `pass_rates`, `qa_score`,
`drivers`, `agent_scorecard`), each `f(con, query) -> DataFrame` with n, value, ci_low,
ci_high and small_n; row readers `contacts`, `results`, `turns`, and `audio_silence` (where a
contact's recording must be silent: redacted words); `dimension_values` (filter choices).
"""
from __future__ import annotations

from warehouse.analytics import csat_by, nps_by, pass_rates_by, qa_score_by  # deprecated
from warehouse.checks import DataCheckError
from warehouse.db import DbOptions, Warehouse, connect
from warehouse.drivers import DriverOptions, driver_inputs, drivers
from warehouse.ingest import ingest
from warehouse.metrics import agent_scorecard, csat, nps, pass_rates, qa_score
from warehouse.publish import open_snapshot
from warehouse.query import FILTER_COLUMNS, GROUP_COLUMNS, PERIODS, AnalyticsOptions, Query, period_bounds
from warehouse.reasons_rows import contact_reasons, customer_texts, repeat_gaps
from warehouse.rows import audio_silence, behaviour_satisfaction, contacts, dimension_values, results, turns
from warehouse.run import IngestOptions, IngestSummary
from warehouse.table_ingest import ingest_parts, ingest_tables

__all__ = [
    "AnalyticsOptions", "DataCheckError", "DbOptions", "DriverOptions", "FILTER_COLUMNS", "GROUP_COLUMNS",
    "IngestOptions", "IngestSummary", "PERIODS", "Query", "Warehouse",
    "agent_scorecard", "audio_silence", "behaviour_satisfaction", "connect", "contact_reasons", "contacts", "csat",
    "customer_texts", "dimension_values",
    "driver_inputs", "drivers",
    "ingest", "ingest_parts", "ingest_tables", "nps", "open_snapshot", "pass_rates", "period_bounds", "qa_score", "repeat_gaps",
    "results",
    "turns",
    # deprecated (warehouse/analytics.py)
    "csat_by", "nps_by", "pass_rates_by", "qa_score_by",
]
