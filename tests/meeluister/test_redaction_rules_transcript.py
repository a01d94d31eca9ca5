"""`redact_transcript` at its edges: the turn's speaker and the options also on the words' own
redaction, names from `extra`, turns without words, words next to a span, partial word times,
and silence merged only within a turn."""
from __future__ import annotations

from meeluister.records import Transcript, Turn, Word
from meeluister.redaction import RedactionOptions, redact_transcript


def _t(*turns, extra=None):
    return Transcript("c1", "phone", "nl", tuple(turns), extra=extra or {})


def _words(*ws):
    return tuple(Word(w, s, e) for w, s, e in ws)


def test_the_agents_own_name_stays_in_the_text_and_in_words_that_do_not_spell_it():
    t = _t(Turn("agent", 0.0, 3.0, "mijn naam is Sanne"),
           Turn("agent", 3.0, 6.0, "ik ben sanne, nul zes een twee drie vier vijf zes zeven acht",
                _words(("ik", 3.0, 3.1), ("ben", 3.1, 3.2), ("sanne", 3.2, 3.5), ("06", 3.6, 4.0),
                       ("12345678", 4.0, 5.5))))
    r = redact_transcript(t)
    assert r.transcript.turns[0].text == "mijn naam is Sanne"
    assert [w.w for w in r.transcript.turns[1].words] == ["ik", "ben", "sanne", "[PHONE]", "[PHONE]"]
    assert r.counts == {"phone": 1} and r.silence == ((1, 3.6, 5.5),)


def test_the_options_apply_to_words_that_do_not_spell_the_text():
    t = _t(Turn("customer", 0.0, 3.0, "mijn naam is jan, nul zes een twee drie vier vijf zes zeven acht",
                _words(("mijn", 0.0, 0.1), ("naam", 0.1, 0.2), ("is", 0.2, 0.3), ("jan", 0.3, 0.5),
                       ("06", 0.6, 1.0), ("12345678", 1.0, 2.5))))
    r = redact_transcript(t, RedactionOptions(categories={"phone"}))
    assert [w.w for w in r.transcript.turns[0].words] == ["mijn", "naam", "is", "jan", "[PHONE]", "[PHONE]"]
    assert r.counts == {"phone": 1}


def test_known_names_come_from_the_transcripts_extra_too():
    t = _t(Turn("agent", 0.0, 2.0, "Ik zoek Piet Bakker."), extra={"customer_name": "Piet Bakker"})
    r = redact_transcript(t)
    assert r.transcript.turns[0].text == "Ik zoek [NAME]." and r.counts == {"name": 1}
    assert r.transcript.turns[0].words == ()


def test_only_the_words_inside_a_span_take_its_tag():
    t = _t(Turn("customer", 0.0, 3.0, "Mijn nummer (0612345678).",
                _words(("Mijn", 0.0, 0.2), ("nummer", 0.2, 0.5), ("(", 0.5, 0.5), ("0612345678", 0.6, 2.0),
                       (")", 2.0, 2.0), (".", 2.0, 2.0))))
    r = redact_transcript(t)
    assert r.transcript.turns[0].text == "Mijn nummer ([PHONE])."
    assert [w.w for w in r.transcript.turns[0].words] == ["Mijn", "nummer", "(", "[PHONE]", ")", "."]
    assert r.silence == ((0, 0.6, 2.0),)


def test_a_word_with_a_start_but_no_end_is_not_timed():
    t = _t(Turn("customer", 1.0, 4.0, "bel 0612345678", _words(("bel", 1.0, 1.2), ("0612345678", 1.5, None))))
    r = redact_transcript(t)
    assert r.silence == ((0, 1.0, 4.0),)  # the whole turn


def test_no_silence_without_the_turns_start():
    words = _words(("bel", None, None), ("0612345678", None, None))
    r = redact_transcript(_t(Turn("customer", None, 4.0, "bel 0612345678", words)))
    assert r.silence == () and r.counts == {"phone": 1}
    r = redact_transcript(_t(Turn("customer", None, 4.0, "bel 0612345678")))
    assert r.silence == () and r.transcript.turns[0].text == "bel [PHONE]"


def test_silence_is_merged_within_a_turn_only():
    t = _t(Turn("customer", 2.0, 4.0, "0612345678 0201234567",
                _words(("0612345678", 2.0, 3.0), ("0201234567", 3.0, 4.0))),
           Turn("customer", 1.0, 5.0, "bel 0301234567", _words(("bel", 1.0, 2.0), ("0301234567", 3.5, 5.0))))
    r = redact_transcript(t)
    assert r.silence == ((0, 2.0, 4.0), (1, 3.5, 5.0))
