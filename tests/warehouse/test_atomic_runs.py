"""A run is all or nothing (warehouse/journal.py): a run that fails leaves every table and every
lake file as before; a journal left by a dead run is rolled back (or, once committed, finished)
by the next writer; a warehouse loaded with a relative path reads from anywhere."""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

import pyarrow as pa
import pytest

from warehouse import DataCheckError, ingest_tables, open_snapshot
from warehouse.db import connect
from warehouse.journal import LakeJournal, recover


def _contacts(ids, month="2026-03"):
    return pa.table({"contact_id": ids, "t_channel": ["phone"] * len(ids), "t_language": ["nl"] * len(ids),
                     "t_started_local": pa.array([f"{month}-0{1 + i % 9}T10:00:00" for i in range(len(ids))]).cast(pa.timestamp("us"))})


def _turns(ids, speakers):
    rows = [(c, i, s) for c in ids for i, s in enumerate(speakers)]
    return pa.table({"contact_id": [r[0] for r in rows], "turn_idx": pa.array([r[1] for r in rows], pa.int32()),
                     "speaker": [r[2] for r in rows], "text": ["Goedemorgen"] * len(rows),
                     "source_file": ["gen"] * len(rows), "source_sha256": ["0"] * len(rows),
                     "source_row": pa.array(range(len(rows)), pa.int64())})


def _files(lake: Path) -> dict[str, str]:
    return {p.relative_to(lake).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in lake.rglob("*") if p.is_file() and ".snapshots" not in p.parts}


def _tables(db: Path) -> dict[str, list]:
    with connect(db) as wh:
        names = [r[0] for r in wh.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' AND table_catalog = current_database()").fetchall()]
        return {n: sorted(map(repr, wh.con.execute(f'SELECT * FROM "{n}"').fetchall())) for n in names}


@pytest.fixture()
def quiet():
    logging.disable(logging.ERROR)
    yield
    logging.disable(logging.NOTSET)


def test_a_failing_run_leaves_every_table_and_lake_file_as_before(tmp_path, quiet):
    db = tmp_path / "wh.duckdb"
    ids = ["c1", "c2", "c3"]
    ingest_tables(db, contacts=_contacts(ids), turns=_turns(ids, ["agent", "customer"]))
    lake = tmp_path / "wh.lake"
    files, tables = _files(lake), _tables(db)
    # new contacts in a new month (new partitions) and turns for old and new ones (a rewritten
    # partition), of which one fails the data checks at the end of the run
    more = ["c4", "c5"]
    with pytest.raises(DataCheckError):
        ingest_tables(db, contacts=_contacts(more, "2026-04"), turns=_turns(ids + more, ["agent", "robot"]))
    assert _files(lake) == files
    assert _tables(db) == tables
    assert not (lake / ".journal").exists()


def _lake_with_journal(tmp_path: Path, committed_id: str | None):
    """A lake as a run killed after its swaps leaves it: one rewritten and one new partition."""
    lake = tmp_path / "lake"
    old = lake / "turns" / "date=2026-03"
    old.mkdir(parents=True)
    (old / "data_0.parquet").write_text("old")
    j = LakeJournal(lake, "run-1")
    for d, text in (("2026-03", "new"), ("2026-04", "new too")):
        staged = tmp_path / "staged" / d
        staged.mkdir(parents=True)
        (staged / "data_0.parquet").write_text(text)
        j.swap("turns", d, staged)
    assert (old / "data_0.parquet").read_text() == "new"
    return lake, (lambda run_id: run_id == committed_id)


def test_recovery_rolls_back_a_run_that_never_committed(tmp_path):
    lake, committed = _lake_with_journal(tmp_path, committed_id=None)
    account = recover(lake, committed)
    assert "had not committed: 2 lake partition(s) restored" in account
    assert _files(lake) == {"turns/date=2026-03/data_0.parquet": hashlib.sha256(b"old").hexdigest()}


def test_recovery_keeps_a_run_that_had_committed(tmp_path):
    lake, committed = _lake_with_journal(tmp_path, committed_id="run-1")
    assert "had committed" in recover(lake, committed)
    assert {k: v for k, v in _files(lake).items()} == {
        "turns/date=2026-03/data_0.parquet": hashlib.sha256(b"new").hexdigest(),
        "turns/date=2026-04/data_0.parquet": hashlib.sha256(b"new too").hexdigest()}


def test_recovery_of_a_run_killed_between_journal_and_move_keeps_the_old_partition(tmp_path):
    lake = tmp_path / "lake"
    old = lake / "turns" / "date=2026-03"
    old.mkdir(parents=True)
    (old / "data_0.parquet").write_text("old")
    jdir = lake / ".journal"
    jdir.mkdir()
    # step 1 done (the journal names the partition), killed before step 2 (the move)
    (jdir / "run.json").write_text(json.dumps({"run_id": "r", "pid": 1, "entries": [["turns/date=2026-03", True]]}))
    recover(lake, lambda _: False)
    assert (old / "data_0.parquet").read_text() == "old" and not jdir.exists()


def test_a_warehouse_loaded_by_a_relative_path_is_read_from_another_directory(tmp_path, monkeypatch, quiet):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    ingest_tables("wh.duckdb", contacts=_contacts(["c1", "c2"]), turns=_turns(["c1", "c2"], ["agent"]))
    monkeypatch.chdir(tmp_path)
    con = open_snapshot(Path("work") / "wh.duckdb")
    try:
        assert con.con.execute("SELECT count(*) FROM raw_turns").fetchone()[0] == 2
    finally:
        con.close()


def test_recovery_removes_what_a_killed_publish_left_and_nothing_published(tmp_path):
    lake = tmp_path / "wh.lake"
    snaps = lake / ".snapshots"
    catalog = tmp_path / "wh.snapshot.duckdb"
    (snaps / "0001-a").mkdir(parents=True)
    # the first publish ever, killed while linking: no `current`, no catalog -> nothing is read
    assert "1 unpublished snapshot folder(s) removed" in recover(lake, lambda _: False, catalog)
    assert not (snaps / "0001-a").exists()
    # a published snapshot (current) stays; one above it, and the temp catalog, go
    for name in ("0002-b", "0003-c"):
        (snaps / name).mkdir()
    (snaps / "current").write_text("0002-b")
    catalog.write_bytes(b"catalog")
    tmp = tmp_path / "wh.snapshot.duckdb.0003-c.tmp"
    tmp.write_bytes(b"half")
    account = recover(lake, lambda _: False, catalog)
    assert "1 unpublished snapshot folder(s) removed" in account and "1 unfinished snapshot file(s) removed" in account
    assert sorted(p.name for p in snaps.iterdir()) == ["0002-b", "current"] and not tmp.exists()
    assert catalog.read_bytes() == b"catalog"
    assert recover(lake, lambda _: False, catalog) is None  # nothing left to do
