"""CPU time per `redact()` call on fixed texts (issue 9, docs/benchmarks.md "Speed after pfix").

    python benchmarks/redaction_cpu.py

Run from a checkout's root (its `meeluister` is imported), once per checkout to compare two
versions, alternating under load. Texts: the distinct pre-filter candidates and all distinct turns
of ../shared/eval/dev (when present), and the dev half of eval/pii-vectors. Prints the best of 5
rounds of process time (not wall time: other jobs on the machine change wall time far more).
"""
from __future__ import annotations

import glob
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))


def main() -> None:
    from meeluister.redaction import CANDIDATE_PATTERN, redact

    texts: list[str] = []
    for f in sorted(glob.glob(str(ROOT.parent / "shared" / "eval" / "dev" / "*.json"))):
        try:
            texts += [t["text"] for t in json.loads(Path(f).read_text(encoding="utf-8"))["turns"]]
        except (KeyError, ValueError, TypeError):
            continue
    vectors = Path(__file__).resolve().parents[1] / "eval" / "pii-vectors" / "dev.jsonl"
    pools = [("dev-transcript candidates", sorted({t for t in texts if re.search(CANDIDATE_PATTERN, t)}), 20),
             ("all dev-transcript turns", sorted(set(texts)), 3),
             ("vector dev sentences", [json.loads(line)["text"] for line in vectors.open(encoding="utf-8")], 3)]
    for name, pool, reps in pools:
        if not pool:
            continue
        for t in pool:
            redact(t)
        best = float("inf")
        for _ in range(5):
            t0 = time.process_time()
            for _ in range(reps):
                for t in pool:
                    redact(t)
            best = min(best, (time.process_time() - t0) / (reps * len(pool)))
        print(f"{name} ({len(pool)}): {best * 1e6:.0f} us CPU per text")


if __name__ == "__main__":
    main()
