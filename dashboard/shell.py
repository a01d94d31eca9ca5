"""The page shell (navigation, sign-out, language) and the router that picks a page by role."""
from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import parse_qs

from dash import Input, Output, dcc, html
from flask import g

from dashboard.auth import language
from dashboard.i18n import t

# path -> (roles allowed, nav text key); the first page of a role is its home.
PAGES: dict[str, tuple[tuple[str, ...], str]] = {
    "/management": (("management",), "nav_management"),
    "/team": (("team_leader",), "nav_team"),
    "/me": (("agent",), "nav_agent"),
    "/signals": (("management", "team_leader"), "nav_signals"),
    "/library": (("trainer",), "nav_library"),
    "/admin": (("admin",), "nav_admin"),
}
CONTACT_PATH = re.compile(r"^/contact/([A-Za-z0-9._:-]{1,200})$")
EXAMPLE_PATH = re.compile(r"^/example/([A-Za-z0-9._:-]{1,200})$")


def home_for(role: str) -> str:
    for path, (roles, _) in PAGES.items():
        if role in roles:
            return path
    return "/login"


def shell_layout(ctx: Any) -> Any:
    """The frame around every page, for the signed-in user of this request."""
    import dash_bootstrap_components as dbc

    user = getattr(g, "user", None)
    if user is None:  # Dash checks the layout once outside any signed-in request
        return html.Div([dcc.Location(id="url", refresh=False), html.Main(id="page")])
    lang = language()
    links = [dbc.NavItem(dbc.NavLink(t(key, lang), href=path, id=f"nav-{path.strip('/')}"))
             for path, (roles, key) in PAGES.items() if user.role in roles]
    logout = html.Form([
        dcc.Input(type="hidden", name="csrf_token", value=g.session.csrf_token),
        html.Button(t("logout", lang), type="submit", className="btn btn-outline-light btn-sm", id="logout"),
    ], method="post", action="/logout", className="d-inline ms-2")
    who = html.Span([f"{t('signed_in_as', lang)} ", html.Strong(user.username, id="whoami"),
                     f" ({t('role_' + user.role, lang)})"], className="text-light small")
    langs = html.Span([html.A("NL", href="/lang/nl?next=/", className="text-light me-1", lang="nl"),
                       html.A("EN", href="/lang/en?next=/", className="text-light", lang="en")],
                      className="ms-3 small")
    nav = dbc.Navbar(dbc.Container([
        dbc.NavbarBrand("meeluister", href="/"),
        dbc.Nav(links, navbar=True, className="me-auto"),
        html.Div([who, langs, logout], className="d-flex align-items-center"),
    ], fluid=True), color="dark", dark=True, className="mb-3")
    return html.Div([
        dcc.Location(id="url", refresh=False),
        nav,
        dbc.Container(html.Main(id="page", role="main"), fluid=True),
    ], lang=lang)


def _day_hint(search: str | None) -> date | None:
    vals = parse_qs((search or "").lstrip("?")).get("d")
    try:
        return date.fromisoformat(vals[0]) if vals else None
    except ValueError:
        return None


def render_page(ctx: Any, pathname: str | None, search: str | None) -> Any:
    """The page for this path, if the signed-in user's role may see it."""
    import dash_bootstrap_components as dbc

    from dashboard.pages import admin, agent, contact, library, management, signals, team

    user, lang = g.user, language()
    path = pathname if isinstance(pathname, str) and pathname else "/"
    search = search if isinstance(search, str) else None
    if path == "/":
        path = home_for(user.role)
    denied = dbc.Alert(t("not_allowed", lang), color="warning", id="not-allowed")
    m = CONTACT_PATH.match(path)
    if m:
        return contact.page(ctx, m.group(1), _day_hint(search), lang)
    m = EXAMPLE_PATH.match(path)
    if m:
        return library.example_page(ctx, m.group(1), _day_hint(search), lang)
    if path not in PAGES or user.role not in PAGES[path][0]:
        return denied
    builders = {"/management": management.layout, "/team": team.layout, "/me": agent.layout,
                "/library": library.layout, "/admin": admin.layout, "/signals": signals.layout}
    return builders[path](ctx, lang)


def register_shell(app: Any, ctx: Any) -> None:
    from dashboard.pages import admin, agent, coaching_panels, contact, library, management, signals, team

    @app.callback(Output("page", "children"), Input("url", "pathname"), Input("url", "search"))
    def _route(pathname: str | None, search: str | None) -> Any:
        return render_page(ctx, pathname, search)

    for page in (management, team, agent, contact, library, admin, coaching_panels, signals):
        page.register(app, ctx)
