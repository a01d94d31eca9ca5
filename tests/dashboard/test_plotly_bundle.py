"""The partial plotly.js bundle (dashboard.plotlyjs): served at Dash's plotly.js URL, of the
plotly.js version dcc is built against, conditional (ETag, 304), the full bundle where it is
switched off or of another version; and every figure the pages send uses a trace type it draws.
That every graph of every page draws with it in chromium: test_plotly_bundle_browser.py."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dash_centre import PASSWORD, add_users
from dashcalls import call, sign_in

from dashboard import figures
from dashboard.options import PLOTLY_BASIC, DashboardOptions
from dashboard.plotlyjs import DASH_NAME, PREFIX, TRACE_TYPES, bundle_version, choose_bundle, shipped_version

URL = PREFIX + DASH_NAME
README = PLOTLY_BASIC.parent / "README.md"


def _full_bundle() -> bytes:
    import plotly

    return (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()


@pytest.fixture(scope="module")
def make_app(centre, tmp_path_factory):
    from dashboard import create_app
    from opstore import open_store

    made = []

    def make(**kw):
        url = f"sqlite:///{tmp_path_factory.mktemp('plotlyjs') / 'op.db'}"
        store = open_store(url)
        add_users(store)
        made.append(store)
        return create_app(replace(DashboardOptions(db=centre.db, store_url=url), **kw), store)

    yield make
    for s in made:
        s.close()


def test_the_committed_bundle_is_the_plotly_js_dash_ships_and_the_readme_says_so():
    data = PLOTLY_BASIC.read_bytes()
    assert bundle_version(data) == shipped_version() is not None, \
        "plotly.py ships another plotly.js: refresh dashboard/data/plotly (its README.md says how)"
    assert b"(basic - minified)" in data[:200]
    readme = README.read_text()
    assert hashlib.sha256(data).hexdigest() in readme and f"@{shipped_version()}" in readme
    assert (PLOTLY_BASIC.parent / "LICENSE").read_text().startswith("MIT License")
    assert len(data) < len(_full_bundle()) / 3


def test_the_page_gets_the_partial_bundle_at_dash_s_url(make_app):
    app = make_app()
    anon = app.server.test_client()
    assert anon.get(URL).status_code == 401  # package code, but only for the signed in (as before)
    client, _ = sign_in(app, "anna", PASSWORD)
    r = client.get(URL)
    assert r.status_code == 200 and r.data == PLOTLY_BASIC.read_bytes()
    assert r.mimetype == "text/javascript"
    assert r.headers["Cache-Control"] == "no-cache" and "script-src 'self'" in r.headers["Content-Security-Policy"]
    again = client.get(URL, headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert client.get(URL, headers={"If-None-Match": '"stale"'}).status_code == 200
    # the fingerprinted name (Dash with eager_loading) is the same file, cached for a year
    f = client.get(PREFIX + "plotly.v7_1_0m1764000000.min.js")
    assert f.status_code == 200 and f.data == r.data and "max-age=31536000" in f.headers["Cache-Control"]
    assert client.get(PREFIX + "plotly.js").status_code == 404
    # the rest of Dash's package code is Dash's
    dcc = client.get("/_dash-component-suites/dash/dcc/async-graph.js")
    assert dcc.status_code == 200 and b"plotly" in dcc.data


def test_switched_off_or_of_another_version_dash_s_full_bundle_is_served(make_app, tmp_path, caplog):
    off = make_app(plotly_js=None)
    client, _ = sign_in(off, "anna", PASSWORD)
    assert client.get(URL).data == _full_bundle()

    other = tmp_path / "plotly-basic.min.js"
    other.write_bytes(b"/**\n* plotly.js (basic - minified) v0.0.1\n*/\nwindow.Plotly = {};\n")
    with caplog.at_level(logging.WARNING, logger="dashboard.plotlyjs"):
        assert choose_bundle(other) is None
        assert choose_bundle(tmp_path / "missing.js") is None
        stale = make_app(plotly_js=other)
    assert "v0.0.1" in caplog.text and "missing.js" in caplog.text
    client, _ = sign_in(stale, "anna", PASSWORD)
    assert client.get(URL).data == _full_bundle()


def _trace_types(node, found: set[str]) -> set[str]:
    """The trace types of every figure in a serialised layout or callback response."""
    if isinstance(node, list):
        for x in node:
            _trace_types(x, found)
    elif isinstance(node, dict):
        fig = node.get("figure")
        if isinstance(fig, dict) and isinstance(fig.get("data"), list):
            found |= {tr.get("type", "scatter") for tr in fig["data"]}
        if isinstance(node.get("data"), list) and isinstance(node.get("layout"), dict):
            found |= {tr.get("type", "scatter") for tr in node["data"] if isinstance(tr, dict)}
        for v in node.values():
            _trace_types(v, found)
    return found


PAGES = [("mgmt", "/management"), ("mgmt", "/signals"), ("tl-noord", "/team"), ("anna", "/me")]
FIGURE_CALLBACKS = {  # user: the callbacks that draw its graphs after a filter change, and inputs
    "mgmt": [("..mg-csat-language.figure...mg-csat-channel.figure...mg-nps-language.figure"
              "...mg-nps-channel.figure...mg-note.children..", {"mg-period.value": "month"}),
             ("..mg-pass.figure...mg-drivers.figure..", {"mg-period.value": "month"})],
    "anna": [("..ag-qa-trend.figure...ag-csat-trend.figure...ag-pass.figure...ag-focus.children..",
              {"ag-period.value": "day"})],
}


def test_every_figure_the_pages_send_uses_a_trace_type_of_the_bundle(make_app):
    app = make_app()
    seen: set[str] = set()
    for user, path in PAGES:
        client, deps = sign_in(app, user, PASSWORD)
        r = call(client, deps["page.children"], {"url.pathname": path})
        assert r.status_code == 200
        _trace_types(r.get_json(), seen)
        for out, vals in FIGURE_CALLBACKS.get(user, []):
            r = call(client, deps[out], vals)
            assert r.status_code == 200
            _trace_types(r.get_json(), seen)
        sg = [d for o, d in deps.items() if "sg-series.figure" in o]
        if path == "/signals":
            r = call(client, sg[0], {"sg-topic.value": "id_documents"})
            assert r.status_code == 200
            _trace_types(r.get_json(), seen)
    # and the builders on their own (an empty frame: the "no data" figure)
    df = pd.DataFrame({"week": pd.to_datetime(["2026-01-05", "2026-01-12"]), "n": [3, 40], "value": [.5, .7],
                       "ci_low": [.2, .6], "ci_high": [.8, .8], "small_n": [True, False], "criterion": ["a", "b"]})
    for fig in (figures.trend_with_bands(df, "week", None, "t", "en"), figures.bars_with_ci(df, "criterion", "t", "en"),
                figures.empty_figure("en")):
        _trace_types(fig, seen)
    assert seen >= {"scatter", "bar"}
    assert seen <= TRACE_TYPES, seen - TRACE_TYPES
