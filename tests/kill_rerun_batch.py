"""The batch tests/test_kill_rerun.py kills and runs again: `meeluister transcribe`, `score` and
`ingest` through the real CLI, one after the other in one process (one start-up, as a nightly
job's driver would), in the batch folder given as the only argument. Paths are relative to it,
so two batch folders hold the same strings."""
from __future__ import annotations

import os
import sys

STEPS = (
    ("transcribe", "rec", "--out", "tx", "--metadata", "meta.csv", "--language", "en", "--beam-size", "1"),
    ("score", "tx", "--out", "results.jsonl", "--no-audio"),
    ("ingest", "--db", "wh.duckdb", "--roster", "roster.csv", "--metadata", "meta.csv", "--transcripts", "tx",
     "--results", "results.jsonl", "--surveys", "surveys.csv"),
)


def main(root: str) -> int:
    os.chdir(root)
    from meeluister.cli import app

    for args in STEPS:
        print("step", args[0], flush=True)
        rc = app(list(args), standalone_mode=False)
        if isinstance(rc, int) and rc != 0:
            return rc
    print("step done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
