"""Batch throughput of `meeluister transcribe --workers N`: audio hours per wall hour.

`python benchmarks/batch_throughput.py [--calls 4] [--workers 1 2]` generates calls (espeak-ng,
nl/en/fr/es in turn, 20 s hold each; stereo and the same calls mono), writes a metadata CSV
(language per call, as a queue's metadata gives it) and runs the real CLI once per (mix, N) into
a fresh output directory: base int8, `--threads 2` in all (N workers get 2/N threads each),
diarization included (channels for stereo, the offline resemblyzer diarizer for mono). Wall
time includes process start and model loading (once per worker). CPU seconds are the children's
user+sys (resource.RUSAGE_CHILDREN), so CPU/audio-s does not depend on what else the machine
runs; "idle 2-core" is what that CPU cost implies when two cores are free:
2 * 3600 / (CPU-s per audio-s) / 3600 audio hours per wall hour.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=4)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--mixes", nargs="+", default=["stereo", "mono"])
    args = ap.parse_args()
    from synth.calls import LANGUAGES, make_call

    tmp = Path(tempfile.mkdtemp(prefix="meeluister-batch-"))
    audio_s = 0.0
    dirs = {m: tmp / m for m in args.mixes}
    rows = []
    for i in range(args.calls):
        lang = LANGUAGES[i % len(LANGUAGES)]
        c = make_call(tmp / "work", lang, contact_id=f"b-{i:03d}", seed=i)
        audio_s += c.duration_s
        for m in args.mixes:
            dirs[m].mkdir(parents=True, exist_ok=True)
            shutil.copyfile(c.stereo if m == "stereo" else c.mono, dirs[m] / f"b-{i:03d}.wav")
        rows.append((f"b-{i:03d}", f"b-{i:03d}.wav", lang))
    for m in args.mixes:
        with (dirs[m] / "metadata.csv").open("w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["contact_id", "file", "language", "channel"])
            w.writerows([(cid, f, lang, "phone") for cid, f, lang in rows])
    print(f"{args.calls} calls, {audio_s:.0f} s of audio per mix; base int8, --threads 2; "
          f"{os.cpu_count()} cores (shared with other jobs when loadavg > 2)")
    print(f"{'mix':<8}{'workers':>8}{'wall s':>9}{'CPU s':>8}{'CPU/audio-s':>13}{'audio h/wall h':>16}"
          f"{'idle 2-core h/h':>17}{'loadavg':>9}")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    for m in args.mixes:
        for n in args.workers:
            out = tmp / f"out-{m}-{n}"
            c0, t0 = _children_cpu(), time.perf_counter()
            subprocess.run([sys.executable, "-m", "meeluister.cli", "transcribe", str(dirs[m]),
                            "--out", str(out), "--metadata", str(dirs[m] / "metadata.csv"),
                            "--workers", str(n), "--threads", "2"],
                           cwd=ROOT, env=env, check=True, capture_output=True)
            wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
            done = len(list(out.glob("b-*.json")))
            assert done == args.calls, f"{m} x{n}: {done} transcripts of {args.calls}"
            per = cpu / audio_s
            print(f"{m:<8}{n:>8}{wall:>9.1f}{cpu:>8.1f}{per:>13.3f}{audio_s / wall:>16.1f}"
                  f"{2 / per:>17.1f}{os.getloadavg()[0]:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
