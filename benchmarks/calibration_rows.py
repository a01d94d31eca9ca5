"""Labelled result rows of one engine on one labelled set, for fitting the confidence table.

    python benchmarks/calibration_rows.py REPO SETDIR [--asr] [--half odd|even] [--tag NAME] > rows.jsonl

Scores every labelled contact of SETDIR (dev-set format) with the engine of the checkout REPO (an
old commit unpacked with `git archive` works too, as long as it gives results a basis) and prints
one JSON line per labelled result: tag, contact, criterion, outcome, basis, style, ok. Rows of an
engine on a set it had never seen ("first-score" rows) are what `fit_confidence.py` calibrates
against (qa/calibration/history/); no transcript text is written.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

LABELLED = ("own_name_greeting", "nivea", "clarifying_questions", "hold_etiquette", "next_steps",
            "room_for_emotion", "concise_opening", "no_repeat_questions")


def labelled_rows(setdir: Path, asr: bool = False, half: str | None = None, tag: str = "") -> list[dict]:
    """The rows of the engine importable now (`qa.engine`) on one labelled set."""
    from meeluister.records import load_transcript
    from qa.engine import score
    transform = None
    if asr:
        from synth.contacts import asr_style as transform
    tag = tag or f"{setdir.name}{' (asr)' if asr else ''}"
    out = []
    for line in (setdir / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        cid = lab["contact_id"]
        tail = cid.rsplit("-", 1)[-1]
        if half and tail.isdigit() and (int(tail) % 2 == 1) != (half == "odd"):
            continue
        t = load_transcript(setdir / f"{cid}.json")
        res = score(transform(t) if transform else t)
        bases = dict(zip((r.criterion for r in res.results), res.bases))
        for c in LABELLED:
            r = res.result(c)
            if c in lab and r is not None:
                out.append({"tag": tag, "contact": cid, "criterion": c, "outcome": r.outcome,
                            "basis": bases.get(c, ""), "style": res.style, "ok": r.outcome == lab[c]})
        dr = res.result("diminutives")
        if dr is not None and "diminutives" in lab:
            out.append({"tag": tag, "contact": cid, "criterion": "diminutives", "outcome": dr.outcome,
                        "basis": bases.get("diminutives", ""), "style": res.style,
                        "ok": (dr.outcome == "fail") == bool(lab["diminutives"])})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repo", type=Path)
    ap.add_argument("set", type=Path)
    ap.add_argument("--asr", action="store_true", help="score the speech-recognition-style copy")
    ap.add_argument("--half", choices=("odd", "even"), help="only contacts whose number is odd/even")
    ap.add_argument("--tag", default="")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.repo.resolve()))
    for row in labelled_rows(args.set, args.asr, args.half, args.tag):
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
