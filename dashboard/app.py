"""The Dash app factory and the per-request context (no globals: everything hangs off the app).

    from dashboard import DashboardOptions, create_app, serve
    app = create_app(DashboardOptions(db=Path("wh.duckdb"), store_url="sqlite:///op.db"))
    serve(options)          # waitress on options.host:options.port
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Callable

from flask import Flask, g

from dashboard.access import DataAccess, Forbidden
from dashboard.options import DashboardOptions
from opstore import Store, open_store

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """What every request needs: the options, the operational store, and the coaching hooks."""

    options: DashboardOptions
    store: Store
    coaching: Any = None   # dashboard.coaching_bridge.CoachingBridge
    cache: Any = None      # dashboard.cache.FigureCache
    csp: str | None = None  # the Content-Security-Policy (dashboard.headers), set once callbacks exist
    warmed: bool = False    # the start-up warm-up has finished (/healthz says so)
    snapshots: Any = None   # dashboard.snapshots.Snapshots: the snapshot served, per-thread cursors

    def require(self, *roles: str) -> None:
        """A page's callbacks answer only the roles the page is for (403 otherwise)."""
        if g.user.role not in roles:
            raise Forbidden(f"{g.user.role} may not use this page")

    def snapshot(self) -> tuple[Any, tuple[int, int]]:
        """This thread's connection to the warehouse snapshot served now and its version
        (dashboard.snapshots: one database per snapshot shared by the threads; a newly published
        snapshot is warmed in the background, then swapped in, so a running ingest never blocks a
        page and the pages show the new data once its figures are ready)."""
        return self.snapshots.connection()

    def access(self) -> DataAccess:
        """The data-access layer for the signed-in user of this request, over this thread's
        snapshot connection."""
        if "access" not in g:
            import warehouse

            con, version = self.snapshot()
            reviews: Callable[[], tuple] | None = self.coaching.reviews if self.coaching else None
            advisory: Callable[[], tuple] | None = self.coaching.advisory if self.coaching else None
            g.access = DataAccess(g.user, con, warehouse, self.options.max_rows, reviews=reviews,
                                  cache=self.cache, version=version, advisory=advisory)
        return g.access

    def warm(self) -> None:
        """Warm the snapshot served at start (in the background; /healthz says when it is done),
        and import what Dash's first JSON response would (plotly.io's encoder: ~0.1-0.3 s)."""
        try:
            import plotly.io  # noqa: F401

            self.snapshots.warm_first()
        finally:
            self.warmed = True

    def warm_snapshot(self, con: Any, version: Any) -> None:
        """Compute a snapshot's slow default figures into the cache before people ask for them:
        key drivers over everything, the management page's default view (its filter choices,
        CSAT/NPS per language and channel by week, pass rates per criterion), the default
        signals window, the example library, then the team leaders' and agents' default views.
        The same calls the pages make, so the same cache keys."""
        import warehouse

        from dashboard.pages import management
        from dashboard.pages.signals import window
        from opstore.users import User

        def access(role: str) -> DataAccess:
            return DataAccess(User(0, "warm-up", role), con, warehouse, self.options.max_rows,
                              reviews=self.coaching.reviews, cache=self.cache, version=version,
                              advisory=self.coaching.advisory)

        acc = access("management")
        management.warm(acc)
        d0, d1 = window(acc, None, None)  # the signals page's default view
        if d1 is not None:
            acc.signals(d0, d1, "day")
            acc.repeats(d0, d1)
        key = tuple((p["name"], p["updated_at"], p["items"]) for p in self.coaching.playlists())
        access("trainer").library(self.coaching.library, key)
        self._warm_people(con, version)

    def _warm_people(self, con: Any, version: Any) -> None:
        """The default views of the team leaders' and agents' pages, one per scope, for the users
        who have a login (at most `DashboardOptions.warm_scopes`, so the cache keeps the rest)."""
        import warehouse

        from dashboard.access import Scope
        from dashboard.pages import agent, team
        from opstore.users import list_users

        seen: set[Scope] = set()
        for user in list_users(self.store):
            scope = Scope.of(user)
            if user.role not in ("team_leader", "agent") or scope in seen:
                continue
            if len(seen) >= self.options.warm_scopes:
                break
            seen.add(scope)
            acc = DataAccess(user, con, warehouse, self.options.max_rows, reviews=self.coaching.reviews,
                             cache=self.cache, version=version, advisory=self.coaching.advisory)
            if user.role == "team_leader":
                team.warm(acc, user.teams)
            else:
                agent.warm(acc)

    def library(self) -> list[dict]:
        """The example library for this request's user (see DataAccess.library)."""
        key = tuple((p["name"], p["updated_at"], p["items"]) for p in self.coaching.playlists())
        return self.access().library(self.coaching.library, key)

    def library_ids(self) -> set[str]:
        return {str(e["contact_id"]) for e in self.library()}


def create_app(options: DashboardOptions, store: Store | None = None) -> Any:
    """Build the Dash app (and its Flask server) for these options."""
    from dash import Dash

    from dashboard.auth import install_auth
    from dashboard.cache import FigureCache
    from dashboard.coaching_bridge import CoachingBridge
    from dashboard.headers import content_security_policy, install_headers
    from dashboard.plotlyjs import install_plotlyjs
    from dashboard.routes import install_routes
    from dashboard.shell import register_shell, shell_layout
    from dashboard.snapshots import Snapshots

    store = store or open_store(options.store_url)
    ctx = AppContext(options, store)
    ctx.coaching = CoachingBridge(store)
    ctx.cache = FigureCache(size=2048)
    ctx.snapshots = Snapshots(options.db, ctx.warm_snapshot, warm_new=options.warm_new_snapshots,
                              warm_timeout_s=options.warm_timeout_s)
    server = Flask("meeluister.dashboard")
    server.config["MEELUISTER"] = ctx
    install_auth(server, ctx)
    install_headers(server, ctx)
    install_routes(server, ctx)
    install_plotlyjs(server, options.plotly_js)  # before Dash's routes: the partial bundle

    @server.errorhandler(Forbidden)
    def _forbidden(exc: Forbidden) -> Any:
        return {"error": "not available to your role"}, 403

    app = Dash("meeluister", server=server, title="meeluister", update_title=None,
               suppress_callback_exceptions=True, serve_locally=True,
               external_stylesheets=["/static/bootstrap.min.css"])
    app.layout = lambda: shell_layout(ctx)
    register_shell(app, ctx)
    ctx.csp = content_security_policy(app.csp_hashes())  # Dash's inline start-up script, by hash
    log.info("dashboard over %s, store %r", options.db, store)
    return app


def serve(options: DashboardOptions, store: Store | None = None) -> None:
    """Serve the dashboard with waitress (a production WSGI server) until interrupted."""
    from waitress import serve as waitress_serve

    app = create_app(options, store)
    threading.Thread(target=app.server.config["MEELUISTER"].warm, name="warm-up", daemon=True).start()
    log.info("serving on http://%s:%d", options.host, options.port)
    waitress_serve(app.server, host=options.host, port=options.port, threads=options.threads,
                   ident="meeluister")
