"""The trend figure (dashboard.figures.trend_with_bands): one line per group with its band, and
markers only where they say something: small groups (open markers) and points a line cannot show
(no neighbour with a value), not on every point (what plotly.js spends most of its drawing on)."""
from __future__ import annotations

import math

import pandas as pd

from dashboard.figures import trend_with_bands


def _frame() -> pd.DataFrame:
    weeks = pd.date_range("2026-01-05", periods=6, freq="7D")
    rows = []
    for lang, values, small in (("nl", [8.0, 8.2, 8.1, 7.9, 8.3, 8.0], [False, False, True, False, False, False]),
                                ("en", [7.0, math.nan, 7.5, math.nan, 7.2, 7.4], [False] * 6)):
        for w, v, s in zip(weeks, values, small):
            rows.append({"week": w, "language": lang, "value": v, "ci_low": v - 0.5, "ci_high": v + 0.5,
                         "n": 10 if s else 80, "small_n": s})
    return pd.DataFrame(rows)


def test_markers_only_for_small_groups_and_lone_points():
    fig = trend_with_bands(_frame(), "week", "language", "CSAT", "nl", y_range=(1, 10))
    lines = [d for d in fig["data"] if d["mode"] == "lines" and "fill" not in d]
    marks = [d for d in fig["data"] if d["mode"] == "markers"]
    assert [d["name"] for d in lines] == ["en", "nl"]
    assert all("marker" not in d for d in lines)
    by_name = {d["name"]: d for d in marks}
    # nl: one small week, drawn open (white with the line's colour around it)
    nl_line = next(d for d in lines if d["name"] == "nl")
    assert by_name["nl"]["x"] == [nl_line["x"][2]] and by_name["nl"]["marker"]["color"] == ["white"]
    assert by_name["nl"]["customdata"][0][0] == 10 and by_name["nl"]["customdata"][0][3]  # n and "small" in hover
    # en: weeks 1 and 3 have no neighbour with a value (weeks 2 and 4 are empty): markers, filled;
    # weeks 5 and 6 are joined by a line
    en_line = next(d for d in lines if d["name"] == "en")
    assert by_name["en"]["x"] == [en_line["x"][0], en_line["x"][2]] and by_name["en"]["y"] == [7.0, 7.5]
    assert "white" not in by_name["en"]["marker"]["color"]
    assert en_line["y"][1] is None and en_line["y"][3] is None  # gaps stay gaps
    # the hover keeps n on every point of the line
    assert [c[0] for c in nl_line["customdata"]] == [80, 80, 10, 80, 80, 80]
    assert all(not d.get("showlegend", True) for d in marks)  # one legend entry per group


def test_no_marker_trace_when_nothing_needs_one():
    df = _frame()
    df = df[df["language"] == "nl"].assign(small_n=False, n=80)
    fig = trend_with_bands(df, "week", "language", "CSAT", "nl")
    assert [d["mode"] for d in fig["data"]] == ["lines", "lines"]  # band and line
