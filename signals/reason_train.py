"""Training and cross-validation of the reason model (`signals.reason_model`).

    python -m signals.reason_train                 # retrain the shipped model (fixed, deterministic)
    python -m signals.reason_train --cv            # grouped cross-validation table (JSON)
    python -m signals.reason_train --out DIR       # write model.json + weights.npz elsewhere

Training material, every group labelled by reason (first = primary):
* `mine`, `mine2` ... `mine5`: `signals/data/reason_training/<lang>.tsv`, `<lang>-2.tsv`, ...,
  everyday openings in nl/en/fr/es written for training only (never scored); batches 2-3 were
  written after the cross-validation had shown set F's misses, batch 4 after set G's first score
  had shown its misses by kind, batch 5 after those of sets H and I (see each file's header);
* `openings`, `set-e` ... `set-i`: `eval/reasons/*.jsonl` (E to I were written blind to the cues
  and scored once before they were used here);
* `dev`: the shared dev conversations (`dev_labels.jsonl`), whole transcripts, where present.

A second label adds the row again with `secondary_weight`. Features come from
`signals.reason_model.features` (the cue rules' scores among them, computed with the cues alone).
Multinomial logistic regression (scikit-learn, lbfgs, L2): deterministic for the same rows, so a
retrain reproduces the shipped weights; the vocabulary is every feature seen in >= `min_df` rows.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from meeluister.records import Transcript, Turn
from signals.reason_model import MODEL_DIR, FeatureOptions, ReasonModel, features, sha256_file
from signals.reasons import ReasonOptions, rule_scores
from signals.taxonomy import OTHER, load_taxonomy

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
TRAINING_DIR = Path(__file__).resolve().parent / "data" / "reason_training"
EVAL_DIR = ROOT / "eval" / "reasons"
DEV_DIR = ROOT.parent / "shared" / "eval" / "dev"
SETS = {"openings": "openings.jsonl", "set-e": "set-e.jsonl", "set-f": "set-f.jsonl", "set-g": "set-g.jsonl",
        "set-h": "set-h.jsonl", "set-i": "set-i.jsonl"}
RULES_ONLY = ReasonOptions(model=False)


@dataclass(frozen=True)
class TrainOptions:
    c: float = 8.0  # inverse L2 strength (4 -> 8 chosen by the E/F/G grouped cross-validation, docs/evaluation.md)
    min_df: int = 2
    secondary_weight: float = 0.3  # 0.5 -> 0.3 by the E-I grouped cross-validation (docs/evaluation.md)
    max_iter: int = 3000
    features: FeatureOptions = FeatureOptions()


@dataclass(frozen=True)
class Row:
    id: str
    group: str
    taxonomy: str
    transcript: Transcript
    reasons: tuple[str, ...]
    weight: float = 1.0


def opening(rid: str, language: str, text: str, channel: str = "phone") -> Transcript:
    """A one-opening contact as the evaluation scores it (an agent's greeting, the customer's text)."""
    return Transcript(rid, channel if channel in ("phone", "chat", "email", "whatsapp", "social") else "phone",
                      language, (Turn("agent", 0.0, 2.0, "Goedemorgen."), Turn("customer", 2.0, 9.0, text)))


def training_rows(folder: Path = TRAINING_DIR) -> list[Row]:
    rows = []
    for f in sorted(folder.glob("*.tsv")):
        lang, _, batch = f.stem.partition("-")  # nl.tsv: the first batch; nl-2.tsv: the second
        group = f"mine{batch}" if batch else "mine"
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            tax, reasons, text = line.split("\t")
            rid = f"{f.stem}-{n:03d}"
            rows.append(Row(rid, group, tax, opening(rid, lang, text), tuple(reasons.split(","))))
    return rows


def set_rows(group: str, path: Path) -> list[Row]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.append(Row(r["id"], group, r["taxonomy"], opening(r["id"], r["language"], r["text"],
                                                                   r.get("channel", "phone")), tuple(r["reasons"])))
    return out


def dev_rows(labels: Path = EVAL_DIR / "dev_labels.jsonl", folder: Path = DEV_DIR) -> list[Row]:
    from meeluister.records import load_transcript

    if not folder.is_dir():
        return []
    out = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            t = load_transcript(folder / f"{r['contact_id']}.json")
            out.append(Row(r["contact_id"], "dev", r["taxonomy"], t, tuple(r["reasons"])))
    return out


def cue_rows(weight: float = 0.3) -> list[Row]:
    """Every cue of the shipped taxonomies as a short text of its reason (group `cues`)."""
    from signals.taxonomy import shipped_taxonomies
    from signals.text import LANGUAGES

    out = []
    for name in shipped_taxonomies():
        tax = load_taxonomy(name)
        for reason in tax.reasons:
            for lang in LANGUAGES:
                for i, c in enumerate(reason.cues[lang]):
                    rid = f"cue-{name}-{reason.id}-{lang}-{i}"
                    out.append(Row(rid, "cues", name, opening(rid, lang, c.text), (reason.id,), weight))
    return out


def all_rows() -> list[Row]:
    rows = training_rows()
    for g, name in SETS.items():
        rows += set_rows(g, EVAL_DIR / name)
    return rows + dev_rows()


def training_digest(rows: Iterable[Row]) -> str:
    """sha256 of the rows' ids, taxonomies, languages, turns and labels (model.json keeps it, so a
    change to the training material without a retrain is seen)."""
    import hashlib

    h = hashlib.sha256()
    for r in rows:
        turns = [[t.speaker, t.text] for t in r.transcript.turns]
        h.update(json.dumps([r.id, r.group, r.taxonomy, r.transcript.language, turns, r.reasons, r.weight],
                            ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def row_features(rows: Iterable[Row], fo: FeatureOptions) -> list[dict[str, float]]:
    """Each row's features before a vocabulary is chosen; `r:` keys hold the cue rules' raw scores."""
    out = []
    for r in rows:
        scores, _ = rule_scores(r.transcript, load_taxonomy(r.taxonomy), RULES_ONLY)
        f = features(r.transcript, {}, fo)
        if fo.rule_features:
            f.update({"r:" + k: v for k, v in scores.items() if v > 0})
        out.append(f)
    return out


def _rules_of(f: dict[str, float]) -> dict[str, float]:
    return {k[2:]: v for k, v in f.items() if k.startswith("r:")}


def fit(rows: list[Row], opts: TrainOptions = TrainOptions(),
        feats: list[dict[str, float]] | None = None) -> ReasonModel:
    """Train on `rows`; classes are every reason the rows name plus "other", sorted."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    fx = feats if feats is not None else row_features(rows, opts.features)
    df: dict[str, int] = {}
    for f in fx:
        for k in f:
            df[k] = df.get(k, 0) + 1
    vocab_list = sorted(k for k, n in df.items() if n >= opts.min_df or k.startswith("r:"))
    vocab = {k: i for i, k in enumerate(vocab_list)}
    classes = sorted({x for r in rows for x in r.reasons} | {OTHER})
    ci = {c: i for i, c in enumerate(classes)}
    data, ind, ptr, y, sw = [], [], [0], [], []
    for r, f in zip(rows, fx):
        # the rows again, each group normalised over the vocabulary's features (as `Encoder` does)
        fv = features(r.transcript, _rules_of(f), opts.features, vocab)
        items = sorted((vocab[k], v) for k, v in fv.items())
        for pos, label in enumerate(r.reasons[:2]):
            ind.extend(i for i, _ in items)
            data.extend(v for _, v in items)
            ptr.append(len(ind))
            y.append(ci[label])
            sw.append(r.weight * (1.0 if pos == 0 else opts.secondary_weight))
    x = csr_matrix((np.asarray(data), np.asarray(ind, dtype=np.int64), np.asarray(ptr)), shape=(len(y), len(vocab)))
    lr = LogisticRegression(C=opts.c, max_iter=opts.max_iter, tol=1e-6)
    lr.fit(x, np.asarray(y), sample_weight=np.asarray(sw))
    coef = np.zeros((len(vocab), len(classes)), dtype=np.float32)
    intercept = np.zeros(len(classes))
    for j, c in enumerate(lr.classes_):  # classes absent from y (cannot happen for labelled rows) stay 0
        coef[:, c] = lr.coef_[j].astype(np.float32)
        intercept[c] = lr.intercept_[j]
    meta = {"training_rows": len(rows), "rows_sha256": training_digest(rows),
            "groups": {g: sum(r.group == g for r in rows) for g in sorted({r.group for r in rows})}, "c": opts.c,
            "min_df": opts.min_df, "secondary_weight": opts.secondary_weight}
    return ReasonModel(classes, vocab, coef, intercept.astype(np.float64), opts.features, meta)


def save(model: ReasonModel, folder: Path = MODEL_DIR) -> Path:
    """model.json + weights.npz (float32 coefficients, no pickle; fixed zip times: a retrain on the
    same rows writes the same bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    w = folder / "weights.npz"
    write_npz(w, {"coef": model.coef.astype(np.float32), "intercept": model.intercept.astype(np.float32)})
    vocab = sorted(model.vocab, key=model.vocab.__getitem__)
    meta = {"format": 1, "classes": model.classes, "weights": w.name, "sha256": sha256_file(w),
            "options": model.options.__dict__, "trained": model.meta, "vocabulary": vocab}
    out = folder / "model.json"
    out.write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return out


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """`np.savez_compressed` without the wall-clock times it puts in the zip entries."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Retrain the reason model, or cross-validate it.")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--cv", action="store_true", help="print the grouped cross-validation table instead")
    ap.add_argument("--without", default="", help="with --cv: groups left out of training, e.g. mine2,mine3")
    a = ap.parse_args(argv)
    if a.cv:
        from signals.reason_cv import cross_validate

        drop = {g for g in a.without.split(",") if g}
        print(json.dumps(cross_validate([r for r in all_rows() if r.group not in drop]), ensure_ascii=False, indent=1))
        return 0
    rows = all_rows()
    m = fit(rows)
    p = save(m, a.out)
    print(json.dumps({"rows": len(rows), "features": len(m.vocab), "classes": len(m.classes), "model": str(p),
                      "sha256": json.loads(p.read_text(encoding="utf-8"))["sha256"]}))
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
