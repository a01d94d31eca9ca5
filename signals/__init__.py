"""signals: the contact centre as the organisation's ears (shared/DESIGN.md, Signals; docs/signals.md).

    from signals import classify, load_taxonomy
    classify(transcript, "ministry")        # -> [ContactReason, ...], best first; "other" when none fits
    report = detect("wh.duckdb", since=date(2026, 11, 1), until=date(2026, 11, 30))   # SignalReport
    write_report(report, "signals/")        # alerts.jsonl, alerts.csv, series.csv, signals.html
"""
from __future__ import annotations

from signals.baseline import BaselineOptions
from signals.detect import Alert, SignalOptions, SignalReport, detect, detect_frames
from signals.reasons import ReasonOptions, classify
from signals.repeats import RepeatOptions, next_steps_effect, repeat_by_reason, repeats
from signals.report import write_report
from signals.topics import TopicOptions
from signals.taxonomy import OTHER, STATUS_INQUIRY, Taxonomy, load_taxonomy, shipped_taxonomies

__all__ = ["OTHER", "STATUS_INQUIRY", "Alert", "BaselineOptions", "ReasonOptions", "RepeatOptions", "SignalOptions",
           "SignalReport", "Taxonomy", "TopicOptions", "classify", "detect", "detect_frames", "load_taxonomy",
           "next_steps_effect", "repeat_by_reason", "repeats", "shipped_taxonomies", "write_report"]
