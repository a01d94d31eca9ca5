"""Scoring throughput on generated contacts, one core, text criteria (tone from audio excluded).

    python benchmarks/qa_speed.py [--n 100000] [--seed 0] [--scorecard municipality]

Generates the contacts first (not timed), warms the lexicons and the Dutch dictionary on a few
contacts (not timed: a one-off start-up cost, reported separately), then scores all of them in
this one process and prints contacts per second.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa import ScoreOptions, score  # noqa: E402
from qa.engine import resolve_scorecard  # noqa: E402
from synth.contacts import generate_contacts  # noqa: E402


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scorecard", default=None)
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    load0 = f"{os.getloadavg()[0]:.2f}"
    t0 = time.perf_counter()
    contacts = list(generate_contacts(args.n, args.seed))
    gen_s = time.perf_counter() - t0
    sc = resolve_scorecard(args.scorecard)
    opts = ScoreOptions(audio=False)
    t0 = time.perf_counter()
    for t in contacts[:200]:
        score(t, sc, opts)
    warm_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    records = 0
    for t in contacts:
        records += len(score(t, sc, opts).results) + 1
    run_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    rate = len(contacts) / run_s
    cpu_rate = len(contacts) / cpu_s  # per CPU-second: fair when other work shares the core
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores visible, 1 core used; python {platform.python_version()}")
    print(f"load average before/after: {load0} / {os.getloadavg()[0]:.2f}")
    print(f"{'contacts':>10} {'records':>10} {'wall s':>8} {'cpu s':>8} {'contacts/s':>11} "
          f"{'per cpu-s':>10} {'warm-up s':>10} {'generate s':>11}")
    print(f"{len(contacts):>10d} {records:>10d} {run_s:>8.2f} {cpu_s:>8.2f} {rate:>11.0f} {cpu_rate:>10.0f} "
          f"{warm_s:>10.2f} {gen_s:>11.2f}")
    print(f"target >= 1000 contacts/s per core (per cpu-second): {'met' if cpu_rate >= 1000 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
