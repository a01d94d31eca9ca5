"""The DuckDB warehouse: Parquet lake + views, ingest, analytics (docs/warehouse.md).

    from warehouse import ingest, connect, csat_by, nps_by, key_drivers
    ingest("wh.duckdb", transcripts="out/", results="qa.jsonl", metadata="calls.csv",
           surveys=["export.csv"], roster="roster.csv")
    csat_by("wh.duckdb", by=["language", "channel"], period="week")
"""
from __future__ import annotations

from warehouse.analytics import (
    AnalyticsOptions,
    agent_scorecard,
    behaviour_satisfaction,
    csat_by,
    driver_inputs,
    nps_by,
    pass_rates_by,
    qa_score_by,
    weekly_overview,
)
from warehouse.db import DbOptions, Warehouse, connect
from warehouse.drivers import DriverOptions, key_drivers
from warehouse.checks import DataCheckError
from warehouse.ingest import ingest
from warehouse.publish import open_snapshot
from warehouse.run import IngestOptions, IngestSummary
from warehouse.table_ingest import ingest_tables

__all__ = [
    "AnalyticsOptions", "DataCheckError", "DbOptions", "DriverOptions", "IngestOptions", "IngestSummary", "Warehouse",
    "agent_scorecard", "behaviour_satisfaction", "connect", "csat_by", "driver_inputs", "ingest",
    "ingest_tables", "key_drivers", "nps_by", "open_snapshot", "pass_rates_by", "qa_score_by", "weekly_overview",
]
