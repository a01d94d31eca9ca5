"""Survey imports: CSAT and NPS exports from survey tools, read, validated and quarantined.

    from surveys import read_survey
    imp = read_survey("export.csv")           # reader detected: qualtrics, surveymonkey, typeform,
                                              # google-forms, limesurvey, generic (or reader="typeform")
    imp.responses, imp.rejected_rows, imp.rejected_values, imp.columns, imp.warnings

Modules: grid (CSV/XLSX cells), readers (one per tool layout: base class + registry), columns
(which column is which field), dates (day/month order from the data), values (numbers, N/A,
languages), mapping (the TOML mapping), responses (validation and quarantine). docs/surveys.md.
Linking to contacts happens when the warehouse ingests the responses (`warehouse.ingest`).
"""
from __future__ import annotations

from surveys.columns import Resolution, resolve_columns
from surveys.dates import DateOrder, infer_date_order, parse_when
from surveys.grid import Grid, read_grid
from surveys.mapping import SurveyMapping, load_mapping
from surveys.readers import READERS, RawTable, SurveyReader, detect_reader, reader_named, register
from surveys.responses import SurveyImport, SurveyRefused, SurveyReject, SurveyResponse, read_survey
from surveys.values import parse_number

__all__ = [
    "DateOrder",
    "Grid",
    "READERS",
    "RawTable",
    "Resolution",
    "SurveyImport",
    "SurveyMapping",
    "SurveyReader",
    "SurveyRefused",
    "SurveyReject",
    "SurveyResponse",
    "detect_reader",
    "infer_date_order",
    "load_mapping",
    "parse_number",
    "parse_when",
    "read_grid",
    "read_survey",
    "reader_named",
    "register",
    "resolve_columns",
]
