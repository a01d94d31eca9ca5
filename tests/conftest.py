"""Shared fixtures: the operational store on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import itertools

import pytest

_db_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the whole run (initdb + pg_ctl in a temp folder)."""
    from opstore.testing import PostgresServer, find_pg_bin

    if find_pg_bin() is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not installed: apt-get install postgresql")
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty operational store URL: a SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'op.db'}"
    server = request.getfixturevalue("pg_server")
    return server.create_database(f"t{next(_db_names)}")


@pytest.fixture()
def store(store_url):
    from opstore import open_store

    s = open_store(store_url)
    yield s
    s.close()
