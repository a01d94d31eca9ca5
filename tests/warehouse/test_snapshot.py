"""Readers work on the published snapshot (warehouse.open_snapshot), never on the file the load
writes: an ingest in one process and a reader in another do not wait for each other."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warehouse import analytics as a
from warehouse import ingest_tables, open_snapshot
from warehouse.db import connect
from warehouse.publish import SnapshotOptions, publish, snapshot_path

ROOT = Path(__file__).resolve().parents[2]


def _data(lo: int, hi: int) -> tuple[pa.Table, pa.Table]:
    ids = [f"c{i}" for i in range(lo, hi)]
    t = pd.to_datetime(["2026-03-02 10:00"] * len(ids)).values
    contacts = pa.table({"contact_id": ids, "m_channel": ["phone"] * len(ids), "m_language": ["nl"] * len(ids),
                         "m_team": ["T1"] * len(ids), "m_started_utc": t, "m_started_local": t})
    results = pa.table({"contact_id": ids, "criterion": ["overall"] * len(ids),
                        "outcome": ["pass" if i % 2 else "fail" for i in range(lo, hi)],
                        "score": [0.9 if i % 2 else 0.2 for i in range(lo, hi)],
                        "source_file": ["r"] * len(ids), "source_sha256": ["0"] * len(ids),
                        "source_row": list(range(lo, hi))})
    return contacts, results


@pytest.fixture()
def quiet():
    logging.disable(logging.ERROR)
    yield
    logging.disable(logging.NOTSET)


def test_snapshot_answers_like_the_warehouse_and_is_read_only(tmp_path, quiet):
    db = tmp_path / "wh.duckdb"
    contacts, results = _data(0, 50)
    s = ingest_tables(db, contacts=contacts, results=results)
    assert s.snapshot == str(snapshot_path(db))
    snap = open_snapshot(db)
    try:
        with connect(db) as wh:
            pd.testing.assert_frame_equal(a.pass_rates_by(snap, ["team"]), a.pass_rates_by(wh, ["team"]))
            assert snap.con.execute("SELECT count(*) FROM rpt_result_facts").fetchone()[0] == 50
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            snap.con.execute("CREATE TABLE x (i INTEGER)")
    finally:
        snap.close()


def test_an_open_snapshot_keeps_its_data_while_a_load_rewrites_the_lake(tmp_path, quiet):
    db = tmp_path / "wh.duckdb"
    ingest_tables(db, contacts=_data(0, 50)[0], results=_data(0, 50)[1])
    old = open_snapshot(db)
    try:
        # a re-scoring rewrites the results partition the old snapshot reads
        c, r = _data(0, 50)
        ingest_tables(db, results=r.set_column(2, "outcome", pa.array(["fail"] * 50)))
        assert old.con.execute("SELECT count(*) FILTER (outcome = 'pass') FROM raw_results").fetchone()[0] == 25
        new = open_snapshot(db)
        assert new.con.execute("SELECT count(*) FILTER (outcome = 'pass') FROM raw_results").fetchone()[0] == 0
        new.close()
    finally:
        old.close()


def test_old_snapshot_files_are_collected_after_keep_s(tmp_path, quiet):
    db = tmp_path / "wh.duckdb"
    ingest_tables(db, contacts=_data(0, 5)[0])
    with connect(db) as wh:
        publish(wh, SnapshotOptions(keep_s=0))
        publish(wh, SnapshotOptions(keep_s=0))
    folders = [p.name for p in (tmp_path / "wh.lake" / ".snapshots").iterdir() if p.is_dir()]
    current = (tmp_path / "wh.lake" / ".snapshots" / "current").read_text()
    assert folders == [current]


READER = textwrap.dedent("""
    import json, sys, time
    sys.path.insert(0, sys.argv[3])
    from warehouse import open_snapshot
    db, want = sys.argv[1], int(sys.argv[2])
    seen, t0 = [], time.time()
    while time.time() - t0 < 120:
        wh = open_snapshot(db)
        n = wh.con.execute("SELECT count(*) FROM mart_contacts").fetchone()[0]
        wh.close()
        seen.append(n)
        if n == want:
            break
        time.sleep(0.02)
    print(json.dumps(seen))
""")
WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[3])
    import pyarrow.parquet as pq
    from warehouse import ingest_tables
    s = ingest_tables(sys.argv[1], contacts=sys.argv[2] + "/contacts.parquet", results=sys.argv[2] + "/results.parquet")
    print(s.tables["contacts"].added)
""")


def test_ingest_and_reader_in_two_processes_do_not_block_each_other(tmp_path, quiet):
    db = tmp_path / "wh.duckdb"
    ingest_tables(db, contacts=_data(0, 100)[0], results=_data(0, 100)[1])
    more = tmp_path / "more"
    more.mkdir()
    c, r = _data(100, 20_000)
    pq.write_table(c, more / "contacts.parquet")
    pq.write_table(r, more / "results.parquet")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), "20000", str(ROOT)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)  # the reader is querying the first snapshot
    # While this process holds the warehouse file for writing, no other process can open it,
    # not even read-only (DuckDB's lock): readers can only go through the snapshot.
    with connect(db):
        probe = subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True)",
                                str(db)], capture_output=True, text=True)
        assert probe.returncode != 0 and "lock" in probe.stderr.lower()
    writer = subprocess.run([sys.executable, "-c", WRITER, str(db), str(more), str(ROOT)], env=env,
                            capture_output=True, text=True, timeout=180)
    out, err = reader.communicate(timeout=180)
    assert writer.returncode == 0, writer.stderr
    assert writer.stdout.split()[-1] == "19900"
    assert reader.returncode == 0, err
    seen = json.loads(out.splitlines()[-1])
    assert seen[0] == 100 and seen[-1] == 20_000  # the old snapshot while loading, the new one after
    assert set(seen) <= {100, 20_000}
