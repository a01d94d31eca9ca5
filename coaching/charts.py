"""Pure chart builders: plotly figures for the HTML reports (interactive), matplotlib PNGs of the
same data for the PDFs (static). Inputs are small frames (criterion x period pass rates, pass
rates per criterion); labels are criterion names from the message file, never customer text.
"""
from __future__ import annotations

import base64
import io
from typing import Mapping, Sequence

import pandas as pd


def _series(trend: pd.DataFrame, labels: Mapping[str, str]) -> list[tuple[str, list[float | None]]]:
    out = []
    for crit, row in trend.iterrows():
        vals = [None if pd.isna(v) else round(100 * float(v), 1) for v in row.tolist()]
        out.append((labels.get(str(crit), str(crit)), vals))
    return out


def chart_html(fig: object, embed: str = "script") -> str:
    """A figure as HTML: "script" (plotly's div and inline script that draws it), or "json" (a
    div and the figure as a JSON data block that the shared report-charts.js draws: no inline
    script). `<`, `>` and `&` are escaped inside the JSON so no text can end the block."""
    if embed == "script":
        return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})  # type: ignore[attr-defined]
    if embed != "json":
        raise ValueError(f"chart_html: embed must be 'script' or 'json', not {embed!r}")
    import hashlib

    data = fig.to_json()  # type: ignore[attr-defined]
    data = data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    div = "chart-" + hashlib.sha1(data.encode("utf-8")).hexdigest()[:12]
    return (f'<div id="{div}" class="plotly-chart"></div>'
            f'<script type="application/json" class="plotly-figure" data-target="{div}">{data}</script>')


def trend_figure(trend: pd.DataFrame, labels: Mapping[str, str], title: str, embed: str = "script") -> str:
    """Pass rate per criterion over the periods, as HTML (`chart_html`; plotly.js loaded by the page)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    x = [str(c) for c in trend.columns]
    for name, vals in _series(trend, labels):
        fig.add_trace(go.Scatter(x=x, y=vals, mode="lines+markers", name=name, connectgaps=False))
    fig.update_layout(title=title, yaxis=dict(range=[0, 105], ticksuffix="%"), height=340,
                      margin=dict(l=40, r=10, t=40, b=30), legend=dict(font=dict(size=10)))
    return chart_html(fig, embed)


def bars_figure(names: Sequence[str], values: Sequence[float | None], lo: Sequence[float | None],
                hi: Sequence[float | None], title: str, embed: str = "script") -> str:
    """Horizontal bars with 95% intervals (pass rates per criterion)."""
    import plotly.graph_objects as go

    v = [None if x is None or pd.isna(x) else 100 * float(x) for x in values]
    plus = [None if a is None or b is None or pd.isna(a) or pd.isna(b) else 100 * float(b) - a2
            for a, b, a2 in zip(values, hi, [x or 0 for x in v])]
    minus = [None if a is None or pd.isna(a) or pd.isna(lw) else a2 - 100 * float(lw)
             for a, lw, a2 in zip(values, lo, [x or 0 for x in v])]
    fig = go.Figure(go.Bar(x=v, y=list(names), orientation="h",
                           error_x=dict(type="data", array=plus, arrayminus=minus)))
    fig.update_layout(title=title, xaxis=dict(range=[0, 105], ticksuffix="%"),
                      height=60 + 28 * max(1, len(names)), margin=dict(l=10, r=10, t=40, b=30))
    return chart_html(fig, embed)


def _png(fig: object) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)  # type: ignore[attr-defined]
    plt.close(fig)  # type: ignore[arg-type]
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def trend_png(trend: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """The trend chart as a PNG data URI for the PDF."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 2.8))
    x = list(range(len(trend.columns)))
    for name, vals in _series(trend, labels):
        ax.plot(x, [float("nan") if v is None else v for v in vals], marker="o", label=name, linewidth=1.4)
    ax.set_xticks(x, [str(c) for c in trend.columns], fontsize=7)
    ax.set_ylim(0, 105)
    ax.set_ylabel("%", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=6, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    fig.tight_layout()
    return _png(fig)


def bars_png(names: Sequence[str], values: Sequence[float | None]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 0.5 + 0.3 * max(1, len(names))))
    v = [0.0 if x is None or pd.isna(x) else 100 * float(x) for x in values]
    ax.barh(list(names)[::-1], v[::-1], color="#3a6ea5")
    ax.set_xlim(0, 105)
    ax.tick_params(labelsize=7)
    fig.tight_layout()
    return _png(fig)
