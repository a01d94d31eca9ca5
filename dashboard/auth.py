"""Sign-in, sign-out and the guard in front of every request (Flask level, so it covers Dash's
own endpoints, every callback request and every route alike).

* `/login`: a plain HTML form posting `username`, `password` and a CSRF token (double submit:
  the same random value in a cookie and in a hidden field). Failed attempts are slowed down per
  username and per address (`opstore.users.record_failure`); a locked key is refused without
  checking the password.
* The session cookie (`meeluister_session`) holds a random token: HttpOnly, SameSite=Strict,
  Secure when `secure_cookies`. The session lives in the operational store and ends after idle
  time (`opstore.sessions`).
* Every other path needs a live session: pages redirect to `/login`, everything else gets 401.
  State-changing requests need proof they come from our pages: Dash callback POSTs must be JSON
  from our origin (a cross-site form cannot send that without a CORS preflight, which we never
  grant); form POSTs carry the session's CSRF token.
"""
from __future__ import annotations

import hmac
import logging
import secrets
from typing import Any
from urllib.parse import urlparse

from flask import Flask, Response, g, redirect, request
from jinja2 import Environment

from dashboard.i18n import pick_language, t
from opstore.sessions import create_session, end_session, get_session
from opstore.users import clear_failures, record_failure, throttle_wait, verify_password

log = logging.getLogger(__name__)

SESSION_COOKIE = "meeluister_session"
LOGIN_CSRF_COOKIE = "meeluister_login_csrf"
LANG_COOKIE = "meeluister_lang"
PUBLIC_PATHS = ("/login", "/healthz", "/static/bootstrap.min.css", "/lang/nl", "/lang/en")

_LOGIN_HTML = Environment(autoescape=True).from_string("""<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }} · meeluister</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/bootstrap.min.css"></head>
<body class="bg-light"><main class="container" style="max-width: 26rem; margin-top: 10vh">
<h1 class="h3 mb-3">meeluister · {{ title }}</h1>
{% if error %}<div class="alert alert-danger" role="alert" id="login-error">{{ error }}</div>{% endif %}
<form method="post" action="/login" class="card card-body">
  <input type="hidden" name="csrf_token" value="{{ csrf }}">
  <input type="hidden" name="next" value="{{ next }}">
  <label for="username" class="form-label">{{ username_label }}</label>
  <input id="username" name="username" class="form-control mb-3" autocomplete="username" required autofocus value="{{ username }}">
  <label for="password" class="form-label">{{ password_label }}</label>
  <input id="password" name="password" type="password" class="form-control mb-3" autocomplete="current-password" required>
  <button type="submit" class="btn btn-primary" id="login-button">{{ button }}</button>
</form>
<p class="mt-3 small"><a href="/lang/nl?next=/login">Nederlands</a> · <a href="/lang/en?next=/login">English</a></p>
</main></body></html>""")


def language() -> str:
    ctx = request.environ.get("meeluister.ctx")
    default = ctx.options.default_language if ctx else "nl"
    return pick_language(request.cookies.get(LANG_COOKIE), default)


def _client_address() -> str:
    return request.remote_addr or "unknown"


def _safe_next(value: str | None) -> str:
    """Only a local path (no scheme, no host, no //) may be a redirect target."""
    v = value or "/"
    p = urlparse(v)
    if p.scheme or p.netloc or not v.startswith("/") or v.startswith("//") or "\\" in v:
        return "/"
    return v


def _login_page(lang: str, error: str | None = None, username: str = "", next_: str = "/",
                status: int = 200) -> Response:
    # Reuse the browser's token: a second GET (another tab, a favicon redirect) must not
    # invalidate the form already shown.
    existing = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    csrf = existing if 20 <= len(existing) <= 64 and existing.replace("-", "").replace("_", "").isalnum() \
        else secrets.token_urlsafe(24)
    html = _LOGIN_HTML.render(lang=lang, title=t("login_title", lang), error=error, csrf=csrf,
                              next=_safe_next(next_), username=username, username_label=t("username", lang),
                              password_label=t("password", lang), button=t("login", lang))
    resp = Response(html, status=status, mimetype="text/html")
    ctx = request.environ["meeluister.ctx"]
    resp.set_cookie(LOGIN_CSRF_COOKIE, csrf, httponly=True, samesite="Strict", secure=ctx.options.secure_cookies,
                    max_age=3600, path="/login")
    return resp


def _same_origin() -> bool:
    """The request names our own origin (Origin, else Referer), or names none (same-site fetches
    from old browsers; SameSite=Strict already kept the cookie off cross-site ones)."""
    src = request.headers.get("Origin") or request.headers.get("Referer")
    if not src:
        return True
    p = urlparse(src)
    return f"{p.scheme}://{p.netloc}" == request.host_url.rstrip("/")


def install_auth(server: Flask, ctx: Any) -> None:
    """Register the guard, /login, /logout and /lang on the Flask server. `ctx`: the app context
    (options, store) from dashboard.app."""

    @server.before_request
    def _guard() -> Any:
        request.environ["meeluister.ctx"] = ctx
        if request.path in PUBLIC_PATHS:
            return None
        sess = get_session(ctx.store, request.cookies.get(SESSION_COOKIE), options=ctx.options.session)
        if sess is None:
            last = request.path.rsplit("/", 1)[-1]
            wants_page = (request.method == "GET" and "." not in last
                          and not request.path.startswith(("/_dash", "/audio", "/export")))
            if wants_page:
                return redirect("/login?next=" + _safe_next(request.full_path.rstrip("?")), code=303)
            return Response('{"error": "not signed in"}', status=401, mimetype="application/json")
        g.session = sess
        g.user = sess.user
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            if request.path.startswith("/_dash"):
                if not request.is_json or not _same_origin():
                    return Response('{"error": "cross-site request refused"}', status=403,
                                    mimetype="application/json")
            elif not hmac.compare_digest(str(request.form.get("csrf_token", "")), sess.csrf_token):
                return Response("CSRF token missing or wrong", status=403, mimetype="text/plain")
        return None

    @server.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        lang = language()
        if request.method == "GET":
            return _login_page(lang, next_=request.args.get("next", "/"))
        username = str(request.form.get("username", ""))[:64].strip()
        password = str(request.form.get("password", ""))[:1024]
        next_ = request.form.get("next", "/")
        cookie_csrf = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not cookie_csrf or not hmac.compare_digest(cookie_csrf, str(request.form.get("csrf_token", ""))):
            return _login_page(lang, t("login_csrf", lang), username, next_, status=400)
        keys = [f"user:{username.lower()}", f"addr:{_client_address()}"]
        wait = throttle_wait(ctx.store, keys)
        if wait > 0:
            return _login_page(lang, t("login_throttled", lang, s=int(wait) + 1), username, next_, status=429)
        user = verify_password(ctx.store, username, password, ctx.options.passwords)
        if user is None:
            record_failure(ctx.store, keys, options=ctx.options.throttle)
            log.warning("failed login for %r from %s", username, _client_address())
            return _login_page(lang, t("login_failed", lang), username, next_, status=401)
        clear_failures(ctx.store, keys[0])
        sess = create_session(ctx.store, user, _client_address(), request.headers.get("User-Agent"))
        resp = redirect(_safe_next(next_), code=303)
        resp.set_cookie(SESSION_COOKIE, sess.token, httponly=True, samesite="Strict",
                        secure=ctx.options.secure_cookies, path="/")
        resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
        return resp

    @server.route("/logout", methods=["POST"])
    def logout() -> Any:
        end_session(ctx.store, request.cookies.get(SESSION_COOKIE))
        resp = redirect("/login", code=303)
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    @server.route("/lang/<code>")
    def set_language(code: str) -> Any:
        resp = redirect(_safe_next(request.args.get("next", "/")), code=303)
        resp.set_cookie(LANG_COOKIE, pick_language(code, "nl"), samesite="Lax", max_age=365 * 86400, path="/")
        return resp

    @server.route("/healthz")
    def healthz() -> Any:
        snaps = getattr(ctx, "snapshots", None)
        status = snaps.status() if snaps is not None else {}
        # warm: the start-up warm-up is done; preparing: a newly published snapshot is being
        # warmed (the one before is served meanwhile); swaps: snapshots swapped in since start
        return {"ok": True, "warm": bool(getattr(ctx, "warmed", False)),
                "preparing": bool(status.get("preparing")), "swaps": int(status.get("swaps", 0))}
