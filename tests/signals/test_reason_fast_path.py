"""The reason classifier's fast path (issue 11, speed): every shortcut gives what the plain
definition gives. Sentences here are this file's own."""
from __future__ import annotations

import random
import unicodedata

import numpy as np
import pytest

from meeluister.records import Transcript, Turn
from signals import OTHER, ReasonOptions, classify, load_taxonomy
from signals.reason_model import load_model
from signals.reasons import rule_scores
from signals.text import LANGUAGES, _stemmer, fold, stem

CUES = ReasonOptions(model=False)


def chat(lang: str, *customer: str) -> Transcript:
    turns = [Turn("agent", 0.0, 1.0, "Goedemiddag, u spreekt met de klantenservice.")]
    turns += [Turn("customer", float(i + 1), float(i + 2), x) for i, x in enumerate(customer)]
    return Transcript("f-1", "chat", lang, tuple(turns))


def _fold_reference(text: str) -> str:
    s = text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def test_fold_by_table_is_nfkd_without_marks() -> None:
    rng = random.Random(7)
    alphabet = [chr(i) for i in list(range(32, 0x250)) + list(range(0x300, 0x370)) + list(range(0x1E00, 0x1F00))]
    alphabet += ["\ufb01", "\u00bd", "\u2126", "\u0130", "e\u0301", "\U0001F600"]
    texts = ["Où est la Mairie ? Geïnteresseerd, ¿Cuándo llegará mi pedido?", "plain ascii"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 15))) for _ in range(3000)]
    for t in texts:
        assert fold(t) == _fold_reference(t), t
    assert fold("Ça coûte CHÈRE") == "ca coute chere"


def test_numbers_are_their_own_stem_as_snowball_has_it() -> None:
    rng = random.Random(3)
    for lang in LANGUAGES:
        for w in ["0", "2026", "000123"] + [str(rng.randrange(10 ** rng.randint(1, 9))) for _ in range(200)]:
            assert stem(w, lang) == w == _stemmer(lang).stemWord(w)
    assert stem("aangevraagd", "nl") == _stemmer("nl").stemWord("aangevraagd") != "aangevraagd"


def test_near_matches_kept_per_word_depend_on_the_cutoff() -> None:
    # a misspelt cue word ("rijbewjis", found by the fuzzy search only) beside a compound: the
    # kept matches must not leak from one fuzzy cutoff to another, nor change a second, warm call
    tax = load_taxonomy("municipality")
    t = chat("nl", "Mijn rijbewjis is verlopen en de afvalcontainerplaats is vol.")
    cold = rule_scores(t, tax, CUES)[0]
    assert rule_scores(t, tax, CUES)[0] == cold
    strict = rule_scores(t, tax, ReasonOptions(model=False, fuzzy_cutoff=99.5))[0]
    assert strict["id_documents"] < cold["id_documents"]
    assert rule_scores(t, tax, CUES)[0] == cold


def test_scoring_only_the_taxonomys_classes_is_the_full_softmax_restricted() -> None:
    m = load_model()
    t = chat("en", "We'd like to stop the deliveries for three weeks while we're in Spain.")
    for name in ("commercial", "ministry", "municipality"):
        tax = load_taxonomy(name)
        allowed = tax.reason_ids() + [OTHER]
        scores, _ = rule_scores(t, tax, CUES)
        full = m.logits(t, scores)
        part = m.logits(t, scores, tuple(allowed))
        cols = [m.class_index[c] for c in allowed]
        assert part.shape == (len(allowed),)
        assert np.allclose(part, full[cols], rtol=0, atol=1e-9)
        p = m.probabilities(t, scores, allowed)
        e = np.exp(full[cols] - full[cols].max())
        assert [p[c] for c in allowed] == pytest.approx(list(e / e.sum()), abs=1e-12)


def test_evidence_kept_per_word_matches_a_fresh_model() -> None:
    warm = load_model()
    texts = [("ministry", "fr", "Ma fille part étudier à Montréal, et son grand-père était néerlandais.", "legalisation_nationality"),
             ("ministry", "fr", "Ma fille part étudier à Montréal, et son grand-père était néerlandais.", "travel_advice"),
             ("commercial", "es", "Nos vamos dos meses fuera. ¿Pueden guardar los envíos hasta la vuelta?", "change_subscription"),
             ("municipality", "nl", "De lantaarnpaal bij ons op de hoek is al een week donker.", "public_space")]
    for tax_name, lang, text, reason in texts * 2:  # the second round reads the kept margins
        t = chat(lang, "Hallo.", text)
        allowed = load_taxonomy(tax_name).reason_ids() + [OTHER]
        assert warm.evidence(t, reason, allowed) == load_model().evidence(t, reason, allowed)
    # kept per reason: each reason finds its own sentence in the same contact, warm or cold
    t = chat("en", "Hello.", "The lamp post outside number 12 has been dark all week. "
                             "Also, our green bin was skipped again on Tuesday.")
    allowed = load_taxonomy("municipality").reason_ids() + [OTHER]
    lamp = warm.evidence(t, "public_space", allowed)
    bin_ = warm.evidence(t, "waste_collection", allowed)
    assert lamp is not None and bin_ is not None
    assert "lamp" in lamp[1] and "bin" in bin_[1]
    assert warm.evidence(t, "public_space", allowed) == lamp


def test_classify_is_the_same_warm_and_cold() -> None:
    rows = [("commercial", "en", "Could the box come on Fridays from now on instead of Tuesdays?"),
            ("ministry", "es", "Mi hermana quiere venir desde Quito para el bautizo, ¿qué necesita?"),
            ("municipality", "fr", "Le lampadaire devant chez nous clignote depuis dix jours."),
            ("municipality", "nl", "Dossier 884213: ik heb nog steeds niets gehoord over mijn bezwaar.")]
    first = [classify(chat(lang, text), tax) for tax, lang, text in rows]
    again = [classify(chat(lang, text), tax) for tax, lang, text in rows]
    assert first == again
    assert all(r[0].reason for r in first)
