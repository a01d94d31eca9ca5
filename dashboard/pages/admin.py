"""Admin: the users of the product (add, remove, reset a password) through plain HTML forms
posted to /admin/users (CSRF-checked, admin only; see dashboard.routes)."""
from __future__ import annotations

from typing import Any

from dash import dcc, html
from flask import g

from dashboard.i18n import t
from dashboard.pages.common import dbc, table
from opstore.users import ROLES, list_users


def layout(ctx: Any, lang: str) -> Any:
    b = dbc()
    csrf = g.session.csrf_token
    rows = []
    for u in list_users(ctx.store):
        remove = html.Form([dcc.Input(type="hidden", name="csrf_token", value=csrf),
                            dcc.Input(type="hidden", name="action", value="remove"),
                            dcc.Input(type="hidden", name="username", value=u.username),
                            html.Button("×", type="submit", className="btn btn-outline-danger btn-sm",
                                        title=f"remove {u.username}", disabled=u.username == g.user.username)],
                           method="post", action="/admin/users")
        rows.append([u.username, t("role_" + u.role, lang), u.agent_id or "", ", ".join(u.teams), remove])
    add = html.Form([
        dcc.Input(type="hidden", name="csrf_token", value=csrf),
        dcc.Input(type="hidden", name="action", value="add"),
        b.Row([
            b.Col([b.Label(t("username", lang), html_for="new-username"),
                   dcc.Input(id="new-username", name="username", className="form-control", required=True)]),
            b.Col([b.Label(t("password", lang), html_for="new-password"),
                   dcc.Input(id="new-password", name="password", type="password", className="form-control", required=True)]),
            b.Col([b.Label(t("role", lang), html_for="new-role"),
                   html.Select([html.Option(t("role_" + r, lang), value=r) for r in ROLES], id="new-role",
                               name="role", className="form-select")]),
            b.Col([b.Label(t("agent_id", lang), html_for="new-agent"),
                   dcc.Input(id="new-agent", name="agent_id", className="form-control")]),
            b.Col([b.Label(t("teams", lang), html_for="new-teams"),
                   dcc.Input(id="new-teams", name="teams", className="form-control", placeholder="team-a, team-b")]),
            b.Col(html.Button("+", type="submit", className="btn btn-primary mt-4", id="add-user")),
        ]),
    ], method="post", action="/admin/users", className="card card-body mb-3")
    return html.Div([html.H1(t("users", lang), className="h3"), add,
                     table([t("username", lang), t("role", lang), t("agent_id", lang), t("teams", lang), ""],
                           rows, id_="users-table")], id="admin-page")


def register(app: Any, ctx: Any) -> None:
    return None
