"""The coaching loop in the pages: an agent contests a result and acknowledges coaching
sessions; a team leader decides disputes, logs coaching sessions and opens coaching reports.
Every write names the signed-in user; which contact, dispute or session may be touched is checked
on the server (coaching's own checks, plus the data-access layer's scope), never taken on trust
from ids the browser sends."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from dash import ALL, Input, Output, State, ctx as dash_ctx, dcc, html
from flask import g

from dashboard.auth import language
from dashboard.coaching_bridge import LIBRARY_CRITERIA
from dashboard.i18n import t
from dashboard.pages.common import criterion_label, dbc, notice, parse_day, table

CONTACT = re.compile(r"^/contact/([A-Za-z0-9._:-]{1,200})$")


def _criterion_options(lang: str) -> list[dict]:
    return [{"label": criterion_label(c, lang), "value": c} for c in LIBRARY_CRITERIA]


# -- layouts ------------------------------------------------------------------------------------
def team_panels(ctx: Any, lang: str) -> Any:
    b = dbc()
    form = b.Card(b.CardBody([
        b.Row([
            b.Col([b.Label(t("agent", lang), html_for="tl-s-agent", className="small"),
                   dcc.Dropdown(id="tl-s-agent", options=[])]),
            b.Col([b.Label(t("criterion", lang), html_for="tl-s-criterion", className="small"),
                   dcc.Dropdown(id="tl-s-criterion", options=_criterion_options(lang))]),
            b.Col([b.Label(t("date", lang), html_for="tl-s-date", className="small d-block"),
                   dcc.DatePickerSingle(id="tl-s-date", display_format="YYYY-MM-DD")]),
        ]),
        b.Label(t("note", lang), html_for="tl-s-note", className="small mt-2"),
        dcc.Textarea(id="tl-s-note", className="form-control", maxLength=2000),
        html.Button(t("log_session", lang), id="tl-s-log", className="btn btn-primary btn-sm mt-2"),
        html.Div(id="tl-s-msg", className="small mt-2", role="status"),
    ]))
    return html.Div([
        html.H2(t("reports", lang), className="h5 mt-3"), html.Div(id="tl-reports"),
        html.H2(t("disputes", lang), className="h5 mt-3"), html.Div(id="tl-disputes"),
        html.H2(t("log_session", lang), className="h5 mt-3"), form, html.Div(id="tl-sessions", className="mt-2"),
    ])


def agent_panels(ctx: Any, lang: str) -> Any:
    return html.Div([
        html.H2(t("sessions", lang), className="h5 mt-3"), html.Div(id="ag-ack"),
        html.H2(t("my_disputes", lang), className="h5 mt-3"), html.Div(id="ag-disputes"),
    ])


def contest_button(contact_id: str, criterion: str, lang: str) -> Any:
    return html.Span("")


def contest_form(lang: str) -> Any:
    b = dbc()
    return b.Card(b.CardBody([
        html.H2(t("contest", lang), className="h6"),
        b.Label(t("criterion", lang), html_for="ct-criterion", className="small"),
        dcc.Dropdown(id="ct-criterion", options=_criterion_options(lang)),
        b.Label(t("comment", lang), html_for="ct-comment", className="small mt-2"),
        dcc.Textarea(id="ct-comment", className="form-control", maxLength=2000),
        html.Button(t("contest", lang), id="ct-submit", className="btn btn-outline-primary btn-sm mt-2"),
        html.Div(id="ct-msg", className="small mt-2", role="status"),
    ]), className="mt-3", id="contest-form")


# -- pure views ---------------------------------------------------------------------------------
def disputes_view(rows: list[Any], lang: str, decide: bool) -> Any:
    if not rows:
        return notice("no_data", lang, "light")
    body = []
    for d in rows:
        cells = [d.contact_id, criterion_label(d.criterion, lang), d.agent_id, d.comment, d.status]
        if decide:
            cells.append(html.Span([
                dcc.Input(id={"type": "tl-reason", "id": d.id}, placeholder=t("reason", lang),
                          className="form-control form-control-sm mb-1"),
                html.Button(t("uphold", lang), id={"type": "tl-decide", "id": d.id, "decision": "uphold"},
                            className="btn btn-outline-secondary btn-sm me-1"),
                html.Button(t("overturn", lang), id={"type": "tl-decide", "id": d.id, "decision": "overturn"},
                            className="btn btn-outline-primary btn-sm")]))
        body.append(cells)
    head = ["id", t("criterion", lang), t("agent", lang), t("comment", lang), t("status", lang)]
    return table(head + ([""] if decide else []), body, id_="disputes-table")


def sessions_view(rows: list[Any], lang: str, ack: bool) -> Any:
    if not rows:
        return notice("no_data", lang, "light")
    body = []
    for s in rows:
        state = t("acknowledged", lang) if s.acknowledged_at else (
            html.Button(t("acknowledge", lang), id={"type": "ag-ack", "id": s.id}, className="btn btn-primary btn-sm")
            if ack else "–")
        body.append([s.session_date, s.agent_id, criterion_label(s.criterion, lang), s.note, state])
    return table([t("date", lang), t("agent", lang), t("criterion", lang), t("note", lang), t("status", lang)],
                 body, id_="sessions-table")


def report_files(reports_dir: Path | None, teams: tuple[str, ...], agent_ids: list[str]) -> list[str]:
    """Coaching report files (coaching.write_reports names) this user may open; pure."""
    if reports_dir is None or not Path(reports_dir).is_dir():
        return []
    safe = lambda s: "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in str(s))  # noqa: E731
    prefixes = [f"team-{safe(tm)}-" for tm in teams] + [f"agent-{safe(a)}-" for a in agent_ids]
    return sorted(p.name for p in Path(reports_dir).iterdir()
                  if p.suffix in (".html", ".pdf") and any(p.name.startswith(x) for x in prefixes))


# -- callbacks ----------------------------------------------------------------------------------
def register(app: Any, ctx: Any) -> None:
    @app.callback(Output("tl-disputes", "children"), Output("tl-sessions", "children"), Output("tl-s-agent", "options"),
                  Output("tl-reports", "children"), Input("tl-team", "value"),
                  Input({"type": "tl-decide", "id": ALL, "decision": ALL}, "n_clicks"), Input("tl-s-msg", "children"),
                  State({"type": "tl-reason", "id": ALL}, "value"), State({"type": "tl-reason", "id": ALL}, "id"))
    def _team(teams, _clicks, _msg, reasons, reason_ids):
        ctx.require("team_leader")
        lang, acc = language(), ctx.access()
        agents = acc.team_agents(teams)
        ids = [a for a, _ in agents]
        trig = dash_ctx.triggered_id
        if isinstance(trig, dict) and trig.get("type") == "tl-decide" and dash_ctx.triggered[0].get("value"):
            d = ctx.coaching.get_dispute(int(trig["id"]))
            # only a dispute of an agent in this leader's team(s), about a contact they may see
            if d is not None and d.agent_id in ids and acc.contact(d.contact_id) is not None:
                reason = next((r for r, i in zip(reasons or [], reason_ids or []) if i.get("id") == d.id), None)
                try:
                    ctx.coaching.decide(d.id, str(trig.get("decision")), str(reason or t(trig.get("decision"), lang)),
                                        g.user.username)
                except Exception as exc:  # noqa: BLE001 - shown to the person as a one-line message
                    return notice("not_available", lang, "warning"), str(exc), [], None
        disputes = ctx.coaching.disputes(agent_ids=ids, status="open") if ids else []
        sessions = ctx.coaching.sessions(agent_ids=ids) if ids else []
        files = report_files(ctx.options.reports_dir, tuple(g.user.teams), ids)
        reports = html.Ul([html.Li(html.A(f, href=f"/reports/{f}", target="_blank")) for f in files]) \
            if files else notice("no_data", lang, "light")
        return (disputes_view(disputes, lang, decide=True), sessions_view(sessions, lang, ack=False),
                [{"label": n, "value": a} for a, n in agents], reports)

    @app.callback(Output("tl-s-msg", "children"), Input("tl-s-log", "n_clicks"), State("tl-s-agent", "value"),
                  State("tl-s-criterion", "value"), State("tl-s-date", "date"), State("tl-s-note", "value"),
                  prevent_initial_call=True)
    def _log(_n, agent_id, criterion, day, note):
        ctx.require("team_leader")
        lang = language()
        ids = [a for a, _ in ctx.access().team_agents()]
        if agent_id not in ids or criterion not in LIBRARY_CRITERIA:
            return t("not_found", lang)
        ctx.coaching.log_session(str(agent_id), criterion, parse_day(day) or date.today(), str(note or "")[:2000],
                                 g.user.username)
        return t("logged", lang)

    @app.callback(Output("ag-ack", "children"), Output("ag-disputes", "children"),
                  Input({"type": "ag-ack", "id": ALL}, "n_clicks"), Input("ag-dates", "start_date"))
    def _agent(_clicks, _start):
        ctx.require("agent")
        lang, me = language(), g.user.agent_id
        trig = dash_ctx.triggered_id
        if isinstance(trig, dict) and trig.get("type") == "ag-ack" and dash_ctx.triggered[0].get("value"):
            try:
                ctx.coaching.acknowledge(int(trig["id"]), me)  # refused for another agent's session
            except Exception:  # noqa: BLE001 - someone else's or unknown session: nothing changes
                pass
        return (sessions_view(ctx.coaching.sessions(agent_ids=[me]), lang, ack=True),
                disputes_view(ctx.coaching.disputes(agent_ids=[me]), lang, decide=False))

    @app.callback(Output("ct-msg", "children"), Input("ct-submit", "n_clicks"), State("url", "pathname"),
                  State("ct-criterion", "value"), State("ct-comment", "value"), prevent_initial_call=True)
    def _contest(_n, pathname, criterion, comment):
        ctx.require("agent")
        lang = language()
        m = CONTACT.match(pathname if isinstance(pathname, str) else "")
        acc = ctx.access()
        if not m or acc.contact(m.group(1)) is None:   # only a contact this agent may see
            return t("not_found", lang)
        if not comment or not str(comment).strip():
            return t("comment_required", lang)
        try:
            ctx.coaching.open_dispute(acc.con, g.user, m.group(1), str(criterion), str(comment)[:2000])
        except Exception as exc:  # noqa: BLE001 - coaching's refusal, one line
            return str(exc)
        return t("dispute_opened", lang)
