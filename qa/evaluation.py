"""Agreement of the scoring engine with a labelled set (labels.jsonl beside transcript JSON files,
as in shared/eval/dev; its README gives the labelling rules).

Used by `benchmarks/qa_accuracy.py` and by the accuracy tests; a quality team can run it on its
own labelled contacts to check a scorecard before rolling it out.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from meeluister.records import Transcript, load_transcript
from qa.engine import score

LABELLED = ("own_name_greeting", "nivea", "clarifying_questions", "hold_etiquette", "next_steps",
            "room_for_emotion")


def evaluate(data: Path, scorecard: str | None = None,
             transform: Callable[[Transcript], Transcript] | None = None) -> dict:
    """Score every labelled contact in `data` and compare with its labels.

    `transform` rewrites each transcript before scoring (the benchmark passes
    `synth.contacts.asr_style` to measure the criteria on recogniser-style text).
    """
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
        res = score(transform(t) if transform else t, scorecard)
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
