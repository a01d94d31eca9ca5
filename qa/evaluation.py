"""Agreement of the scoring engine with a labelled set (labels.jsonl beside transcript JSON files,
as in shared/eval/dev; its README gives the labelling rules).

Used by `benchmarks/qa_accuracy.py` (accuracy, diminutive P/R/F1, the reliability table of the
confidences), `benchmarks/fit_confidence.py` (fitting that table) and the accuracy tests; a
quality team can run it on its own labelled contacts to check a scorecard before rolling it out.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from typing import Callable

from meeluister.errors import InputError
from meeluister.records import Transcript, load_transcript
from qa.engine import score

# criteria with a pass/fail/n/a label; a set that lacks one of them is scored on the rest
LABELLED = ("own_name_greeting", "nivea", "clarifying_questions", "hold_etiquette", "next_steps",
            "room_for_emotion", "concise_opening", "no_repeat_questions")


def load_labels(data: Path) -> list[dict]:
    f = data / "labels.jsonl"
    if not f.exists():
        raise InputError(data, "no labels.jsonl in this folder")
    out = []
    for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f, f"not valid JSON: {exc}", where=f"line {i}") from None
    return out


def evaluate(data: Path, scorecard: str | None = None,
             transform: Callable[[Transcript], Transcript] | None = None) -> dict:
    """Score every labelled contact of `data` and compare with its labels. `transform` rewrites
    each transcript before scoring (the benchmarks pass `synth.contacts.asr_style`).

    Returns per-criterion rows (contact, label, outcome), diminutive word counts (tp/fp/fn), and
    `calibration` rows (criterion, outcome, basis, style, agreed, confidence) for every labelled
    result, diminutives included (agreed = the pass/fail outcome matches whether any was labelled).
    """
    labels = load_labels(Path(data))
    present = [c for c in LABELLED if any(c in lab for lab in labels)]
    per: dict[str, list[tuple[str, str, str]]] = {c: [] for c in present}
    tp = fp = fn = 0
    dim_rows = []
    calib: list[tuple[str, str, str, str, bool, float | None]] = []
    nivea_turns_ok = 0
    t0 = time.perf_counter()
    for lab in labels:
        cid = lab["contact_id"]
        t = load_transcript(Path(data) / f"{cid}.json")
        res = score(transform(t) if transform else t, scorecard)
        bases = dict(zip((r.criterion for r in res.results), res.bases))
        for c in present:
            if c not in lab:
                continue
            r = res.result(c)
            got = r.outcome if r else "missing"
            per[c].append((cid, lab[c], got))
            if r is not None:
                calib.append((c, got, bases.get(c, ""), res.style, got == lab[c], r.confidence))
        dr = res.result("diminutives")
        got_terms = [e.term.lower() for e in dr.evidence] if dr else []
        want = [w.lower() for w in lab.get("diminutives", [])]
        cg, cw = Counter(got_terms), Counter(want)
        hit = sum((cg & cw).values())
        tp, fp, fn = tp + hit, fp + sum(cg.values()) - hit, fn + sum(cw.values()) - hit
        if cg != cw:
            dim_rows.append((cid, sorted(want), sorted(got_terms)))
        if dr is not None and "diminutives" in lab:
            agreed = (dr.outcome == "fail") == bool(want)
            calib.append(("diminutives", dr.outcome, bases.get("diminutives", ""), res.style,
                          agreed, dr.confidence))
        nr = res.result("nivea")
        got_turns = sorted(e.turn for e in nr.evidence) if nr else []
        nivea_turns_ok += got_turns == sorted(lab.get("nivea_turns", []))
    elapsed = time.perf_counter() - t0
    return {"per": per, "tp": tp, "fp": fp, "fn": fn, "dim_rows": dim_rows, "n": len(labels),
            "nivea_turns_ok": nivea_turns_ok, "elapsed": elapsed, "calibration": calib}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
