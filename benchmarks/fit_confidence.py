"""Fit the reliability table behind every result's confidence (qa/calibration/confidence.json).

    python benchmarks/fit_confidence.py --set DIR [--set DIR ...] [--asr]
        [--history FILE ...] [--in-weight W] [--prior-weight K] [--cv] [--out FILE]

Two kinds of labelled rows go in:
* in-sample rows: the current engine on the sets given with `--set` (and, with `--asr`, their
  speech-recognition-style copies). The rules were tuned on these sets, so they are right more
  often than on new traffic; they count `--in-weight` each (0..1).
* first-score rows (`--history`, JSONL from `benchmarks/calibration_rows.py`): an engine on a set it
  had never seen, e.g. set D scored once before it informed any change. They count 1 each and are
  what keeps the confidence honest.

The table is the hierarchical one of qa/confidence.py (criterion|outcome|basis|style and its
parents, `--prior-weight` pseudo counts lent by each parent): two parameters in all. `--cv`
chooses them by grouped cross-validation: the contacts of the first-score rows are split in four
folds; each fold's first-score rows are predicted by a table fitted on the other folds' rows plus
the in-sample rows of every contact not in the fold; the pair with the lowest log-loss wins, and
the pooled held-out reliability table is printed. Fit only on sets you may develop on.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibration_rows import labelled_rows  # noqa: E402
from qa.confidence import CALIBRATION_FILE, expected_calibration_error, fit, reliability_table  # noqa: E402

IN_WEIGHTS = (0.0, 0.1, 0.25, 0.5, 1.0)
PRIOR_WEIGHTS = (2.0, 4.0, 8.0, 16.0, 32.0, 64.0)
FOLDS = 4


def in_sample_rows(sets: list[Path], asr: bool) -> tuple[list[dict], list[str]]:
    rows, names = [], []
    for d in sets:
        for tr in ((False, True) if asr else (False,)):
            part = labelled_rows(d, tr)
            rows += part
            names.append(f"{d.name}{' (asr)' if tr else ''}: {len({r['contact'] for r in part})} contacts (in-sample)")
    return rows, names


def load_history(files: list[Path]) -> tuple[list[dict], list[str]]:
    rows, names = [], []
    for f in files:
        part = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows += part
        names.append(f"{part[0]['tag'] if part else f.stem}: {len(part)} results (first score)")
    return rows, names


def _key(r: dict) -> tuple:
    return (r["criterion"], r["outcome"], r["basis"], r["style"], bool(r["ok"]))


def fit_table(history: list[dict], in_rows: list[dict], in_weight: float, prior_weight: float, names=()):
    rows = [_key(r) for r in history] + [_key(r) for r in in_rows]
    weights = [1.0] * len(history) + [in_weight] * len(in_rows)
    return fit(rows, names, weights=weights, prior_weight=prior_weight)


def fold_of(contact: str) -> int:
    return zlib.crc32(contact.encode()) % FOLDS


def cross_validate(history: list[dict], in_rows: list[dict], in_weight: float, prior_weight: float):
    """Held-out (confidence, right) pairs for every first-score row, and their log-loss."""
    preds: list[tuple[float, bool]] = []
    for k in range(FOLDS):
        train_h = [r for r in history if fold_of(r["contact"]) != k]
        train_i = [r for r in in_rows if fold_of(r["contact"]) != k]
        cal = fit_table(train_h, train_i, in_weight, prior_weight)
        for r in history:
            if fold_of(r["contact"]) == k:
                preds.append((cal.confidence(r["criterion"], r["outcome"], r["basis"], r["style"]), bool(r["ok"])))
    loss = -sum(math.log(p if ok else 1 - p) for p, ok in preds) / max(1, len(preds))
    return preds, loss


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="sets", type=Path, action="append", default=[])
    ap.add_argument("--asr", action="store_true", help="also fit on ASR-style copies of each set")
    ap.add_argument("--history", type=Path, action="append", default=[], help="first-score rows (JSONL)")
    ap.add_argument("--in-weight", type=float, default=0.25)
    ap.add_argument("--prior-weight", type=float, default=4.0)
    ap.add_argument("--cv", action="store_true", help="choose both weights by grouped cross-validation")
    ap.add_argument("--out", type=Path, default=CALIBRATION_FILE)
    args = ap.parse_args(argv)
    if not args.sets and not args.history:
        ap.error("give --set and/or --history")
    in_rows, in_names = in_sample_rows(args.sets, args.asr)
    history, h_names = load_history(args.history)
    in_w, prior_w = args.in_weight, args.prior_weight
    if args.cv and history:
        grid = [(cross_validate(history, in_rows, w, k)[1], w, k) for w in IN_WEIGHTS for k in PRIOR_WEIGHTS]
        for loss, w, k in sorted(grid)[:5]:
            print(f"  in-weight {w:<4} prior-weight {k:<4} held-out log-loss {loss:.4f}")
        _, in_w, prior_w = min(grid)
        preds, loss = cross_validate(history, in_rows, in_w, prior_w)
        print(f"chosen: in-weight {in_w}, prior-weight {prior_w}; held-out log-loss {loss:.4f}, "
              f"ECE {expected_calibration_error(preds):.3f} on {len(preds)} first-score results")
        print("held-out reliability (bin, n, mean confidence, share right):")
        for label, n, mean, right in reliability_table(preds):
            if n:
                print(f"  {label}  n={n:4d}  conf={mean:.3f}  right={right:.3f}")
    names = h_names + in_names + [f"in-sample weight {in_w}, prior weight {prior_w}"]
    cal = fit_table(history, in_rows, in_w, prior_w, names)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(cal.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(history)} first-score and {len(in_rows)} in-sample results, {len(cal.counts)} keys")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
