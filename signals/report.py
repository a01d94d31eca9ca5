"""Writing a `SignalReport`: JSON lines another system picks up, CSV, and a plotly HTML page.

    out/alerts.jsonl   one alert per line (Alert.to_dict(), plus "schema": "meeluister.signal_alert/1")
    out/alerts.csv     the same, flat (lists joined with "|", examples left out)
    out/series.csv     topic, kind, period, count, expected, limit, pvalue, p_adjusted, alert
    out/topics.json    the emerging topics: id, terms, size, coherence, languages
    out/signals.html   per alerted topic: counts, expected, control limit, alerts marked; the alert table

Files are written through a temporary name and renamed, so a reader never sees half a file.
Everything from customer text (terms, example quotes) is escaped in the HTML.
"""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from typing import Any

from signals.detect import SignalReport

ALERT_SCHEMA = "meeluister.signal_alert/1"
CSV_COLUMNS = ("topic", "kind", "terms", "start", "end", "periods", "count", "expected", "ratio", "pvalue",
               "p_adjusted", "z", "first_count", "first_expected", "channels", "languages", "explained_by")


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_report(report: SignalReport, out: str | Path, plot: bool = True, max_plots: int = 12) -> dict[str, Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"alerts_jsonl": out / "alerts.jsonl", "alerts_csv": out / "alerts.csv",
             "series_csv": out / "series.csv", "topics_json": out / "topics.json"}
    lines = []
    for a in report.alerts:
        d = {"schema": ALERT_SCHEMA, "by": report.by, **a.to_dict()}
        lines.append(json.dumps(d, ensure_ascii=False))
    _atomic(paths["alerts_jsonl"], "".join(x + "\n" for x in lines))
    tmp = paths["alerts_csv"].with_name("alerts.csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        for a in report.alerts:
            d = a.to_dict()
            w.writerow(["|".join(map(str, d[c])) if isinstance(d[c], list) else d[c] for c in CSV_COLUMNS])
    tmp.replace(paths["alerts_csv"])
    tmp = paths["series_csv"].with_name("series.csv.tmp")
    report.series.to_csv(tmp, index=False)
    tmp.replace(paths["series_csv"])
    _atomic(paths["topics_json"], json.dumps(report.topics, ensure_ascii=False, indent=1))
    if plot:
        paths["html"] = out / "signals.html"
        _atomic(paths["html"], render_html(report, max_plots))
    return paths


def figure(report: SignalReport, max_plots: int = 12) -> Any:
    """A plotly figure: one panel per alerted topic (most unusual first)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    order: list[str] = []
    for a in sorted(report.alerts, key=lambda a: a.p_adjusted):
        if a.topic not in order:
            order.append(a.topic)
    order = order[:max_plots]
    if not order:
        fig = go.Figure()
        fig.update_layout(title=f"No alerts {report.since} .. {report.until}")
        return fig
    fig = make_subplots(rows=len(order), cols=1, shared_xaxes=True, subplot_titles=order,
                        vertical_spacing=min(0.08, 0.3 / len(order)))
    s = report.series
    for i, t in enumerate(order, 1):
        d = s[s["topic"] == t]
        fig.add_trace(go.Scatter(x=d["period"], y=d["count"], name="count", mode="lines",
                                 line={"color": "#1f77b4"}, showlegend=i == 1), row=i, col=1)
        fig.add_trace(go.Scatter(x=d["period"], y=d["expected"], name="expected", mode="lines",
                                 line={"color": "#7f7f7f", "dash": "dot"}, showlegend=i == 1), row=i, col=1)
        fig.add_trace(go.Scatter(x=d["period"], y=d["limit"], name="control limit", mode="lines",
                                 line={"color": "#d62728", "dash": "dash", "width": 1}, showlegend=i == 1),
                      row=i, col=1)
        al = d[d["alert"]]
        fig.add_trace(go.Scatter(x=al["period"], y=al["count"], name="alert", mode="markers",
                                 marker={"color": "#d62728", "size": 9, "symbol": "triangle-up"},
                                 showlegend=i == 1), row=i, col=1)
    fig.update_layout(height=220 * len(order) + 120, title=f"Signals {report.since} .. {report.until} (by {report.by})")
    return fig


def render_html(report: SignalReport, max_plots: int = 12) -> str:
    fig = figure(report, max_plots)
    plot = fig.to_html(full_html=False, include_plotlyjs=True)  # inline: no network at view time
    rows = []
    for a in report.alerts:
        ex = "<br>".join(html.escape(f"{e['contact_id']} ({e['channel']}, {e['language']}): {e['text']}")
                         for e in a.examples)
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
            a.topic, ", ".join(a.terms), a.start, a.end, a.count, f"{a.expected:.1f}", f"{a.ratio:.1f}",
            f"{a.p_adjusted:.2g}", f"{a.z:.1f}", ", ".join(a.channels), ", ".join(a.languages))) + f"<td>{ex}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("topic", "terms", "start", "end", "count", "expected", "ratio",
                                             "p (adjusted)", "z", "channels", "languages", "examples (redacted)"))
    return ("<!doctype html><html><head><meta charset='utf-8'><title>meeluister signals</title>"
            "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            "padding:3px 6px;font-size:13px;vertical-align:top}</style></head><body>"
            f"<h1>Signals {html.escape(report.since)} .. {html.escape(report.until)}</h1>"
            f"<p>{report.contacts} contacts; {len(report.alerts)} alert(s); correction "
            f"{html.escape(report.options.correction)} at alpha {report.options.alpha} over topics x periods "
            f"(per-test level {report.threshold:.3g}).</p>"
            f"<table><tr>{head}</tr>{''.join(rows)}</table>{plot}</body></html>")
