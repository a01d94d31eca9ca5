"""Fixtures: the generated centre's warehouse (built once), a live dashboard served by waitress
on a free port (per store dialect), and signed-in HTTP sessions."""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dash_centre import build_centre  # noqa: E402
from dash_live import start_live  # noqa: E402

_names = itertools.count()


@pytest.fixture(scope="session")
def centre(tmp_path_factory):
    return build_centre(tmp_path_factory.mktemp("centre"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request, centre, tmp_path_factory):
    """The dashboard served over HTTP, its operational store on SQLite or on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'op.db'}"
    else:
        url = request.getfixturevalue("pg_server").create_database(f"dash{next(_names)}")
    lv, server = start_live(centre, url)
    yield lv
    server.close()
    lv.store.close()


@pytest.fixture(scope="session")
def live_sqlite(centre, tmp_path_factory):
    lv, server = start_live(centre, f"sqlite:///{tmp_path_factory.mktemp('store1') / 'op.db'}")
    yield lv
    server.close()
