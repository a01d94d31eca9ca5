"""Train and measure the trained distress layer of room_for_emotion (qa/emotion_model.py).

    python benchmarks/emotion_model.py --set ../shared/eval/dev --set eval/set-c --set eval/set-d \
        --set /path/to/set-e-odd [--folds 5] [--ship]

Training rows are customer sentences (of turns with at least 5 words) from labelled contacts, in
their text form and their speech-recognition-style copy (`synth.contacts.asr_style`): a contact
labelled room_for_emotion pass/fail gives its first substantive customer turn's sentences as
positives (distress is told in the opening far more often than later), a contact labelled n/a
gives all its customer sentences as negatives. Rows of one contact always share a fold.

Measured by grouped k-fold cross-validation over contacts: room_for_emotion accuracy with the
rules alone (`emotion_model = "off"`), the model alone (`"only"`: the model replaces the
lexicon's points; acknowledgement, cut-ins and fills are still judged by the rules), and both
(`"fallback"`: the model only where the rules find no emotion), each at several thresholds.
`--ship` trains on every row, writes qa/models/emotion_lr.json and its sha256 into
`qa.emotion_model.MODEL_SHA256`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meeluister.records import load_transcript  # noqa: E402
from qa import emotion_model  # noqa: E402
from qa.engine import resolve_scorecard, score  # noqa: E402
from qa.text import normalise, split_sentences  # noqa: E402
from synth.contacts import asr_style  # noqa: E402


def contacts(sets: list[Path]):
    for d in sets:
        for line in (d / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            lab = json.loads(line)
            if "room_for_emotion" not in lab:
                continue
            t = load_transcript(d / f"{lab['contact_id']}.json")
            yield lab["contact_id"], lab["room_for_emotion"], t


def rows(cid: str, want: str, t) -> list[tuple[str, int]]:
    out = []
    for tt in (t, asr_style(t)):
        first = True
        for turn in tt.turns:
            if turn.speaker != "customer" or len((turn.text or "").split()) < 5:
                continue
            sents = split_sentences(turn.text) or [turn.text]
            if want == "n/a":
                out += [(normalise(s), 0) for s in sents]
            elif first:
                out += [(normalise(s), 1) for s in sents]
            first = False
    return out


def train(data: list[tuple[str, int]], c: float) -> emotion_model.EmotionModel:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    ind, val, ptr = [], [], [0]
    for norm, _ in data:
        f = emotion_model.features(f" {norm} ")
        ind += list(f.keys())
        val += list(f.values())
        ptr.append(len(ind))
    x = csr_matrix((np.array(val), np.array(ind), np.array(ptr)), shape=(len(data), emotion_model.DIM))
    y = np.array([lab for _, lab in data])
    lr = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    lr.fit(x, y)
    coef = {int(i): float(w) for i, w in enumerate(lr.coef_[0]) if abs(w) > 0.02}  # pruned: smaller file
    return emotion_model.EmotionModel(coef, float(lr.intercept_[0]), 0.5)


_CARDS: dict[str, object] = {}


def accuracy(items, mode: str, base) -> tuple[int, int]:
    from dataclasses import replace
    if mode not in _CARDS:  # one scorecard object per mode (the engine caches its plan by identity)
        sc = resolve_scorecard(None)
        _CARDS[mode] = replace(sc, findings=replace(sc.findings, emotion_model=mode))
    card = _CARDS[mode]
    ok = n = 0
    for _, want, t in items:
        for tt in (t, asr_style(t)):
            got = score(tt, card).result("room_for_emotion").outcome
            ok += got == want
            n += 1
    return ok, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", type=Path, required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--thresholds", default="0.5,0.6,0.7,0.8,0.9")
    ap.add_argument("--ship", action="store_true")
    ap.add_argument("--threshold", type=float, default=0.8, help="threshold of the shipped model")
    args = ap.parse_args(argv)
    items = list(contacts(args.set))
    random.Random(20261202).shuffle(items)
    folds = [items[i::args.folds] for i in range(args.folds)]
    ths = [float(x) for x in args.thresholds.split(",")]
    tot: dict[str, list[int]] = {}
    for k, test in enumerate(folds):
        train_rows = [r for j, f in enumerate(folds) if j != k for it in f for r in rows(*it)]
        m = train(train_rows, args.c)
        emotion_model.use(None)
        a = accuracy(test, "off", None)
        tot.setdefault("rules alone", [0, 0])
        tot["rules alone"][0] += a[0]
        tot["rules alone"][1] += a[1]
        for th in ths:
            emotion_model.use(emotion_model.EmotionModel(m.coef, m.intercept, th))
            for mode, name in (("only", "model alone"), ("fallback", "rules + model")):
                a = accuracy(test, mode, None)
                key = f"{name} (threshold {th:.2f})"
                tot.setdefault(key, [0, 0])
                tot[key][0] += a[0]
                tot[key][1] += a[1]
        emotion_model.use(None)
    print(f"{len(items)} contacts, {args.folds}-fold grouped cross-validation, text + ASR style")
    print(f"{'variant':<34}{'right':>7}{'n':>6}{'accuracy':>10}")
    for key, (ok, n) in tot.items():
        print(f"{key:<34}{ok:>7}{n:>6}{ok / n:>10.3f}")
    if args.ship:
        all_rows = [r for it in items for r in rows(*it)]
        m = train(all_rows, args.c)
        names = ",".join(p.name for p in args.set)
        m = emotion_model.EmotionModel(m.coef, m.intercept, args.threshold,
                                       f"{len(items)} contacts ({names}), {len(all_rows)} sentences, C={args.c}")
        out = emotion_model.MODEL_PATH
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(m.to_json(), encoding="utf-8")
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        mod = Path(emotion_model.__file__)
        src = re.sub(r'^MODEL_SHA256 = "[0-9a-f]*"', f'MODEL_SHA256 = "{digest}"', mod.read_text(encoding="utf-8"),
                     flags=re.M)
        mod.write_text(src, encoding="utf-8")
        print(f"wrote {out} ({out.stat().st_size} bytes, {len(m.coef)} weights), sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
