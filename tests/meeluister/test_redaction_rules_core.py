"""The package's core at its edges: spans and tags (`find_spans`, `apply_spans`, `merge_counts`,
categories switched off), and a transcript's words and silence (`redact_transcript`)."""
from __future__ import annotations

from meeluister.records import Transcript, Turn, Word
from meeluister.redaction import (RedactedSpan, RedactionOptions, apply_spans, find_spans, merge_counts, redact,
                                  redact_transcript)


def test_empty_text_and_nothing_to_redact():
    assert find_spans("") == () and redact("").text == "" and redact("").counts == {} and redact("").spans == ()
    r = redact("Goedemorgen, hoe gaat het?")
    assert r.text == "Goedemorgen, hoe gaat het?" and r.counts == {} and r.spans == ()


def test_apply_spans_writes_each_kind_s_tag_in_order():
    text = "bel 0612345678 of mail a@b.nl"
    spans = (RedactedSpan(4, 14, "phone"), RedactedSpan(23, 29, "email"))
    assert apply_spans(text, spans) == "bel [PHONE] of mail [EMAIL]"
    assert apply_spans(text, ()) == text
    assert find_spans(text) == spans


def test_merge_counts_adds_per_kind():
    assert merge_counts() == {}
    assert merge_counts({"phone": 1}, {"phone": 2, "email": 1}, {}) == {"phone": 3, "email": 1}


def test_the_detector_that_goes_first_keeps_an_overlap():
    # the e-mail address holds a phone number's digits: one span, the e-mail's
    r = redact("mail 0612345678@voorbeeld.nl graag")
    assert r.text == "mail [EMAIL] graag" and r.counts == {"email": 1}
    # with e-mail switched off the digits are a phone number (the rest of the address stays)
    r = redact("mail 0612345678@voorbeeld.nl graag", RedactionOptions(categories={"phone"}))
    assert r.text == "mail [PHONE]@voorbeeld.nl graag" and r.counts == {"phone": 1}


def test_counts_per_kind_and_spans_sorted():
    r = redact("BSN 111222333, bel 0612345678 of 0201234567.")
    assert r.counts == {"bsn": 1, "phone": 2}
    assert [s.start for s in r.spans] == sorted(s.start for s in r.spans)
    assert [s.kind for s in r.spans] == ["bsn", "phone", "phone"]


def _turn(speaker, text, words, start=0.0, end=None):
    ws = tuple(Word(w, s, e) for w, s, e in words)
    return Turn(speaker, start, end if end is not None else (ws[-1].end if ws else 5.0), text, ws)


def test_transcript_words_take_the_tag_and_their_times_are_silenced():
    t = Transcript("c1", "phone", "nl", (
        _turn("customer", "bel 06 12345678 graag", [("bel", 0.0, 0.3), ("06", 0.4, 0.6), ("12345678", 0.7, 1.5),
                                                   ("graag", 1.6, 2.0)]),
        _turn("agent", "goed", [("goed", 2.5, 2.8)]),
    ))
    r = redact_transcript(t)
    turn = r.transcript.turns[0]
    assert turn.text == "bel [PHONE] graag"
    assert [w.w for w in turn.words] == ["bel", "[PHONE]", "[PHONE]", "graag"]
    assert [(w.start, w.end) for w in turn.words] == [(0.0, 0.3), (0.4, 0.6), (0.7, 1.5), (1.6, 2.0)]
    assert r.silence == ((0, 0.4, 1.5),) and r.counts == {"phone": 1}
    assert r.transcript.turns[1] == t.turns[1]
    assert t.turns[0].text == "bel 06 12345678 graag"  # the input is not changed


def test_a_turn_without_word_times_is_silenced_whole():
    t = Transcript("c1", "phone", "nl", (
        Turn("customer", 3.0, 7.5, "mijn BSN is 111222333"),
        Turn("customer", 8.0, 9.0, "dank u", (Word("dank"), Word("u"))),
        Turn("customer", 9.0, 12.0, "BSN 111222333", (Word("BSN"), Word("111222333"))),
    ))
    r = redact_transcript(t)
    assert r.silence == ((0, 3.0, 7.5), (2, 9.0, 12.0))
    assert r.transcript.turns[2].words[1].w == "[BSN]" and r.transcript.turns[2].words[0].w == "BSN"


def test_silence_intervals_of_one_turn_are_merged_when_they_touch():
    words = [("0612345678", 0.0, 1.0), ("en", 1.0, 1.2), ("0201234567", 1.2, 2.0), ("en", 3.0, 3.2),
             ("0301234567", 3.5, 4.0)]
    t = Transcript("c1", "phone", "nl", (_turn("customer", "0612345678 en 0201234567 en 0301234567", words),))
    r = redact_transcript(t)
    assert r.counts == {"phone": 3}
    assert r.silence == ((0, 0.0, 1.0), (0, 1.2, 2.0), (0, 3.5, 4.0))
    words = [("0612345678", 0.0, 1.0), ("0201234567", 1.0, 2.0)]
    t = Transcript("c1", "phone", "nl", (_turn("customer", "0612345678, 0201234567", words),))
    assert redact_transcript(t).silence == ((0, 0.0, 2.0),)


def test_words_that_do_not_spell_the_text_are_redacted_as_a_text_of_their_own():
    t = Transcript("c1", "phone", "nl", (
        _turn("customer", "bel nul zes een twee drie vier vijf zes zeven acht",
              [("bel", 0.0, 0.2), ("06", 0.3, 0.6), ("12345678", 0.7, 2.0)]),
    ))
    r = redact_transcript(t)
    assert r.transcript.turns[0].text == "bel [PHONE]"
    assert [w.w for w in r.transcript.turns[0].words] == ["bel", "[PHONE]", "[PHONE]"]
    assert r.silence == ((0, 0.3, 2.0),)


def test_customer_names_of_the_transcript_are_known_and_blanked():
    t = Transcript("c1", "phone", "nl", (_turn("agent", "Goedemorgen meneer Bakker", [], 0.0, 2.0),),
                   extra={"customer_name": "Piet Bakker", "team": "A"})
    r = redact_transcript(t, known_names=["Anna Bos"])
    assert r.transcript.turns[0].text == "Goedemorgen meneer [NAME]"
    assert r.transcript.extra == {"customer_name": "[NAME]", "team": "A"}
    assert r.silence == ((0, 0.0, 2.0),)


def test_a_later_kind_between_two_spans_of_an_earlier_one():
    assert redact("a@b.nl, 0612345678, c@d.nl").text == "[EMAIL], [PHONE], [EMAIL]"


def test_spans_never_overlap_even_where_two_detectors_claim_the_same_digits():
    r = redact("Ik woon op 3511 AB 12-03-1984.")
    assert r.text.startswith("Ik woon op [POSTCODE]") and r.text.count("[") == 1
    assert all(a.end <= b.start for a, b in zip(r.spans, r.spans[1:]))


def test_a_name_found_twice_does_not_stop_the_names_after_it():
    r = redact("Dag meneer Smit en mevrouw Bos.", known_names=["Piet Smit"])
    assert r.text == "Dag meneer [NAME] en mevrouw [NAME]."
