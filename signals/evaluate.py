"""Reason accuracy on the labelled openings (`eval/reasons/openings.jsonl`).

    python -m signals.evaluate [FILE] [--half odd|even]
    python -m signals.evaluate --dev

Each opening becomes a one-turn customer contact in its language, classified with the taxonomy it
names. Primary accuracy: the top reason is the first label; set accuracy: it is any label.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from meeluister.records import Transcript, Turn
from signals.reasons import ReasonOptions, classify

_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = _ROOT / "eval" / "reasons" / "openings.jsonl"
DEV_LABELS = _ROOT / "eval" / "reasons" / "dev_labels.jsonl"
DEV_DIR = _ROOT.parent / "shared" / "eval" / "dev"


@dataclass(frozen=True)
class ReasonScore:
    n: int
    primary: float
    any_label: float
    by_language: dict[str, float]
    misses: list[dict]


def _half(rid: str, half: str | None) -> bool:
    """`odd`/`even`: the rows whose id ends in an odd/even number (set E: develop on one half,
    report the other); None: every row."""
    if half is None:
        return True
    digits = "".join(c for c in rid if c.isdigit())
    return bool(digits) and (int(digits) % 2 == 1) == (half == "odd")


def evaluate(path: str | Path = DEFAULT_SET, options: ReasonOptions | None = None,
             half: str | None = None) -> ReasonScore:
    rows = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [r for r in rows if _half(r["id"], half)]
    hit = hit_any = 0
    per: dict[str, list[int]] = {}
    misses = []
    for r in rows:
        t = Transcript(r["id"], "phone", r["language"],
                       (Turn("agent", 0.0, 2.0, "Goedemorgen."), Turn("customer", 2.0, 9.0, r["text"])))
        got = classify(t, r["taxonomy"], options)
        top = got[0].reason
        ok = top == r["reasons"][0]
        hit += ok
        hit_any += top in r["reasons"]
        per.setdefault(r["language"], []).append(int(ok))
        if not ok:
            misses.append({"id": r["id"], "want": r["reasons"], "got": [g.reason for g in got]})
    n = len(rows)
    return ReasonScore(n, hit / n, hit_any / n, {k: sum(v) / len(v) for k, v in per.items()}, misses)


def evaluate_dev(labels: str | Path = DEV_LABELS, folder: str | Path = DEV_DIR,
                 options: ReasonOptions | None = None) -> ReasonScore:
    """The shared dev conversations (whole transcripts) against `dev_labels.jsonl`."""
    from meeluister.records import load_transcript

    rows = [json.loads(x) for x in Path(labels).read_text(encoding="utf-8").splitlines() if x.strip()]
    hit = hit_any = 0
    per: dict[str, list[int]] = {}
    misses = []
    for r in rows:
        t = load_transcript(Path(folder) / f"{r['contact_id']}.json")
        got = classify(t, r["taxonomy"], options)
        top = got[0].reason
        ok = top == r["reasons"][0]
        hit += ok
        hit_any += top in r["reasons"]
        per.setdefault(t.language, []).append(int(ok))
        if not ok:
            misses.append({"id": r["contact_id"], "want": r["reasons"], "got": [g.reason for g in got]})
    n = len(rows)
    return ReasonScore(n, hit / n, hit_any / n, {k: sum(v) / len(v) for k, v in per.items()}, misses)


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    half = None
    if "--half" in args:
        i = args.index("--half")
        half = args[i + 1] if i + 1 < len(args) else ""
        if half not in ("odd", "even"):
            raise SystemExit("--half takes odd or even")
        args = args[:i] + args[i + 2:]
    if args and args[0] == "--dev":
        s = evaluate_dev(*args[1:3])
    else:
        s = evaluate(args[0] if args else DEFAULT_SET, half=half)
    print(json.dumps({"n": s.n, "primary_accuracy": round(s.primary, 3), "any_label_accuracy": round(s.any_label, 3),
                      "by_language": {k: round(v, 3) for k, v in s.by_language.items()}, "misses": s.misses},
                     ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
