"""Each criterion's whole result on own-wording conversations: outcome, reason, measures and the
evidence (turn, quote, term), with the near miss beside each rule's threshold, so that a changed
comparison, a lost evidence item or a wrong message turns a test red (mutation testing: see
docs/benchmarks.md)."""
from __future__ import annotations

import pytest

from meeluister.records import Transcript, Turn, Word
from qa import score
from qa.criteria.tone import audio_flags
from qa.scorecard import scorecard_from_dict
from qa_helpers import convo

A = ("agent", "Goedemiddag, met Bram.")


def res(t, crit, card=None):
    return score(t, card).result(crit)


def ev(r):
    return [(e.turn, e.quote, e.term) for e in r.evidence]


def card(crit, **params):
    return scorecard_from_dict({"name": "p", "version": "1", "criteria": {crit: params}})


# concise_opening --------------------------------------------------------------------------------

def test_concise_opening_short_passes_with_measures():
    r = res(convo([("agent", 0.0, 3.0, "Goedemorgen, gemeente Ede, met Bram. Waarmee kan ik u helpen?")]),
            "concise_opening")
    assert (r.outcome, r.score, r.reason) == ("pass", 1.0, "opening of 10 words")
    assert r.measures == {"words": 10.0, "seconds": 3.0} and r.evidence == ()


def test_concise_opening_long_fails_quoting_its_first_sentence():
    text = ("Goedemorgen, gemeente Ede. Ja ja ja Wij helpen u met paspoorten, rijbewijzen, afval, parkeren en "
            "nog veel meer zaken van de gemeente vandaag. Waarmee kan ik u helpen?")
    r = res(convo([("agent", 0.0, 12.4, text)]), "concise_opening")
    assert (r.outcome, r.score) == ("fail", 0.0)
    assert r.reason == "opening of 28 words / 12.4 s exceeds the scorecard's 25 words / 10.0 s"
    assert r.measures == {"words": 28.0, "seconds": 12.4}
    assert ev(r) == [(0, "Goedemorgen, gemeente Ede.", None)]


@pytest.mark.parametrize("words,secs,outcome", [(25, 9.0, "pass"), (26, 9.0, "fail"), (3, 10.0, "pass"),
                                                (3, 10.01, "fail")])
def test_concise_opening_limits_are_inclusive(words, secs, outcome):
    text = " ".join(["woord"] * words)
    assert res(convo([("agent", 0.0, secs, text)]), "concise_opening").outcome == outcome


def test_concise_opening_limits_come_from_the_scorecard():
    t = convo([("agent", 0.0, 5.0, " ".join(["woord"] * 12))])
    r = res(t, None, ) if False else score(t, card("concise_opening", max_words=10, max_seconds=4.0)).result(
        "concise_opening")
    assert r.reason == "opening of 12 words / 5.0 s exceeds the scorecard's 10 words / 4.0 s"


def test_concise_opening_in_chat_counts_up_to_the_first_question_and_has_no_seconds():
    t = convo([("agent", 0.0, 30, "Hoi! Welkom bij de chat van Ede, u chat met Bram. Wat is uw vraag? "
                + " ".join(["lang"] * 50))], channel="chat")
    r = res(t, "concise_opening")
    assert (r.outcome, r.reason, r.measures) == ("pass", "opening of 15 words", {"words": 15.0, "seconds": None})
    r = score(t, card("concise_opening", max_words_text=14)).result("concise_opening")
    assert r.outcome == "fail" and r.reason == "opening of 15 words exceeds the scorecard's 14 words"
    assert ev(r) == [(0, "Hoi!", None)]


def test_concise_opening_na():
    assert res(convo([("agent", "Beste, dank voor uw mail.")], channel="email"),
               "concise_opening").reason == "not judged on email"
    r = res(convo([("customer", "Hallo?")]), "concise_opening")
    assert (r.outcome, r.reason, r.score) == ("n/a", "no agent turn", None)


# nivea ------------------------------------------------------------------------------------------

def _cut(start, cust="ik bel over mijn pas die ik gisteren", agent="verloren bent ja"):
    return convo([("agent", 0.0, 2.0, "Goedemiddag, met Bram."), ("customer", 2.5, 8.0, cust),
                  ("agent", start, 9.0, agent)])


def test_nivea_completion_evidence_and_measures():
    r = res(_cut(7.6, "Ik bel over mijn pas die ik gisteren...", "...verloren bent, ja."), "nivea")
    assert (r.outcome, r.score, r.count) == ("fail", 0.0, 1)
    assert r.reason == "the agent fills in for the customer 1x (completion)"
    assert r.measures == {"fills": 1.0, "interruptions": 0.0}
    assert ev(r) == [(2, "...verloren bent, ja.", "completes the customer's sentence")]


@pytest.mark.parametrize("start,outcome,interruptions", [(7.4, "fail", 1.0), (7.5, "fail", 1.0),
                                                          (7.6, "pass", 0.0)])
def test_nivea_cut_in_on_unpunctuated_speech_at_the_overlap_threshold(start, outcome, interruptions):
    r = res(_cut(start), "nivea")
    assert r.outcome == outcome and r.measures["interruptions"] == interruptions
    assert r.count == (1 if outcome == "fail" else 0)


def test_nivea_pass_result():
    r = res(_cut(7.6), "nivea")
    assert (r.score, r.reason, r.evidence) == (1.0, "the agent lets the customer say it themselves", ())


def test_nivea_assumption_and_max_fills():
    t = convo([A, ("customer", "Ik bel over mijn pas."), ("agent", "Waar kan ik u mee helpen?"),
               ("customer", "Nee."), ("agent", "U wilt zeker een nieuwe?")], channel="chat")
    r = res(t, "nivea")
    assert r.reason == "the agent fills in for the customer 1x (assumption)"
    assert ev(r) == [(4, "U wilt zeker een nieuwe?", "u wilt zeker")]
    assert score(t, card("nivea", max_fills=1)).result("nivea").outcome == "pass"


@pytest.mark.parametrize("agent,outcome", [("De afvalpas.", "fail"), ("De afvalpas?", "fail"),
                                           ("Welke pas bedoelt u?", "pass"), ("Sorry?", "pass"),
                                           ("Sorry, de afvalpas.", "pass")])
def test_nivea_word_search_is_completed_by_a_short_statement(agent, outcome):
    t = convo([A, ("customer", "Ik heb een vraag over de, hoe heet het, de..."), ("agent", agent)], channel="chat")
    assert res(t, "nivea").outcome == outcome


@pytest.mark.parametrize("agent,outcome,term", [
    ("Wanneer wilt u komen? Nou, dinsdag is het rustigst.", "fail", "nou"),
    ("Wanneer wilt u komen? Welke dag? Nou, dinsdag is het rustigst.", "fail", "nou"),
    ("Mag ik u even in de wacht zetten? Nou, dan zoek ik het op.", "pass", None),
    ("Wanneer wilt u komen? Dinsdag is het rustigst.", "pass", None),
])
def test_nivea_self_answer(agent, outcome, term):
    r = res(convo([A, ("customer", "Ik wil een afspraak."), ("agent", agent)], channel="chat"), "nivea")
    assert r.outcome == outcome
    if term:
        assert r.reason.endswith("(self-answer)") and ev(r) == [(2, "Nou, dinsdag is het rustigst.", term)]


def test_nivea_na():
    assert res(convo([("customer", "Hallo")], channel="chat"), "nivea").reason == "no agent turn"
    assert res(convo([("agent", "Hi")], lang="de"), "nivea").reason == "no lexicon for language 'de'"


# next_steps -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,outcome,term", [
    ("U krijgt de pas binnen vijf werkdagen.", "pass", "binnen vijf werkdagen"),
    ("Dat heeft u vrijdag in de bus.", "pass", "vrijdag"),
    ("Vrijdag is de balie open.", "fail", None),
    ("Dan is dat geregeld.", "pass", "dan is dat geregeld"),
    ("U hoort morgen van ons.", "pass", "morgen"),
    ("Wanneer wilt u de pas binnen vijf werkdagen?", "fail", None),  # a question is no promise
    ("wanneer wilt u hem binnen vijf werkdagen", "pass", "binnen vijf werkdagen"),  # unpunctuated: no question
    ("Mag ik u in de wacht zetten, dat duurt binnen twee minuten.", "fail", None),  # a hold is no next step
])
def test_next_steps_terms(text, outcome, term):
    r = res(convo([A, ("customer", "Mijn pas is kapot."), ("agent", text)]), "next_steps")
    assert r.outcome == outcome
    if outcome == "pass":
        assert r.reason == "the agent says what happens next and when" and ev(r) == [(2, text, term)]
    else:
        assert r.reason == "no timeframe for what happens next" and r.evidence == ()


def test_next_steps_vague_promise_is_quoted_and_the_first_timeframe_decides():
    r = res(convo([A, ("customer", "Mijn pas is kapot."),
                   ("agent", "Er wordt zo snel mogelijk contact met u opgenomen. Binnenkort hoort u meer.")]),
            "next_steps")
    assert r.reason == "no timeframe for what happens next (only a vague promise)"
    assert ev(r) == [(2, "Er wordt zo snel mogelijk contact met u opgenomen.", "zo snel mogelijk")]
    r = res(convo([A, ("customer", "Mijn pas is kapot."),
                   ("agent", "Kijk op de website. U krijgt binnen vijf werkdagen bericht. En morgen ook.")]),
            "next_steps")
    assert ev(r) == [(2, "U krijgt binnen vijf werkdagen bericht.", "binnen vijf werkdagen")]


def test_next_steps_in_a_filled_in_turn_does_not_count():
    t = convo([A, ("customer", "Ik wil een nieuwe pas, want de oude..."), ("agent", "...binnen vijf werkdagen klaar, ja.")],
              channel="chat")
    assert res(t, "nivea").outcome == "fail" and res(t, "next_steps").outcome == "fail"
    assert res(convo([("customer", "Hallo")]), "next_steps").reason == "no agent turn"
    assert res(convo([("agent", "Hi")], lang="de"), "next_steps").outcome == "n/a"


# no_repeat_questions ---------------------------------------------------------------------------

def test_no_repeat_questions_counts_each_repeat_with_its_term():
    t = convo([A, ("customer", "Hallo, mijn naam is Karin Veldman, postcode 3512 AB, klantnummer 4471902."),
               ("agent", "Wat is uw postcode? En wat is uw klantnummer? Wat is uw naam?")])
    r = res(t, "no_repeat_questions")
    assert (r.outcome, r.score, r.count) == ("fail", 0.0, 3)
    assert r.reason == "the agent asks 3x for something the customer already gave"
    assert [e.term for e in r.evidence] == ["uw postcode", "klantnummer", "wat is uw naam"]
    assert score(t, card("no_repeat_questions", max_repeats=3)).result("no_repeat_questions").outcome == "pass"


@pytest.mark.parametrize("turns,reason", [
    ([("customer", "Hallo."), ("agent", "Wat is uw postcode?")], "no repeated questions"),
    ([("customer", "Hallo."), ("agent", "Wat is uw postcode?"), ("customer", "3512 AB."),
      ("agent", "Dat was 3512 AB, klopt dat.")], "no repeated questions"),
    ([("customer", "Hallo, 3512 AB."), ("agent", "Dus postcode 3512 AB.")], "the agent asks nothing twice"),
])
def test_no_repeat_questions_passes(turns, reason):
    r = res(convo([A, *turns]), "no_repeat_questions")
    assert (r.outcome, r.count, r.reason, r.evidence) == ("pass", 0, reason, ())


def test_no_repeat_long_turn_gives_the_subject_and_numbers_count_as_given():
    long = "Ik heb een vraag over de afvalkalender van volgend jaar voor mijn straat en wijk hier."
    r = res(convo([A, ("customer", long), ("agent", "Wat is uw vraag?")]), "no_repeat_questions")
    assert r.outcome == "fail" and ev(r) == [(2, "Wat is uw vraag?", "wat is uw vraag")]
    r = res(convo([A, ("customer", "Kort."), ("agent", "Wat is uw vraag?")]), "no_repeat_questions")
    assert r.outcome == "pass"
    r = res(convo([A, ("customer", "Het gaat om 88812345."), ("agent", "Wat is uw klantnummer?")]),
            "no_repeat_questions")
    assert r.outcome == "fail"
    r = res(convo([A, ("customer", "Het gaat om 8881."), ("agent", "Wat is uw klantnummer?")]),
            "no_repeat_questions")
    assert r.outcome == "pass"


# hold_etiquette ---------------------------------------------------------------------------------

def _hold(announce, ret, cust="Ja hoor."):
    return convo([("agent", 0.0, 2.0, "Goedemiddag, met Bram."),
                  ("customer", 2.5, 8.0, "Ik wil weten of mijn aanvraag al binnen is."),
                  ("agent", 8.5, 12.0, announce), ("customer", 12.2, 12.8, cust), ret])


def test_hold_pass_evidence_and_measures():
    r = res(_hold("Ik zoek het op, dat duurt ongeveer drie minuten.", ("agent", 60.0, 63.0, "Bedankt voor het wachten.")),
            "hold_etiquette")
    assert (r.outcome, r.reason) == ("pass", "1 hold(s) announced and returned to")
    assert r.measures == {"holds": 1.0, "longest_hold_s": 47.2}
    assert ev(r) == [(2, "Ik zoek het op, dat duurt ongeveer drie minuten.", "ongeveer drie minuten"),
                     (4, "Bedankt voor het wachten.", "thanks on return")]


def test_hold_require_thanks():
    t = _hold("Ik zoek het op, dat duurt ongeveer drie minuten.", ("agent", 60.0, 63.0, "Zo, de aanvraag is binnen."))
    r = res(t, "hold_etiquette")
    assert r.outcome == "pass" and ev(r)[1] == (4, "Zo, de aanvraag is binnen.", "returns")
    r = score(t, card("hold_etiquette", require_thanks=True)).result("hold_etiquette")
    assert (r.outcome, r.reason) == ("fail", "no thanks after the 47 s hold")


@pytest.mark.parametrize("ret_start,outcome", [(33.0, "fail"), (32.5, "n/a")])
def test_hold_gap_threshold(ret_start, outcome):
    r = res(_hold("Ik kijk even.", ("agent", ret_start, ret_start + 2, "Bedankt voor het wachten.")), "hold_etiquette")
    assert r.outcome == outcome
    if outcome == "fail":
        assert r.reason == "20 s hold without announcement (permission or duration)"
        assert ev(r)[0] == (2, "Ik kijk even.", "20 s hold not announced")
    else:
        assert r.reason == "no hold in this contact"


def test_hold_gap_threshold_from_the_scorecard():
    t = _hold("Ik kijk even.", ("agent", 30.0, 32.0, "Bedankt voor het wachten."))
    assert res(t, "hold_etiquette").outcome == "n/a"
    r = score(t, card("hold_etiquette", min_gap_s=15.0)).result("hold_etiquette")
    assert r.outcome == "fail" and r.measures["longest_hold_s"] == 17.2


def test_hold_customer_checks_the_line_and_consent_tag():
    r = res(_hold("Mag ik u even in de wacht zetten?", ("customer", 60.0, 61.0, "Hallo?")), "hold_etiquette")
    assert (r.outcome, r.reason) == ("fail", "after 47 s the customer has to check the line")
    assert ev(r) == [(2, "Mag ik u even in de wacht zetten?", "mag ik u even in de wacht"),
                     (4, "Hallo?", "customer has to check the line")]
    r = res(_hold("Ik zet u in de wacht, is dat goed?", ("agent", 60.0, 61.0, "Daar ben ik weer.")), "hold_etiquette")
    assert r.outcome == "pass" and ev(r)[0] == (2, "Ik zet u in de wacht, is dat goed?", "is dat goed")
    r = res(_hold("Ik zet u in de wacht.", ("agent", 60.0, 61.0, "Daar ben ik weer.")), "hold_etiquette")
    assert r.outcome == "fail"


def test_hold_announcement_is_looked_for_only_since_the_customer_last_spoke():
    t = convo([("agent", 0.0, 2.0, "Goedemiddag, met Bram."),
               ("agent", 2.0, 4.0, "Mag ik u even in de wacht zetten?"),
               ("customer", 4.5, 12.0, "Ja, maar ik wil eerst nog even zeggen dat het om de aanvraag van mijn zoon gaat."),
               ("agent", 12.5, 13.0, "Ik kijk even."),
               ("agent", 50.0, 52.0, "Bedankt voor het wachten.")])
    r = res(t, "hold_etiquette")
    assert r.outcome == "fail" and "without announcement" in r.reason


def test_two_holds_one_bad():
    t = convo([("agent", 0.0, 2.0, "Mag ik u even in de wacht zetten?"), ("agent", 40.0, 41.0, "Bedankt voor het wachten."),
               ("customer", 41.5, 44.0, "Dank u, en dan heb ik nog een vraag over de tweede aanvraag van mij."),
               ("agent", 44.5, 45.0, "Ik kijk even."),
               ("agent", 100.0, 101.0, "Bedankt voor het wachten.")])
    r = res(t, "hold_etiquette")
    assert r.outcome == "fail" and r.measures == {"holds": 2.0, "longest_hold_s": 55.0}
    assert r.reason == "55 s hold without announcement (permission or duration)" and len(r.evidence) == 4
    assert ev(r)[2] == (3, "Ik kijk even.", "55 s hold not announced")


def test_hold_na():
    assert res(convo([("agent", "a"), ("customer", "b")], channel="email"), "hold_etiquette").reason == \
        "no timing: holds cannot be measured"
    assert res(convo([("agent", 0, 1, "Hi"), ("customer", 50, 51, "x")], lang="de"), "hold_etiquette").reason == \
        "no lexicon for language 'de'"


# own_name_greeting ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,kw,outcome,reason,term", [
    ("Goedemorgen, gemeente Ede, u spreekt met Sanne.", {"agent_name": "Sanne de Vries"}, "pass",
     "agent gives their name ('sanne')", "sanne"),
    ("Goedemorgen, gemeente Ede, u spreekt met Sane.", {"agent_name": "Sanne de Vries"}, "pass",
     "agent gives their name ('sane')", "sane"),
    ("Goedemorgen, met Jo.", {"agent_name": "Jo Smit"}, "pass", "agent gives their name ('jo')", "jo"),
    ("Goedemorgen, u spreekt met meneer Hendriks.", {}, "pass", "agent introduces themself as 'hendriks'",
     "hendriks"),
    ("Goedemorgen, Vries Verzekeringen.", {"agent_name": "Sanne de Vries", "organisation": "Vries Verzekeringen"},
     "fail", "the opening names the organisation, not the agent", None),
    ("Goedemorgen, u spreekt met de gemeente.", {}, "fail", "the opening names the organisation, not the agent", None),
    ("Goedemorgen, u spreekt met 112.", {}, "fail", "the opening gives no agent name", None),
    ("Goedemorgen, waarmee kan ik helpen?", {}, "fail", "the opening gives no agent name", None),
])
def test_greeting_results(text, kw, outcome, reason, term):
    r = res(convo([("agent", text)], **kw), "own_name_greeting")
    assert (r.outcome, r.reason) == (outcome, reason)
    assert ev(r) == [(0, text, term)]


def test_greeting_roster_match_measure_and_threshold():
    t = convo([("agent", "Goedemorgen, u spreekt met Sane.")], agent_name="Sanne de Vries")
    r = res(t, "own_name_greeting")
    assert round(r.measures["name_match"], 1) == 88.9
    strict = score(t, card("own_name_greeting", name_match_threshold=95)).result("own_name_greeting")
    assert strict.reason == "agent introduces themself as 'sane'" and "name_match" not in strict.measures


def test_greeting_only_the_opening_seconds_count():
    words = [("Goedemorgen", 0.0), ("gemeente", 0.5), ("Ede", 1.0), ("eh", 1.5), ("ja", 16.0), ("Sanne", 16.5)]
    t = Transcript(contact_id="w", channel="phone", language="nl", agent_name="Sanne Bos",
                   turns=(Turn("agent", 0.0, 17.0, " ".join(w for w, _ in words),
                               words=tuple(Word(w, s, s + 0.5, 0.9) for w, s in words)),))
    r = res(t, "own_name_greeting")
    assert (r.outcome, r.reason) == ("fail", "the opening names the organisation, not the agent")
    late = score(t, card("own_name_greeting", max_opening_seconds=20.0)).result("own_name_greeting")
    assert late.outcome == "pass"


def test_greeting_na():
    assert res(convo([("agent", "Hallo")], lang="de"), "own_name_greeting").reason == "no lexicon for language 'de'"
    assert res(convo([("customer", "Hallo")]), "own_name_greeting").reason == "no agent turn"
    r = res(convo([("customer", "Vraag"), ("agent", "Antwoord")], channel="email"), "own_name_greeting")
    assert r.reason == "not judged on email"


# room_for_emotion -------------------------------------------------------------------------------

ANGRY = "Ik ben echt woedend, dit is de derde keer dat het misgaat."


def test_room_pass_evidence():
    r = res(convo([A, ("customer", ANGRY), ("agent", "Wat vervelend, dat begrijp ik. Wat is uw klantnummer?")]),
            "room_for_emotion")
    assert (r.outcome, r.reason) == ("pass", "the agent acknowledges the emotion first")
    assert r.measures == {"emotion_turn": 1.0}
    assert ev(r)[1] == (2, "Wat vervelend, dat begrijp ik.", "wat vervelend") and ev(r)[0][0] == 1
    assert ev(r)[0][2] is not None and ev(r)[0][1] == ANGRY


def test_room_fail_without_acknowledgement_quotes_the_first_practical_sentence():
    r = res(convo([A, ("customer", ANGRY), ("agent", "Wat is uw klantnummer? Dan kijk ik."),
                   ("customer", "Vijf."), ("agent", "Wat vervelend.")]), "room_for_emotion")
    assert r.reason == "the agent goes to the practical part without acknowledging the emotion"
    assert ev(r)[1] == (2, "Wat is uw klantnummer?", None)


def test_room_interruption_and_completion_fail():
    t = convo([("agent", 0.0, 2.0, "Goedemiddag, met Bram."), ("customer", 2.5, 10.0, ANGRY),
               ("agent", 9.0, 12.0, "Sorry, wat is uw klantnummer?")])
    r = res(t, "room_for_emotion")
    assert (r.outcome, r.reason) == ("fail", "the agent cuts in while the customer is venting")
    assert r.measures == {"emotion_turn": 1.0, "overlap_s": 1.0}
    assert ev(r)[1] == (2, "Sorry, wat is uw klantnummer?", "interrupts 1.0 s early")
    t = convo([A, ("customer", "Ik ben echt woedend, want de pas die ik gisteren..."), ("agent", "...kwijtraakte, ja.")],
              channel="chat")
    r = res(t, "room_for_emotion")
    assert r.reason == "the agent finishes the upset customer's sentence"
    assert ev(r)[1] == (2, "...kwijtraakte, ja.", "completes the customer's sentence")


def test_room_na():
    assert res(convo([A, ("customer", "Ik heb een vraag over de afvalkalender.")]), "room_for_emotion").reason == \
        "the customer shows no strong emotion"
    assert res(convo([A, ("customer", ANGRY)]), "room_for_emotion").reason == \
        "the agent does not respond after the emotional turn"
    assert res(convo([("agent", "Hi")], lang="de"), "room_for_emotion").reason == "no lexicon for language 'de'"


# clarifying_questions ---------------------------------------------------------------------------

NEED = "Mijn parkeervergunning werkt niet meer bij de slagboom van de garage."


def test_clarifying_pass_and_fail_evidence():
    r = res(convo([A, ("customer", NEED), ("agent", "Wat is uw postcode? Wat gebeurt er precies bij de slagboom?")]),
            "clarifying_questions")
    assert (r.outcome, r.reason) == ("pass", "the agent asks about the need before solving")
    assert ev(r) == [(2, "Wat gebeurt er precies bij de slagboom?", None)]
    assert r.measures == {"questions_before_solution": 1.0}
    r = res(convo([A, ("customer", NEED), ("agent", "Dan stuur ik u een nieuwe pas. Wat gebeurt er precies?")]),
            "clarifying_questions")
    assert (r.outcome, r.reason) == ("fail", "the agent solves without asking about the need first")
    assert ev(r) == [(2, "Dan stuur ik u een nieuwe pas.", None)]
    assert r.measures == {"questions_before_solution": 0.0}


def test_clarifying_min_questions_from_the_scorecard():
    t = convo([A, ("customer", NEED), ("agent", "Wat gebeurt er precies?"), ("customer", "Rood licht."),
               ("agent", "Sinds wanneer?"), ("customer", "Gisteren."), ("agent", "Dan stuur ik u een nieuwe pas.")])
    assert res(t, "clarifying_questions").outcome == "pass"
    two = score(t, card("clarifying_questions", min_questions=2)).result("clarifying_questions")
    assert two.outcome == "pass" and two.measures == {"questions_before_solution": 2.0}
    three = score(t, card("clarifying_questions", min_questions=3)).result("clarifying_questions")
    assert three.outcome == "fail" and three.measures == {"questions_before_solution": 2.0}


@pytest.mark.parametrize("opening,outcome", [
    ("Ik wil graag mijn adres wijzigen, klantnummer 4471902, per 1 mei.", "n/a"),
    ("Ik wil graag mijn adres wijzigen naar de Lindenlaan veertien in Ede.", "n/a"),
    ("Ik wil graag mijn adres wijzigen, ik woon nu in 3512 AB.", "n/a"),
    ("Ik wil graag mijn adres wijzigen want ik ga verhuizen naar Ede.", "fail"),
])
def test_clarifying_trivial_request(opening, outcome):
    r = res(convo([A, ("customer", opening), ("agent", "Dat heb ik aangepast.")]), "clarifying_questions")
    assert r.outcome == outcome
    if outcome == "n/a":
        assert r.reason == "explicit, trivial request with everything needed given"


def test_clarifying_na_and_ignored_questions():
    assert res(convo([A, ("customer", "Hallo.")]), "clarifying_questions").reason == "no customer request found"
    assert res(convo([("agent", "Hi")], lang="de"), "clarifying_questions").reason == "no lexicon for language 'de'"
    r = res(convo([A, ("customer", NEED), ("agent", "Mag ik u even in de wacht zetten?"),
                   ("agent", "Dan stuur ik u een nieuwe pas.")]), "clarifying_questions")
    assert r.outcome == "fail"


# diminutives ------------------------------------------------------------------------------------

def test_diminutive_score_falls_per_finding_and_max_count():
    t = convo([("agent", "Een momentje. Ik stuur een mailtje met een linkje en een formuliertje en een briefje.")])
    r = res(t, "diminutives")
    assert (r.outcome, r.count, r.score) == ("fail", 5, 0.0)
    assert r.reason == "5 minimising diminutive(s): momentje, mailtje, linkje, formuliertje, briefje"
    assert r.measures == {"count": 5.0}
    one = res(convo([("agent", "Een momentje.")]), "diminutives")
    assert (one.score, one.count) == (0.75, 1)
    lax = score(t, card("diminutives", max_count=5, penalty_per_finding=0.1)).result("diminutives")
    assert (lax.outcome, lax.reason, lax.score) == ("pass", "5 within the allowed number", 0.5)
    none = res(convo([("agent", "Dank u wel.")]), "diminutives")
    assert (none.outcome, none.reason, none.score, none.count) == ("pass", "no minimising diminutives", 1.0, 0)


def test_spanish_capitalised_name_inside_a_sentence_is_not_a_diminutive():
    r = res(convo([("agent", "Le atiende Anita, un momentito por favor.")], lang="es"), "diminutives")
    assert [e.term for e in r.evidence] == ["momentito"]
    assert res(convo([("agent", "Hi")], lang="de"), "diminutives").reason == "no lexicon for language 'de'"


# tone -------------------------------------------------------------------------------------------

NORM = {"pitch_range_min_st": 3.0, "speech_rate_min_syl_s": 2.0, "speech_rate_max_syl_s": 7.5, "energy_min_db": -45.0}


@pytest.mark.parametrize("audio,flags", [
    ({"pitch_range_st": 3.0, "speech_rate_syl_s": 2.0, "energy_db": -45.0}, []),
    ({"pitch_range_st": 2.9}, ["monotonous: pitch range 2.9 st < 3.0 st"]),
    ({"speech_rate_syl_s": 7.5}, []),
    ({"speech_rate_syl_s": 7.6}, ["rushed: 7.6 syllables/s > 7.5"]),
    ({"speech_rate_syl_s": 1.9}, ["slow, flat delivery: 1.9 syllables/s < 2.0"]),
    ({"energy_db": -46.0}, ["low energy: -46 dBFS < -45.0"]),
    ({"pitch_range_st": 1.0, "energy_db": -50.0}, ["monotonous: pitch range 1.0 st < 3.0 st",
                                                   "low energy: -50 dBFS < -45.0"]),
])
def test_tone_audio_flags_at_the_norms(audio, flags):
    assert audio_flags(audio, NORM) == flags


def test_tone_words():
    t = convo([A, ("customer", "Hoe lang duurt het?"),
               ("agent", "Geen idee. Daar gaan wij niet over, dat staat op de website. Nog iets?"),
               ("customer", "Nee."), ("agent", "Dan wens ik u verder een hele goede dag en tot ziens.")])
    r = res(t, "tone")
    assert r.outcome == "fail" and r.reason.endswith("(words only)")
    assert r.measures["dismissive"] == float(len(r.evidence)) >= 1
    lax = score(t, card("tone", max_dismissive=5)).result("tone")
    assert lax.outcome == "pass" and lax.reason == "engaged tone (words only)"
    excl = convo([("agent", "Hallo! Super! Geweldig! Top! Fijn dat u belt, waar gaat het om vandaag, vertel maar.")])
    r = res(excl, "tone")
    assert r.outcome == "fail" and "over-cheerful: 80% of sentences are exclamations" in r.reason
    assert r.measures["exclamation_share"] == 0.8
    assert res(convo([A]), "tone").reason == "no audio and too few agent words to judge the tone"
    assert res(convo([A]), "tone").measures == {"agent_words": 3.0}
