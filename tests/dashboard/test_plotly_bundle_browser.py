"""Every graph of every page draws with the partial plotly.js bundle (dashboard.plotlyjs) in a
real browser (headless Debian chromium): the page runs the basic bundle (scatter, bar, pie: no
other trace type registered), each graph's traces are of those types and each drew its SVG (one
trace group per trace with data, or the "no data" note), after a filter change too, and plotly
and Dash logged no error or warning."""
from __future__ import annotations

import time

import pytest

import dash_browser as browser
from dash_centre import PASSWORD

from dashboard.plotlyjs import TRACE_TYPES, shipped_version

pytestmark = [pytest.mark.slow, pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")]

COLLECT = """
window.__errors = [];
window.addEventListener('error', e => window.__errors.push('error: ' + e.message));
for (const k of ['error', 'warn', 'trace', 'log']) {
  const orig = console[k];
  console[k] = function () {
    const msg = Array.from(arguments).map(String).join(' ');
    if (k === 'error' || k === 'warn' || msg.indexOf('WARN') === 0) { window.__errors.push(k + ': ' + msg); }
    return orig.apply(console, arguments);
  };
}
"""
STATE = """
const gds = Array.from(document.querySelectorAll('.js-plotly-plot'));
return {
  version: window.Plotly && Plotly.version,
  registered: window.Plotly ? Object.keys(Plotly.PlotSchema.get().traces).sort() : [],
  errors: window.__errors,
  graphs: gds.map(gd => ({
    id: (gd.closest('[id]') || gd).id,
    types: (gd.data || []).map(t => t.type || 'scatter'),
    fullTypes: (gd._fullData || []).map(t => t.type),
    withData: (gd.data || []).filter(t => ['x', 'y', 'values'].some(k => (t[k] || []).length > 0)).length,
    visible: (gd._fullData || []).filter(t => t.visible === true).length,
    drawn: gd.querySelectorAll('svg.main-svg .trace').length,
    svg: gd.querySelectorAll('svg.main-svg').length,
    note: gd.querySelectorAll('.annotation').length,
  })),
};
"""
PAGES = [  # user, path, the graphs the page has
    ("mgmt", "/management", {"mg-csat-language", "mg-csat-channel", "mg-nps-language", "mg-nps-channel",
                             "mg-pass", "mg-drivers"}),
    ("mgmt", "/signals", {"sg-series"}),
    ("tl-noord", "/signals", {"sg-series"}),
    ("anna", "/me", {"ag-qa-trend", "ag-csat-trend", "ag-pass"}),
]


@pytest.fixture(scope="module")
def driver():
    d = browser.make_driver()
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COLLECT})
    yield d
    d.quit()


def _drawn(driver, graphs: set[str], timeout: float = 30.0) -> dict:
    """The page's plotly state once every expected graph has drawn (or the timeout)."""
    end = time.time() + timeout
    while True:
        st = driver.execute_script(STATE)
        ids = {g["id"] for g in st["graphs"] if g["svg"] and (g["drawn"] or g["note"])}
        if graphs <= ids or time.time() > end:
            return st
        time.sleep(0.1)


def _check(st: dict, graphs: set[str], where: str) -> None:
    assert st["version"] == shipped_version(), where
    assert st["registered"] == sorted(TRACE_TYPES), (where, "not the basic bundle", st["registered"])
    assert {g["id"] for g in st["graphs"]} >= graphs, where
    for g in st["graphs"]:
        assert set(g["types"]) <= TRACE_TYPES, (where, g)
        # the bundle drew each trace as its own type (an unregistered type is drawn as scatter)
        assert g["fullTypes"] == g["types"], (where, g)
        assert g["svg"] >= 1, (where, g)
        if g["types"]:
            # a trace type the bundle lacks is not drawn (plotly hides it): visible < withData
            assert g["withData"] >= 1 and g["visible"] == g["withData"] and g["drawn"] == g["visible"], (where, g)
        else:
            assert g["note"] >= 1, (where, g)  # the "no data" figure
    assert st["errors"] == [], where


@pytest.mark.parametrize("user,path,graphs", PAGES, ids=[f"{u}{p}" for u, p, _ in PAGES])
def test_every_graph_draws_with_the_partial_bundle(driver, live_sqlite, user, path, graphs):
    browser.login(driver, live_sqlite.url, user, PASSWORD)
    driver.get(live_sqlite.url + path)
    browser.wait_for(driver, ".js-plotly-plot", 30)
    browser.wait_idle(driver, 30)
    st = _drawn(driver, graphs)
    _check(st, graphs, path)
    assert sum(len(g["types"]) for g in st["graphs"]) > 0, "every graph empty: nothing tested"


@pytest.mark.parametrize("user,path,radio", [("mgmt", "/management", "mg-period"), ("anna", "/me", "ag-period")])
def test_graphs_redraw_after_a_filter_change(driver, live_sqlite, user, path, radio):
    from selenium.webdriver.common.by import By

    graphs = next(g for u, p, g in PAGES if (u, p) == (user, path))
    browser.login(driver, live_sqlite.url, user, PASSWORD)
    driver.get(live_sqlite.url + path)
    browser.wait_for(driver, ".js-plotly-plot", 30)
    browser.wait_idle(driver, 30)
    before = driver.execute_script("return Array.from(document.querySelectorAll('.js-plotly-plot'))"
                                   ".map(gd => JSON.stringify(gd.data.map(t => t.x)))")
    month = driver.find_element(By.CSS_SELECTOR, f"#{radio} input[value='month']")
    browser.click(driver, month)
    end = time.time() + 30
    while time.time() < end:
        browser.wait_idle(driver, 30)
        after = driver.execute_script("return Array.from(document.querySelectorAll('.js-plotly-plot'))"
                                      ".map(gd => JSON.stringify(gd.data.map(t => t.x)))")
        if after != before:
            break
        time.sleep(0.1)
    assert after != before, "no graph redrew"
    _check(_drawn(driver, graphs), graphs, f"{path} by month")
