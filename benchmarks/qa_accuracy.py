"""Per-criterion accuracy of the QA scoring engine on a labelled set (default: shared/eval/dev).

    python benchmarks/qa_accuracy.py [--data DIR] [--scorecard NAME_OR_FILE] [--details]

Prints accuracy per labelled criterion (pass/fail/n/a must match exactly), word-level precision and
recall for diminutives (case-insensitive, one entry per occurrence), and the NIVEA turn-level
agreement. The dev set is small (36 contacts): figures are noisy and are not release accuracy.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meeluister.records import load_transcript  # noqa: E402
from qa import score  # noqa: E402
from qa.synth import asr_style  # noqa: E402

import os  # noqa: E402

# $MEELUISTER_EVAL_DEV, else shared/eval/dev beside the checkout (../shared or ../../shared)
_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("MEELUISTER_EVAL_DEV") or next(
    (p / "shared" / "eval" / "dev" for p in (_ROOT, _ROOT.parent, _ROOT.parent.parent)
     if (p / "shared" / "eval" / "dev").is_dir()), _ROOT / "shared" / "eval" / "dev"))
LABELLED = ("own_name_greeting", "nivea", "clarifying_questions", "hold_etiquette", "next_steps",
            "room_for_emotion")


def evaluate(data: Path, scorecard: str | None = None, asr: bool = False) -> dict:
    labels = [json.loads(line) for line in (data / "labels.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    per: dict[str, list[tuple[str, str, str]]] = {c: [] for c in LABELLED}
    tp = fp = fn = 0
    dim_rows = []
    nivea_turns_ok = 0
    t0 = time.perf_counter()
    for lab in labels:
        cid = lab["contact_id"]
        t = load_transcript(data / f"{cid}.json")
        res = score(asr_style(t) if asr else t, scorecard)
        for c in LABELLED:
            r = res.result(c)
            per[c].append((cid, lab[c], r.outcome if r else "missing"))
        got = [e.term.lower() for e in res.result("diminutives").evidence] if res.result("diminutives") else []
        want = [w.lower() for w in lab.get("diminutives", [])]
        cg, cw = Counter(got), Counter(want)
        t = sum((cg & cw).values())
        tp, fp, fn = tp + t, fp + sum(cg.values()) - t, fn + sum(cw.values()) - t
        if cg != cw:
            dim_rows.append((cid, sorted(want), sorted(got)))
        nr = res.result("nivea")
        got_turns = sorted(e.turn for e in nr.evidence) if nr else []
        nivea_turns_ok += got_turns == sorted(lab.get("nivea_turns", []))
    elapsed = time.perf_counter() - t0
    return {"per": per, "tp": tp, "fp": fp, "fn": fn, "dim_rows": dim_rows, "n": len(labels),
            "nivea_turns_ok": nivea_turns_ok, "elapsed": elapsed}


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
    out = evaluate(args.data, args.scorecard, args.asr)
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
