"""Tests written against the survivors of a mutation-testing round on the modules changed after
set D (qa/confidence.py, qa/findings.py and five criteria): each pins one behaviour that a
one-token change used to leave unnoticed (list names, bases, bounds, caches)."""
from __future__ import annotations

import math

import pytest

from meeluister.errors import InputError
from qa import score
from qa.confidence import (Calibration, calibration_from_dict, expected_calibration_error, overall_confidence,
                           reliability_table)
from qa_helpers import convo


def basis(res, crit):
    return dict(zip((r.criterion for r in res.results), res.bases))[crit]


# confidence -----------------------------------------------------------------------------------
def test_calibration_dict_without_counts_and_with_zero_agreed():
    cal = calibration_from_dict({"schema": "meeluister.qa-calibration/1"})
    assert cal.counts == {} and cal.confidence("nivea", "pass") == 0.75
    cal = calibration_from_dict({"schema": "meeluister.qa-calibration/1", "counts": {"nivea": [3, 0]}})
    assert cal.counts["nivea"] == (3, 0)


@pytest.mark.parametrize("name", ["prior", "prior_weight", "floor", "ceiling"])
def test_each_setting_is_checked_by_name(name):
    with pytest.raises(InputError, match=rf"{name}.*must be a number >= 0|must be a number >= 0.*{name}"):
        calibration_from_dict({"schema": "meeluister.qa-calibration/1", name: "high"}, "t.json")


def test_settings_round_trip():
    cal = Calibration({"x": (2, 1)}, prior=0.6, prior_weight=3.0, floor=0.1, ceiling=0.9)
    d = cal.to_dict()
    assert (d["prior"], d["prior_weight"], d["floor"], d["ceiling"]) == (0.6, 3.0, 0.1, 0.9)
    back = calibration_from_dict(d)
    assert (back.prior, back.prior_weight, back.floor, back.ceiling) == (0.6, 3.0, 0.1, 0.9)


def test_reliability_bins_are_half_open_and_labelled():
    table = reliability_table([(0.5, True), (0.95, False), (1.0, True)])
    labels = [t[0] for t in table]
    assert labels[0] == "0.00-0.50" and labels[-1] == "0.95-1.00"
    by = {t[0]: t for t in table}
    assert by["0.00-0.50"][1] == 0 and by["0.50-0.60"][1] == 1  # 0.5 opens the second bin
    assert by["0.95-1.00"][1] == 2
    assert expected_calibration_error([(0.0, True)]) == 1.0  # a bin whose mean confidence is 0 counts


def test_overall_confidence_values():
    # two criteria, one pass one fail, confidences 0.9 and 0.8, equal weights, pass mark 0.5
    got = overall_confidence([(1, 1.0, 0.9), (1, 0.0, 0.8)], 0.5, "pass")
    mean = (0.9 * 1 + 0.1 * 0) / 2 + (0.8 * 0 + 0.2 * 1) / 2
    var = 0.25 * 0.9 * 0.1 + 0.25 * 0.8 * 0.2
    z = (mean - 0.5) / math.sqrt(var)
    assert got == round(0.5 * (1 + math.erf(z / math.sqrt(2))), 3)
    # certain results: no spread, the outcome follows the mean
    assert overall_confidence([(1, 0.0, 1.0)], 0.5, "fail") == 1.0
    assert overall_confidence([(1, 1.0, 1.0)], 0.5, "pass") == 1.0


# clarifying_questions ---------------------------------------------------------------------------
def test_explicit_request_by_request_phrase_is_na_with_its_basis():
    res = score(convo([("agent", "Goedemiddag, met Iris."), ("customer", "Ik wil graag een nieuwe afvalpas aanvragen voor mijn nieuwe adres."),
                       ("agent", "Ik stuur u een nieuwe pas.")], channel="chat"))
    assert res.result("clarifying_questions").outcome == "n/a" and basis(res, "clarifying_questions") == "explicit"


def test_number_four_words_after_the_keyword_is_no_identifier():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Mijn container is niet geleegd, klantnummer is volgens mij drie."),
                       ("agent", "Ik stuur u een nieuwe container.")], channel="chat"))
    assert basis(res, "clarifying_questions") != "trivial"


def test_klopt_confirming_then_asking_is_not_a_solution():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik wil een pas voor mijn dochter, dat is de kinderpas denk ik."),
                       ("agent", "Klopt, dat is de kinderpas. En is het voor een reis of voor school?")], channel="chat"))
    assert res.result("clarifying_questions").outcome == "pass" and basis(res, "clarifying_questions") == "question"


def test_search_stops_at_the_first_need_question():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Mijn verwarming slaat steeds af sinds gisteren rond etenstijd."),
                       ("agent", "Wanneer gebeurt dat meestal?"), ("customer", "'s Avonds."),
                       ("agent", "Hoe oud is de ketel?"), ("customer", "Tien jaar."), ("agent", "Ik stuur u een monteur.")],
                      channel="chat"))
    r = res.result("clarifying_questions")
    assert r.outcome == "pass" and r.measures["questions_before_solution"] == 1.0


def test_a_you_can_offer_is_a_solution():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Mijn aanslag is veel hoger dan vorig jaar, dat klopt niet."),
                       ("agent", "U kunt bezwaar maken via het formulier. Heeft u de brief bij de hand?")], channel="chat"))
    assert res.result("clarifying_questions").outcome == "fail" and basis(res, "clarifying_questions") == "solution"


# next_steps ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,term_basis", [
    ("De nieuwe pas is drie weken na de aanvraag klaar.", "deadline"),
    ("U heeft het antwoord voor het eind van de week.", "deadline"),
    ("Het wordt later vandaag verwerkt.", "marker"),
    ("U krijgt het vrijdag in de bus.", "day"),
])
def test_deadline_pattern_rebuilt_from_the_lexicon(text, term_basis):
    from qa.criteria import next_steps
    next_steps._DEADLINE_CACHE.clear()  # build the pattern again, not from an earlier test's cache
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Wanneer?"), ("agent", text)], channel="chat"))
    assert res.result("next_steps").outcome == "pass" and basis(res, "next_steps") == term_basis


# no_repeat_questions ----------------------------------------------------------------------------
def test_when_again_through_a_five_letter_word():
    t = convo([("customer", "Gisteren kreeg ik de brief."), ("agent", "Wanneer heeft u de brief gekregen?")], channel="chat")
    assert score(t).result("no_repeat_questions").outcome == "fail"


def test_value_read_back_with_a_nivea_tag_or_a_check_tag_is_no_repeat():
    for tag in ("of niet?", "is dat juist?"):
        t = convo([("customer", "Mijn klantnummer is 4471902."), ("agent", f"4471902 is uw klantnummer, {tag}")], channel="chat")
        assert score(t).result("no_repeat_questions").outcome == "pass", tag
    t = convo([("customer", "Mijn klantnummer is 4471902."), ("agent", "Wat is uw klantnummer?")], channel="chat")
    assert score(t).result("no_repeat_questions").outcome == "fail"


def test_four_spoken_digits_are_a_number():
    t = convo([("customer", "mijn nummer is vier vier zeven een"), ("agent", "wat is uw klantnummer")])
    assert score(t).result("no_repeat_questions").outcome == "fail"
    t = convo([("customer", "mijn nummer is vier vier zeven"), ("agent", "wat is uw klantnummer")])
    assert score(t).result("no_repeat_questions").outcome == "pass"


def test_number_word_followed_by_spoken_digits_is_read_back():
    t = convo([("customer", "mijn burgerservicenummer is 247180936"),
               ("agent", "oke dus uw burgerservicenummer twee vier zeven een acht nul negen drie zes")])
    assert score(t).result("no_repeat_questions").outcome == "pass"


def test_nothing_asked_keeps_its_basis():
    res = score(convo([("customer", "Mijn klantnummer is 4471902."), ("agent", "Hoe gaat het met u?")], channel="chat"))
    assert basis(res, "no_repeat_questions") == "not-asked"


def test_postcode_given_as_a_value_only():
    t = convo([("customer", "Ik woon op 3512 AB, huisnummer 4."), ("agent", "Wat is uw postcode?")], channel="chat")
    assert score(t).result("no_repeat_questions").outcome == "fail"


# room_for_emotion -------------------------------------------------------------------------------
def test_emotion_evidence_is_the_sentence_with_the_term_and_bases():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik bel over mijn aanslag. Ik ben echt woedend."),
                       ("agent", "Wat is uw postcode?")], channel="chat"))
    r = res.result("room_for_emotion")
    assert r.outcome == "fail" and basis(res, "room_for_emotion") == "no-ack"
    assert r.evidence[0].quote == "Ik ben echt woedend." and r.evidence[1].quote == "Wat is uw postcode?"
    assert r.measures == {"emotion_turn": 1.0}
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik ben echt woedend."),
                       ("agent", "Wat vervelend, dat begrijp ik. Wat is uw postcode?")], channel="chat"))
    assert basis(res, "room_for_emotion") == "ack"


def test_customer_speaking_twice_before_the_agent_answers():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik ben echt woedend."), ("customer", "Al drie weken niets."),
                       ("agent", "Dat begrijp ik, wat vervelend.")], channel="chat"))
    assert res.result("room_for_emotion").outcome == "pass"


def test_agent_backchannel_is_not_the_response():
    res = score(convo([("agent", 0.0, 1.0, "Goedemiddag."), ("customer", 1.5, 6.0, "Ik ben echt woedend, al drie weken niets."),
                       ("agent", 3.0, 3.3, "ja"), ("agent", 6.5, 8.0, "Wat is uw postcode?")]))
    r = res.result("room_for_emotion")
    assert r.outcome == "fail" and r.evidence[1].quote == "Wat is uw postcode?"


def test_weak_signal_and_none_bases():
    weak = score(convo([("agent", "Goedemiddag."), ("customer", "Ik woon alleen en heb een vraag."), ("agent", "Zeker.")],
                       channel="chat"))
    assert basis(weak, "room_for_emotion") == "weak-signal"
    calm = score(convo([("agent", "Goedemiddag."), ("customer", "Ik heb een vraag."), ("agent", "Zeker.")], channel="chat"))
    assert basis(calm, "room_for_emotion") == "none"


def test_cut_in_basis():
    res = score(convo([("agent", 0.0, 1.0, "Goedemiddag."), ("customer", 1.5, 8.0, "Ik ben echt woedend, dit is de derde keer dat het misgaat."),
                       ("agent", 7.0, 9.0, "Mag ik uw postcode?")]))
    assert res.result("room_for_emotion").outcome == "fail" and basis(res, "room_for_emotion") == "cut-in"


def test_a_later_completion_elsewhere_does_not_cut_off_the_venting():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik ben echt woedend."),
                       ("agent", "Dat begrijp ik, wat vervelend."), ("customer", "Ik wil eigenlijk weten of"),
                       ("agent", "of u uw geld terugkrijgt, ja dat krijgt u.")], channel="chat"))
    assert res.result("nivea").outcome == "fail" and res.result("room_for_emotion").outcome == "pass"


# findings ---------------------------------------------------------------------------------------
def test_misspelt_strong_word_from_the_second_list_after_a_cold_cache():
    from qa import emotion_rules
    emotion_rules._LONG.clear()
    emotion_rules.misspelt.cache_clear()
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Dit is echt waardelooss."), ("agent", "Wat is uw postcode?")],
                      channel="chat"))
    assert res.result("room_for_emotion").outcome == "fail"


def test_an_old_age_in_digits_adds_a_point():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik ben 84 en ik woon alleen."), ("agent", "Wat is uw postcode?")],
                      channel="chat"))
    assert res.result("room_for_emotion").outcome == "fail"
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik ben 44 en ik woon alleen."), ("agent", "Wat is uw postcode?")],
                      channel="chat"))
    assert res.result("room_for_emotion").outcome == "n/a"


def test_backchannel_then_confirm_is_no_supplied_word():
    t = convo([("agent", "Goedemiddag."), ("customer", "Ik wil eigenlijk"), ("agent", "oke ja dat kan")], channel="chat")
    assert score(t).result("nivea").outcome == "pass"


def test_bare_acknowledgement_then_but_is_no_room():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik ben echt woedend."),
                       ("agent", "Begrijpelijk. Maar dat is nu eenmaal zo.")], channel="chat"))
    assert res.result("room_for_emotion").outcome == "fail"


def test_confirming_with_klopt_or_ja_before_a_question_is_not_the_solution():
    for yes in ("Klopt", "Ja"):
        res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik wil een pas voor mijn dochter, dat is de kinderpas denk ik."),
                           ("agent", f"{yes}, dan heeft u een kinderpas nodig. En is het voor een reis of voor school?")],
                          channel="chat"))
        assert res.result("clarifying_questions").outcome == "pass", yes


def test_a_number_word_from_the_second_given_list():
    # "kenmerk" is only in given_number_more; no digits, so only the phrase marks it given
    t = convo([("customer", "Ik bel over de brief, het kenmerk staat bovenaan."), ("agent", "Wat is het kenmerk?")], channel="chat")
    assert score(t).result("no_repeat_questions").outcome == "fail"


def test_backchannel_before_yes_supplies_nothing():
    t = convo([("agent", "Goedemiddag."), ("customer", "Ik wil graag mijn"), ("agent", "hm ja dat kan")], channel="chat")
    assert score(t).result("nivea").outcome == "pass"
    t = convo([("agent", "Goedemiddag."), ("customer", "Ik wil graag mijn"), ("agent", "abonnement opzeggen ja dat kan")], channel="chat")
    assert score(t).result("nivea").outcome == "fail"


def test_an_eight_letter_misspelling_counts():
    from qa import emotion_rules
    emotion_rules.misspelt.cache_clear()
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Ik ben doodsban."), ("agent", "Wat is uw postcode?")], channel="chat"))
    assert res.result("room_for_emotion").outcome == "fail"
