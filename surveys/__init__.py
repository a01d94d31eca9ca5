"""Survey imports: CSAT and NPS exports from survey tools, read, validated and quarantined.

    from surveys import read_survey
    imp = read_survey("export.csv")          # reader detected: qualtrics, surveymonkey, xlsx, generic_csv
    imp.responses, imp.rejects, imp.columns  # what went in, what not (with reasons), which columns

Linking to contacts happens when the warehouse ingests the responses (`warehouse.ingest`).
"""
from __future__ import annotations

from surveys.mapping import SurveyMapping, load_mapping, resolve_columns
from surveys.readers import READERS, RawTable, SurveyReader, detect_reader, register
from surveys.responses import SurveyImport, SurveyReject, SurveyResponse, parse_number, read_survey

__all__ = [
    "READERS",
    "RawTable",
    "SurveyImport",
    "SurveyMapping",
    "SurveyReader",
    "SurveyReject",
    "SurveyResponse",
    "detect_reader",
    "load_mapping",
    "parse_number",
    "read_survey",
    "register",
    "resolve_columns",
]
