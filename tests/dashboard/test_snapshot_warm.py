"""The served snapshot (dashboard.snapshots): one database shared by the server threads, and a newly
published snapshot warmed before it is served, so the first management load after a publish reads
the per-snapshot cache and computes nothing, with the same figures a cold server computes."""
from __future__ import annotations

import threading
import time

import pytest

from dash_centre import PASSWORD, add_users, build_centre
from dashcalls import call, sign_in

SATISFACTION = ("..mg-csat-language.figure...mg-csat-channel.figure...mg-nps-language.figure"
                "...mg-nps-channel.figure...mg-note.children..")
QUALITY = "..mg-pass.figure...mg-drivers.figure.."
PAGE_LOADS = {  # user: what a browser opening the user's home page asks (after the page itself)
    "mgmt": [(SATISFACTION, {"mg-period.value": "week"}), (QUALITY, {"mg-period.value": "week"})],
    "tl-noord": [("..tl-glance.children...tl-attention.children...tl-agent.options..", {"tl-team.value": ["team-noord"]}),
                 ("..tl-contacts.children...tl-contacts-pager.max_value..", {"tl-team.value": ["team-noord"]})],
    "anna": [("..ag-qa-trend.figure...ag-csat-trend.figure...ag-pass.figure...ag-focus.children..",
              {"ag-period.value": "week"}),
             ("..ag-good.children...ag-contacts.children...ag-contacts-pager.max_value..", {})],
}
HOMES = {"mgmt": "/management", "tl-noord": "/team", "anna": "/me"}


@pytest.fixture(scope="module")
def small_centre(tmp_path_factory):
    return build_centre(tmp_path_factory.mktemp("warm-centre"), per_agent=4)


def _republish(db) -> None:
    """A new snapshot of the same data (a new file: what an ingest's publish swaps in)."""
    import warehouse
    from warehouse.publish import publish

    wh = warehouse.connect(db)
    try:
        publish(wh)
    finally:
        wh.close()


def _app(centre, tmp_path, name: str, **kw):
    from dashboard import DashboardOptions, create_app
    from opstore import open_store

    url = f"sqlite:///{tmp_path / (name + '.db')}"
    store = open_store(url)
    add_users(store)
    app = create_app(DashboardOptions(db=centre.db, store_url=url, **kw), store)
    client, deps = sign_in(app, "mgmt", PASSWORD)
    return app, client, deps


def _home_load(client, deps, user: str = "mgmt") -> list:
    """What a browser opening the user's home page asks: the page, then its data callbacks."""
    bodies = []
    for out, vals in [("page.children", {"url.pathname": HOMES[user]})] + PAGE_LOADS[user]:
        r = call(client, deps[out], vals)
        assert r.status_code == 200, r.data[:300]
        bodies.append(r.get_json())
    return bodies


def _wait_swapped(snapshots, swaps: int, timeout: float = 120.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        st = snapshots.status()
        if st["swaps"] >= swaps and not st["preparing"]:
            return
        time.sleep(0.05)
    raise AssertionError(f"no swap: {snapshots.status()}")


def test_server_threads_share_one_snapshot_database(small_centre, tmp_path):
    app, _client, _deps = _app(small_centre, tmp_path, "share")
    ctx = app.server.config["MEELUISTER"]
    got: dict[str, tuple] = {}

    def first():
        wh, version = ctx.snapshot()
        wh.con.execute("CREATE TABLE memory.main.probe AS SELECT 42 AS x")
        got["first"] = (version, wh.con)

    def second():
        wh, version = ctx.snapshot()
        got["second"] = (version, wh.con.execute("SELECT x FROM memory.main.probe").fetchall(), wh.con)

    for fn in (first, second):
        t = threading.Thread(target=fn)
        t.start()
        t.join()
    assert got["first"][0] == got["second"][0]
    assert got["second"][1] == [(42,)]  # the table one thread made is in the other's database
    assert got["first"][1] is not got["second"][2]  # ... through a connection of its own


def test_a_new_snapshot_is_warmed_before_it_is_served(small_centre, tmp_path, monkeypatch):
    app, client, deps = _app(small_centre, tmp_path, "warm")
    ctx = app.server.config["MEELUISTER"]
    _home_load(client, deps)  # the first snapshot: computed on demand
    before = ctx.snapshot()[1]

    _republish(small_centre.db)
    computed: list = []
    real = ctx.cache.get_or_compute

    def spy(key, compute):
        def counted():
            computed.append(key)
            return compute()
        return real(key, counted)

    monkeypatch.setattr(ctx.cache, "get_or_compute", spy)
    client.get("/healthz")  # any request notices the new file
    call(client, deps["page.children"], {"url.pathname": "/management"})
    _wait_swapped(ctx.snapshots, 1)
    assert ctx.snapshot()[1] != before
    assert computed, "the warm-up computed the new snapshot's figures"
    warm_keys = len(computed)

    assert warm_keys >= 8  # filter choices (2), four satisfaction frames, pass rates, drivers, ...
    cold_app, _c, _d = _app(small_centre, tmp_path, "cold", warm_new_snapshots=False)
    for user in PAGE_LOADS:  # the first visitors after the publish
        c, d = (client, deps) if user == "mgmt" else sign_in(app, user, PASSWORD)
        computed.clear()
        warm = _home_load(c, d, user)
        assert computed == [], f"{user}: computed on the first load after the warm-up: {computed}"
        # the same figures as a server that computes them cold on that snapshot
        assert _home_load(*sign_in(cold_app, user, PASSWORD), user) == warm


def test_the_swap_waits_for_the_warm_up_and_not_forever(small_centre):
    from dashboard.snapshots import Snapshots

    gate = threading.Event()
    snaps = Snapshots(small_centre.db, lambda wh, version: gate.wait(), warm_timeout_s=60)
    v0 = snaps.connection()[1]
    _republish(small_centre.db)
    assert snaps.connection()[1] == v0
    time.sleep(0.5)
    assert snaps.status()["preparing"]
    assert snaps.connection()[1] == v0, "served before its warm-up finished"
    gate.set()
    _wait_swapped(snaps, 1)
    v1 = snaps.connection()[1]
    assert v1 != v0

    stuck = Snapshots(small_centre.db, lambda wh, version: threading.Event().wait(), warm_timeout_s=0.5)
    assert stuck.connection()[1] == v1
    _republish(small_centre.db)
    stuck.connection()
    t0 = time.time()
    _wait_swapped(stuck, 1, timeout=30)
    assert 0.4 <= time.time() - t0 < 20
    assert stuck.connection()[1] != v1
