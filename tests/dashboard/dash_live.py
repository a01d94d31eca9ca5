"""A live dashboard for tests and benchmarks: waitress serving the app on a free port in a thread,
and signed-in HTTP sessions (requests)."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from dash_centre import PASSWORD, add_users
from dashcalls import csrf_from


@dataclass
class Live:
    url: str
    store: object
    app: object
    centre: object

    def login(self, username: str, password: str = PASSWORD):
        import requests

        s = requests.Session()
        r = s.get(self.url + "/login", timeout=30)
        r = s.post(self.url + "/login", data={"username": username, "password": password,
                                              "csrf_token": csrf_from(r.text), "next": "/"},
                   allow_redirects=False, timeout=30)
        assert r.status_code == 303, (r.status_code, r.text[:200])
        return s

    def deps(self, session):
        return session.get(self.url + "/_dash-dependencies", timeout=30).json()


def start_live(centre, store_url: str, options_kw: dict | None = None):
    from waitress.server import create_server

    from dashboard import DashboardOptions, create_app
    from opstore import open_store

    store = open_store(store_url)
    add_users(store)
    opts = DashboardOptions(db=centre.db, store_url=store_url, audio_root=centre.audio_root, **(options_kw or {}))
    app = create_app(opts, store)
    server = create_server(app.server, host="127.0.0.1", port=0, threads=8)

    def run() -> None:
        try:
            server.run()
        except OSError:  # the listening socket closed under select() at shutdown
            pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return Live(f"http://127.0.0.1:{server.effective_port}", store, app, centre), server
