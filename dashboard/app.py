"""The Dash app factory and the per-request context (no globals: everything hangs off the app).

    from dashboard import DashboardOptions, create_app, serve
    app = create_app(DashboardOptions(db=Path("wh.duckdb"), store_url="sqlite:///op.db"))
    serve(options)          # waitress on options.host:options.port
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
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
    _local: Any = field(default_factory=threading.local)  # per-thread snapshot connection

    def require(self, *roles: str) -> None:
        """A page's callbacks answer only the roles the page is for (403 otherwise)."""
        if g.user.role not in roles:
            raise Forbidden(f"{g.user.role} may not use this page")

    def snapshot(self) -> tuple[Any, tuple[int, int]]:
        """This thread's connection to the warehouse's published snapshot and its version. Kept
        open between requests; reopened as soon as an ingest publishes a new snapshot (the file
        is replaced, so its inode and time change), so a running ingest never blocks a page and
        the next page after a publish shows the new data."""
        import os

        import warehouse

        local = self._local
        con = getattr(local, "con", None)
        if con is not None:
            try:
                st = os.stat(con.path)
                fresh = (st.st_ino, st.st_mtime_ns) == local.version
            except OSError:
                fresh = False
            if not fresh:
                try:
                    con.close()
                except Exception:  # noqa: BLE001 - closing a replaced snapshot
                    log.debug("closing an old snapshot failed", exc_info=True)
                con = None
        if con is None:
            con = warehouse.open_snapshot(self.options.db)
            st = os.stat(con.path)
            local.con, local.version = con, (st.st_ino, st.st_mtime_ns)
        return con, local.version

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
        """Compute the slow default figures (key drivers over everything, the default signals
        window, the example library) into the cache, so the first person to open those pages does not wait for the fits."""
        import warehouse

        from opstore.users import User

        try:
            con, version = self.snapshot()
        except FileNotFoundError:
            self.warmed = True
            return
        try:
            for role in ("management", "trainer"):
                acc = DataAccess(User(0, "warm-up", role), con, warehouse, self.options.max_rows,
                                 reviews=self.coaching.reviews, cache=self.cache,
                                 version=version, advisory=self.coaching.advisory)
                if role == "management":
                    acc.drivers({}, date_from=None, date_to=None)
                    from dashboard.pages.signals import window

                    d0, d1 = window(acc, None, None)  # the signals page's default view
                    if d1 is not None:
                        acc.signals(d0, d1, "day")
                        acc.repeats(d0, d1)
                else:
                    key = tuple((p["name"], p["updated_at"], p["items"]) for p in self.coaching.playlists())
                    acc.library(self.coaching.library, key)
        except Exception:  # noqa: BLE001 - a warm-up failure only means the first view computes it
            log.warning("warming the figure cache failed", exc_info=True)
        finally:
            self.warmed = True

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
    from dashboard.routes import install_routes
    from dashboard.shell import register_shell, shell_layout

    store = store or open_store(options.store_url)
    ctx = AppContext(options, store)
    ctx.coaching = CoachingBridge(store)
    ctx.cache = FigureCache(size=2048)
    server = Flask("meeluister.dashboard")
    server.config["MEELUISTER"] = ctx
    install_auth(server, ctx)
    install_headers(server, ctx)
    install_routes(server, ctx)

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
    import threading

    threading.Thread(target=app.server.config["MEELUISTER"].warm, name="warm-up", daemon=True).start()
    log.info("serving on http://%s:%d", options.host, options.port)
    waitress_serve(app.server, host=options.host, port=options.port, threads=options.threads,
                   ident="meeluister")
