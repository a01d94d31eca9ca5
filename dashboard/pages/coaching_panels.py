"""The coaching loop's panels (disputes, coaching sessions, acknowledgements, reports), filled
through `dashboard.coaching_bridge` (the coaching API). Kept apart so pages stay short."""
from __future__ import annotations

from typing import Any

from dash import html

from dashboard.i18n import t
from dashboard.pages.common import notice


def team_panels(ctx: Any, lang: str) -> Any:
    return html.Div([
        html.H2(t("reports", lang), className="h5 mt-3"), html.Div(notice("not_available", lang, "light"), id="tl-reports"),
        html.H2(t("disputes", lang), className="h5 mt-3"), html.Div(notice("not_available", lang, "light"), id="tl-disputes"),
        html.H2(t("log_session", lang), className="h5 mt-3"), html.Div(notice("not_available", lang, "light"), id="tl-session"),
    ])


def agent_panels(ctx: Any, lang: str) -> Any:
    return html.Div([
        html.H2(t("acknowledge", lang), className="h5 mt-3"), html.Div(notice("not_available", lang, "light"), id="ag-ack"),
    ])


def contest_button(contact_id: str, criterion: str, lang: str) -> Any:
    return html.Span("", className="contest-slot")


def contest_form(lang: str) -> Any:
    return None
