"""Fit the reliability table behind every result's confidence (qa/calibration/confidence.json).

    python benchmarks/fit_confidence.py --set DIR [--set DIR ...] [--asr] [--out FILE]

Scores each labelled folder (dev-set format) and, with `--asr`, its speech-recognition-style copy
too; counts per key (criterion|outcome|basis|style and its parents, see qa/confidence.py) how many
results agreed with the label, and writes the table. Fit only on sets you may develop on (the dev
set; an unseen set only after its first score is reported): the reliability table on a sealed set
is then an honest measure of the calibration.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.confidence import CALIBRATION_FILE, fit  # noqa: E402
from qa.evaluation import evaluate  # noqa: E402
from synth.contacts import asr_style  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="sets", type=Path, action="append", required=True)
    ap.add_argument("--asr", action="store_true", help="also fit on ASR-style copies of each set")
    ap.add_argument("--out", type=Path, default=CALIBRATION_FILE)
    ap.add_argument("--prior", type=float, default=0.75)
    ap.add_argument("--prior-weight", type=float, default=4.0)
    args = ap.parse_args(argv)
    rows, names = [], []
    for d in args.sets:
        for asr in ((False, True) if args.asr else (False,)):
            out = evaluate(d, None, asr_style if asr else None)
            rows += [(c, o, b, s, ok) for c, o, b, s, ok, _ in out["calibration"]]
            names.append(f"{d.name}{' (asr)' if asr else ''}: {out['n']} contacts")
    cal = fit(rows, names, prior=args.prior, prior_weight=args.prior_weight)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(cal.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(rows)} labelled results, {len(cal.counts)} keys, from {'; '.join(names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
