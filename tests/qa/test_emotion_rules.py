"""The emotion signals of qa/emotion_rules.py on the shipped lexicons, each on its boundary: an
intensifier right before a mild word, a customer turn that tells a situation (an emotion point or
25 words, not opened as calm), the agent's empathy in the first words of its first two sentences,
an old age after an intro (65-110, number words), the strong words a misspelling is matched to.
Own wording; how they change a contact's result is in test_rules_after_set_e.py."""
from __future__ import annotations

from qa_helpers import convo

from qa.emotion_rules import ECHO_MIN_WORDS, echo_phrase, intensified, long_words, old_age, tells_situation
from qa.lexicon import load_lexicon
from qa.text import prepare

EN, NL, FR = load_lexicon("en"), load_lexicon("nl"), load_lexicon("fr")


def turn(text: str, speaker: str = "customer", lang: str = "en"):
    (pt,) = prepare(convo([(speaker, text)], lang=lang), frozenset(), None).turns
    return pt


def test_intensified_needs_the_intensifier_right_before_the_word():
    assert intensified(" i am so annoyed ", "annoyed", EN)
    assert intensified(" so annoyed ", "annoyed", EN)  # the intensifier opens the sentence
    assert not intensified(" annoyed i am so ", "annoyed", EN)  # after it, not before
    assert not intensified(" i am annoyed ", "annoyed", EN)
    assert not intensified(" so annoyed ", "", EN)


def test_a_situation_is_told_with_a_point_or_enough_words_unless_opened_as_calm():
    assert tells_situation(1, turn("My flight was cancelled."), EN)
    assert not tells_situation(0, turn("My flight was cancelled."), EN)
    long = " ".join(["word"] * ECHO_MIN_WORDS)
    assert turn(long).words == 25 and tells_situation(0, turn(long), EN)
    assert not tells_situation(0, turn(" ".join(["word"] * (ECHO_MIN_WORDS - 1))), EN)
    calm = "Just a quick question about my flight, it was cancelled."
    assert not tells_situation(2, turn(calm), EN) and not tells_situation(0, turn(calm), EN)


def test_the_echo_is_in_the_first_two_sentences_and_their_first_twelve_words():
    assert echo_phrase(turn("Oh no. That sounds really worrying.", "agent"), EN) == "that sounds really"
    assert echo_phrase(turn("Oh no. Right. That sounds really worrying.", "agent"), EN) is None  # a third sentence
    ten = "so let me just have a look at the booking"  # ten words: the phrase's third word is the 13th
    assert echo_phrase(turn(f"{ten} that must be hard", "agent"), EN) is None
    assert echo_phrase(turn(f"{ten[3:]} that must be hard", "agent"), EN) == "that must be"


def test_old_age_from_65_to_110_or_a_number_word():
    intro = EN.phrases("emotion", "age_intro")
    assert old_age(" my mother is 65 ", intro) == "my mother is 65"
    assert old_age(" my mother is 64 ", intro) is None
    assert old_age(" she is 110 ", intro) == "she is 110" and old_age(" she is 111 ", intro) is None
    assert old_age(" she is eighty two ", intro) == "she is eighty"
    assert old_age(" j ai quatre vingt deux ans ", FR.phrases("emotion", "age_intro")) == "j ai quatre"
    assert old_age(" ik ben vijfentachtig ", NL.phrases("emotion", "age_intro")) == "ik ben vijfentachtig"
    assert old_age(" ik ben vijfentwintig ", NL.phrases("emotion", "age_intro")) is None


def test_long_words_are_the_languages_own_single_strong_words_of_eight_letters_or_more():
    en, nl = long_words(EN), long_words(NL)
    assert "horrible" in en and "ongerust" in nl  # eight letters
    assert "ongerust" not in en and "horrible" not in nl
    assert "panic" not in en and "kwaad" not in nl  # shorter strong words
    assert all(" " not in w and len(w) >= 8 for w in en + nl)
    assert list(en) == sorted(en)


def _model_card():
    from dataclasses import replace

    from qa.engine import resolve_scorecard
    sc = resolve_scorecard(None)
    return replace(sc, findings=replace(sc.findings, emotion_model="fallback"))


def _room(customer: str, agent_first: str = "Good afternoon, this is Iris.", threshold: float = 0.9):
    """room_for_emotion with a model that knows one word ("suitcase"), in fallback mode."""
    import zlib

    from qa import emotion_model, score
    model = emotion_model.EmotionModel({zlib.crc32(b"w:suitcase") % emotion_model.DIM: 400.0}, -5.0, threshold)
    t = convo([("agent", agent_first), ("customer", customer), ("agent", "Oh no, I'm sorry. Let me trace it.")],
              lang="en", channel="chat")
    emotion_model.use(model)
    try:
        return score(t, _model_card()).result("room_for_emotion"), model
    finally:
        emotion_model.use(None)


def test_the_model_reads_customer_turns_of_five_words_or_more():
    assert _room("The suitcase is gone now.")[0].outcome == "pass"  # five words
    assert _room("The suitcase is gone.")[0].outcome == "n/a"  # four
    # the agent's own turn is never the customer's emotion
    assert _room("Yes, that is my booking number.", "Is your suitcase with you today, sir?")[0].outcome == "n/a"


def test_the_model_threshold_is_inclusive():
    r, model = _room("The suitcase is gone now.")
    (s,) = turn("The suitcase is gone now.").sentences
    p = model.probability(s.norm)
    r, _ = _room("The suitcase is gone now.", threshold=p)
    assert r.outcome == "pass" and r.evidence[0].term == f"model p={p:.2f}"
