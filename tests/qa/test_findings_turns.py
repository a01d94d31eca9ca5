"""The turn-level shared analyses of qa.findings on their boundaries (own wording, shipped
lexicons): backchannels by lexicon (three words at most) and by timing (four words at most, lying
wholly inside the other party's turn), and the customer's turn an agent turn answers. Written
against the survivors of a mutation run (docs/mutation.md)."""
from __future__ import annotations

from qa.findings import Findings
from qa.lexicon import load_lexicon
from qa.text import prepare
from qa_helpers import convo


def _findings(t, lexicon: bool = True) -> Findings:
    """Findings over the prepared text, as the engine builds them (qa.engine.score)."""
    lex = load_lexicon(t.language)
    cue = lex.phrases_of("common", "question_cues", "question_cues_more")
    p = prepare(t, lex.wordset("common", "fillers"), cue or None, lex.phrases("common", "question_openers") or None)
    return Findings(p, lex if lexicon else None)


def test_backchannel_words_make_a_listening_signal_of_three_words_at_most():
    t = convo([("agent", "Ik kijk het even na."), ("customer", "ja oke hm"), ("customer", "ja oke hm ja"),
               ("customer", "ja"), ("customer", "ja dat klopt")], channel="chat")
    f = _findings(t)
    assert [f.is_backchannel(pt) for pt in f.p.turns] == [False, True, False, True, False]
    assert f.is_backchannel(f.p.turns[1]) is True  # asked again: the same answer
    assert all(isinstance(f.is_backchannel(pt), bool) for pt in f.p.turns)


def test_without_a_lexicon_nothing_is_a_backchannel():
    t = convo([("agent", "Ik kijk het even na."), ("customer", "ja")], channel="chat")
    f = _findings(t, lexicon=False)
    assert f.is_backchannel(f.p.turns[1]) is False


def test_a_short_turn_wholly_inside_the_other_partys_turn_is_a_listening_signal():
    t = convo([("agent", 0.0, 10.0, "dan zet ik de aanvraag nu voor u door naar de afdeling"),
               ("customer", 2.0, 3.0, "die van de gemeente"),  # four words, inside
               ("customer", 4.0, 5.5, "die van de gemeente Breda"),  # five words
               ("customer", 0.0, 10.0, "die van de gemeente"),  # the same start and end
               ("customer", 9.0, 11.0, "die van de gemeente"),  # runs past the agent's end
               ("customer", 12.0, 13.0, "die van de gemeente")])  # after it
    f = _findings(t)
    assert [f.is_backchannel(pt) for pt in f.p.turns] == [False, True, False, True, False, False]


def test_timing_makes_no_backchannel_in_a_transcript_without_times():
    t = convo([("agent", "dan zet ik de aanvraag nu voor u door"), ("customer", "die van de gemeente")],
              channel="email")
    f = _findings(t)
    assert f.is_backchannel(f.p.turns[1]) is False


def test_the_customer_turn_an_agent_turn_answers():
    t = convo([("customer", "Mijn pas is geblokkeerd."), ("customer", "ja"), ("agent", "Dat ga ik na."),
               ("agent", "hm"), ("agent", "Het is opgelost."), ("customer", "Fijn, dank u."), ("agent", "oke"),
               ("agent", "Nog een fijne dag.")], channel="chat")
    f = _findings(t)
    turns = f.p.turns
    # the backchannel "ja" is skipped: the turn before it is answered
    assert f.previous_customer(turns[2]) is turns[0]
    # a substantive agent turn since: nothing to answer; an agent backchannel does not count
    assert f.previous_customer(turns[4]) is None
    assert f.previous_customer(turns[7]) is turns[5]
    assert f.previous_customer_index(4) == 0 and f.previous_customer_index(7) == 5
    assert f.previous_customer_index(0) is None
