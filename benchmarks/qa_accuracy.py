"""Per-criterion accuracy of the QA scoring engine on a labelled set (default: shared/eval/dev).

    python benchmarks/qa_accuracy.py [--set DIR] [--scorecard NAME_OR_FILE] [--asr] [--details]

DIR is any folder in the dev set's format (`<contact_id>.json` transcripts beside `labels.jsonl`,
labelled by the rules in shared/eval/dev/README.md). Prints accuracy per labelled criterion
(pass/fail/n/a must match exactly; criteria the set does not label are left out), word-level
precision, recall and F1 for diminutives (case-insensitive, one entry per occurrence), the NIVEA
turn-level agreement, and the reliability table of the results' confidences (per confidence bin:
how many results, their mean confidence, and the share that agreed with the label; calibrated
when the last two columns agree). `--json FILE` also writes the figures as JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meeluister.errors import InputError  # noqa: E402
from qa.confidence import expected_calibration_error, reliability_table  # noqa: E402
from qa.evaluation import LABELLED, evaluate, prf  # noqa: E402,F401
from synth.contacts import asr_style  # noqa: E402

# $MEELUISTER_EVAL_DEV, else shared/eval/dev beside the checkout (../shared or ../../shared)
_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("MEELUISTER_EVAL_DEV") or next(
    (p / "shared" / "eval" / "dev" for p in (_ROOT, _ROOT.parent, _ROOT.parent.parent)
     if (p / "shared" / "eval" / "dev").is_dir()), _ROOT / "shared" / "eval" / "dev"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", "--data", dest="data", type=Path, default=DEFAULT_DATA,
                    help="a labelled folder in the dev set's format")
    ap.add_argument("--scorecard", default=None)
    ap.add_argument("--details", action="store_true", help="list every disagreement")
    ap.add_argument("--asr", action="store_true",
                    help="score speech-recognition-style copies: lowercase, no punctuation, fillers, "
                         "misspelled agent name")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = ap.parse_args(argv)
    try:
        out = evaluate(args.data, args.scorecard, asr_style if args.asr else None)
    except InputError as exc:
        print(exc.line(), file=sys.stderr)
        return 2
    print(f"data: {args.data} ({out['n']} contacts{', ASR-style' if args.asr else ''}), "
          f"scored in {out['elapsed']:.2f} s")
    print(f"{'criterion':<22} {'accuracy':>8} {'correct':>8} {'n':>4}")
    figures: dict = {"set": str(args.data), "n": out["n"], "asr": args.asr, "accuracy": {}}
    for c, rows in out["per"].items():
        if not rows:
            continue
        ok = sum(w == g for _, w, g in rows)
        figures["accuracy"][c] = ok / len(rows)
        print(f"{c:<22} {ok / len(rows):>8.3f} {ok:>8d} {len(rows):>4d}")
    tp, fp, fn = out["tp"], out["fp"], out["fn"]
    prec, rec, f1 = prf(tp, fp, fn)
    figures["diminutives"] = {"precision": prec, "recall": rec, "f1": f1, "tp": tp, "fp": fp, "fn": fn}
    print(f"{'diminutives (words)':<22} precision {prec:.3f}  recall {rec:.3f}  F1 {f1:.3f}  "
          f"(tp {tp}, fp {fp}, fn {fn})")
    print(f"{'nivea turns exact':<22} {out['nivea_turns_ok'] / max(1, out['n']):>8.3f}")
    rows = [(conf, ok) for *_, ok, conf in out["calibration"] if conf is not None]
    table = reliability_table(rows)
    ece = expected_calibration_error(rows)
    figures["reliability"] = [{"bin": b, "n": n, "mean_confidence": m, "share_right": s} for b, n, m, s in table]
    figures["ece"] = ece
    print(f"\nreliability of the confidences ({len(rows)} labelled results)")
    print(f"{'confidence':<11} {'n':>5} {'mean conf':>10} {'share right':>12}")
    for b, n, m, s in table:
        print(f"{b:<11} {n:>5} {'' if m is None else f'{m:.3f}':>10} {'' if s is None else f'{s:.3f}':>12}")
    if ece is not None:
        print(f"expected calibration error {ece:.3f}")
    if args.details:
        for c, rows_ in out["per"].items():
            for cid, want, got in rows_:
                if want != got:
                    print(f"  {c}: {cid} label={want} got={got}")
        for cid, want, got in out["dim_rows"]:
            print(f"  diminutives: {cid} label={want} got={got}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
