"""Team leader: the team at a glance, agents who need attention and why, the team's contacts,
coaching reports, disputes to decide and coaching sessions to log (through the coaching API)."""
from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Input, Output, html
from flask import g

from dashboard.auth import language
from dashboard.i18n import t
from dashboard.pages import coaching_panels
from dashboard.pages.common import (contact_link, criterion_label, date_range, dbc, dropdown, fmt, notice,
                                    parse_day, table, with_ci)

ATTENTION_QA = 0.70       # QA score below this needs attention
ATTENTION_PASS = 0.60     # a criterion passed less often than this needs attention
ATTENTION_CSAT = 7.0      # mean CSAT (1-10) below this needs attention


def layout(ctx: Any, lang: str) -> Any:
    b = dbc()
    teams = list(g.user.teams)
    controls = b.Card(b.CardBody([
        dropdown("tl-team", t("team", lang), teams, multi=True, value=teams),
        date_range("tl-dates", lang),
        dropdown("tl-agent", t("agent", lang), [], multi=False),
        html.A(t("export_csv", lang), href="/export/contacts.csv", className="btn btn-outline-secondary btn-sm mt-2"),
    ]), className="mb-3")
    return b.Row([
        b.Col(controls, md=3),
        b.Col([
            html.H1(t("nav_team", lang), className="h3"),
            html.H2(t("team_glance", lang), className="h5 mt-3"), html.Div(id="tl-glance"),
            html.H2(t("attention", lang), className="h5 mt-3"), html.Div(id="tl-attention"),
            html.H2(t("contacts", lang), className="h5 mt-3"), html.Div(id="tl-contacts"),
            pager("tl-contacts-pager", lang),
            coaching_panels.team_panels(ctx, lang),
        ], md=9),
    ], id="team-page")


def attention_rows(card: pd.DataFrame, lang: str) -> list[tuple[str, str, list[str]]]:
    """(agent_id, agent_name, reasons) for agents whose figures call for a talk; pure."""
    out = []
    for _, r in card.iterrows():
        why = []
        if pd.notna(r.get("value")) and r["value"] < ATTENTION_QA and not r.get("small_n", False):
            why.append(f"{t('qa_score', lang)} {fmt(r['value'], 0, True)}")
        wp = r.get("weakest_pass_rate")
        if pd.notna(wp) and wp < ATTENTION_PASS:
            why.append(f"{criterion_label(str(r['weakest_criterion']), lang)} {fmt(wp, 0, True)}")
        cs = r.get("csat")
        if pd.notna(cs) and cs < ATTENTION_CSAT and not r.get("csat_small_n", False):
            why.append(f"CSAT {fmt(cs)}")
        if why:
            out.append((str(r["agent_id"]), str(r.get("agent_name") or r["agent_id"]), why))
    return out


def warm(acc: Any, teams: Any) -> None:
    """The page's default view for a team leader of `teams` (all their teams, no dates) into the
    per-snapshot cache (AppContext.warm_snapshot): the glance's scorecard and the contact list."""
    teams = list(teams)
    acc.scorecard({"team": teams}, date_from=None, date_to=None)
    acc.contacts({"team": teams, "agent_id": None}, None, None)


def register(app: Any, ctx: Any) -> None:
    @app.callback(Output("tl-glance", "children"), Output("tl-attention", "children"),
                  Output("tl-agent", "options"),
                  Input("tl-team", "value"), Input("tl-dates", "start_date"), Input("tl-dates", "end_date"))
    def _glance(teams, start, end):
        ctx.require("team_leader")
        lang, acc = language(), ctx.access()
        card = acc.scorecard({"team": teams}, date_from=parse_day(start), date_to=parse_day(end))
        if card.empty:
            return notice("no_data", lang), None, []
        rows = [[r["agent_name"] or r["agent_id"], r["team"],
                 with_ci(r["value"], r["ci_low"], r["ci_high"], r["n"], r["small_n"], lang, percent=True, digits=0),
                 with_ci(r["csat"], r["csat_low"], r["csat_high"], r["csat_n"], r["csat_small_n"], lang),
                 with_ci(r["nps"], r["nps_low"], r["nps_high"], r["nps_n"], r["nps_small_n"], lang, digits=0),
                 f"{criterion_label(str(r['weakest_criterion']), lang)} ({fmt(r['weakest_pass_rate'], 0, True)})"
                 if pd.notna(r.get("weakest_criterion")) else "–"]
                for _, r in card.iterrows()]
        glance = table([t("agent", lang), t("team", lang), t("qa_score", lang), "CSAT", "NPS",
                        t("focus_points", lang)], rows, id_="tl-glance-table")
        att = attention_rows(card, lang)
        att_list = html.Ul([html.Li([html.Strong(name), ": ", "; ".join(why)]) for _, name, why in att],
                           id="tl-attention-list") if att else notice("no_data", lang, "light")
        options = [{"label": str(r["agent_name"] or r["agent_id"]), "value": str(r["agent_id"])}
                   for _, r in card.drop_duplicates("agent_id").iterrows()]
        return glance, att_list, options

    @app.callback(Output("tl-contacts", "children"), Output("tl-contacts-pager", "max_value"),
                  Input("tl-team", "value"), Input("tl-agent", "value"),
                  Input("tl-dates", "start_date"), Input("tl-dates", "end_date"),
                  Input("tl-contacts-pager", "active_page"))
    def _contacts(teams, agent_id, start, end, page):
        ctx.require("team_leader")
        lang, acc = language(), ctx.access()
        df = acc.contacts({"team": teams, "agent_id": agent_id}, parse_day(start), parse_day(end))
        rows = ctx.options.page_rows
        return contact_table(df, lang, "tl-contacts-table", page, rows), pages(df, rows)


def pager(id_: str, lang: str) -> Any:
    """Pages of a contact list (a browser draws a few dozen rows of Dash components quickly, two
    hundred slowly: 3 s of a page's time at 200 rows)."""
    return html.Nav(dbc().Pagination(id=id_, max_value=1, active_page=1, fully_expanded=False, size="sm",
                                     className="mt-1"), **{"aria-label": t("contacts", lang)})


def pages(df: pd.DataFrame | None, page_rows: int) -> int:
    n = 0 if df is None else len(df)
    return max(1, -(-n // max(1, page_rows)))


def contact_table(df: pd.DataFrame, lang: str, id_: str, page: Any = 1, page_rows: int = 25) -> Any:
    """One page (1-based) of a contact list, newest first; pure."""
    if df is None or df.empty:
        return notice("no_data", lang, "light")
    try:
        page = max(1, min(int(page or 1), pages(df, page_rows)))
    except (TypeError, ValueError):
        page = 1
    part = df.iloc[(page - 1) * page_rows: page * page_rows]
    rows = [[contact_link(cid, day), str(at)[:16], name or aid, ch, la, fmt(cs, 0)]
            for cid, day, at, name, aid, ch, la, cs in zip(
                part["contact_id"], part["day"], part["started_at"], part["agent_name"], part["agent_id"],
                part["channel"], part["language"], part["csat"])]
    return table(["id", t("date", lang), t("agent", lang), t("channel", lang), t("language", lang), "CSAT"],
                 rows, id_=id_)
