"""Security headers on every response: a Content-Security-Policy that allows only the app's own
scripts (Dash's one inline start-up script by its hash), framing by nobody, no MIME sniffing, the
referrer only to the same origin, and no caching of anything a signed-in user receives (package
code excepted: it holds no data, and the browser keeps plotly.js between pages).

Why each source is allowed (checked in a real browser: tests/dashboard/test_browser_csp.py):
* script-src 'self' + the sha256 of Dash's inline `new DashRenderer()` (Dash.csp_hashes); no
  'unsafe-inline', no 'unsafe-eval' (dash-renderer, dcc and plotly.js's svg traces need neither);
* style-src 'self' 'unsafe-inline': React style attributes, plotly.js and the date picker add
  <style> elements and style attributes at run time (CSS cannot run code);
* img-src/font-src data: (plotly's mode-bar icons, Bootstrap's inline SVG), media-src 'self' (the
  role-checked /audio route), connect-src 'self' (Dash's callback requests);
* frame-ancestors 'none' (and X-Frame-Options: DENY for old browsers), form-action 'self',
  base-uri 'self', object-src 'none'.
Coaching reports served under /reports/ get their own policy (REPORT_POLICY): they are static
files whose charts are drawn by the shared plotly.min.js and report-charts.js beside them.
"""
from __future__ import annotations

from typing import Any, Iterable

from flask import Flask, Response, g, request

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
REPORT_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                 "font-src 'self' data:; media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
STATIC_PREFIXES = ("/_dash-component-suites/",)  # installed package code: cacheable, never user data


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The dashboard's policy, with the inline scripts Dash needs allowed by hash."""
    policy = {k: list(v) for k, v in BASE_POLICY.items()}
    policy["script-src"] += [f"'{h}'" if not h.startswith("'") else h for h in script_hashes]
    return "; ".join(f"{k} {' '.join(v)}" for k, v in policy.items())


def install_headers(server: Flask, ctx: Any) -> None:
    """Add the headers to every response of `server`; `ctx.csp` holds the policy (set by
    dashboard.app.create_app once every callback is registered)."""

    @server.after_request
    def _headers(resp: Response) -> Response:
        h = resp.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("Content-Security-Policy",
                     REPORT_POLICY if request.path.startswith("/reports/") else (ctx.csp or content_security_policy()))
        if request.path.startswith(STATIC_PREFIXES):
            # Dash's fingerprinted bundles carry a year's max-age; the async chunks (plotly.min.js:
            # dashboard.plotlyjs's partial bundle, 1.2 MB) an ETag: revalidate (304) instead of
            # fetching and compiling them on every page
            h.setdefault("Cache-Control", "no-cache")
        elif request.path.startswith(("/_dash-update-component", "/audio", "/export", "/login")) or \
                request.path == "/" or getattr(g, "user", None) is not None:
            h.setdefault("Cache-Control", "no-store")
        return resp
