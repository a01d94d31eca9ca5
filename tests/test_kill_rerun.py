"""Killed and run again, nothing lost or doubled (issue 10).

A real batch (tests/kill_rerun_batch.py: `meeluister transcribe` with faster-whisper on espeak-ng
calls, `score`, `ingest` into a DuckDB warehouse) runs as a subprocess and is killed with SIGKILL
(its whole process group) at seeded random points, each seen from outside, never through the
code under test: a time offset into the batch; a time offset into a named step (the driver's
`step transcribe|score|ingest` lines, offsets drawn within the step's duration in the
uninterrupted run); the k-th lake partition folder swapped in; a snapshot appearing. Seeds 3-5
kill twice. Then it runs again to the end. The batch folder must then
equal the one of an uninterrupted run: every table and view of the warehouse, every lake file,
the published snapshot (every relation through `open_snapshot`), the transcripts, results and
quarantine reports, and no file more or less (no temp file, staging folder or journal left).

What may differ, and is left out or mapped (it differs between any two runs):
* `ingest_log.run_id/ingested_at`, `quarantine.run_id/ingested_at`, `ingest_runs` (ids, times,
  host, pid): compared by count; `at` in the JSONL quarantine reports;
* a transcript's `recognition.timings` and `real_time_factor` (wall-clock times), hence its
  sha256: every sha256 in the warehouse is mapped to the file it is the hash of (and checked to
  be that file's hash in its own folder);
* the customer-key salt (random per warehouse): keys are compared as a partition of contacts;
* the snapshot folder ids under `<lake>/.snapshots/`;
* the batch folder in absolute paths (a contact's recording): written as `<batch folder>`.
A kill after the ingest had committed is followed by a run that finds everything in place: its
ingest_log rows must all say added = updated = removed = 0.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("kill_rerun_batch.py")
SEEDS = range(6)
KINDS = ("time", "transcribe", "score", "ingest", "partition", "publish")


# --- the batch folder ---------------------------------------------------------------------------


def _make_inputs(root: Path) -> None:
    """Three short English stereo calls in two months, an empty recording, metadata with caller
    ids and an abandoned call, a roster with a bad row, a survey export with an unknown contact
    and an out-of-range score (everything the ingest quarantines, it quarantines once)."""
    import csv
    from datetime import datetime

    from synth.calls import make_call
    from synth.surveys import FakeResponse, write_qualtrics_csv

    rec = root / "rec"
    rec.mkdir(parents=True)
    for i in range(3):
        c = make_call(root / "gen", "en", contact_id=f"k-{i}", seed=i, max_turns=2)
        shutil.copyfile(c.stereo, rec / f"k-{i}.wav")
    shutil.rmtree(root / "gen")
    (rec / "bad-empty.wav").write_bytes(b"")
    with (root / "meta.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "contact_id", "agent_id", "agent_name", "team", "language", "started_at",
                    "wait_s", "handle_s", "caller_id"])
        w.writerow(["k-0.wav", "k-0", "a-01", "Emma Clarke", "T1", "en", "2026-10-30T09:14:03+01:00", "12", "200", "0612345678"])
        w.writerow(["k-1.wav", "k-1", "a-02", "Tom Baker", "T2", "en", "2026-11-02T10:00:00+01:00", "30", "180", "0612345678"])
        w.writerow(["k-2.wav", "k-2", "a-01", "Emma Clarke", "T1", "en", "2026-11-03T11:30:00+01:00", "5", "150", "0201234567"])
        w.writerow(["", "k-9", "a-02", "Tom Baker", "T2", "en", "2026-11-03T12:00:00+01:00", "90", "", "0201234567"])
    with (root / "roster.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["agent_id", "agent_name", "team", "valid_from", "valid_to"])
        w.writerow(["a-01", "Emma Clarke", "T1", "2026-01-01", ""])
        w.writerow(["a-02", "Tom Baker", "T2", "2026-01-01", ""])
        w.writerow(["a-03", "Ann Lee", "T2", "not a date", ""])
    write_qualtrics_csv(root / "surveys.csv", [
        FakeResponse("k-0", "a-01", datetime(2026, 10, 30, 12, 0), 9, 10, "Goed geholpen, bel me op 0612345678", response_id="R_1"),
        FakeResponse("k-1", "a-02", datetime(2026, 11, 2, 15, 0), 6, 5, "Duurde lang", response_id="R_2"),
        FakeResponse("k-7", "a-02", datetime(2026, 11, 2, 15, 0), 8, 7, None, response_id="R_3"),
        FakeResponse("k-2", "a-01", datetime(2026, 11, 3, 15, 0), 14, 7, None, response_id="R_4"),
    ])


def _log(folder: Path) -> Path:
    return folder.parent / f"{folder.name}.log"


def _start(folder: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    log = _log(folder).open("a")
    return subprocess.Popen([sys.executable, str(DRIVER), str(folder)], cwd=REPO, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


class _Watch:
    """What a running batch has done, seen from outside (nothing of the code under test): the
    driver's `step NAME` lines in its log, the lake's partition folders (a swap puts a new
    folder, a new inode, in place) and snapshot folders appearing."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.log = folder, _log(folder)
        self.offset = self.log.stat().st_size if self.log.exists() else 0
        self.t0 = time.monotonic()
        self.steps: dict[str, float] = {}
        self.parts0, self.snaps0 = self._partitions(), self._snapshots()

    def _partitions(self) -> set[tuple[str, int]]:
        out = set()
        for d in (self.folder / "wh.lake").glob("*/date=*"):
            try:
                out.add((d.relative_to(self.folder).as_posix(), d.stat().st_ino))
            except OSError:
                pass
        return out

    def _snapshots(self) -> set[str]:
        return {p.name for p in (self.folder / "wh.lake" / ".snapshots").glob("*")}

    def poll(self) -> None:
        try:
            with self.log.open("rb") as fh:
                fh.seek(self.offset)
                text = fh.read().decode("utf-8", "replace")
        except OSError:
            return
        for line in text.splitlines():
            if line.startswith("step "):
                self.steps.setdefault(line[5:].strip(), time.monotonic())

    def swapped(self) -> int:
        return len(self._partitions() - self.parts0)

    def publishing(self) -> bool:
        return bool(self._snapshots() - self.snaps0) or any(self.folder.glob("wh.snapshot.duckdb.*"))


STEPS = ("transcribe", "score", "ingest", "done")


def _run(folder: Path, timeout: float = 600) -> dict[str, float]:
    """Run the batch to its end; how long it and each step took."""
    w, p = _Watch(folder), _start(folder)
    while p.poll() is None:
        w.poll()
        time.sleep(0.005)
    w.poll()
    assert p.returncode == 0, _log(folder).read_text()[-4000:]
    took = {"total": time.monotonic() - w.t0}
    for a, b in zip(STEPS, STEPS[1:]):
        if a in w.steps and b in w.steps:
            took[a] = w.steps[b] - w.steps[a]
    return took


def _condition(kind: str, rng: random.Random, ref: dict):
    """A predicate on the watched batch saying "kill now", and what it is (for the message)."""
    # Into a step, late offsets are likelier: its first part is the process loading its modules.
    u = rng.uniform(0.05, 0.95) if kind == "time" else rng.uniform(0.3, 0.98)
    if kind == "time":
        return (lambda w: time.monotonic() - w.t0 >= u * ref["took"]["total"]), f"{u:.0%} of the batch's time"
    if kind in ("transcribe", "score", "ingest"):
        d = ref["took"][kind]
        return (lambda w: kind in w.steps and time.monotonic() - w.steps[kind] >= u * d), f"{u:.0%} into {kind}"
    if kind == "partition":
        k = rng.randint(1, ref["partitions"])
        return (lambda w: w.swapped() >= k), f"lake partition {k} of {ref['partitions']} swapped in"
    if kind == "publish":
        return (lambda w: w.publishing()), "snapshot being published"
    raise ValueError(kind)


def _kill_when(folder: Path, cond, timeout: float = 600) -> bool:
    """Run the batch and SIGKILL its process group when `cond` holds; False when it ended first."""
    w, p = _Watch(folder), _start(folder)
    deadline = time.monotonic() + timeout
    while p.poll() is None:
        w.poll()
        if cond(w):
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return True
        assert time.monotonic() < deadline
        time.sleep(0.001)
    assert p.returncode == 0, _log(folder).read_text()[-4000:]
    return False


# --- what is compared ---------------------------------------------------------------------------

IGNORED = {"quarantine": {"run_id", "ingested_at"}}  # ingest_log: apart, per run (_split_logs)
COUNTED_ONLY = {"ingest_runs"}
SKIP_FILES = {".snapshots"}


def _shas(folder: Path) -> dict[str, str]:
    out = {}
    for p in folder.rglob("*"):
        if p.is_file() and ".lake" not in p.parts[len(folder.parts):][0] and p.suffix != ".duckdb":
            out[hashlib.sha256(p.read_bytes()).hexdigest()] = p.relative_to(folder).as_posix()
    return out


class _Canon:
    """Values as compared: sha256 -> the file it hashes, customer keys -> their first contact."""

    def __init__(self, folder: Path) -> None:
        self.root = str(folder)  # absolute paths (the recording of a contact) name their folder
        self.shas = _shas(folder)
        with duckdb.connect(str(folder / "wh.duckdb"), read_only=True) as con:
            self.keys = dict(con.execute(
                "SELECT k, '<key of ' || min(contact_id) || '>' FROM (SELECT m_customer_key AS k, contact_id FROM raw_contacts "
                "UNION ALL SELECT t_customer_key, contact_id FROM raw_contacts) WHERE k IS NOT NULL GROUP BY k").fetchall())

    def value(self, col: str, v: object, row: dict) -> object:
        if isinstance(v, str):
            v = v.replace(self.root, "<batch folder>")
            if col.endswith("customer_key"):
                assert v in self.keys, f"{col}: {v} is no contact's customer key"
                return self.keys[v]
            if len(v) == 64 and all(c in "0123456789abcdef" for c in v):
                assert v in self.shas, f"{col}: {v} is the sha256 of no file in the batch"
                return f"<sha256 of {self.shas[v]}>"
        return v


def _relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return con.execute("SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main' "
                       "AND table_catalog = current_database() ORDER BY 1").fetchall()


def _rows(con: duckdb.DuckDBPyConnection, rel: str, canon: _Canon) -> list[tuple]:
    cur = con.execute(f'SELECT * FROM "{rel}"')
    cols = [d[0] for d in cur.description]
    out = []
    for raw in cur.fetchall():
        row = dict(zip(cols, raw))
        if rel == "settings" and row.get("key") == "customer_key_salt":
            row["value"] = "<salt>"
        out.append(tuple((c, canon.value(c, row[c], row)) for c in cols if c not in IGNORED.get(rel, ())))
    return sorted(out, key=repr)


def _database(con: duckdb.DuckDBPyConnection, canon: _Canon) -> dict[str, object]:
    db: dict[str, object] = {}
    # customer keys are named after their first contact in contact order
    for rel, kind in _relations(con):
        if rel in COUNTED_ONLY:
            db[rel] = con.execute(f'SELECT count(*) FROM "{rel}"').fetchone()[0]
        else:
            db[rel] = (kind, _rows(con, rel, canon))
    return db


def _state(folder: Path) -> dict[str, object]:
    canon = _Canon(folder)
    state: dict[str, object] = {}
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and not SKIP_FILES & set(p.relative_to(folder).parts))
    state["files"] = files
    for p in sorted((folder / "tx").glob("*.json")):
        doc = json.loads(p.read_text(encoding="utf-8"))
        doc["recognition"].pop("timings")
        doc["recognition"].pop("real_time_factor")
        state[p.name] = doc
    for p in [*(folder / "tx").glob("*.vtt"), *(folder / "tx").glob("*.rttm"), folder / "results.jsonl"]:
        state[p.name] = p.read_text(encoding="utf-8")
    for q in (folder / "tx" / "quarantine.jsonl", folder / "wh.quarantine.jsonl"):
        state[q.relative_to(folder).as_posix()] = sorted(
            {k: v for k, v in json.loads(line).items() if k != "at"}.items()
            for line in q.read_text(encoding="utf-8").splitlines())
    lake = folder / "wh.lake"
    con = duckdb.connect()
    for f in sorted(lake.rglob("*.parquet")):
        rel = f.relative_to(lake)
        if rel.parts[0] != ".snapshots":
            con.execute(f"CREATE OR REPLACE VIEW _f AS SELECT * FROM read_parquet('{f}')")
            state[f"lake/{rel.as_posix()}"] = _rows(con, "_f", canon)
    con.close()
    con = duckdb.connect(str(folder / "wh.duckdb"), read_only=True)
    state["warehouse"] = _database(con, canon)
    con.close()
    from warehouse import open_snapshot

    snap = open_snapshot(folder / "wh.duckdb")
    try:
        state["snapshot"] = _database(snap.con, canon)
    finally:
        snap.close()
    return state


def _split_logs(state: dict[str, object]) -> int:
    """Take the ingest_log apart per run: keep the rows of the runs that changed something
    (without run_id and time) in the state; return how many runs found everything in place (a
    run after one killed once it had committed), after checking they changed nothing."""
    noop_runs = {}
    for part in ("warehouse", "snapshot"):
        kind, rows = state[part]["ingest_log"]
        runs: dict[str, list[dict]] = {}
        for r in rows:
            d = dict(r)
            runs.setdefault(d.pop("run_id"), []).append(d)
        changed, noop_runs[part] = [], 0
        for run_rows in runs.values():
            if any(d["added"] or d["updated"] or d["removed"] for d in run_rows):
                changed += [tuple((k, v) for k, v in d.items() if k != "ingested_at") for d in run_rows]
            else:
                noop_runs[part] += 1
        state[part]["ingest_log"] = (kind, sorted(changed, key=repr))
        state[part]["changed_runs"] = len(runs) - noop_runs[part]
    return noop_runs["warehouse"]


# --- the test -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed")
    root = tmp_path_factory.mktemp("kill-rerun")
    inputs = root / "inputs"
    _make_inputs(inputs)
    ref = root / "ref"
    shutil.copytree(inputs, ref)
    took = _run(ref)  # the reference run, its steps timed from outside
    with duckdb.connect(str(ref / "wh.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM ingest_runs").fetchone()[0] == 1
        partitions = con.execute("SELECT count(DISTINCT tbl || '/' || date) FROM (SELECT 'contacts' AS tbl, date FROM raw_contacts "
                            "UNION ALL SELECT 'turns', date FROM raw_turns UNION ALL SELECT 'results', date FROM raw_results "
                            "UNION ALL SELECT 'surveys', date FROM raw_surveys)").fetchone()[0]
    state = _state(ref)
    assert _split_logs(state) == 0
    return {"root": root, "inputs": inputs, "state": state, "took": took, "partitions": partitions}


@pytest.mark.parametrize("seed", SEEDS)
def test_killed_and_run_again_gives_the_uninterrupted_warehouse(reference, seed):
    rng = random.Random(seed)
    folder = reference["root"] / f"seed{seed}"
    shutil.copytree(reference["inputs"], folder)
    kinds = [KINDS[seed % len(KINDS)]] + ([rng.choice(KINDS[1:])] if seed >= len(KINDS) // 2 else [])
    killed = []
    for kind in kinds:  # one or two kills, each followed by a run
        cond, what = _condition(kind, rng, reference)
        if _kill_when(folder, cond):
            killed.append(what)
    assert killed, f"seed {seed}: the batch ended before every kill point {kinds}"
    _run(folder)
    got, want = _state(folder), reference["state"]
    noop_runs = _split_logs(got)
    # every committed run is in ingest_runs: the one that did the work, and the ones after it
    # (when a kill came after the commit) that found everything in place
    assert got["warehouse"]["ingest_runs"] == 1 + noop_runs, (killed, noop_runs)
    got["warehouse"]["ingest_runs"] = got["snapshot"]["ingest_runs"] = want["warehouse"]["ingest_runs"]
    assert got.keys() == want.keys(), (killed, set(got) ^ set(want))
    for k in want:
        assert got[k] == want[k], f"seed {seed}, killed at {killed}: {k} differs"
