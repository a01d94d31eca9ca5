"""Contact detail: the transcript with each criterion's evidence highlighted, the recording
(streamed from the role-checked /audio route, with range requests) seeking to the evidence, the
survey response, and the results with their reasons. Every view is written to the access log."""
from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

import pandas as pd
from dash import ALL, Input, Output, dcc, html
from flask import g, request

from dashboard.access import Forbidden
from dashboard.i18n import t
from dashboard.pages import coaching_panels
from dashboard.pages.common import criterion_label, dbc, fmt, notice, outcome_badge, table
from opstore.access_log import log_access


def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


MARK_COLOURS = {"fail": "#f8d7da", "pass": "#d1e7dd"}


def marks_by_turn(results: pd.DataFrame) -> dict[int, list[dict[str, Any]]]:
    """Evidence items grouped by the turn they point at; pure."""
    out: dict[int, list[dict[str, Any]]] = {}
    if results is None or results.empty:
        return out
    for _, r in results.iterrows():
        for e in r["evidence"] or []:
            turn = e.get("turn")
            if turn is None or (isinstance(turn, float) and math.isnan(turn)):
                continue
            out.setdefault(int(turn), []).append({"criterion": r["criterion"], "outcome": r["outcome"],
                                                  "term": e.get("term"), "quote": e.get("quote")})
    return out


def highlight(text: str, marks: list[dict[str, Any]], lang: str) -> list[Any]:
    """The turn's text with each evidence term (or quote) wrapped in <mark>; text stays text
    (React escapes it), so hostile chat content shows as typed."""
    text = text or ""
    spans: list[tuple[int, int, dict[str, Any]]] = []
    for m in marks:
        needle = m.get("term") or m.get("quote")
        if not needle:
            continue
        for hit in re.finditer(re.escape(str(needle)), text, flags=re.IGNORECASE):
            spans.append((hit.start(), hit.end(), m))
            if not m.get("term"):
                break
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[Any] = []
    pos = 0
    for start, end, m in spans:
        if start < pos:
            continue  # overlapping evidence: the first one wins
        out.append(text[pos:start])
        label = f"{criterion_label(m['criterion'], lang)}: {t('outcome_' + str(m['outcome']), lang)}"
        out.append(html.Mark(text[start:end], title=label, className=f"ev ev-{m['outcome']}",
                             style={"backgroundColor": MARK_COLOURS.get(str(m["outcome"]), "#fff3cd")},
                             **{"aria-label": label}))
        pos = end
    out.append(text[pos:])
    return [p for p in out if p != ""]


def transcript_view(turns: pd.DataFrame, results: pd.DataFrame, lang: str, pseudonymised: bool = False) -> Any:
    marks = marks_by_turn(results)
    items = []
    for _, r in turns.iterrows():
        idx = int(r["idx"])
        turn_marks = marks.get(idx, [])
        speaker = str(r["speaker"])
        label = t(f"speaker_{speaker}" if speaker in ("agent", "customer") else "speaker_other", lang)
        start = _num(r["start"])
        unplaced = [m for m in turn_marks if not (m.get("term") or m.get("quote")) or
                    str(m.get("term") or m.get("quote")).lower() not in str(r["text"] or "").lower()]
        badges = [html.Span(criterion_label(m["criterion"], lang), className=f"badge ms-1 ev-badge-{m['outcome']} "
                            + ("bg-danger" if m["outcome"] == "fail" else "bg-success")) for m in unplaced]
        items.append(html.Div([
            html.Div([html.Strong(label), html.Span(f" {start:.1f} s" if start is not None else "",
                                                    className="text-muted small"), *badges]),
            html.P(highlight(str(r["text"] or ""), turn_marks, lang), className="mb-1"),
        ], id=f"turn-{idx}", className=f"turn turn-{speaker} border-start ps-2 mb-2"
           + (" border-warning border-3" if turn_marks else "")))
    head = [html.P(t("pseudonymised", lang), className="small text-muted")] if pseudonymised else []
    return html.Section(head + items, id="transcript", **{"aria-label": t("transcript", lang)})


def results_view(results: pd.DataFrame, lang: str, contest: bool) -> Any:
    rows = []
    for i, r in results.reset_index(drop=True).iterrows():
        seeks = []
        for j, e in enumerate(r["evidence"] or []):
            s = _num(e.get("start"))
            if s is not None:
                seeks.append(html.Button(f"▶ {s:.1f} s", id={"type": "seek", "i": i * 100 + j, "start": s},
                                         className="btn btn-link btn-sm p-0 me-2",
                                         title=f"{t('play_from', lang)} {s:.1f} s"))
        outcome = [outcome_badge(str(r["outcome"]), lang)]
        if r.get("reviewed"):
            outcome.append(html.Span(f" {t('reviewed', lang)} ({t('outcome_' + str(r['auto_outcome']), lang)})",
                                     className="small text-muted"))
        cells = [criterion_label(str(r["criterion"]), lang), html.Span(outcome), str(r.get("reason") or ""),
                 html.Span([html.Q(e.get("quote") or e.get("term") or "") for e in (r["evidence"] or [])[:2]]),
                 html.Span(seeks)]
        if contest:
            cells.append(coaching_panels.contest_button(str(r["contact_id"]), str(r["criterion"]), lang))
        rows.append(cells)
    header = [t("criterion", lang), t("outcome", lang), t("reason", lang), t("evidence", lang), t("play_from", lang)]
    if contest:
        header.append(t("contest", lang))
    return table(header, rows, id_="results-table")


def contact_view(data: dict[str, Any], lang: str, role: str) -> Any:
    """The whole contact page from the data-access layer's answer; pure apart from Dash."""
    b = dbc()
    c = data["contact"]
    cid = str(c["contact_id"])
    day = c.get("day")
    audio = None
    if data.get("audio_available"):
        src = f"/audio/{cid}" + (f"?d={day.isoformat()}" if isinstance(day, date) else "")
        audio = html.Audio(id="contact-audio", src=src, controls=True, preload="metadata", className="w-100",
                           **{"aria-label": f"{t('play_from', lang)} 0 s"})
    header = html.Div([
        html.H1(f"{t('contacts', lang)} {cid}", className="h4", id="contact-title"),
        html.P(" · ".join(str(x) for x in (str(c.get("started_at"))[:16], c.get("channel"), c.get("language"),
                                           c.get("agent_name") or c.get("agent_id"), c.get("team")) if x),
               className="text-muted"),
    ])
    survey = None
    if not data.get("pseudonymised"):
        survey = b.Card(b.CardBody([
            html.H2(t("survey", lang), className="h6"),
            html.P(f"CSAT {fmt(c.get('csat'), 0)} · NPS {fmt(c.get('nps'), 0)}"),
            html.P(str(c.get("comment") or ""), className="fst-italic", id="survey-comment"),
        ]), className="mb-3")
    contest = role == "agent"
    return html.Div([
        header,
        audio if audio is not None else notice("no_audio", lang, "light"),
        dcc.Store(id="seek-pos"),
        b.Row([
            b.Col([html.H2(t("results", lang), className="h5 mt-3"), results_view(data["results"], lang, contest),
                   coaching_panels.contest_form(lang) if contest else None], lg=7),
            b.Col([survey, html.H2(t("transcript", lang), className="h5"),
                   transcript_view(data["turns"], data["results"], lang, bool(data.get("pseudonymised")))], lg=5),
        ]),
    ], id="contact-page")


def page(ctx: Any, contact_id: str, day_hint: date | None, lang: str) -> Any:
    try:
        data = ctx.access().contact(contact_id, day_hint)
    except Forbidden:
        return notice("not_allowed", lang, "warning", "not-allowed")
    if data is None:
        return notice("not_found", lang, "warning", "not-found")
    log_access(ctx.store, g.user, str(data["contact"]["contact_id"]), "view", request.remote_addr)
    return contact_view(with_audio(ctx, data), lang, g.user.role)


def with_audio(ctx: Any, data: dict[str, Any]) -> dict[str, Any]:
    from dashboard.routes import resolve_audio

    c = data["contact"]
    stored = c.get("audio")
    stored = None if stored is None or (isinstance(stored, float) and math.isnan(stored)) else str(stored)
    return dict(data, audio_available=resolve_audio(stored, str(c["contact_id"]), ctx.options.audio_root) is not None)


SEEK_JS = """function(clicks) {
    const cc = window.dash_clientside.callback_context;
    if (!cc.triggered.length || !cc.triggered[0].value) { return window.dash_clientside.no_update; }
    const id = JSON.parse(cc.triggered[0].prop_id.split('.')[0]);
    const a = document.getElementById('contact-audio');
    if (a) {
        const go = function () { a.currentTime = id.start; a.play().catch(function () {}); };
        if (a.readyState >= 1) { go(); } else { a.addEventListener('loadedmetadata', go, {once: true}); a.load(); }
    }
    return id.start;
}"""


def register(app: Any, ctx: Any) -> None:
    app.clientside_callback(SEEK_JS, Output("seek-pos", "data"),
                            Input({"type": "seek", "i": ALL, "start": ALL}, "n_clicks"), prevent_initial_call=True)
