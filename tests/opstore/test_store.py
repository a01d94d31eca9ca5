"""The store itself, on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from opstore import IntegrityError, StoreError, applied, open_store
from opstore.db import _qmark_to_format, split_statements


def test_execute_query_and_literal_question_marks(store):
    store.execute("CREATE TABLE t (id @ID@, a TEXT, b INTEGER)".replace("@ID@", store.tokens["@ID@"]))
    store.execute("INSERT INTO t (a, b) VALUES (?, ?)", ("x?y 100%", 1))
    store.execute("INSERT INTO t (a, b) VALUES (?, ?)", ("z", 2))
    rows = store.query("SELECT a, b FROM t WHERE a <> '?' AND a LIKE '%' AND b >= ? ORDER BY b", (1,))
    assert rows == [{"a": "x?y 100%", "b": 1}, {"a": "z", "b": 2}]
    assert store.execute("UPDATE t SET b = b + 10 WHERE b > ?", (1,)) == 1
    assert store.query_one("SELECT b FROM t WHERE a = ?", ("z",)) == {"b": 12}
    assert store.query_one("SELECT b FROM t WHERE a = ?", ("nope",)) is None


def test_transaction_commits_or_rolls_back_everything(store):
    store.execute("CREATE TABLE t (a TEXT PRIMARY KEY)")
    with store.transaction() as tx:
        tx.execute("INSERT INTO t VALUES (?)", ("one",))
        tx.execute("INSERT INTO t VALUES (?)", ("two",))
    with pytest.raises(IntegrityError):
        with store.transaction() as tx:
            tx.execute("INSERT INTO t VALUES (?)", ("three",))
            tx.execute("INSERT INTO t VALUES (?)", ("one",))  # duplicate: all of this goes
    assert [r["a"] for r in store.query("SELECT a FROM t ORDER BY a")] == ["one", "two"]
    with pytest.raises(ZeroDivisionError):
        with store.transaction() as tx:
            tx.execute("INSERT INTO t VALUES (?)", ("four",))
            1 / 0
    assert store.query_one("SELECT COUNT(*) AS n FROM t")["n"] == 2


def test_own_migrations_recorded_once(store_url):
    s1 = open_store(store_url)
    assert applied(s1, "users") == [1] and applied(s1, "sessions") == [1] and applied(s1, "access_log") == [1]
    n = s1.query_one("SELECT COUNT(*) AS n FROM schema_migrations")["n"]
    s1.close()
    s2 = open_store(store_url)  # again: nothing re-applied, no error about existing tables
    assert s2.query_one("SELECT COUNT(*) AS n FROM schema_migrations")["n"] == n
    s2.close()


def test_module_migrations_in_order_and_new_ones_later(store, tmp_path: Path):
    mig = tmp_path / "mig"
    mig.mkdir()
    (mig / "002_add_col.sql").write_text("ALTER TABLE notes ADD COLUMN stars INTEGER;\n", encoding="utf-8")
    (mig / "001_notes.sql").write_text(
        "-- notes; a comment with a ; in it\nCREATE TABLE notes (id @ID@, body TEXT NOT NULL);\n"
        "INSERT INTO notes (body) VALUES ('semi;colon');\n", encoding="utf-8")
    assert store.migrate("demo_mod", mig) == [1, 2]
    assert store.migrate("demo_mod", mig) == []
    (mig / "003_more.sql").write_text("INSERT INTO notes (body, stars) VALUES ('b', 5);", encoding="utf-8")
    assert store.migrate("demo_mod", mig) == [3]
    assert store.query("SELECT body, stars FROM notes ORDER BY id") == [
        {"body": "semi;colon", "stars": None}, {"body": "b", "stars": 5}]
    assert applied(store, "demo_mod") == [1, 2, 3]


def test_failed_migration_names_file_and_is_not_recorded(store, tmp_path: Path):
    mig = tmp_path / "bad"
    mig.mkdir()
    (mig / "001_broken.sql").write_text("CREATE TABLE ok1 (a TEXT);\nCREATE TABLEX nope;", encoding="utf-8")
    with pytest.raises(StoreError, match="001_broken.sql: migration failed"):
        store.migrate("bad_mod", mig)
    assert applied(store, "bad_mod") == []
    (mig / "001_broken.sql").write_text("CREATE TABLE ok1 (a TEXT);", encoding="utf-8")
    assert store.migrate("bad_mod", mig) == [1]  # the first statement was rolled back with it
    (mig / "oops.sql").write_text("SELECT 1;", encoding="utf-8")
    with pytest.raises(StoreError, match="oops.sql: migration files are named NNN_name.sql"):
        store.migrate("bad_mod", mig)


def test_bad_urls(tmp_path: Path):
    with pytest.raises(StoreError, match="unsupported store URL"):
        open_store("mysql://x/y")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path}/no/such/dir/op.db")
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")


def test_sqlite_is_wal_with_busy_timeout(tmp_path: Path):
    s = open_store(f"sqlite:///{tmp_path / 'op.db'}")
    assert s.query_one("PRAGMA journal_mode")["journal_mode"] == "wal"
    assert s.query_one("PRAGMA busy_timeout")["timeout"] == 10_000


def test_many_writers_at_once(store):
    """Eight threads, each its own connection, writing in transactions: nothing lost, no lock error."""
    store.execute("CREATE TABLE c (k TEXT PRIMARY KEY, n INTEGER NOT NULL)")
    store.execute("INSERT INTO c VALUES ('x', 0)")
    errors = []

    def work():
        try:
            for _ in range(25):
                with store.transaction() as tx:
                    n = tx.query_one("SELECT n FROM c WHERE k = 'x'" + (" FOR UPDATE" if store.dialect == "postgresql" else ""))["n"]
                    tx.execute("UPDATE c SET n = ? WHERE k = 'x'", (n + 1,))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.query_one("SELECT n FROM c WHERE k = 'x'")["n"] == 200


def test_placeholder_translation_and_splitting():
    assert _qmark_to_format("SELECT '?', \"a?\" FROM t WHERE a = ? AND b LIKE '10%'") == \
        "SELECT '?', \"a?\" FROM t WHERE a = %s AND b LIKE '10%%'"
    assert split_statements("a; 'b;c'; -- x; y\n d;") == ["a", "'b;c'", "d"]
