"""Scale-out on Ray: throughput per worker of transcription and scoring, and the scaling from 1
to 2 workers, on a local Ray instance on this machine.

    python benchmarks/scale.py [--calls 4] [--workers 1 2] [--contacts 5000]

Transcription: `--calls` espeak-ng calls (en/nl/fr/es in turn, stereo, the first 6 turns of each
script) are transcribed by `cluster.transcribe_on_ray` into a fresh folder per worker count (base
int8, one engine thread per worker, diarization by channel). Scoring: the transcripts are copied
to `--contacts` contacts and scored by `cluster.score_on_ray` (default scorecard, tone from the
words). Wall time runs from the call to its return: it includes starting the actors and loading
each worker's model once (printed apart as "pool start": the same job on 1 recording/contact).
Ray itself is started once, before any timing. Figures: audio hours per wall hour (transcription),
contacts per second (scoring), per worker and the speed-up over 1 worker; "steady" leaves the
pool start out (the job's wall time minus that of the same pool on one item).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _audio_s(files: list[Path]) -> float:
    import soundfile as sf

    return sum(sf.info(str(f)).duration for f in files)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=4)
    ap.add_argument("--turns", type=int, default=6)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--contacts", type=int, default=5000)
    ap.add_argument("--cpus", type=int, default=os.cpu_count() or 2, help="CPUs the local Ray instance offers")
    args = ap.parse_args()
    import ray

    from cluster import score_on_ray, transcribe_on_ray
    from synth.calls import LANGUAGES, make_call
    from transcription.options import TranscribeOptions

    tmp = Path(tempfile.mkdtemp(prefix="meeluister-scale-"))
    calls = []
    for i in range(args.calls):
        c = make_call(tmp / "gen", LANGUAGES[i % len(LANGUAGES)], contact_id=f"s-{i:03d}", seed=i, max_turns=args.turns)
        dst = tmp / "in" / f"s-{i:03d}.wav"
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(c.stereo, dst)
        calls.append(dst)
    audio = _audio_s(calls)
    ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    opts = TranscribeOptions(cpu_threads=1, language="auto")
    rows = []
    try:
        for n in args.workers:
            t = time.perf_counter()
            transcribe_on_ray(calls[:1], tmp / f"warm-{n}" / "out", opts, workers=n)
            start_s = time.perf_counter() - t  # pool start + one recording
            la0 = os.getloadavg()[0]
            t = time.perf_counter()
            r = transcribe_on_ray(calls, tmp / f"t-{n}" / "out", opts, workers=n)
            wall = time.perf_counter() - t
            assert len(r.done) == len(calls), r.failed
            marginal = (audio - _audio_s(calls[:1])) / (wall - start_s) if wall > start_s else float("nan")
            rows.append(("transcribe", n, wall, audio / wall, marginal, "audio h / wall h", start_s, la0,
                         os.getloadavg()[0]))
        tdir = tmp / f"t-{args.workers[0]}" / "out"
        docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(tdir.glob("s-*.json"))]
        sdir = tmp / "score-in"
        sdir.mkdir()
        for i in range(args.contacts):
            d = dict(docs[i % len(docs)], contact_id=f"k-{i:05d}", audio=None)
            (sdir / f"k-{i:05d}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        one = sorted(sdir.glob("*.json"))[:1]
        for n in args.workers:
            t = time.perf_counter()
            score_on_ray(one, tmp / f"sw-{n}" / "results.jsonl", workers=n)
            start_s = time.perf_counter() - t
            la0 = os.getloadavg()[0]
            t = time.perf_counter()
            rep = score_on_ray([sdir], tmp / f"s-{n}" / "results.jsonl", workers=n)
            wall = time.perf_counter() - t
            assert rep.contacts == args.contacts
            # nan: the 1-item run took as long as the job (too few contacts to see past the start)
            marginal = (args.contacts - 1) / (wall - start_s) if wall > start_s else float("nan")
            rows.append(("score", n, wall, args.contacts / wall, marginal, "contacts / s", start_s, la0,
                         os.getloadavg()[0]))
    finally:
        ray.shutdown()
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    print(f"machine: {cpu}, {os.cpu_count()} cores; local Ray, {args.cpus} CPUs; no GPU")
    print(f"transcription: {args.calls} stereo calls, {audio:.0f} s of audio, base int8, 1 thread per worker; "
          f"scoring: {args.contacts} contacts")
    print("throughput: with the pool start in the wall time; steady: the same job minus a 1-item run "
          "(pool start and one item), i.e. what the pool sustains once its models are loaded")
    print(f"{'job':<11} {'workers':>7} {'wall s':>7} {'throughput':>10} {'steady':>8} {'unit':<17} "
          f"{'steady/worker':>13} {'speed-up':>8} {'1-item run s':>12} {'load avg':>11}")
    first: dict[str, float] = {}
    for job, n, wall, thr, steady, unit, start_s, la0, la1 in rows:
        first.setdefault(job, steady)
        print(f"{job:<11} {n:>7} {wall:>7.1f} {thr:>10.2f} {steady:>8.2f} {unit:<17} {steady / n:>13.2f} "
              f"{steady / first[job]:>8.2f} {start_s:>12.1f} {la0:>5.1f}-{la1:<5.1f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
