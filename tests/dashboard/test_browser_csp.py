"""The Content-Security-Policy in a real browser (headless Debian chromium): every role's pages,
the signals page included, render with their data under the policy and the browser reports no
violation; the policy is strict enough that an injected inline script is refused."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests

import dash_browser as browser
from dash_centre import PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")]
SHOTS = browser.artefacts_dir(Path(__file__).resolve().parents[2])
COLLECT = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
           "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")

PAGES = [  # user, path, what shows the page drew its data
    ("mgmt", "/management", ["#mg-csat-language .js-plotly-plot", "#mg-pass .js-plotly-plot"]),
    ("mgmt", "/signals", ["#signals-page", "#sg-reasons-table", "#sg-series .js-plotly-plot"]),
    ("tl-noord", "/team", ["#tl-glance-table", "#tl-contacts-table", "#tl-contacts-pager"]),
    ("tl-noord", "/signals", ["#sg-reasons-table", "#sg-series .js-plotly-plot"]),
    ("anna", "/me", ["#ag-qa-trend .js-plotly-plot", "#ag-contacts-table"]),
    ("anna", "/contact/c-a-01-000", ["#transcript", "#results-table"]),
    ("anna", "/signals", ["#not-allowed"]),
    ("trainer", "/library", ["#library-page"]),
    ("admin", "/admin", ["#users-table"]),
]


@pytest.fixture(scope="module")
def driver():
    d = browser.make_driver()
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COLLECT})
    yield d
    d.quit()


def test_headers_are_on_every_response(live_sqlite):
    s = requests.Session()
    for path in ("/login", "/healthz", "/me"):
        h = s.get(live_sqlite.url + path, allow_redirects=False).headers
        csp = h["Content-Security-Policy"]
        assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "'unsafe-eval'" not in csp
        assert h["X-Content-Type-Options"] == "nosniff" and h["X-Frame-Options"] == "DENY"
        assert h["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("user,path,marks", PAGES, ids=[f"{u}{p}" for u, p, _ in PAGES])
def test_pages_render_under_the_policy_without_violations(driver, live_sqlite, user, path, marks):
    live = live_sqlite
    browser.login(driver, live.url, user, PASSWORD)
    driver.get(live.url + path)
    for m in marks:
        browser.wait_for(driver, m, 30)
    browser.wait_idle(driver, 30)
    driver.save_screenshot(str(SHOTS / f"csp-{user}-{path.strip('/').replace('/', '-')}.png"))
    assert driver.execute_script("return window.__csp") == [], (user, path)
    if path == "/signals" and user != "anna":
        assert "id_documents" in driver.find_element("id", "sg-reasons-table").text


def test_an_injected_inline_script_is_refused(driver, live_sqlite):
    live = live_sqlite
    browser.login(driver, live.url, "anna", PASSWORD)
    browser.wait_for(driver, "#agent-page")
    ran = driver.execute_script(
        "window.__ran = false; const s = document.createElement('script'); s.textContent = 'window.__ran = true';"
        "document.body.appendChild(s); return window.__ran;")
    assert ran is False
    assert any(v.startswith("script-src") and v.endswith("inline") for v in driver.execute_script("return window.__csp"))
