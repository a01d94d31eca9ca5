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


def _chat(lang: str, text: str):  # type: ignore[no-untyped-def]
    from meeluister.records import Transcript, Turn

    return Transcript("c-t", "chat", lang, (Turn("agent", 0.0, 1.0, "Goedemiddag."), Turn("customer", 1.0, 5.0, text)))


# this file's own sentences: questions near a reason, questions outside every reason
NEAR_OR_OUT = [
    ("municipality", "nl", "Weet u hoe laat de zon morgen ondergaat?"),
    ("municipality", "en", "My neighbour's cat keeps sitting on our car, who do I ask about that?"),
    ("ministry", "fr", "Est-ce que le consulat de Lyon a un parking pour les visiteurs ?"),
    ("ministry", "es", "¿Dónde puedo aprender a bailar salsa en Utrecht?"),
    ("commercial", "nl", "Hebben jullie ook een podcast over de gemeenteraad?"),
    ("commercial", "en", "Is your office near the station? I might pop in."),
]


def test_other_leads_only_by_its_margin() -> None:
    # "other" is given only when the model puts it at least `other_margin` ahead of the best reason;
    # a near tie gives that reason (checked against the model's own probabilities)
    from signals import ReasonOptions, classify
    from signals.reason_blend import model_probabilities
    from signals.reason_model import load_model
    from signals.reasons import rule_scores

    m, o = load_model(), ReasonOptions()
    assert o.other_margin > 0
    for tax_name, lang, text in NEAR_OR_OUT:
        t = _chat(lang, text)
        tax = load_taxonomy(tax_name)
        scores, _ = rule_scores(t, tax, ReasonOptions(model=False))
        p = sorted(model_probabilities(t, tax, m, scores).items(), key=lambda x: (-x[1], x[0]))
        got = classify(t, tax_name)
        if p[0][0] == OTHER and p[0][1] - p[1][1] >= o.other_margin:
            assert [r.reason for r in got] == [OTHER], text
        else:
            assert got[0].reason == (p[1][0] if p[0][0] == OTHER else got[0].reason) != OTHER, text
        # no margin: the model's top class as it is; a margin of 1: never "other"
        assert (classify(t, tax_name, ReasonOptions(other_margin=0.0))[0].reason == OTHER) == (p[0][0] == OTHER)
        assert classify(t, tax_name, ReasonOptions(other_margin=1.0))[0].reason != OTHER


STATUS_BEHIND_A_CASE = [
    ("municipality", "nl", "Begin oktober heb ik een ontheffing voor de markt aangevraagd, is er al iets bekend?"),
    ("ministry", "nl", "Vorige maand de aanvraag voor mijn nicht ingestuurd. Weten jullie al iets?"),
    ("ministry", "en", "Is the appointment for my residence sticker still going ahead? Nobody confirmed."),
    ("municipality", "en", "I applied for the school travel allowance in August, any idea when it'll come through?"),
    ("municipality", "fr", "J'ai demandé une place pour ma caravane il y a trois semaines. Vous savez quelque chose ?"),
    ("ministry", "fr", "Mon rendez-vous pour la légalisation est-il toujours maintenu ? Je n'ai rien reçu."),
    ("municipality", "es", "Pedí la tarjeta de aparcamiento para mi madre en septiembre. ¿Saben algo?"),
    ("ministry", "es", "¿Sigue en pie la cita de mi hermano en el consulado? No le han escrito."),
]


def test_status_cue_families_behind_a_case() -> None:
    # the question how far a case is, said as "is there news / do you know anything / is it still
    # on": the cues score the status inquiry (so it leads beside its case) in every language
    from signals import STATUS_INQUIRY, ReasonOptions
    from signals.reasons import rule_scores

    o = ReasonOptions()
    for tax_name, lang, text in STATUS_BEHIND_A_CASE:
        scores, _ = rule_scores(_chat(lang, text), load_taxonomy(tax_name), ReasonOptions(model=False))
        assert scores.get(STATUS_INQUIRY, 0.0) >= o.status_cue, (text, scores)
