"""The reason model's training material and the grouped cross-validation's folds (issue 11):
every blind set once scored is a training group and a fold, every training opening is valid for
its taxonomy, and the cross-validation's shared features train the same model as `fit` alone."""
from __future__ import annotations

import json

import numpy as np

from signals.reason_cv import FOLDS
from signals.reason_train import EVAL_DIR, SETS, TrainOptions, all_rows, fit, row_features, training_rows
from signals.taxonomy import OTHER, load_taxonomy


def test_every_scored_blind_set_trains_and_is_a_fold() -> None:
    # sets E to I were scored once blind and are seen now: each is a training group and a fold
    for name in ("set-e", "set-f", "set-g", "set-h", "set-i"):
        assert SETS[name] == f"{name}.jsonl" and name in FOLDS
        n = sum(1 for x in (EVAL_DIR / SETS[name]).read_text(encoding="utf-8").splitlines() if x.strip())
        assert n >= 160
    groups = {r.group for r in all_rows()}
    assert {"set-h", "set-i", "mine5"} <= groups
    # the coordinator's unseen sets are never training material
    assert not any("held-out" in p for p in SETS.values())


def test_training_openings_are_valid_for_their_taxonomy() -> None:
    rows = training_rows()
    assert len({r.id for r in rows}) == len(rows)
    by_group: dict[str, int] = {}
    for r in rows:
        ids = set(load_taxonomy(r.taxonomy).reason_ids()) | {OTHER}
        assert 1 <= len(r.reasons) <= 2 and set(r.reasons) <= ids, r.id
        assert OTHER not in r.reasons or r.reasons == (OTHER,), r.id
        assert len(set(r.reasons)) == len(r.reasons), r.id
        assert r.transcript.language in ("nl", "en", "fr", "es") and r.transcript.turns[1].text.strip(), r.id
        by_group[r.group] = by_group.get(r.group, 0) + 1
    # the fifth batch covers every language and the orderings it was written for
    five = [r for r in rows if r.group == "mine5"]
    assert {r.transcript.language for r in five} == {"nl", "en", "fr", "es"}
    pairs = {r.reasons for r in five if len(r.reasons) == 2}
    assert ("emergency_abroad", "passport") in pairs and ("travel_advice", "passport") in pairs
    assert any(p[0] == "status_inquiry" for p in pairs) and any(p[0] == "complaint" for p in pairs)
    assert any(p[1] == "complaint" for p in pairs)  # the case first where a fix is asked
    assert by_group["mine5"] == len(five) >= 150


def test_shared_features_train_the_same_model() -> None:
    # `cross_validate` computes each row's features once for all folds; a fold's fit on them must be
    # the model `fit` trains computing them itself (a small sample keeps this fast)
    rows = [r for r in all_rows() if r.group in ("set-h", "set-i")][::3]
    opts = TrainOptions(max_iter=300)
    fx = row_features(rows, opts.features)
    keep = [i for i in range(len(rows)) if i % 5]
    a = fit([rows[i] for i in keep], opts)
    b = fit([rows[i] for i in keep], opts, [fx[i] for i in keep])
    assert a.classes == b.classes and a.vocab == b.vocab
    assert np.array_equal(a.coef, b.coef) and np.array_equal(a.intercept, b.intercept)
    assert json.dumps(a.meta, sort_keys=True) == json.dumps(b.meta, sort_keys=True)
