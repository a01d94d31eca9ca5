"""Trainer: the example-call library per criterion (good and bad), filterable by criterion,
language, channel and outcome, each example opening its transcript (evidence highlighted) and
recording, customers and agents pseudonymised; playlists saved in the operational store. The
selection is coaching's (coaching.examples, through dashboard.coaching_bridge)."""
from __future__ import annotations

from datetime import date
from typing import Any

from dash import Input, Output, State, dcc, html
from flask import g, request

from dashboard.access import Forbidden
from dashboard.auth import language
from dashboard.coaching_bridge import LIBRARY_CRITERIA
from dashboard.i18n import t
from dashboard.pages.common import CHANNELS, LANGUAGES, criterion_label, dbc, dropdown, notice, outcome_badge
from dashboard.pages.contact import contact_view, with_audio
from opstore.access_log import log_access

ROLES = ("trainer",)


def layout(ctx: Any, lang: str) -> Any:
    b = dbc()
    playlists = [p["name"] for p in ctx.coaching.playlists()]
    controls = b.Card(b.CardBody([
        dropdown("lib-criterion", t("criterion", lang), LIBRARY_CRITERIA, multi=False),
        dropdown("lib-language", t("language", lang), LANGUAGES, multi=False),
        dropdown("lib-channel", t("channel", lang), CHANNELS, multi=False),
        html.Div([b.Label(t("results", lang), html_for="lib-outcome", className="small mb-0 d-block"),
                  b.RadioItems(id="lib-outcome", value="all", inline=True, options=[
                      {"label": t("all", lang), "value": "all"}, {"label": t("good", lang), "value": "pass"},
                      {"label": t("bad", lang), "value": "fail"}])], className="mb-2"),
        dropdown("lib-playlist", t("playlists", lang), playlists, multi=False),
    ]), className="mb-3")
    save = b.Card(b.CardBody([
        html.H2(t("playlists", lang), className="h6"),
        b.Label(t("playlist_name", lang), html_for="lib-new-name", className="small"),
        dcc.Input(id="lib-new-name", className="form-control mb-2", maxLength=80),
        html.Button(t("save_playlist", lang), id="lib-save", className="btn btn-primary btn-sm"),
        html.Div(id="lib-saved", className="small mt-2", role="status"),
    ]), className="mb-3")
    return b.Row([
        b.Col([controls, save], md=3),
        b.Col([html.H1(t("nav_library", lang), className="h3"),
               html.P(t("pseudonymised", lang), className="small text-muted"),
               dcc.Checklist(id="lib-pick", options=[], value=[], labelClassName="d-block mb-2 lib-item",
                             inputClassName="me-2")], md=9),
    ], id="library-page")


def _filter(items: list[dict], criterion, language_, channel, outcome, playlist) -> list[dict]:
    """The examples matching the trainer's choices; pure."""
    out = []
    for e in items:
        if playlist and e.get("playlist") != playlist:
            continue
        if not playlist and e.get("playlist"):
            continue
        if criterion and e["criterion"] != criterion or language_ and e["language"] != language_ or \
                channel and e["channel"] != channel or outcome in ("pass", "fail") and e["outcome"] != outcome:
            continue
        out.append(e)
    return out


def _key(e: dict) -> str:
    return f"{e['contact_id']}|{e['criterion']}|{e['outcome']}"


def register(app: Any, ctx: Any) -> None:
    @app.callback(Output("lib-pick", "options"),
                  Input("lib-criterion", "value"), Input("lib-language", "value"), Input("lib-channel", "value"),
                  Input("lib-outcome", "value"), Input("lib-playlist", "value"))
    def _list(criterion, language_, channel, outcome, playlist):
        ctx.require(*ROLES)
        lang = language()
        items = _filter(ctx.library(), criterion, language_, channel, outcome, playlist)
        return [{"value": _key(e), "label": html.Span([
            outcome_badge(e["outcome"], lang), " ", html.Strong(criterion_label(e["criterion"], lang)),
            f" · {e['language']} · {e['channel']} · {t('agent', lang).lower()} {e['agent']} · ",
            html.Q((e.get("evidence") or {}).get("quote") or ""), " ",
            dcc.Link("▶", href=f"/example/{e['contact_id']}?d={e['day']}", title=t("transcript", lang))])}
            for e in items[:200]]

    @app.callback(Output("lib-saved", "children"), Input("lib-save", "n_clicks"),
                  State("lib-new-name", "value"), State("lib-pick", "value"), prevent_initial_call=True)
    def _save(_n, name, picked):
        ctx.require(*ROLES)
        lang = language()
        known = {_key(e): e for e in ctx.library()}
        chosen = [known[k] for k in (picked or []) if isinstance(k, str) and k in known]  # only library items
        if not name or not str(name).strip() or not chosen:
            return t("playlist_needs", lang)
        ctx.coaching.save_playlist(str(name).strip()[:80], chosen, by=g.user.username)
        return t("saved", lang)


def example_page(ctx: Any, contact_id: str, day: date | None, lang: str) -> Any:
    if g.user.role not in ROLES:
        return notice("not_allowed", lang, "warning", "not-allowed")
    try:
        data = ctx.access().example(contact_id, day, ctx.library_ids())
    except Forbidden:
        return notice("not_allowed", lang, "warning", "not-allowed")
    if data is None:
        return notice("not_found", lang, "warning", "not-found")
    log_access(ctx.store, g.user, str(data["contact"]["contact_id"]), "view", request.remote_addr)
    return contact_view(with_audio(ctx, data), lang, g.user.role)
