"""Concurrent callbacks on the shared snapshot database (dashboard.snapshots: one database per
snapshot, a cursor per server thread): many signed-in users of different scopes loading their
pages at once, on many threads, get exactly the answers each gets alone, with the figure cache
off (every callback queries DuckDB concurrently through its thread's cursor), with a cold shared
cache (users of different scopes compute side by side: a cache key without the scope would hand
one user another's rows), and while a publish swaps a new snapshot in under them."""
from __future__ import annotations

import threading
import time

import pytest

from dash_centre import PASSWORD, add_users, build_centre
from dashcalls import call, sign_in

AGENT_LOAD = [("..ag-qa-trend.figure...ag-csat-trend.figure...ag-pass.figure...ag-focus.children..",
               {"ag-period.value": "week"}),
              ("..ag-good.children...ag-contacts.children...ag-contacts-pager.max_value..", {}),
              ("..ag-ack.children...ag-disputes.children..", {})]


def _team_load(team: str) -> list:
    return [("..tl-glance.children...tl-attention.children...tl-agent.options..", {"tl-team.value": [team]}),
            ("..tl-contacts.children...tl-contacts-pager.max_value..", {"tl-team.value": [team]})]


LOADS = {  # user: (home page, the callbacks a browser fires when it opens it)
    "mgmt": ("/management", [
        ("..mg-csat-language.figure...mg-csat-channel.figure...mg-nps-language.figure...mg-nps-channel.figure"
         "...mg-note.children..", {"mg-period.value": "week"}),
        ("..mg-pass.figure...mg-drivers.figure..", {"mg-period.value": "week"})]),
    "tl-noord": ("/team", _team_load("team-noord")),
    "tl-zuid": ("/team", _team_load("team-zuid")),
    "anna": ("/me", AGENT_LOAD),
    "chris": ("/me", AGENT_LOAD),
}


@pytest.fixture(scope="module")
def small_centre(tmp_path_factory):
    return build_centre(tmp_path_factory.mktemp("concurrency-centre"), per_agent=4)


def _app(centre, tmp_path, name: str, cache_size: int | None = None):
    from dashboard import DashboardOptions, create_app
    from dashboard.cache import FigureCache
    from opstore import open_store

    url = f"sqlite:///{tmp_path / (name + '.db')}"
    store = open_store(url)
    add_users(store)
    app = create_app(DashboardOptions(db=centre.db, store_url=url, warm_new_snapshots=False), store)
    if cache_size is not None:
        app.server.config["MEELUISTER"].cache = FigureCache(size=cache_size)
    return app


def _load(client, deps, user: str) -> list:
    home, calls = LOADS[user]
    bodies = []
    for out, vals in [("page.children", {"url.pathname": home})] + calls:
        r = call(client, deps[out], vals)
        assert r.status_code == 200, (user, out, r.data[:300])
        bodies.append(r.get_json())
    return bodies


def _serial(centre, tmp_path) -> dict[str, list]:
    app = _app(centre, tmp_path, "serial", cache_size=0)
    return {user: _load(*sign_in(app, user, PASSWORD), user) for user in LOADS}


def _concurrent(app, per_user: int = 3, rounds: int = 2, during=None) -> tuple[dict[str, list], set, list]:
    """Every user signed in `per_user` times, each session on its own thread loading its page
    `rounds` times, all starting together; `during()` runs once the loads are under way."""
    ctx = app.server.config["MEELUISTER"]
    sessions = [(user, sign_in(app, user, PASSWORD)) for user in LOADS for _ in range(per_user)]
    got: dict[str, list] = {}
    cursors: set = set()
    errors: list = []
    lock = threading.Lock()
    start = threading.Barrier(len(sessions) + 1)
    real = ctx.snapshots.connection

    def connection():
        wh, version = real()
        with lock:
            cursors.add((threading.get_ident(), id(wh.con)))
        return wh, version

    ctx.snapshots.connection = connection

    def run(user, client, deps):
        try:
            start.wait()
            for _ in range(rounds):
                bodies = _load(client, deps, user)
                with lock:
                    got.setdefault(user, []).append(bodies)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            with lock:
                errors.append((user, repr(exc)))

    threads = [threading.Thread(target=run, args=(user, c, d)) for user, (c, d) in sessions]
    for t in threads:
        t.start()
    start.wait()
    if during is not None:
        during()
    for t in threads:
        t.join(300)
    ctx.snapshots.connection = real
    return got, cursors, errors


def _same_as_serial(got: dict[str, list], serial: dict[str, list], loads: int) -> None:
    for user, expected in serial.items():
        assert len(got.get(user, [])) == loads, user
        for bodies in got[user]:
            assert bodies == expected, f"{user}: a concurrent load differs from the user's serial load"


def test_concurrent_loads_on_the_shared_database_equal_serial_ones(small_centre, tmp_path):
    serial = _serial(small_centre, tmp_path)
    assert serial["tl-noord"] != serial["tl-zuid"] and serial["anna"] != serial["chris"]  # scopes differ

    app = _app(small_centre, tmp_path, "nocache", cache_size=0)  # every callback queries DuckDB
    got, cursors, errors = _concurrent(app)
    assert errors == []
    _same_as_serial(got, serial, loads=3 * 2)
    threads = {t for t, _ in cursors}
    assert len(threads) == 3 * len(LOADS)  # really on many threads at once ...
    assert len({c for _, c in cursors}) >= len(threads)  # ... each through a cursor of its own
    ctx = app.server.config["MEELUISTER"]
    assert ctx.snapshots.status()["swaps"] == 0

    cold = _app(small_centre, tmp_path, "cold")  # a shared, cold figure cache: scopes side by side
    got, _cursors, errors = _concurrent(cold)
    assert errors == []
    _same_as_serial(got, serial, loads=3 * 2)


def test_a_publish_under_concurrent_loads_swaps_and_breaks_none(small_centre, tmp_path):
    import warehouse
    from warehouse.publish import publish

    serial = _serial(small_centre, tmp_path)
    app = _app(small_centre, tmp_path, "swap", cache_size=0)
    ctx = app.server.config["MEELUISTER"]
    before = ctx.snapshot()[1]

    def republish():  # a new snapshot file with the same data, swapped in while the loads run
        wh = warehouse.connect(small_centre.db)
        try:
            publish(wh)
        finally:
            wh.close()

    got, _cursors, errors = _concurrent(app, rounds=4, during=republish)
    assert errors == []
    _same_as_serial(got, serial, loads=3 * 4)
    client, deps = sign_in(app, "mgmt", PASSWORD)
    _load(client, deps, "mgmt")  # notices the new file, if no load after the publish did
    pause = threading.Event()
    deadline = time.monotonic() + 180  # s; preparing the new snapshot takes seconds, minutes on a loaded machine
    while time.monotonic() < deadline:
        st = ctx.snapshots.status()
        if st["swaps"] >= 1 and not st["preparing"]:
            break
        pause.wait(0.05)
    assert ctx.snapshots.status()["swaps"] == 1
    assert ctx.snapshot()[1] != before
    assert _load(client, deps, "mgmt") == serial["mgmt"]
