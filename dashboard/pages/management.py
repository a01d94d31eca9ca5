"""Management: CSAT and NPS per language and channel over time (intervals, n, small groups
marked), QA pass rates per criterion, key drivers; filters for period, language, channel, team,
queue. Aggregates only: no contact, no transcript, no agent."""
from __future__ import annotations

from typing import Any

from dash import Input, Output, html
from flask import g

from dashboard import figures
from dashboard.auth import language
from dashboard.i18n import t
from dashboard.pages.common import (CHANNELS, LANGUAGES, criterion_label, date_range, dbc, dropdown, graph,
                                    granularity, parse_day)

FILTERS = ("mg-language", "mg-channel", "mg-team", "mg-queue")


def _values(ctx: Any, dim: str) -> list[str]:
    return ctx.access().dimension_values(dim)


def layout(ctx: Any, lang: str) -> Any:
    """The page with its default view's figures already in it (no dates, weeks, no filters):
    each graph is drawn once, with its data; the callbacks answer only when a filter changes."""
    b = dbc()
    req = _requested(None, None, None, None)
    csat_l, csat_c, nps_l, nps_c, note = satisfaction_view(ctx.access(), None, None, "week", req, lang)
    pass_f, drivers_f = quality_view(ctx.access(), None, None, req, lang)
    controls = b.Card(b.CardBody([
        date_range("mg-dates", lang),
        granularity("mg-period", lang),
        dropdown("mg-language", t("language", lang), LANGUAGES),
        dropdown("mg-channel", t("channel", lang), CHANNELS),
        dropdown("mg-team", t("team", lang), _values(ctx, "team")),
        dropdown("mg-queue", t("queue", lang), _values(ctx, "queue")),
        html.A(t("export_csv", lang), href="/export/csat.csv", className="btn btn-outline-secondary btn-sm mt-2",
               id="mg-export"),
    ]), className="mb-3")
    return b.Row([
        b.Col(controls, md=3),
        b.Col([
            html.H1(t("nav_management", lang), className="h3"),
            html.P(note, id="mg-note", className="small text-muted"),
            b.Row([b.Col(graph("mg-csat-language", t("csat", lang), csat_l), lg=6),
                   b.Col(graph("mg-csat-channel", t("csat", lang), csat_c), lg=6)]),
            b.Row([b.Col(graph("mg-nps-language", t("nps", lang), nps_l), lg=6),
                   b.Col(graph("mg-nps-channel", t("nps", lang), nps_c), lg=6)]),
            b.Row([b.Col(graph("mg-pass", t("pass_rates", lang), pass_f), lg=6),
                   b.Col(graph("mg-drivers", t("drivers", lang), drivers_f), lg=6)]),
        ], md=9),
    ], id="management-page")


def _requested(language_: Any, channel: Any, team: Any, queue: Any) -> dict[str, Any]:
    return {"language": language_, "channel": channel, "team": team, "queue": queue}


def satisfaction_frames(acc: Any, start: Any, end: Any, period: Any, req: dict[str, Any]) -> tuple[str, list]:
    """The period column and the four satisfaction frames ((metric, dimension, frame): CSAT and
    NPS per language and per channel over time) for the page's inputs."""
    period = period if period in ("day", "week", "month") else "week"
    kw = dict(period=period, date_from=parse_day(start), date_to=parse_day(end))
    frames = [(metric, dim, getattr(acc, metric)(req, group_by=(dim,), **kw))
              for metric in ("csat", "nps") for dim in ("language", "channel")]
    return period, frames


def quality_frames(acc: Any, start: Any, end: Any, req: dict[str, Any], drivers: bool) -> tuple[Any, Any]:
    """Pass rates per criterion and (when `drivers`) the key drivers for the page's inputs."""
    kw = dict(date_from=parse_day(start), date_to=parse_day(end))
    pr = acc.pass_rates(req, group_by=("criterion",), **kw)
    return pr, (acc.drivers(req, **kw) if drivers else None)


def warm(acc: Any) -> None:
    """The page's default view (no dates, weeks, no filters) into the per-snapshot cache: what the
    first visitor after a start or a publish would otherwise compute (AppContext.warm_snapshot)."""
    for dim in ("team", "queue"):
        acc.dimension_values(dim)
    req = _requested(None, None, None, None)
    satisfaction_frames(acc, None, None, "week", req)
    quality_frames(acc, None, None, req, drivers=True)


def satisfaction_view(acc: Any, start: Any, end: Any, period: Any, req: dict[str, Any], lang: str) -> tuple:
    """The four satisfaction figures and the small-group note for the page's inputs."""
    period, frames = satisfaction_frames(acc, start, end, period, req)
    y_ranges = {"csat": (1, 10), "nps": (-100, 100)}
    out = [figures.trend_with_bands(df, period, dim, f"{t(metric, lang)} · {t(dim, lang)}", lang,
                                    y_range=y_ranges[metric]) for metric, dim, df in frames]
    df = frames[-1][2]
    min_n = df.attrs.get("min_n", 30) if df is not None else 30
    return (*out, t("small_n_note", lang, n=min_n))


def quality_view(acc: Any, start: Any, end: Any, req: dict[str, Any], lang: str) -> tuple[Any, Any]:
    """Pass rates per criterion and key drivers (management and team leaders) as figures."""
    label = lambda c: criterion_label(c, lang)  # noqa: E731
    pr, dr = quality_frames(acc, start, end, req, drivers=g.user.role in ("management", "team_leader"))
    return (figures.bars_with_ci(pr, "criterion", t("pass_rates", lang), lang, label_fn=label),
            figures.drivers_figure(dr, t("drivers", lang), lang, label_fn=label))


def register(app: Any, ctx: Any) -> None:
    inputs = [Input("mg-dates", "start_date"), Input("mg-dates", "end_date"), Input("mg-period", "value")] + \
             [Input(f, "value") for f in FILTERS]

    # the layout carries the default view's figures: no callback on page load (prevent_initial_call)
    @app.callback(Output("mg-csat-language", "figure"), Output("mg-csat-channel", "figure"),
                  Output("mg-nps-language", "figure"), Output("mg-nps-channel", "figure"),
                  Output("mg-note", "children"), *inputs, prevent_initial_call=True)
    def _satisfaction(start, end, period, lang_f, chan_f, team_f, queue_f):
        ctx.require("management")
        return satisfaction_view(ctx.access(), start, end, period, _requested(lang_f, chan_f, team_f, queue_f),
                                 language())

    @app.callback(Output("mg-pass", "figure"), Output("mg-drivers", "figure"), *inputs, prevent_initial_call=True)
    def _quality(start, end, _period, lang_f, chan_f, team_f, queue_f):
        ctx.require("management")
        return quality_view(ctx.access(), start, end, _requested(lang_f, chan_f, team_f, queue_f), language())
