"""Security over HTTP against a live dashboard (waitress), with the operational store on SQLite
and on a real PostgreSQL server: every callback the app registers, forged without a session and
forged by a signed-in user with other people's ids, returns none of their data; audio and export
routes refuse other agents' contacts; hostile chat text is never sent as markup."""
from __future__ import annotations

import json

import pytest
import requests

from dash_centre import AUDIO_ID, HOSTILE_ID
from dashcalls import call
from opstore.access_log import entries

# What must never reach anna (agent a-01, team-noord): her colleagues' names and contacts.
NOT_FOR_ANNA = ("Bram Noordman", "Chris Zuidema", "Dana Zuidhof", "c-a-02-", "c-a-03-", "c-a-04-", HOSTILE_ID,
                "team-zuid")
NOT_FOR_TL_NOORD = ("Chris Zuidema", "Dana Zuidhof", "c-a-03-", "c-a-04-", HOSTILE_ID, "team-zuid")
FORGED_VALUES = (None, "a-03", ["a-03", "a-02"], ["team-zuid", "team-noord"], "/contact/" + HOSTILE_ID,
                 "/contact/c-a-02-001", "/team", "/management", "/me", "/example/c-a-03-002")


def server_callbacks(deps):
    return [d for d in deps if not d.get("clientside_function")]


def forge(dep, value):
    vals = {}
    for i in dep["inputs"]:
        key = f"{i['id']}.{i['property']}"
        vals[key] = None if i["property"] in ("start_date", "end_date") else value
    vals["url.search"] = "?d=2026-11-05" if isinstance(value, str) and value.startswith("/") else None
    return vals


def test_without_a_session_every_callback_and_route_is_refused(live):
    anna = live.login("anna")
    deps = server_callbacks(live.deps(anna))
    assert len(deps) >= 7
    anon = requests.Session()
    for dep in deps:
        for v in ("a-01", "/contact/c-a-01-000", ["team-noord"]):
            r = call(anon, dep, forge(dep, v), base=live.url)
            assert r.status_code == 401, dep["output"]
            assert "c-a-01" not in r.text and "Anna" not in r.text
    for path in ("/_dash-layout", "/_dash-dependencies", f"/audio/{AUDIO_ID}", "/export/contacts.csv",
                 "/export/csat.csv"):
        r = anon.get(live.url + path, allow_redirects=False)
        assert r.status_code == 401 and "Anna" not in r.text, path
    r = anon.get(live.url + "/me", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")


@pytest.mark.parametrize("username, forbidden, own", [
    ("anna", NOT_FOR_ANNA, "c-a-01-"),
    ("tl-noord", NOT_FOR_TL_NOORD, "Bram Noordman"),
    ("mgmt", ("c-a-0", "Anna Noordhof", "Bram Noordman", "Chris Zuidema", HOSTILE_ID, "Geholpen door"), "team-zuid"),
    ("trainer", ("Anna Noordhof", "Noordman", "Chris Zuidema", "Dana", "Jan de Vries", "Geholpen door", "team-zuid"),
     "|own_name_greeting|"),
])
def test_forged_callbacks_return_none_of_other_peoples_data(live_sqlite, username, forbidden, own):
    """(Scoping does not depend on the store's dialect: this one runs on the SQLite-backed server.)"""
    live = live_sqlite
    s = live.login(username)
    deps = server_callbacks(live.deps(s))
    seen_own = False
    for dep in deps:
        for v in FORGED_VALUES:
            r = call(s, dep, forge(dep, v), base=live.url)
            assert r.status_code in (200, 204, 403), (dep["output"], v, r.status_code, r.text[:300])
            for marker in forbidden:
                assert marker not in r.text, (username, dep["output"], v, marker)
            seen_own = seen_own or (own is not None and own in r.text)
    # the same callbacks do answer with the user's own data (so the check above is not vacuous)
    assert own is None or seen_own


def test_callbacks_refuse_cross_site_and_non_json_posts(live):
    s = live.login("anna")
    dep = next(d for d in server_callbacks(live.deps(s)) if d["output"] == "page.children")
    body = json.dumps({"output": "page.children", "outputs": {"id": "page", "property": "children"},
                       "inputs": [{"id": "url", "property": "pathname", "value": "/me"},
                                  {"id": "url", "property": "search", "value": ""}], "changedPropIds": []})
    r = s.post(live.url + "/_dash-update-component", data=body,
               headers={"Content-Type": "application/json", "Origin": "http://evil.example"})
    assert r.status_code == 403
    r = s.post(live.url + "/_dash-update-component", data=body, headers={"Content-Type": "text/plain"})
    assert r.status_code == 403
    r = call(s, dep, {"url.pathname": "/me", "url.search": ""}, base=live.url)
    assert r.status_code == 200 and "agent-page" in r.text


def page(live, s, path, search=""):
    dep = next(d for d in server_callbacks(live.deps(s)) if d["output"] == "page.children")
    r = call(s, dep, {"url.pathname": path, "url.search": search}, base=live.url)
    assert r.status_code == 200
    return r.text


def test_contact_pages_follow_the_scope_and_are_logged(live):
    anna, tl_noord, tl_zuid, mgmt = (live.login(u) for u in ("anna", "tl-noord", "tl-zuid", "mgmt"))
    own = "c-a-01-000"
    assert "contact-page" in page(live, anna, f"/contact/{own}")
    assert "not-found" in page(live, anna, "/contact/c-a-02-001")       # a colleague in her own team
    assert "not-found" in page(live, anna, "/contact/c-a-03-002", "?d=2026-11-02")  # other team, day hint
    assert "contact-page" in page(live, tl_noord, "/contact/c-a-02-001")
    assert "not-found" in page(live, tl_noord, f"/contact/{HOSTILE_ID}")
    assert "not-allowed" in page(live, mgmt, f"/contact/{own}")       # management: aggregates only
    assert "not-allowed" in page(live, anna, "/management")
    log = entries(live.store, contact_id=own)
    assert [(e.username, e.action) for e in log][:1] == [("anna", "view")]
    assert entries(live.store, contact_id="c-a-02-001", username="anna") == []
    hostile = page(live, tl_zuid, f"/contact/{HOSTILE_ID}")
    assert "contact-page" in hostile
    # hostile chat text travels as JSON text (React renders it as text), never as markup
    assert "<script>" not in hostile and "<img" not in hostile
    assert "\\u003cscript\\u003ealert" in hostile and "{{ 7*7 }}" in hostile


def test_audio_streams_with_ranges_only_to_whoever_may_hear_it(live):
    """The stream is the recording with the customer's introduction ("Met Jan de Vries", a turn
    without word timings: redacted, so silenced whole) zeroed, everything else as recorded."""
    import io

    import numpy as np
    import soundfile as sf

    stored, sr = sf.read(str(live.centre.audio_root / f"{AUDIO_ID}.wav"), dtype="int16")
    anna = live.login("anna")
    r = anna.get(f"{live.url}/audio/{AUDIO_ID}")
    assert r.status_code == 200 and r.headers["Content-Type"] == "audio/wav"
    data, size = r.content, len(r.content)
    played, sr2 = sf.read(io.BytesIO(data), dtype="int16")
    assert sr2 == sr and len(played) == len(stored)
    cust = slice(int(2.5 * sr), int(np.ceil(5.0 * sr)))
    assert np.any(stored[cust]) and not np.any(played[cust])  # the customer's turn: silent
    rest = np.ones(len(stored), bool)
    rest[cust] = False
    assert np.array_equal(played[rest], stored[rest])  # the rest as recorded
    r = anna.get(f"{live.url}/audio/{AUDIO_ID}", headers={"Range": "bytes=100-199"})
    assert r.status_code == 206 and r.headers["Content-Range"] == f"bytes 100-199/{size}"
    assert r.content == data[100:200] and r.headers["Accept-Ranges"] == "bytes"
    assert ("anna", "audio") in [(e.username, e.action) for e in entries(live.store, contact_id=AUDIO_ID)]
    assert live.login("tl-noord").get(f"{live.url}/audio/{AUDIO_ID}").status_code == 200
    for user in ("chris", "tl-zuid", "mgmt", "admin"):
        r = live.login(user).get(f"{live.url}/audio/{AUDIO_ID}")
        assert r.status_code == 404 and r.content[:4] != b"RIFF", user
    # the trainer hears a recording only when its contact is in the example library
    trainer = live.login("trainer")
    dep = next(d for d in server_callbacks(live.deps(trainer)) if d["output"] == "lib-pick.options")
    library = call(trainer, dep, {}, base=live.url).text
    r = trainer.get(f"{live.url}/audio/{AUDIO_ID}")
    assert r.status_code == (200 if f'"{AUDIO_ID}|' in library else 404)
    for path in ("..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..", "rec-a01-001.wav"):
        r = anna.get(f"{live.url}/audio/{path}")
        # no file outside the recordings (a path with slashes is not the audio route: Dash's page)
        assert "root:" not in r.text and r.content[:4] != b"RIFF", path
        assert r.status_code == 404 or r.headers["Content-Type"].startswith("text/html"), path


def test_exports_are_scoped(live):
    anna = live.login("anna")
    r = anna.get(f"{live.url}/export/contacts.csv", params={"agent_id": ["a-03", "a-01"], "team": "team-zuid"})
    assert r.status_code == 200 and "c-a-03-" not in r.text and "Chris" not in r.text
    r = anna.get(f"{live.url}/export/contacts.csv")
    lines = r.text.strip().splitlines()
    assert len(lines) > 5 and all(",a-01," in line for line in lines[1:])
    assert live.login("mgmt").get(f"{live.url}/export/contacts.csv").status_code == 403
    r = live.login("mgmt").get(f"{live.url}/export/csat.csv")
    assert r.status_code == 200 and r.text.startswith("language,channel,week,n,value")
    assert "c-a-0" not in r.text and "Anna" not in r.text


def test_coaching_reports_open_for_their_team_leader_and_agent_only(centre, tmp_path):
    from dash_live import start_live

    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("team-team-noord-2026-W47.html", "team-team-zuid-2026-W47.html", "agent-a-01-2026-W47.html",
                 "agent-a-03-2026-W47.pdf", "plotly.min.js"):
        (reports / name).write_text(f"report {name}", encoding="utf-8")
    live, server = start_live(centre, f"sqlite:///{tmp_path / 'op.db'}", {"reports_dir": reports})
    try:
        tl, anna, mgmt = live.login("tl-noord"), live.login("anna"), live.login("mgmt")
        get = lambda s, n: s.get(f"{live.url}/reports/{n}")  # noqa: E731
        assert get(tl, "team-team-noord-2026-W47.html").text == "report team-team-noord-2026-W47.html"
        assert get(tl, "agent-a-01-2026-W47.html").status_code == 200
        assert get(tl, "team-team-zuid-2026-W47.html").status_code == 404
        assert get(tl, "agent-a-03-2026-W47.pdf").status_code == 404
        assert get(anna, "agent-a-01-2026-W47.html").status_code == 200
        assert get(anna, "team-team-noord-2026-W47.html").status_code == 404
        assert get(anna, "agent-a-03-2026-W47.pdf").status_code == 404
        assert get(mgmt, "team-team-noord-2026-W47.html").status_code == 404
        dep = next(d for d in live.deps(tl) if d["output"].startswith("..tl-disputes.children"))
        r = call(tl, dep, {"tl-team.value": ["team-noord", "team-zuid"]}, base=live.url)
        assert "team-team-noord-2026-W47.html" in r.text and "team-zuid" not in r.text
    finally:
        server.close()
