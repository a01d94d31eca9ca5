"""The trained distress layer (qa/emotion_model.py): the shipped weights load only with their
sha256, scoring is deterministic, and in "fallback" mode a model decision names its sentence."""
from __future__ import annotations

import zlib
from dataclasses import replace

import pytest

from meeluister.errors import InputError
from qa import emotion_model, score
from qa.engine import resolve_scorecard
from qa_helpers import convo


def test_the_shipped_model_loads_with_its_sha256_and_scores_in_range():
    m = emotion_model.load()
    assert m.coef and 0.5 <= m.threshold < 1.0
    p = m.probability(" my daughter is in hospital and i do not know what to do ")
    assert 0.0 < p < 1.0
    assert p == m.probability(" my daughter is in hospital and i do not know what to do ")


def test_a_changed_weights_file_is_refused(tmp_path):
    raw = emotion_model.MODEL_PATH.read_bytes()
    bad = tmp_path / "emotion_lr.json"
    bad.write_bytes(raw.replace(b'"threshold":', b'"threshold":0.1,"x":', 1))
    with pytest.raises(InputError, match="sha256"):
        emotion_model.load(bad, sha256=emotion_model.MODEL_SHA256)
    assert emotion_model.load(emotion_model.MODEL_PATH, sha256=emotion_model.MODEL_SHA256).coef


def test_features_are_hashed_words_pairs_and_character_grams():
    f = emotion_model.features(" lost bag ")
    assert zlib.crc32(b"w:lost") % emotion_model.DIM in f
    assert zlib.crc32(b"b:lost bag") % emotion_model.DIM in f
    assert zlib.crc32(b"c:<ba") % emotion_model.DIM in f
    assert abs(sum(v * v for v in f.values()) - 1.0) < 1e-9  # unit length
    assert emotion_model.features("   ") == {}


def _card(mode):
    sc = resolve_scorecard(None)
    return replace(sc, findings=replace(sc.findings, emotion_model=mode))


def test_fallback_mode_names_the_sentence_that_decided():
    # a model that only knows one word: "suitcase" makes a sentence distressed
    model = emotion_model.EmotionModel({zlib.crc32(b"w:suitcase") % emotion_model.DIM: 400.0}, -5.0, 0.9)
    t = convo([("agent", "Good afternoon, this is Iris."),
               ("customer", "We just landed. The suitcase with all our papers did not arrive."),
               ("agent", "Oh no, I'm sorry. Let me trace it for you.")], lang="en", channel="chat")
    off, fallback = _card("off"), _card("fallback")
    assert score(t, off).result("room_for_emotion").outcome == "n/a"
    emotion_model.use(model)
    try:
        r = score(t, fallback).result("room_for_emotion")
        assert r.outcome == "pass"
        assert r.evidence[0].quote == "The suitcase with all our papers did not arrive."
        assert r.evidence[0].term.startswith("model p=")
        # "only": the lexicon no longer decides; a strong word without the model's word is n/a
        t2 = convo([("agent", "Good afternoon, this is Iris."), ("customer", "This is unacceptable, I am furious."),
                    ("agent", "I'm sorry. What happened?")], lang="en", channel="chat")
        assert score(t2, fallback).result("room_for_emotion").outcome == "pass"
        assert score(t2, _card("only")).result("room_for_emotion").outcome == "n/a"
    finally:
        emotion_model.use(None)
