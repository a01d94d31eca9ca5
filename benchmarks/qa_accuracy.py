"""Per-criterion accuracy of the QA scoring engine on a labelled set (default: shared/eval/dev).

    python benchmarks/qa_accuracy.py [--data DIR] [--scorecard NAME_OR_FILE] [--details]

Prints accuracy per labelled criterion (pass/fail/n/a must match exactly), word-level precision and
recall for diminutives (case-insensitive, one entry per occurrence), and the NIVEA turn-level
agreement. The dev set is small (36 contacts): figures are noisy and are not release accuracy.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.evaluation import LABELLED, evaluate  # noqa: E402,F401
from synth.contacts import asr_style  # noqa: E402

import os  # noqa: E402

# $MEELUISTER_EVAL_DEV, else shared/eval/dev beside the checkout (../shared or ../../shared)
_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("MEELUISTER_EVAL_DEV") or next(
    (p / "shared" / "eval" / "dev" for p in (_ROOT, _ROOT.parent, _ROOT.parent.parent)
     if (p / "shared" / "eval" / "dev").is_dir()), _ROOT / "shared" / "eval" / "dev"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--scorecard", default=None)
    ap.add_argument("--details", action="store_true", help="list every disagreement")
    ap.add_argument("--asr", action="store_true",
                    help="score speech-recognition-style copies: lowercase, no punctuation, fillers, "
                         "misspelled agent name")
    args = ap.parse_args(argv)
    if not (args.data / "labels.jsonl").exists():
        print(f"no labels.jsonl in {args.data}", file=sys.stderr)
        return 2
    out = evaluate(args.data, args.scorecard, asr_style if args.asr else None)
    print(f"data: {args.data} ({out['n']} contacts{', ASR-style' if args.asr else ''}), "
          f"scored in {out['elapsed']:.2f} s")
    print(f"{'criterion':<22} {'accuracy':>8} {'correct':>8} {'n':>4}")
    worst = 1.0
    for c, rows in out["per"].items():
        ok = sum(w == g for _, w, g in rows)
        acc = ok / len(rows)
        worst = min(worst, acc)
        print(f"{c:<22} {acc:>8.3f} {ok:>8d} {len(rows):>4d}")
    tp, fp, fn = out["tp"], out["fp"], out["fn"]
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    print(f"{'diminutives (words)':<22} precision {prec:.3f}  recall {rec:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    print(f"{'nivea turns exact':<22} {out['nivea_turns_ok'] / out['n']:>8.3f}")
    if args.details:
        for c, rows in out["per"].items():
            for cid, want, got in rows:
                if want != got:
                    print(f"  {c}: {cid} label={want} got={got}")
        for cid, want, got in out["dim_rows"]:
            print(f"  diminutives: {cid} label={want} got={got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
