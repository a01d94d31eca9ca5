"""Grouped cross-validation of the reason classifier: rules alone, model alone, both.

A fold holds one blind-written set out (set E, F, G, H, then I) and trains on every other group;
the held-out set is scored with the cue rules alone, the model without the cue features, and the
model with them (the shipped configuration). Set E's even ids are reported apart: the cues were
developed on E's odd ids, so the rules' figure on all of E is not a blind one (set F's is).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from meeluister.records import ContactReason
from signals.reason_blend import blended
from signals.reason_model import ReasonModel
from signals.reason_train import RULES_ONLY, Row, TrainOptions, fit, row_features
from signals.reasons import ReasonOptions, from_rules, rule_scores
from signals.taxonomy import OTHER, load_taxonomy

Classifier = Callable[[Row], list[ContactReason]]


def rules_classifier(o: ReasonOptions = RULES_ONLY) -> Classifier:
    def run(r: Row) -> list[ContactReason]:
        tax = load_taxonomy(r.taxonomy)
        scores, best = rule_scores(r.transcript, tax, o)
        return from_rules(r.transcript, tax, scores, best, o)
    return run


def model_classifier(model: ReasonModel, o: ReasonOptions = ReasonOptions()) -> Classifier:
    def run(r: Row) -> list[ContactReason]:
        tax = load_taxonomy(r.taxonomy)
        scores, best = rule_scores(r.transcript, tax, RULES_ONLY)
        return blended(r.transcript, tax, model, scores, best, o)
    return run


def score(rows: list[Row], clf: Classifier) -> dict:
    """Primary / any-label accuracy, per language, "other" precision and recall, label-set
    precision and recall (every reason given against every label), confidence bins."""
    n = hit = hit_any = 0
    per: dict[str, list[int]] = {}
    tp = fp = fn = 0
    o_tp = o_fp = o_fn = 0
    bins: dict[str, list[int]] = {}
    misses = []
    for r in rows:
        got = clf(r)
        top = got[0].reason
        ok = top == r.reasons[0]
        n += 1
        hit += ok
        hit_any += top in r.reasons
        per.setdefault(r.transcript.language, []).append(int(ok))
        gs, ws = {g.reason for g in got}, set(r.reasons)
        tp += len(gs & ws)
        fp += len(gs - ws)
        fn += len(ws - gs)
        o_tp += top == OTHER and r.reasons[0] == OTHER
        o_fp += top == OTHER and r.reasons[0] != OTHER
        o_fn += top != OTHER and r.reasons[0] == OTHER
        b = f"{min(int(got[0].confidence * 10), 9) / 10:.1f}"
        bins.setdefault(b, []).append(int(ok))
        if not ok:
            misses.append(r.id)
    return {"n": n, "primary": round(hit / n, 3), "any_label": round(hit_any / n, 3),
            "by_language": {k: round(sum(v) / len(v), 3) for k, v in sorted(per.items())},
            "label_precision": round(tp / max(1, tp + fp), 3), "label_recall": round(tp / max(1, tp + fn), 3),
            "other_precision": round(o_tp / max(1, o_tp + o_fp), 3), "other_recall": round(o_tp / max(1, o_tp + o_fn), 3),
            "confidence_bins": {k: [len(v), round(sum(v) / len(v), 3)] for k, v in sorted(bins.items())},
            "misses": misses}


def _even(rows: list[Row]) -> list[Row]:
    return [r for r in rows if int("".join(c for c in r.id if c.isdigit()) or 1) % 2 == 0]


FOLDS = ("set-e", "set-f", "set-g", "set-h", "set-i")


def cross_validate(rows: list[Row], opts: TrainOptions = TrainOptions(), folds: tuple[str, ...] = FOLDS) -> dict:
    """Per fold: rules alone, model alone and both on the held-out set. Each row's features are
    computed once for all folds (a fold's fit only picks its rows' features: the same model as
    `fit(train)` computing them itself)."""
    out: dict[str, dict] = {}
    no_rules = replace(opts, features=replace(opts.features, rule_features=False))
    fx = row_features(rows, opts.features)
    fx_alone = [{k: v for k, v in f.items() if not k.startswith("r:")} for f in fx]
    for held in folds:
        keep = [i for i, r in enumerate(rows) if r.group != held]
        train = [rows[i] for i in keep]
        test = [r for r in rows if r.group == held]
        both = fit(train, opts, [fx[i] for i in keep])
        alone = fit(train, no_rules, [fx_alone[i] for i in keep])
        res = {"train_rows": len(train), "rules": score(test, rules_classifier()),
               "model": score(test, model_classifier(alone)), "both": score(test, model_classifier(both))}
        if held == "set-e":
            ev = _even(test)
            res["even_ids"] = {"rules": score(ev, rules_classifier()), "model": score(ev, model_classifier(alone)),
                               "both": score(ev, model_classifier(both))}
        out[held] = res
    return out
