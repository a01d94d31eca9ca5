"""The trained reason layer (issue 11): shipped weights checked by sha256, restricted to the
contact's taxonomy, blended with the cues, evidence and confidence, reproducible training and the
grouped cross-validation. Every sentence here is this file's own (none is in the training files or
an evaluation set)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from meeluister.errors import InputError
from meeluister.records import Transcript, Turn
from signals import OTHER, STATUS_INQUIRY, ReasonOptions, classify, load_taxonomy
from signals.reason_blend import model_probabilities
from signals.reason_cv import score
from signals.reason_model import MODEL_DIR, MODEL_JSON, load_model, model_for, sha256_file
from signals.reason_train import DEV_DIR, Row, all_rows, opening, training_digest, write_npz
from signals.reasons import rule_scores
from signals.text import fold

CUES = ReasonOptions(model=False)


def chat(lang: str, *customer: str) -> Transcript:
    turns = [Turn("agent", 0.0, 1.0, "Hallo, waarmee kan ik helpen?")]
    turns += [Turn("customer", float(i + 1), float(i + 2), x) for i, x in enumerate(customer)]
    return Transcript("c-1", "chat", lang, tuple(turns))


def test_shipped_weights_are_checked_by_sha256(tmp_path: Path) -> None:
    m = load_model()
    meta = json.loads(MODEL_JSON.read_text(encoding="utf-8"))
    assert sha256_file(MODEL_DIR / meta["weights"]) == meta["sha256"]
    assert m.coef.shape == (len(m.vocab), len(m.classes)) and m.coef.dtype == np.float32
    assert OTHER in m.classes and STATUS_INQUIRY in m.classes
    # one flipped bit in the weights: refused on load, and classify falls back to the cues alone
    shutil.copy(MODEL_JSON, tmp_path / "model.json")
    w = bytearray((MODEL_DIR / meta["weights"]).read_bytes())
    w[len(w) // 2] ^= 1
    (tmp_path / meta["weights"]).write_bytes(bytes(w))
    with pytest.raises(InputError, match="sha256"):
        load_model(tmp_path / "model.json")
    t = chat("en", "Could you tell me whether my niece in Lagos needs anything to come to our wedding?")
    assert classify(t, "ministry", ReasonOptions(model_file=str(tmp_path / "model.json"))) == classify(t, "ministry", CUES)


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="the training material includes ../shared/eval/dev")
def test_shipped_model_was_trained_on_the_current_material() -> None:
    # edit a training sentence or an evaluation label without `python -m signals.reason_train`: red
    meta = json.loads(MODEL_JSON.read_text(encoding="utf-8"))
    rows = all_rows()
    assert meta["trained"]["training_rows"] == len(rows)
    assert meta["trained"]["rows_sha256"] == training_digest(rows)


def test_probabilities_stay_inside_the_contacts_taxonomy() -> None:
    t = chat("nl", "Mijn schoonzus uit Kenia wil op bezoek komen, wat moet ze aanvragen?")
    for name in ("ministry", "commercial", "municipality"):
        tax = load_taxonomy(name)
        scores, _ = rule_scores(t, tax, CUES)
        p = model_probabilities(t, tax, load_model(), scores)
        assert set(p) == set(tax.reason_ids()) | {OTHER}
        assert abs(sum(p.values()) - 1.0) < 1e-9
        got = classify(t, name)
        assert {r.reason for r in got} <= set(p)
    assert classify(t, "ministry")[0].reason == "visa"


def test_custom_taxonomy_is_classified_by_its_cues_alone(tmp_path: Path) -> None:
    f = tmp_path / "library.toml"
    f.write_text('[taxonomy]\nname = "library"\nversion = "1"\ninclude = ["common"]\n[reasons.loans]\n'
                 'nl = ["boek lenen"]\nen = ["borrow"]\nfr = ["emprunter"]\nes = ["prestamo"]\n', encoding="utf-8")
    tax = load_taxonomy(f)
    assert model_for(tax) is None
    assert model_for(load_taxonomy("ministry")) is not None
    t = chat("en", "Can I borrow two more books this week?")
    assert classify(t, tax) == classify(t, tax, CUES)
    assert classify(t, tax)[0].reason == "loans"


# indirect openings where the cue lists have no word for the reason; the model has to carry them
INDIRECT = [
    ("ministry", "nl", "Mijn vriendin uit Vietnam wil met kerst twee weken bij ons zijn, wat moet ze daarvoor in orde maken?", "visa"),
    ("ministry", "en", "my dad collapsed on the beach in Goa and is in intensive care, we don't know what to do", "emergency_abroad"),
    ("ministry", "fr", "Mon grand-père était néerlandais, est-ce que je peux encore devenir néerlandaise moi aussi ?", "legalisation_nationality"),
    ("ministry", "es", "¿conviene viajar a Haití ahora con todo lo que está pasando?", "travel_advice"),
    ("municipality", "nl", "Ik heb geen werk meer en de rekeningen stapelen zich op, bij wie kan ik aankloppen?", "social_support"),
    ("municipality", "en", "the bulb in the lamp post on our corner has been out since monday", "public_space"),
    ("municipality", "fr", "on vient d'arriver d'Espagne pour vivre ici, où faut-il se faire enregistrer ?", "moving_registration"),
    ("municipality", "es", "¿tengo que pedir algo para hacer un garaje en el jardín?", "permits"),
    ("commercial", "nl", "Er is deze maand twee keer geld van mijn rekening gegaan voor hetzelfde blad.", "billing_payment"),
    ("commercial", "en", "my mum wants to read it on her ipad but it keeps saying wrong password", "account_login"),
    ("commercial", "fr", "le journal de ce matin était déchiré et mouillé dans la boîte", "delivery_problem"),
    ("commercial", "es", "nos vamos dos meses a Uruguay, ¿pueden guardar la revista hasta que volvamos?", "change_subscription"),
]


def test_model_carries_indirect_wording_the_cues_miss() -> None:
    blended = sum(classify(chat(lang, text), tax)[0].reason == want for tax, lang, text, want in INDIRECT)
    cues = sum(classify(chat(lang, text), tax, CUES)[0].reason == want for tax, lang, text, want in INDIRECT)
    # measured when this test was written: model 8 of 12, cues 5 of 12 (docs/evaluation.md)
    assert blended >= 8, blended
    assert blended >= cues + 3, (blended, cues)


def test_evidence_is_the_customer_sentence_that_decided() -> None:
    # no cue matches here: the model's evidence is the customer sentence and one of its words
    t = chat("fr", "Bonjour.", "Mon grand-père était néerlandais, est-ce que je peux encore devenir néerlandaise moi aussi ?")
    assert classify(t, "ministry", CUES)[0].reason == OTHER
    got = classify(t, "ministry")
    assert got[0].reason == "legalisation_nationality"
    ev = got[0].evidence[0]
    assert ev.turn == 2 and ev.quote.startswith("Mon grand-père était néerlandais")
    assert ev.term and ev.term in fold(ev.quote)
    # where a cue matched, the evidence is that cue's sentence and the cue itself
    t2 = chat("nl", "Goedemorgen.", "Mijn paspoort is gestolen in Rome en ik vlieg morgen terug.")
    got2 = classify(t2, "ministry")
    assert "passport" in [r.reason for r in got2]
    ev2 = next(r for r in got2 if r.reason == "passport").evidence[0]
    assert ev2.turn == 2 and "paspoort" in ev2.term


def test_other_and_confidence() -> None:
    got = classify(chat("nl", "Weet u hoe laat de zon morgen ondergaat?"), "municipality")
    assert [r.reason for r in got] == [OTHER] and got[0].evidence == ()
    clear = classify(chat("en", "I want to cancel my subscription to the magazine, please stop it."), "commercial")[0]
    vague = classify(chat("en", "I have a question about the magazine."), "commercial")[0]
    assert clear.reason == "cancel_subscription" and clear.confidence > 0.8
    assert vague.confidence < clear.confidence


def test_status_inquiry_leads_with_its_case_beside_it() -> None:
    t = chat("fr", "J'ai demandé une carte de stationnement il y a deux mois et je n'ai toujours rien reçu, ça avance ?")
    got = [r.reason for r in classify(t, "municipality")]
    assert got[:2] == [STATUS_INQUIRY, "parking"]


def test_a_probable_status_inquiry_goes_before_its_case() -> None:
    # the model rates the passport higher, but the customer asks how far it is: status leads
    # (the sentence of the first version of this test, "... mijn zoon heeft in mei in Madrid een
    # nieuw paspoort aangevraagd. Kunt u kijken of het al verstuurd is?", now gets passport alone:
    # the model retrained with set G rates its status inquiry 0.17; its second sentence, "... mijn
    # dochter heeft in april in Lissabon ... Weet u of het al opgestuurd is?", the model retrained
    # after set I rates status first itself (0.48 against 0.42); docs/evaluation.md)
    t = chat("nl", "Mijn vrouw heeft in juni in Rome een nieuw paspoort aangevraagd. Is het al onderweg?")
    got = classify(t, "ministry")
    assert [r.reason for r in got] == [STATUS_INQUIRY, "passport"]
    assert ReasonOptions().status_first <= got[0].confidence < got[1].confidence
    assert [r.reason for r in classify(t, "ministry", ReasonOptions(status_first=1.1))] == ["passport", STATUS_INQUIRY]


def test_a_status_inquiry_the_cues_are_sure_of_leads() -> None:
    # the cues score the question how far it is high ("hoe ver is mijn aanvraag"); the model rates
    # the case above it and gives the status inquiry less than `status_first`: it still leads
    t = Transcript("c-b", "chat", "nl", (Turn("agent", None, None, "Welkom."),
                                         Turn("customer", None, None, "Hoe ver is mijn aanvraag voor bijzondere bijstand?")))
    tax = load_taxonomy("municipality")
    scores, _ = rule_scores(t, tax, CUES)
    p = model_probabilities(t, tax, load_model(), scores)
    o = ReasonOptions()
    # (the model retrained after set I rates this status inquiry first itself, 0.54 against 0.46; the
    # rule still holds it there: a status inquiry the cues are sure of never falls behind its case)
    assert scores[STATUS_INQUIRY] >= o.status_cue and p[STATUS_INQUIRY] >= o.status_cue_floor
    assert [r.reason for r in classify(t, "municipality")] == [STATUS_INQUIRY, "social_support"]
    assert [r.reason for r in classify(t, "municipality", ReasonOptions(status_first=1.1))] == [STATUS_INQUIRY, "social_support"]


def test_write_npz_is_byte_stable(tmp_path: Path) -> None:
    a = {"coef": np.arange(12, dtype=np.float32).reshape(3, 4), "intercept": np.ones(4, dtype=np.float32)}
    write_npz(tmp_path / "a.npz", a)
    write_npz(tmp_path / "b.npz", a)
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    with np.load(tmp_path / "a.npz", allow_pickle=False) as z:
        assert np.array_equal(z["coef"], a["coef"]) and np.array_equal(z["intercept"], a["intercept"])


def test_cv_score_counts() -> None:
    from meeluister.records import ContactReason

    rows = [Row("x2", "t", "commercial", opening("x2", "en", "a"), ("billing_payment", "complaint")),
            Row("x4", "t", "commercial", opening("x4", "en", "b"), (OTHER,)),
            Row("x6", "t", "commercial", opening("x6", "nl", "c"), ("complaint",)),
            Row("x8", "t", "commercial", opening("x8", "nl", "d"), ("account_login",))]
    answers = {"x2": ["complaint", "billing_payment"], "x4": [OTHER], "x6": ["complaint"], "x8": [OTHER]}
    s = score(rows, lambda r: [ContactReason(r.id, x, 0.75) for x in answers[r.id]])
    assert s["n"] == 4 and s["primary"] == 0.5 and s["any_label"] == 0.75
    assert s["by_language"] == {"en": 0.5, "nl": 0.5}
    assert s["other_precision"] == 0.5 and s["other_recall"] == 1.0
    assert s["label_precision"] == pytest.approx(4 / 5, abs=1e-3) and s["label_recall"] == pytest.approx(4 / 5, abs=1e-3)
    assert s["misses"] == ["x2", "x8"] and s["confidence_bins"] == {"0.7": [4, 0.5]}


@pytest.mark.slow
@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="the training material includes ../shared/eval/dev")
def test_retraining_reproduces_the_shipped_model(tmp_path: Path) -> None:
    from signals.reason_train import fit, save

    rows = all_rows()
    m = fit(rows)
    save(m, tmp_path)
    shipped = load_model()
    new = load_model(tmp_path / "model.json")
    assert new.classes == shipped.classes and new.vocab == shipped.vocab
    if sha256_file(tmp_path / "weights.npz") != sha256_file(MODEL_DIR / "weights.npz"):
        # another machine's floating point: the weights agree closely and every prediction is the same
        assert np.allclose(new.coef, shipped.coef, atol=1e-4)
        for r in rows[::7]:
            assert classify(r.transcript, r.taxonomy, ReasonOptions(model_file=str(tmp_path / "model.json"))) \
                == classify(r.transcript, r.taxonomy)


@pytest.mark.slow
def test_held_out_set_f_model_beats_the_cues() -> None:
    # grouped cross-validation, one fold: trained without set F, scored on it
    from signals.reason_cv import cross_validate

    res = cross_validate(all_rows(), folds=("set-f",))["set-f"]
    assert res["both"]["primary"] >= res["rules"]["primary"] + 0.05, res
    assert res["both"]["primary"] >= 0.8
    assert res["both"]["other_recall"] >= 0.6 and res["both"]["other_precision"] >= 0.5


def test_encoder_computes_the_reference_features() -> None:
    # the fast path (cached words, column indices) against the reference definition, on contacts of
    # every kind in the training material: one turn, whole conversations, four languages
    from signals.reason_model import features

    m = load_model()
    vocab = m.vocab
    rows = all_rows()
    for r in rows[::23] + [x for x in rows if x.group == "dev"][:5]:
        scores, _ = rule_scores(r.transcript, load_taxonomy(r.taxonomy), CUES)
        want = features(r.transcript, scores, m.options, vocab)
        idx, val = m.encoder.encode(r.transcript, scores)
        got = dict(zip(idx.tolist(), val.tolist()))
        assert len(got) == len(idx)
        assert {vocab[k] for k in want} == set(got), r.id
        for k, v in want.items():
            assert got[vocab[k]] == pytest.approx(v, rel=1e-9), (r.id, k)
