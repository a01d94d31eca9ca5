"""Signals (issue 11): per contact reason and emerging topic the counts against the baseline,
spike alerts (topic, top terms, start, count against expected, how unusual, channels and
languages, redacted example text) and repeat contacts per reason, through the signals package's
public API and the query layer. Management sees every contact's signals; a team leader those of
their own teams (the data-access layer scopes `signals.detect` and `signals.repeats`). Example
texts are redacted at ingest; management sees them without contact ids, a team leader with a
link to the contact (their own team's)."""
from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import pandas as pd
from dash import Input, Output, html
from flask import g

from dashboard.auth import language
from dashboard.i18n import t
from dashboard.pages.common import contact_link, date_range, dbc, dropdown, fmt, graph, notice, parse_day, table

ROLES = ("management", "team_leader")
DEFAULT_DAYS = 28  # the window analysed when no period is chosen: the last four weeks


def layout(ctx: Any, lang: str) -> Any:
    b = dbc()
    controls = b.Card(b.CardBody([
        date_range("sg-dates", lang),
        html.Div([
            b.Label(t("by", lang), html_for="sg-by", className="form-label small mb-0 d-block"),
            b.RadioItems(id="sg-by", value="day", inline=True,
                         options=[{"label": t("day", lang), "value": "day"}, {"label": t("hour", lang), "value": "hour"}]),
        ], className="mb-2"),
        dropdown("sg-topic", t("topic", lang), [], multi=False),
    ]), className="mb-3")
    return b.Row([
        b.Col(controls, md=3),
        b.Col([
            html.H1(t("nav_signals", lang), className="h3"),
            html.P(t("signals_intro", lang), className="small text-muted"),
            html.H2(t("alerts", lang), className="h5 mt-3"), html.Div(id="sg-alerts"),
            graph("sg-series", t("counts_baseline", lang)),
            html.H2(t("reasons", lang), className="h5 mt-3"), html.Div(id="sg-reasons"),
            html.H2(t("repeats", lang), className="h5 mt-3"), html.Div(id="sg-repeats"),
        ], md=9),
    ], id="signals-page")


def window(acc: Any, start: Any, end: Any) -> tuple[Any, Any]:
    """The analysed days: the chosen range, else the last DEFAULT_DAYS up to the newest contact."""
    d0, d1 = parse_day(start), parse_day(end)
    if d1 is None:
        d1 = acc.latest_day()
    if d1 is not None and d0 is None:
        d0 = d1 - timedelta(days=DEFAULT_DAYS - 1)
    return d0, d1


def _p(v: Any) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(f):
        return "–"
    return f"{f:.1e}" if f < 0.001 else f"{f:.3f}"


def topic_label(topic: str, terms: Any) -> str:
    """An emerging topic by its top terms, a reason by its id."""
    if str(topic).startswith("topic:") and terms:
        return " · ".join(str(x) for x in list(terms)[:4])
    return str(topic)


def alert_rows(alerts: list[Any], lang: str, with_links: bool) -> list[list[Any]]:
    """One table row per alert; untrusted text (terms, example text) stays text; pure."""
    rows = []
    for a in alerts:
        examples = []
        for e in list(a.examples)[:3]:
            quote = html.Q(str(e.get("text") or "")[:240])
            examples.append(html.Li([quote, " ", contact_link(str(e["contact_id"]), e.get("started_at"), "→")]
                                    if with_links and e.get("contact_id") else [quote]))
        rows.append([
            topic_label(a.topic, a.terms), ", ".join(a.terms[:6]) if a.terms else "–", str(a.start),
            f"{a.count} / {a.expected:.1f} (×{a.ratio:.1f})", _p(a.p_adjusted),
            ", ".join(a.channels) or "–", ", ".join(a.languages) or "–",
            html.Ul(examples, className="small mb-0") if examples else "–",
        ])
    return rows


def reason_rows(series: pd.DataFrame) -> list[list[Any]]:
    """Per reason and topic over the tested periods: contacts, expected, ratio, alerts; pure."""
    if series is None or series.empty:
        return []
    s = series[series["expected"].notna()]
    agg = (s.groupby(["topic", "kind"], sort=True)
           .agg(count=("count", "sum"), expected=("expected", "sum"), alerts=("alert", "sum")).reset_index()
           .sort_values(["alerts", "count"], ascending=[False, False]))
    return [[r.topic, r.kind, int(r.count), fmt(r.expected, 1),
             fmt(r.count / r.expected, 2) if r.expected else "–", int(r.alerts)] for r in agg.itertuples()]


def series_figure(series: pd.DataFrame, topic: str | None, lang: str) -> dict:
    """Count, expected count and alert limit of one topic per period, alerts marked; pure."""
    from dashboard.figures import empty_figure

    if series is None or series.empty or not isinstance(topic, str) or not topic:
        return empty_figure(lang, t("counts_baseline", lang))
    d = series[series["topic"] == topic].sort_values("period")
    if d.empty:
        return empty_figure(lang, t("counts_baseline", lang))
    x = [str(p) for p in d["period"]]
    num = lambda col: [None if pd.isna(v) else float(v) for v in d[col]]  # noqa: E731
    alerts = d[d["alert"].astype(bool)]
    data = [
        {"type": "scatter", "mode": "lines", "x": x, "y": num("limit"), "name": t("limit", lang),
         "line": {"color": "#d62728", "dash": "dot", "width": 1}},
        {"type": "scatter", "mode": "lines", "x": x, "y": num("expected"), "name": t("expected", lang),
         "line": {"color": "#7f7f7f", "dash": "dash"}},
        {"type": "scatter", "mode": "lines+markers", "x": x, "y": num("count"), "name": t("count", lang),
         "line": {"color": "#1f77b4"}, "marker": {"size": 5}},
        {"type": "scatter", "mode": "markers", "x": [str(p) for p in alerts["period"]],
         "y": [float(v) for v in alerts["count"]], "name": t("alerts", lang),
         "marker": {"color": "#d62728", "size": 11, "symbol": "triangle-up"}},
    ]
    return {"data": data, "layout": {"title": {"text": f"{t('counts_baseline', lang)}: {topic}"}, "height": 340,
                                     "margin": dict(l=50, r=20, t=50, b=40), "legend": dict(orientation="h", y=-0.2)}}


def repeat_rows(rep: pd.DataFrame, effect: pd.DataFrame, lang: str) -> list[list[Any]]:
    """Per reason: repeat contacts within each window with their interval, and next_steps'
    effect on repeat contact (fail − pass) with its interval; pure."""
    if rep is None or rep.empty:
        return []
    eff = {} if effect is None or effect.empty else {r.reason: r for r in effect.itertuples()}
    windows = rep.attrs.get("windows", (7, 14))
    out = []
    for r in rep.itertuples():
        cells = [r.reason, int(r.n)]
        for w in windows:
            cells.append(f"{fmt(getattr(r, f'rate_{w}d'), 0, True)} [{fmt(getattr(r, f'low_{w}d'), 0, True)}–"
                         f"{fmt(getattr(r, f'high_{w}d'), 0, True)}]")
        e = eff.get(r.reason)
        cells.append("–" if e is None or pd.isna(e.diff) else
                     f"{fmt(e.diff, 0, True)} [{fmt(e.low, 0, True)}–{fmt(e.high, 0, True)}]"
                     + (f" ({t('small_n', lang)})" if e.small_n else ""))
        if bool(r.small_n):
            cells[1] = html.Span([str(int(r.n)), html.Span(f" {t('small_n', lang)}", className="badge bg-secondary ms-1")])
        out.append(cells)
    return out


def register(app: Any, ctx: Any) -> None:
    @app.callback(Output("sg-alerts", "children"), Output("sg-reasons", "children"),
                  Output("sg-topic", "options"), Output("sg-topic", "value"),
                  Input("sg-dates", "start_date"), Input("sg-dates", "end_date"), Input("sg-by", "value"))
    def _alerts(start, end, by):
        ctx.require(*ROLES)
        lang, acc = language(), ctx.access()
        d0, d1 = window(acc, start, end)
        report = acc.signals(d0, d1, by if by in ("day", "hour") else "day") if d1 else None
        if report is None:
            return notice("no_data", lang), None, [], None
        head = [t("topic", lang), t("terms", lang), t("start", lang), t("count_expected", lang), t("unusual", lang),
                t("channels", lang), t("languages", lang), t("alert_examples", lang)]
        rows = alert_rows(report.alerts, lang, with_links=g.user.role == "team_leader")
        alerts = table(head, rows, id_="sg-alerts-table") if rows else notice("no_alerts", lang, "light", "sg-no-alerts")
        reasons = table([t("topic", lang), "", t("count", lang), t("expected", lang), "×", t("alerts", lang)],
                        reason_rows(report.series), id_="sg-reasons-table")
        topics = sorted(report.series["topic"].unique()) if not report.series.empty else []
        first = report.alerts[0].topic if report.alerts else (topics[0] if topics else None)
        return alerts, reasons, [{"label": str(x), "value": str(x)} for x in topics], first

    @app.callback(Output("sg-series", "figure"), Input("sg-topic", "value"), Input("sg-dates", "start_date"),
                  Input("sg-dates", "end_date"), Input("sg-by", "value"))
    def _series(topic, start, end, by):
        ctx.require(*ROLES)
        lang, acc = language(), ctx.access()
        d0, d1 = window(acc, start, end)
        report = acc.signals(d0, d1, by if by in ("day", "hour") else "day") if d1 else None
        return series_figure(None if report is None else report.series, topic, lang)

    @app.callback(Output("sg-repeats", "children"), Input("sg-dates", "start_date"), Input("sg-dates", "end_date"))
    def _repeats(start, end):
        ctx.require(*ROLES)
        lang, acc = language(), ctx.access()
        d0, d1 = window(acc, start, end)
        rep, effect = acc.repeats(d0, d1)
        rows = repeat_rows(rep, effect, lang)
        if not rows:
            return notice("no_data", lang, "light")
        windows = rep.attrs.get("windows", (7, 14))
        return table([t("reasons", lang), "n"] + [t("repeat_within", lang, d=w) for w in windows]
                     + [t("next_steps_effect", lang)], rows, id_="sg-repeats-table")
