"""Agent: own scores and trend, focus points, own good moments, own contacts (from which a
result can be contested), feedback and coaching sessions to acknowledge. Only ever the agent's
own data: the data-access layer sets agent_id from the signed-in user."""
from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Input, Output, html

from dashboard import figures
from dashboard.auth import language
from dashboard.i18n import t
from dashboard.pages import coaching_panels
from dashboard.pages.common import (contact_link, criterion_label, date_range, dbc, graph, granularity, notice,
                                    parse_day)
from dashboard.pages.team import contact_table, pager, pages

FOCUS_POINTS = 2
GOOD_MOMENTS = 5
GOOD_FROM = 50  # good moments are looked for in the newest this many contacts


def layout(ctx: Any, lang: str) -> Any:
    """The page with its default view's scores already in it (no dates, weeks): each graph is
    drawn once, with its data; the score callback answers only when a control changes."""
    b = dbc()
    qa_f, csat_f, pass_f, focus = scores_view(ctx.access(), None, None, "week", lang)
    controls = b.Card(b.CardBody([date_range("ag-dates", lang), granularity("ag-period", lang)]), className="mb-3")
    return b.Row([
        b.Col(controls, md=3),
        b.Col([
            html.H1(t("nav_agent", lang), className="h3"),
            b.Row([b.Col(graph("ag-qa-trend", t("qa_score", lang), qa_f), lg=6),
                   b.Col(graph("ag-csat-trend", t("csat", lang), csat_f), lg=6)]),
            graph("ag-pass", t("pass_rates", lang), pass_f),
            html.H2(t("focus_points", lang), className="h5"), html.Div(focus, id="ag-focus"),
            html.H2(t("good_moments", lang), className="h5 mt-3"), html.Div(id="ag-good"),
            html.H2(t("contacts", lang), className="h5 mt-3"), html.Div(id="ag-contacts"),
            pager("ag-contacts-pager", lang),
            coaching_panels.agent_panels(ctx, lang),
        ], md=9),
    ], id="agent-page")


def focus_points(pass_rates: pd.DataFrame, n: int = FOCUS_POINTS, min_n: int = 5) -> pd.DataFrame:
    """The criteria passed least often (with enough applicable results); pure."""
    if pass_rates is None or pass_rates.empty:
        return pd.DataFrame()
    d = pass_rates[(pass_rates["n"] >= min_n) & (pass_rates["value"] < 1.0)]
    return d.sort_values(["value", "criterion"]).head(n)


def good_moments(results: pd.DataFrame, n: int = GOOD_MOMENTS) -> list[dict[str, Any]]:
    """Passed results with evidence to show (the newest first); pure."""
    if results is None or results.empty:
        return []
    out = []
    for _, r in results[results["outcome"] == "pass"].iloc[::-1].iterrows():
        for e in reversed(r["evidence"] or []):  # the last item: the agent's answer, not the cue
            if e.get("quote"):
                out.append({"contact_id": r["contact_id"], "criterion": r["criterion"], "quote": e["quote"],
                            "start": e.get("start")})
                break
        if len(out) >= n:
            break
    return out


def score_frames(acc: Any, start: Any, end: Any, period: Any) -> tuple[str, Any, Any, Any]:
    """The period column, the QA score and CSAT trends and the pass rates per criterion."""
    period = period if period in ("day", "week", "month") else "week"
    kw = dict(date_from=parse_day(start), date_to=parse_day(end))
    return (period, acc.qa_score(None, period=period, **kw), acc.csat(None, period=period, **kw),
            acc.pass_rates(None, group_by=("criterion",), **kw))


def row_frames(acc: Any, start: Any, end: Any) -> tuple[pd.DataFrame, dict, Any]:
    """The agent's newest contacts, their days, and the results of the newest `GOOD_FROM` of
    them (where good moments are looked for: not the whole history)."""
    d0, d1 = parse_day(start), parse_day(end)
    contacts = acc.contacts(None, d0, d1)
    days = dict(zip(contacts["contact_id"], contacts["day"])) if not contacts.empty else {}
    recent = dict(list(days.items())[:GOOD_FROM])
    known = [d for d in recent.values() if not pd.isna(d)]
    since = min(known) if known and len(known) == len(recent) else d0  # the date only prunes partitions
    res = acc.results(None, since, d1, contact_ids=list(recent)) if recent else None
    return contacts, days, res


def warm(acc: Any) -> None:
    """The page's default view (no dates, weeks) for the agent of `acc` into the per-snapshot
    cache (AppContext.warm_snapshot)."""
    score_frames(acc, None, None, "week")
    row_frames(acc, None, None)


def scores_view(acc: Any, start: Any, end: Any, period: Any, lang: str) -> tuple:
    """The QA score and CSAT trend figures, the pass-rate figure and the focus points."""
    period, qa, cs, pr = score_frames(acc, start, end, period)
    label = lambda c: criterion_label(c, lang)  # noqa: E731
    fp = focus_points(pr)
    focus = html.Ul([html.Li(f"{label(r['criterion'])}: {r['value'] * 100:.0f}% (n={int(r['n'])})")
                     for _, r in fp.iterrows()], id="ag-focus-list") if not fp.empty else notice("no_data", lang, "light")
    return (figures.trend_with_bands(qa, period, None, t("qa_score", lang), lang, y_range=(0, 100), percent=True),
            figures.trend_with_bands(cs, period, None, t("csat", lang), lang, y_range=(1, 10)),
            figures.bars_with_ci(pr, "criterion", t("pass_rates", lang), lang, label_fn=label),
            focus)


def register(app: Any, ctx: Any) -> None:
    # the layout carries the default view's scores: no callback on page load (prevent_initial_call)
    @app.callback(Output("ag-qa-trend", "figure"), Output("ag-csat-trend", "figure"), Output("ag-pass", "figure"),
                  Output("ag-focus", "children"),
                  Input("ag-dates", "start_date"), Input("ag-dates", "end_date"), Input("ag-period", "value"),
                  prevent_initial_call=True)
    def _scores(start, end, period):
        ctx.require("agent")
        return scores_view(ctx.access(), start, end, period, language())

    @app.callback(Output("ag-good", "children"), Output("ag-contacts", "children"),
                  Output("ag-contacts-pager", "max_value"),
                  Input("ag-dates", "start_date"), Input("ag-dates", "end_date"),
                  Input("ag-contacts-pager", "active_page"))
    def _rows(start, end, page):
        ctx.require("agent")
        lang = language()
        contacts, days, res = row_frames(ctx.access(), start, end)
        moments = good_moments(res)
        good = html.Ul([html.Li([html.Q(m["quote"]), " · ", criterion_label(m["criterion"], lang), " · ",
                                 contact_link(m["contact_id"], days.get(m["contact_id"]))])
                        for m in moments], id="ag-good-list") if moments else notice("no_data", lang, "light")
        return (good, contact_table(contacts, lang, "ag-contacts-table", page, ctx.options.page_rows),
                pages(contacts, ctx.options.page_rows))
