"""Pure figure builders: a query-layer DataFrame (group columns, n, value, ci_low, ci_high,
small_n) in, a plotly figure as a plain dict out (the JSON plotly.js draws; plotly.py's validating
objects cost a tenth of a second per callback). No data access, no Dash, no request state."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from dashboard.i18n import t

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def empty_figure(lang: str, title: str = "") -> dict:
    return {"data": [], "layout": {
        "title": {"text": title}, "height": 320, "margin": dict(l=40, r=20, t=50, b=40),
        "annotations": [dict(text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")],
        "xaxis": {"visible": False}, "yaxis": {"visible": False}}}


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _num(values) -> list:
    """Plain floats for JSON (NaN as None: plotly leaves a gap)."""
    return [None if pd.isna(v) else float(v) for v in values]


def _joined(values: list, k: int) -> bool:
    """Whether point k of a line has a neighbour with a value (plotly draws a segment to it)."""
    return any(0 <= j < len(values) and values[j] is not None for j in (k - 1, k + 1))


def _days(values) -> list[str | None]:
    return [None if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d") for v in values]


def trend_with_bands(df: pd.DataFrame, period: str, group: str | None, title: str, lang: str,
                     y_title: str = "", y_range: Sequence[float] | None = None, percent: bool = False) -> dict:
    """One line per group over the period column, its interval as a shaded band, n in the hover;
    small groups (small_n) drawn as open markers. Gaps in time stay gaps. A plain figure dict
    (what dcc.Graph sends to plotly.js), built without plotly's validators."""
    if df is None or df.empty or period not in df.columns:
        return empty_figure(lang, title)
    data: list[dict] = []
    groups = [(None, df)] if not group else list(df.groupby(group, sort=True))
    scale = 100.0 if percent else 1.0
    for i, (name, sub) in enumerate(groups):
        sub = sub.sort_values(period)
        colour = PALETTE[i % len(PALETTE)]
        x = _days(sub[period])
        label = str(name) if name is not None else title
        hi, lo, v = _num(sub["ci_high"] * scale), _num(sub["ci_low"] * scale), _num(sub["value"] * scale)
        data.append({"type": "scatter", "x": x + x[::-1], "y": hi + lo[::-1], "fill": "toself",
                     "fillcolor": _rgba(colour, 0.15), "line": {"width": 0}, "mode": "lines",
                     "hoverinfo": "skip", "showlegend": False, "legendgroup": label,
                     "name": f"{label} {t('band', lang)}"})
        small = [bool(s) for s in sub["small_n"]]
        custom = [[int(n), a, b, t("small_n", lang) if s else ""] for n, a, b, s in zip(sub["n"], lo, hi, small)]
        hover = ("%{x|%Y-%m-%d}: %{y:.1f} [%{customdata[1]:.1f}, %{customdata[2]:.1f}]"
                 " n=%{customdata[0]} %{customdata[3]}<extra>" + label + "</extra>")
        data.append({"type": "scatter", "x": x, "y": v, "mode": "lines", "name": label, "legendgroup": label,
                     "line": {"color": colour}, "customdata": custom, "hovertemplate": hover})
        # markers only where a line alone would hide something: small groups (open markers) and
        # points with no neighbour to draw a line to (a marker on every point costs plotly.js a
        # third of its drawing time on a page of four such graphs)
        marked = [k for k in range(len(v)) if v[k] is not None
                  and (small[k] or not _joined(v, k))]
        if marked:
            data.append({"type": "scatter", "x": [x[k] for k in marked], "y": [v[k] for k in marked],
                         "mode": "markers", "name": label, "legendgroup": label, "showlegend": False,
                         "marker": {"color": [("white" if small[k] else colour) for k in marked],
                                    "line": {"color": colour, "width": 2}, "size": 8},
                         "customdata": [custom[k] for k in marked], "hovertemplate": hover})
    layout = {"title": {"text": title}, "yaxis": {"title": {"text": y_title}}, "height": 340,
              "margin": dict(l=50, r=20, t=50, b=40), "legend": dict(orientation="h", y=-0.2),
              "hovermode": "closest", "xaxis": {"type": "date"}}
    if y_range:
        layout["yaxis"]["range"] = list(y_range)
    return {"data": data, "layout": layout}


def bars_with_ci(df: pd.DataFrame, category: str, title: str, lang: str, percent: bool = True,
                 label_fn=None) -> dict:
    """Horizontal bars per category with the interval as error bars and n in the label; small
    groups hatched."""
    if df is None or df.empty or category not in df.columns:
        return empty_figure(lang, title)
    d = df.sort_values("value", na_position="first")
    scale = 100.0 if percent else 1.0
    names = [label_fn(c) if label_fn else str(c) for c in d[category]]
    small = [bool(s) for s in d["small_n"]]
    labels = [f"{n}  (n={int(k)}{', ' + t('small_n', lang) if s else ''})" for n, k, s in zip(names, d["n"], small)]
    v = d["value"] * scale
    bar = {"type": "bar", "x": _num(v), "y": labels, "orientation": "h",
           "error_x": dict(type="data", symmetric=False, array=_num((d["ci_high"] * scale - v).clip(lower=0)),
                           arrayminus=_num((v - d["ci_low"] * scale).clip(lower=0))),
           "marker": dict(color=["#bbbbbb" if s else PALETTE[0] for s in small],
                          pattern=dict(shape=["/" if s else "" for s in small])),
           "hovertemplate": "%{y}: %{x:.1f}<extra></extra>"}
    layout = {"title": {"text": title}, "height": max(260, 40 + 34 * len(d)),
              "margin": dict(l=10, r=20, t=50, b=40), "yaxis": {"automargin": True}}
    if percent:
        layout["xaxis"] = {"range": [0, 100], "ticksuffix": "%"}
    return {"data": [bar], "layout": layout}


def drivers_figure(df: pd.DataFrame, title: str, lang: str, label_fn=None) -> dict:
    """Relative weight (share of explained variance) per predictor with its bootstrap interval."""
    if df is None or df.empty or "predictor" not in df.columns:
        return empty_figure(lang, title)
    d = df.copy()
    d = d[d["value"].notna()]
    if d.empty:
        return empty_figure(lang, title)
    d["small_n"] = d["small_n"].astype(bool)
    return bars_with_ci(d, "predictor", title, lang, percent=True, label_fn=label_fn)
