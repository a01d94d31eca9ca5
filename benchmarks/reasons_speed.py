"""Reason classifier throughput (docs/benchmarks.md, "Contact reasons").

    python benchmarks/reasons_speed.py [--contacts 20000] [--seed 0]

Contacts are built from the labelled openings' texts (eval/reasons/*.jsonl), each with an agent
greeting, the customer's opening and a second customer turn made of another opening's sentences, a
fresh case number in each (so no two contacts are alike), classified with the taxonomy each opening
names. Prints contacts per CPU-second and per wall second. Run under `flock /tmp/bench.lock`.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meeluister.records import Transcript, Turn  # noqa: E402
from signals.reasons import ReasonOptions, classify  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contacts", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cues-only", action="store_true", help="the cue rules alone, without the trained model")
    a = ap.parse_args(argv)
    o = ReasonOptions(model=not a.cues_only)
    rows = [json.loads(x) for f in sorted((ROOT / "eval" / "reasons").glob("*.jsonl")) if "set-f" not in f.name
            for x in f.read_text(encoding="utf-8").splitlines() if x.strip() and "text" in x]
    rng = random.Random(a.seed)
    contacts = []
    for i in range(a.contacts):
        r, r2 = rng.choice(rows), rng.choice(rows)
        turns = (Turn("agent", 0.0, 2.0, "Goedemorgen, waarmee kan ik u helpen?"),
                 Turn("customer", 2.0, 9.0, f"{r['text']} dossier {rng.randrange(10**6)}"),
                 Turn("agent", 9.0, 11.0, "Een moment, ik kijk het na."),
                 Turn("customer", 11.0, 20.0, r2["text"]))
        contacts.append((Transcript(f"b-{i}", "phone", r["language"], turns), r["taxonomy"]))
    for t, tax in contacts[:50]:
        classify(t, tax, o)  # warm-up: taxonomies and the model loaded, indexes built
    c0, w0 = time.process_time(), time.perf_counter()
    for t, tax in contacts:
        classify(t, tax, o)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(json.dumps({"model": o.model, "contacts": a.contacts, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
                      "per_cpu_s": round(a.contacts / cpu), "per_wall_s": round(a.contacts / wall)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
