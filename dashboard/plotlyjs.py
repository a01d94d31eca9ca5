"""plotly.js for the pages: plotly's partial "basic" bundle (trace types scatter, bar and pie;
1.19 MB) instead of the full bundle plotly.py ships (4.8 MB, every trace type), served at the very
URL dcc loads plotly.js from, so the page, its scripts and its Content-Security-Policy
(scripts 'self') stay as they are.

Why: a browser that has not seen the dashboard compiles all of plotly.js before the first graph
draws; at 1 M contacts that was most of the management page's 1.6-1.8 s first load in a fresh
browser. The figure builders (dashboard/figures.py, the signals page) draw scatter and bar traces
only; tests/dashboard/test_plotly_bundle.py checks every trace type the pages send is in the
bundle, and that every graph of every page draws with it in chromium.

The bundle is the npm package plotly.js-basic-dist-min of the plotly.js version plotly.py ships
(dashboard/data/plotly/README.md: provenance, licence, how to refresh it). Where the installed
plotly.py ships another plotly.js version, Dash's own full bundle is served (with a warning): dcc
is built against the plotly.js its plotly.py ships. The coaching reports keep the full bundle
(coaching.render: any plotly.py figure, opened offline).
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, request

log = logging.getLogger(__name__)

TRACE_TYPES = frozenset({"scatter", "bar", "pie"})  # what the basic bundle draws
PREFIX = "/_dash-component-suites/plotly/package_data/"
DASH_NAME = "plotly.min.js"  # dash.Dash._setup_plotlyjs: package_data/plotly.min.js of plotly.py
_VERSION = re.compile(rb"plotly\.js[^\n]*? v(\d+\.\d+\.\d+)")


@dataclass(frozen=True)
class Bundle:
    """A plotly.js file read once: its bytes, version and content ETag."""

    path: Path
    data: bytes
    version: str | None
    etag: str


def bundle_version(head: bytes) -> str | None:
    """The plotly.js version in a bundle's licence header ("plotly.js (basic - minified) v4.1.1")."""
    m = _VERSION.search(head[:400])
    return m.group(1).decode() if m else None


@lru_cache(maxsize=4)
def read_bundle(path: Path) -> Bundle:
    data = path.read_bytes()
    return Bundle(path, data, bundle_version(data), hashlib.sha256(data).hexdigest()[:40])


def shipped_version() -> str | None:
    """The plotly.js version of the installed plotly.py (the full bundle Dash would serve)."""
    try:
        from plotly.offline import get_plotlyjs_version

        return str(get_plotlyjs_version())
    except ImportError:
        return None


def choose_bundle(path: Path | None) -> Bundle | None:
    """The bundle to serve instead of Dash's full one, or None (serve Dash's): none configured,
    the file missing, or its version not the one dcc is built against."""
    if path is None:
        return None
    if not Path(path).is_file():
        log.warning("plotly.js bundle %s not found: serving the full bundle", path)
        return None
    b = read_bundle(Path(path))
    want = shipped_version()
    if b.version is None or b.version != want:
        log.warning("plotly.js bundle %s is v%s, plotly.py ships v%s: serving the full bundle",
                    path, b.version, want)
        return None
    return b


def _is_plotly_min(name: str) -> bool:
    """plotly.min.js, plain (Dash's dynamic load) or fingerprinted (eager loading:
    plotly.v7_1_0m1764000000.min.js)."""
    from dash.fingerprint import check_fingerprint

    return check_fingerprint(name)[0] == DASH_NAME


def install_plotlyjs(server: Flask, path: Path | None) -> Bundle | None:
    """Serve `path`'s bundle at Dash's plotly.js URL (a rule more specific than Dash's
    /_dash-component-suites/<package>/<path>, so Werkzeug matches it first whatever the order).
    Conditional like Dash's: an ETag, 304 when the browser has it (dashboard.headers sets
    Cache-Control: no-cache on this prefix). Returns the bundle, or None when Dash serves its own."""
    bundle = choose_bundle(path)
    if bundle is None:
        return None
    log.info("plotly.js: %s (v%s, %d bytes)", bundle.path.name, bundle.version, len(bundle.data))

    @server.route(PREFIX + "<name>", endpoint="plotlyjs_partial")
    def plotlyjs(name: str) -> Any:
        from dash.fingerprint import check_fingerprint

        if not _is_plotly_min(name):
            abort(404)  # Dash registers no other file of plotly's package_data
        fingerprinted = check_fingerprint(name)[1]
        tag = f'"{bundle.etag}"'
        if not fingerprinted and request.headers.get("If-None-Match") == tag:
            return Response(None, status=304, headers={"ETag": tag})
        resp = Response(bundle.data, mimetype="text/javascript")
        if fingerprinted:
            resp.cache_control.max_age = 31536000  # as Dash: the URL changes with the version
        else:
            resp.headers["ETag"] = tag
        return resp

    return bundle
