"""Graphs mounted with their figure: the management and agent pages carry their default view's
figures in the page itself (each graph drawn once, with its data, never empty first), the same
figures their callbacks compute, and those callbacks do not fire on page load (they answer only
when a filter changes)."""
from __future__ import annotations

import json

import pytest

from dash_centre import PASSWORD, add_users
from dashcalls import call, outputs_of, sign_in

PAGES = {  # user: (path, the callbacks that compute the page's graphs, their default inputs)
    "mgmt": ("/management", [("..mg-csat-language.figure...mg-csat-channel.figure...mg-nps-language.figure"
                              "...mg-nps-channel.figure...mg-note.children..", {"mg-period.value": "week"}),
                             ("..mg-pass.figure...mg-drivers.figure..", {"mg-period.value": "week"})]),
    "anna": ("/me", [("..ag-qa-trend.figure...ag-csat-trend.figure...ag-pass.figure...ag-focus.children..",
                      {"ag-period.value": "week"})]),
}


@pytest.fixture(scope="module")
def app(centre, tmp_path_factory):
    from dashboard import DashboardOptions, create_app
    from opstore import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('mounted') / 'op.db'}"
    store = open_store(url)
    add_users(store)
    yield create_app(DashboardOptions(db=centre.db, store_url=url), store)
    store.close()


def _components(node, found: dict) -> dict:
    """Every component with an id in the serialised layout: id -> its props."""
    if isinstance(node, list):
        for x in node:
            _components(x, found)
    elif isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and "type" in node:
            if isinstance(props.get("id"), str):
                found[props["id"]] = (node["type"], props)
            for v in props.values():
                _components(v, found)
    return found


@pytest.mark.parametrize("user", sorted(PAGES))
def test_graphs_arrive_with_their_figures(app, user):
    client, deps = sign_in(app, user, PASSWORD)
    path, callbacks = PAGES[user]
    r = call(client, deps["page.children"], {"url.pathname": path})
    assert r.status_code == 200
    page = _components(r.get_json()["response"]["page"]["children"], {})
    graphs = {k: p for k, (typ, p) in page.items() if typ == "Graph"}
    assert graphs, "no graph on the page"
    expected_graphs = set()
    for out, vals in callbacks:
        dep = deps[out]
        assert dep.get("prevent_initial_call") is True, f"{out} fires on page load"
        rc = call(client, dep, vals)
        assert rc.status_code == 200
        answer = rc.get_json()["response"]
        for o in outputs_of(dep):
            served = answer[o["id"]][o["property"]]
            in_page = page[o["id"]][1].get(o["property"])
            assert json.dumps(in_page, sort_keys=True) == json.dumps(served, sort_keys=True), o
            if o["property"] == "figure":
                expected_graphs.add(o["id"])
                assert in_page["data"], f"{o['id']} mounted without data"
    assert set(graphs) == expected_graphs  # every graph of the page arrives drawn
