"""coaching: what the scores are for (docs/coaching.md).

    from coaching import write_reports, write_all, levels_from_warehouse, calibrate
    write_reports("wh.duckdb", "T1", "2026-W47", "reports/", lang="nl", store=load_store_inputs(url))
    write_all("wh.duckdb", "reports/", "2026-W47", store_url="sqlite:///op.db")   # every team

* reports (`coaching.reports`): a team report and one coaching report per agent, HTML + PDF, with
  focus points chosen by impact (`coaching.focus`), strengths, trends, CSAT/NPS with intervals and
  levels (`coaching.levels`);
* the coaching loop in the operational store: disputes and reviews (`coaching.disputes`),
  coaching sessions (`coaching.sessions`), calibration against human graders
  (`coaching.calibration`), example-call playlists (`coaching.examples`).
Everything reads the warehouse through its public query layer only.
"""
from __future__ import annotations

from coaching.calibration import CalibrationReport, calibrate
from coaching.levels import Level, compute_levels, levels_from_warehouse, write_levels_csv
from coaching.options import CoachingOptions, load_options
from coaching.reports import ReportSummary, write_all, write_reports
from coaching.store import StoreInputs, load_store_inputs, open_coaching_store, read_store_inputs

__all__ = [
    "CalibrationReport", "CoachingOptions", "Level", "ReportSummary", "StoreInputs", "calibrate", "compute_levels",
    "levels_from_warehouse", "load_options", "load_store_inputs", "open_coaching_store", "read_store_inputs",
    "write_all", "write_levels_csv", "write_reports",
]
