"""Sign-in, CSRF, slowing down failed logins, sign-out and idle expiry, over HTTP against a live
dashboard, with the operational store on SQLite and on PostgreSQL."""
from __future__ import annotations

import re

import requests

from dash_centre import PASSWORD
from dashcalls import csrf_from


def _form(live, s):
    return csrf_from(s.get(live.url + "/login").text)


def test_login_needs_the_forms_csrf_token_and_the_right_password(live):
    s = requests.Session()
    token = _form(live, s)
    r = s.post(live.url + "/login", data={"username": "anna", "password": PASSWORD}, allow_redirects=False)
    assert r.status_code == 400 and "meeluister_session" not in s.cookies
    r = requests.post(live.url + "/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token},
                      allow_redirects=False)  # the token without its cookie (another browser)
    assert r.status_code == 400
    r = s.post(live.url + "/login", data={"username": "anna", "password": "wrong password!", "csrf_token": _form(live, s)},
               allow_redirects=False)
    assert r.status_code == 401 and 'id="login-error"' in r.text and "meeluister_session" not in s.cookies
    r = s.post(live.url + "/login", data={"username": "anna", "password": PASSWORD, "csrf_token": _form(live, s),
                                          "next": "https://evil.example/x"}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/"  # no open redirect
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert s.get(live.url + "/_dash-layout").status_code == 200
    live.store.execute("DELETE FROM login_throttle")


def test_failed_logins_are_slowed_down_per_user_and_address(live):
    try:
        s = requests.Session()
        codes = []
        for _ in range(5):
            r = s.post(live.url + "/login", data={"username": "chris", "password": "not it at all",
                                                  "csrf_token": _form(live, s)}, allow_redirects=False)
            codes.append(r.status_code)
        assert codes[:3] == [401, 401, 401] and 429 in codes[3:]
        r = s.post(live.url + "/login", data={"username": "chris", "password": PASSWORD, "csrf_token": _form(live, s)},
                   allow_redirects=False)
        assert r.status_code == 429 and re.search(r"\d+ (seconden|seconds)", r.text)  # even the right one waits
        row = live.store.query_one("SELECT failures FROM login_throttle WHERE key = ?", ("user:chris",))
        assert row["failures"] >= 4
    finally:
        live.store.execute("DELETE FROM login_throttle")
    assert live.login("chris")  # once the lock is gone


def test_logout_needs_the_sessions_csrf_token_and_ends_the_session(live):
    s = live.login("anna")
    layout = s.get(live.url + "/_dash-layout").text
    props = re.search(r'\{[^{}]*"name":"csrf_token"[^{}]*\}', layout)
    assert props, "the sign-out form carries the session's CSRF token"
    token = re.search(r'"value":"([^"]+)"', props.group(0))
    assert s.post(live.url + "/logout", allow_redirects=False).status_code == 403
    r = s.post(live.url + "/logout", data={"csrf_token": token.group(1)}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/login"
    # the old cookie is dead on the server, not only deleted in this browser
    old = requests.Session()
    old.cookies.set("meeluister_session", s.cookies.get("meeluister_session") or "x")
    assert s.get(live.url + "/_dash-layout").status_code == 401


def test_idle_sessions_expire(live):
    s = live.login("tl-noord")
    assert s.get(live.url + "/_dash-layout").status_code == 200
    live.store.execute("UPDATE sessions SET last_seen_at = ?", ("2000-01-01T00:00:00.000000Z",))
    assert s.get(live.url + "/_dash-layout").status_code == 401
    r = s.get(live.url + "/team", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=/team")


def test_language_switch_changes_the_interface(live):
    s = requests.Session()
    assert "Gebruikersnaam" in s.get(live.url + "/login").text
    s.get(live.url + "/lang/en?next=/login")
    assert "Username" in s.get(live.url + "/login").text
