"""Two ingests into one warehouse at once, with two real processes: the second waits or stops
with one line naming the warehouse and the holder; neither corrupts the other; the lock of a
killed ingest is taken over and its half-done run rolled back."""
from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from meeluister.records import dump_transcript
from qa.batch import score_files
from synth.contacts import generate_contacts
from warehouse import ingest
from warehouse.db import DbOptions, connect
from warehouse.ingest import IngestOptions
from warehouse.lock import WarehouseBusy, holder

pytestmark = pytest.mark.slow  # real processes (CLI start-up each)

REPO = Path(__file__).resolve().parents[2]


def _inputs(root: Path, seed: int, n: int) -> tuple[Path, Path]:
    tx = root / f"tx{seed}"
    tx.mkdir(parents=True)
    for t in generate_contacts(n, seed=seed):
        dump_transcript(t, tx / f"{t.contact_id}.json")
    res = root / f"results{seed}.jsonl"
    score_files([tx], res)
    return tx, res


@pytest.fixture(scope="module")
def two_sets(tmp_path_factory):
    root = tmp_path_factory.mktemp("lock-inputs")
    logging.disable(logging.ERROR)
    try:
        return _inputs(root, 1, 120), _inputs(root, 2, 60)
    finally:
        logging.disable(logging.NOTSET)


def _cli(db: Path, tx: Path, res: Path, *extra: str, stderr: object = subprocess.PIPE) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "meeluister.cli", "ingest", "--db", str(db),
                             "--transcripts", str(tx), "--results", str(res), *extra],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)


def _hold(db: Path, proc: subprocess.Popen) -> None:
    """Wait until `proc` holds the writer lock, then freeze it there (SIGSTOP)."""
    deadline = time.monotonic() + 60
    while holder(db).get("pid") != proc.pid:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the first ingest never took the lock"
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGSTOP)


def _state(db: Path) -> dict[str, object]:
    with connect(db) as wh:
        c = wh.con
        return {
            "contacts": c.execute("SELECT contact_id, t_n_turns FROM raw_contacts ORDER BY 1").fetchall(),
            "turns": c.execute("SELECT count(*), count(DISTINCT (contact_id, turn_idx)) FROM raw_turns").fetchall(),
            "results": c.execute("SELECT contact_id, criterion, outcome FROM raw_results ORDER BY 1, 2").fetchall(),
            "mart": c.execute("SELECT count(*) FROM mart_contacts").fetchall(),
        }


def test_second_ingest_stops_or_waits_and_neither_corrupts_the_other(two_sets, tmp_path):
    (tx1, res1), (tx2, res2) = two_sets
    db = tmp_path / "wh.duckdb"
    first = _cli(db, tx1, res1)
    _hold(db, first)
    try:
        # in this process: stops at once, naming the warehouse and the holder
        with pytest.raises(WarehouseBusy) as exc:
            ingest(db, transcripts=tx2, results=res2, options=IngestOptions(db=DbOptions(lock_timeout_s=0)))
        msg = str(exc.value)
        assert str(db) in msg and f"pid {first.pid} on {socket.gethostname()} since " in msg and "\n" not in msg
        # a waiting writer gives up after its timeout, not before
        t = time.monotonic()
        with pytest.raises(WarehouseBusy, match="gave up after 1 s"):
            ingest(db, transcripts=tx2, results=res2, options=IngestOptions(db=DbOptions(lock_timeout_s=1.0)))
        assert time.monotonic() - t >= 1.0
        # through the CLI: exit 3, one line on stderr
        busy = _cli(db, tx2, res2)
        out, err = busy.communicate(timeout=120)
        assert busy.returncode == 3, err
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith(f"error: {db}: warehouse busy: pid {first.pid} on "), err
        assert "meeluister" in lines[0] and "--wait-for-lock" in lines[0]
        # the second one waits for the first and then runs
        log2 = tmp_path / "second.err"
        with log2.open("w") as fh:
            second = _cli(db, tx2, res2, "--wait-for-lock", "120", stderr=fh)
        deadline = time.monotonic() + 120
        while "waiting up to 120 s for pid" not in log2.read_text():
            assert second.poll() is None and time.monotonic() < deadline, log2.read_text()
            time.sleep(0.05)
        time.sleep(0.5)
        assert second.poll() is None  # still waiting
    finally:
        os.kill(first.pid, signal.SIGCONT)
    out1, err1 = first.communicate(timeout=120)
    second.communicate(timeout=180)
    err2 = log2.read_text()
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert f"waiting up to 120 s for pid {first.pid} on " in err2

    # neither corrupted the other: the two runs together equal the two sets loaded one by one
    ref = tmp_path / "ref.duckdb"
    logging.disable(logging.ERROR)
    ingest(ref, transcripts=tx1, results=res1)
    ingest(ref, transcripts=tx2, results=res2)
    logging.disable(logging.NOTSET)
    got, want = _state(db), _state(ref)
    assert got == want
    assert len(got["contacts"]) == 180 and got["turns"][0][0] == got["turns"][0][1]
    with connect(db) as wh:
        assert wh.con.execute("SELECT count(*) FROM ingest_runs").fetchone()[0] == 2
    assert holder(db) == {}  # released


def test_lock_of_a_killed_ingest_is_taken_over_and_its_run_rolled_back(two_sets, tmp_path, caplog):
    (tx1, res1), (tx2, res2) = two_sets
    db = tmp_path / "wh.duckdb"
    logging.disable(logging.ERROR)
    ingest(db, transcripts=tx1, results=res1)  # a warehouse with data in it
    logging.disable(logging.NOTSET)
    before = _state(db)
    victim = _cli(db, tx2, res2)
    # kill it where it stands, once it has swapped a lake partition (its journal names one)
    journal = db.with_name("wh.lake") / ".journal" / "run.json"
    deadline = time.monotonic() + 120
    while victim.poll() is None and time.monotonic() < deadline:
        try:
            if json.loads(journal.read_text())["entries"]:
                os.kill(victim.pid, signal.SIGKILL)
                break
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.001)
    victim.communicate(timeout=60)
    assert victim.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert holder(db) == {}  # the kernel dropped the flock with the process
    with caplog.at_level(logging.WARNING, logger="warehouse"):
        with connect(db) as wh:
            assert wh.con.execute("SELECT count(*) FROM ingest_runs").fetchone()[0] == 1
    took = [r.getMessage() for r in caplog.records if "took over the lock" in r.getMessage()]
    assert took and f"pid {victim.pid} on {socket.gethostname()}" in took[0]
    assert _state(db) == before  # nothing of the killed run stays
    lake = db.with_name("wh.lake")
    assert not (lake / ".journal").exists() and not (lake / ".staging").exists()
    # and the run again gives what one uninterrupted run gives
    logging.disable(logging.ERROR)
    ingest(db, transcripts=tx2, results=res2)
    ref = tmp_path / "ref.duckdb"
    ingest(ref, transcripts=tx1, results=res1)
    ingest(ref, transcripts=tx2, results=res2)
    logging.disable(logging.NOTSET)
    assert _state(db) == _state(ref)
