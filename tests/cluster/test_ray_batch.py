"""`--ray`: transcription and scoring on a local Ray instance give the local batch's outputs
(transcripts, results.jsonl, quarantine), and the warehouse built from the Ray job's lake
partitions equals the one built from the local files, every table."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compare_warehouses import differences, fix_salt, warehouse_rows

pytestmark = pytest.mark.slow
ray = pytest.importorskip("ray")
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")

# A transcript file's sha256 hashes its timing fields too: two runs' files differ in it.
FILE_HASHES = {"raw_contacts": ("t_source_sha256",), "raw_turns": ("source_sha256",)}
# How a transcript records the way it ran (not what it says): left out of the comparison.
RUN_FIELDS = ("timings", "real_time_factor")
PARALLELISM = ("workers", "cpu_threads")


def _content(path: Path) -> dict:
    d = json.loads(path.read_text(encoding="utf-8"))
    rec = d["recognition"]
    for k in RUN_FIELDS:
        rec.pop(k)
    for k in PARALLELISM:
        rec["options"].pop(k)
    return d


def _inputs(root: Path, calls: dict[str, Path]) -> list[Path]:
    (root / "in").mkdir(parents=True)
    files = []
    for name, src in calls.items():
        shutil.copyfile(src, root / "in" / name)
        files.append(Path("in") / name)
    (root / "in" / "broken.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot audio")
    files.append(Path("in/broken.wav"))
    with (root / "meta.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "contact_id", "agent_id", "agent_name", "language", "started_at"])
        w.writerow(["a.wav", "c-a", "a-01", "Emma Clarke", "en", "2026-11-16T09:14:03+00:00"])
        w.writerow(["b.wav", "c-b", "a-02", "Lotte Jansen", "nl", "2026-10-30T15:00:00+01:00"])
    return files


def _local_transcribe(files: list[Path], opts) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """`transcribe_batch` in a new Python process (cwd and PYTHONPATH as here, OMP_NUM_THREADS=1);
    returns (done, failed)."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from transcription.batch import transcribe_batch\n"
        "from transcription.options import TranscribeOptions\n"
        "files, threads = json.loads(sys.argv[1]), int(sys.argv[2])\n"
        "res = transcribe_batch([Path(f) for f in files], Path('out'), TranscribeOptions(cpu_threads=threads),\n"
        "                       metadata=Path('meta.csv'))\n"
        "print(json.dumps([len(res.done), len(res.failed)]))\n"
    )
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "OMP_NUM_THREADS": "1",
           "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    out = subprocess.run([sys.executable, "-c", script, json.dumps([str(f) for f in files]), str(opts.cpu_threads)],
                         env=env, capture_output=True, text=True, check=True, timeout=600)
    done, failed = json.loads(out.stdout.strip().splitlines()[-1])
    return done, failed


@needs_espeak
def test_ray_transcribe_and_score_equal_the_local_batch(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cluster import score_on_ray, transcribe_on_ray
    from qa.batch import score_files
    from synth.calls import make_call
    from transcription.options import TranscribeOptions
    from warehouse import ingest, ingest_parts

    src = tmp_path / "calls"
    calls = {"a.wav": make_call(src / "en", "en", contact_id="x", max_turns=2).stereo,
             "b.wav": make_call(src / "nl", "nl", contact_id="y", max_turns=2, seed=1).stereo}
    opts = TranscribeOptions(cpu_threads=1)

    # Both runs in the same folder, one after the other (the warehouse stores each recording's
    # absolute path): the local run's outputs are read, then moved aside.
    work, local = tmp_path / "work", tmp_path / "local"
    files = _inputs(work, calls)

    monkeypatch.chdir(work)
    # The local batch runs in a fresh interpreter with the actors' thread setting, as
    # `meeluister transcribe` would: in this long-lived test process an earlier test may already
    # have started the OpenMP pool with more threads, and whisper's word timings and
    # probabilities then differ in the last digits (seen in CI: 12.144 vs 12.164 s).
    done = _local_transcribe(files, opts)
    assert done == (2, 1)
    score_files([Path("out")], Path("results.jsonl"))
    fix_salt(Path("wh.duckdb"))
    ingest("wh.duckdb", transcripts="out", results="results.jsonl")
    local_warehouse = warehouse_rows(work / "wh.duckdb", ignore=FILE_HASHES)
    monkeypatch.chdir(tmp_path)
    work.rename(local)
    on_ray = work
    _inputs(on_ray, calls)

    monkeypatch.chdir(on_ray)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(Path(__file__).resolve().parents[2])}})
    try:
        steps: list[tuple[int, int | None]] = []
        rres = transcribe_on_ray(files, Path("out"), TranscribeOptions(cpu_threads=2), metadata=Path("meta.csv"),
                                 workers=2, hook=lambda s, completed, total=None: steps.append((completed, total)))
        assert rres.options.workers == 2 and rres.options.cpu_threads == 1  # two actors, one CPU each
        assert rres.options.device == "cpu"  # no GPU in this cluster
        assert sorted(p.name for p in rres.done) == ["c-a.json", "c-b.json"] and len(rres.failed) == 1
        assert steps[0] == (0, 3) and steps[-1] == (3, 3)
        rep = score_on_ray([Path("out")], Path("results.jsonl"), workers=2)
        assert rep.contacts == 2
        # resumable: a re-run transcribes nothing and writes the same parts
        again = transcribe_on_ray(files, Path("out"), TranscribeOptions(cpu_threads=2), metadata=Path("meta.csv"),
                                  workers=2)
        assert not again.done and len(again.skipped) == 2
    finally:
        ray.shutdown()

    # the same transcripts, VTT, RTTM, quarantine lines and results as the local batch
    for name in ("c-a", "c-b"):
        assert _content(on_ray / "out" / f"{name}.json") == _content(local / "out" / f"{name}.json")
        for ext in (".vtt", ".rttm"):
            assert (on_ray / "out" / f"{name}{ext}").read_text() == (local / "out" / f"{name}{ext}").read_text()
    assert (on_ray / "results.jsonl").read_text() == (local / "results.jsonl").read_text()

    def quarantine(root: Path) -> list[dict]:
        return [{k: v for k, v in json.loads(line).items() if k != "at"}
                for line in (root / "out" / "quarantine.jsonl").read_text().splitlines()]

    assert quarantine(on_ray) == quarantine(local) and len(quarantine(local)) == 1
    assert quarantine(on_ray)[0]["source"] == "in/broken.wav"

    # the warehouse from the Ray partitions (bulk path) equals the one from the Ray run's own files
    # (file path), every table and column, and the local run's, but for the transcripts' hashes
    assert sorted(p.name for p in (on_ray / "parts").iterdir()) == ["contacts", "results", "turns"]
    fix_salt(Path("wh.duckdb"))
    ingest_parts("wh.duckdb", "parts")
    fix_salt(Path("files.duckdb"))
    ingest("files.duckdb", transcripts="out", results="results.jsonl")
    b = warehouse_rows(on_ray / "wh.duckdb")
    assert not differences(warehouse_rows(on_ray / "files.duckdb"), b)
    assert not differences(local_warehouse, warehouse_rows(on_ray / "wh.duckdb", ignore=FILE_HASHES))
    assert len(b["raw_contacts"]) == 2 and len(b["raw_results"]) > 10 and b["mart_result_daily"]
