"""`meeluister dashboard` and `meeluister users add|list|remove|passwd` (registered into the one CLI)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from dashboard.options import DashboardOptions
from opstore import DEFAULT_URL

_D = DashboardOptions()


def _read_password(prompt: bool = True) -> str:
    """The password from standard input when it is not a terminal, else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    if not prompt:
        raise typer.BadParameter("no password on standard input")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _store(url: str):
    from opstore import StoreError, open_store

    try:
        return open_store(url)
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--store") from None


def register(app: typer.Typer) -> None:
    @app.command("dashboard")
    def dashboard_cmd(
        db: Path = typer.Option(..., "--db", help="Warehouse file (.duckdb) written by `meeluister ingest`."),
        host: str = typer.Option(_D.host, "--host"),
        port: int = typer.Option(_D.port, "--port"),
        store: str = typer.Option(DEFAULT_URL, "--store", help="Operational store: sqlite:///path or postgresql://..."),
        audio_root: Optional[Path] = typer.Option(None, "--audio-root", help="Folder of the recordings."),
        reports: Optional[Path] = typer.Option(None, "--reports", help="Folder of coaching reports (HTML/PDF)."),
        threads: int = typer.Option(_D.threads, "--threads", help="Worker threads."),
        secure_cookies: bool = typer.Option(_D.secure_cookies, "--secure-cookies", help="Behind HTTPS: cookies only over TLS."),
        full_plotly: bool = typer.Option(False, "--full-plotly",
                                         help="Serve plotly.py's full plotly.js (every trace type, 4.8 MB) "
                                              "instead of the partial bundle of the trace types the pages draw."),
    ) -> None:
        """Serve the dashboard (waitress) until interrupted."""
        from dashboard.app import serve

        if not db.exists():
            raise typer.BadParameter(f"{db}: no such warehouse", param_hint="--db")
        opts = DashboardOptions(db=db, store_url=store, host=host, port=port, threads=threads,
                                secure_cookies=secure_cookies, audio_root=audio_root, reports_dir=reports,
                                plotly_js=None if full_plotly else _D.plotly_js)
        typer.echo(f"meeluister dashboard on http://{host}:{port}  (store {store})")
        serve(opts, _store(store))

    users = typer.Typer(help="Users of the dashboard (the operational store).", no_args_is_help=True)
    app.add_typer(users, name="users")

    @users.command("add")
    def users_add(
        username: str = typer.Option(..., "--username"),
        role: str = typer.Option(..., "--role", help="agent | team_leader | trainer | management | admin"),
        agent_id: Optional[str] = typer.Option(None, "--agent-id", help="The agent's id in the warehouse (agents)."),
        team: Optional[List[str]] = typer.Option(None, "--team", help="A team (team leaders; repeat for several)."),
        store: str = typer.Option(DEFAULT_URL, "--store"),
    ) -> None:
        """Add a user; the password is read from standard input (or asked)."""
        from opstore.users import UserError, add_user

        s = _store(store)
        try:
            u = add_user(s, username, _read_password(), role, agent_id=agent_id, teams=team or ())
        except UserError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"added {u.username} ({u.role})")

    @users.command("list")
    def users_list(store: str = typer.Option(DEFAULT_URL, "--store")) -> None:
        from opstore.users import list_users

        for u in list_users(_store(store)):
            typer.echo("\t".join([u.username, u.role, u.agent_id or "-", ",".join(u.teams) or "-"]))

    @users.command("remove")
    def users_remove(username: str = typer.Option(..., "--username"),
                     store: str = typer.Option(DEFAULT_URL, "--store")) -> None:
        from opstore.users import remove_user

        if not remove_user(_store(store), username):
            typer.echo(f"error: no user {username!r}", err=True)
            raise typer.Exit(1)
        typer.echo(f"removed {username}")

    @users.command("passwd")
    def users_passwd(username: str = typer.Option(..., "--username"),
                     store: str = typer.Option(DEFAULT_URL, "--store")) -> None:
        """Set a new password (from standard input, or asked); the user's sessions end."""
        from opstore.users import UserError, set_password

        try:
            set_password(_store(store), username, _read_password())
        except UserError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"password changed for {username}")
