"""Trainer: the example-call library per criterion (good and bad), filterable by language and
channel, each example playable with its transcript and the evidence highlighted, customers
pseudonymised; playlists. The library's contents come from the coaching API."""
from __future__ import annotations

from datetime import date
from typing import Any

from dash import html
from flask import g, request

from dashboard.access import Forbidden
from dashboard.i18n import t
from dashboard.pages.common import dbc, notice
from dashboard.pages.contact import contact_view, with_audio
from opstore.access_log import log_access


def layout(ctx: Any, lang: str) -> Any:
    return html.Div([html.H1(t("nav_library", lang), className="h3"),
                     html.Div(notice("not_available", lang, "light"), id="lib-list")], id="library-page")


def example_page(ctx: Any, contact_id: str, day: date | None, lang: str) -> Any:
    try:
        data = ctx.access().example(contact_id, day, ctx.coaching.example_ids())
    except Forbidden:
        return notice("not_allowed", lang, "warning", "not-allowed")
    if data is None:
        return notice("not_found", lang, "warning", "not-found")
    log_access(ctx.store, g.user, str(data["contact"]["contact_id"]), "view", request.remote_addr)
    return contact_view(with_audio(ctx, data), lang, g.user.role)


def register(app: Any, ctx: Any) -> None:
    return None
