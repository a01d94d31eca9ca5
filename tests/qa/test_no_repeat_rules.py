"""no_repeat_questions on its boundaries (own wording, shipped lexicons): split compounds joined
again, numbers said digit by digit, a value given or read out, phone numbers as a new detail,
the customer's number word after a possessive, and the basis of every outcome. Written against
the survivors of a mutation run (docs/mutation.md); each test pins what a user of the result sees."""
from __future__ import annotations

import pytest

from qa_helpers import convo
from rule_helpers import card, decide, ev

CRIT = "no_repeat_questions"
GAVE_NUMBER = ("customer", "Mijn klantnummer is 4471902.")


def _decide(turns, **kw):
    return decide(convo(turns, **kw), CRIT)


# split compounds ------------------------------------------------------------------------------
def test_a_compound_split_after_its_first_word_is_joined_again():
    # "polis nummer": the head is the turn's second word, the part before it has five letters
    r, basis = _decide([("customer", "Polis nummer staat op de brief."), ("agent", "Wat is uw polisnummer?")],
                       channel="chat")
    assert (r.outcome, basis, r.count) == ("fail", "repeat", 1)
    assert ev(r) == [(1, "Wat is uw polisnummer?", "polisnummer")]


def test_a_short_word_before_a_head_is_not_joined():
    # "uw naam" stays two words (joined, "uwnaam" would hide the asking phrase)
    r, basis = _decide([("customer", "Mijn naam is Ria Bos."), ("agent", "Wat is uw naam?")], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")


def test_a_compound_split_in_a_question_of_two_words_is_joined():
    r, basis = _decide([("customer", "Mijn polisnummer is 88123."), ("agent", "Polis nummer?")], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "Polis nummer?", "polisnummer")]


def test_a_four_letter_word_before_a_head_is_not_joined():
    # "pass nummer" is no "passnummer": nothing given, the question is a first one
    r, basis = _decide([("customer", "Mijn pass nummer weet ik niet."), ("agent", "Wat is uw pasnummer?")],
                       channel="chat")
    assert (r.outcome, basis) == ("pass", "asked")


# numbers said digit by digit ------------------------------------------------------------------
def test_three_spoken_digits_are_no_number_even_opening_the_turn():
    r, basis = _decide([("customer", "vier vier zeven"), ("agent", "wat is uw klantnummer")])
    assert (r.outcome, basis) == ("pass", "asked")
    r, basis = _decide([("customer", "vier vier zeven een"), ("agent", "wat is uw klantnummer")])
    assert (r.outcome, basis) == ("fail", "repeat")


def test_the_agent_reading_the_number_out_digit_by_digit_gives_it():
    r, basis = _decide([("customer", "mijn klantnummer is vier vier zeven een twee"),
                        ("agent", "oke het klantnummer is vier vier zeven een twee")])
    assert (r.outcome, basis, r.evidence) == ("pass", "not-asked", ())


def test_the_agent_reading_the_number_out_in_digits_gives_it():
    r, basis = _decide([GAVE_NUMBER, ("agent", "Uw klantnummer is 4471902?")], channel="chat")
    assert (r.outcome, basis) == ("pass", "not-asked")


# number words of the customer's own ------------------------------------------------------------
def test_a_phone_number_is_a_new_detail_not_the_number_given():
    for lang, gave, ask in (("nl", GAVE_NUMBER[1], "Wat is uw telefoonnummer?"),
                            ("en", "My customer number is 4471902.", "What is your phone number?")):
        r, basis = _decide([("customer", gave), ("agent", ask)], channel="chat", lang=lang)
        assert (r.outcome, basis) == ("pass", "not-asked"), lang


def test_any_number_word_after_a_possessive_asks_for_the_number_again():
    # not an asking phrase of the lexicon, but "uw ...nummer": the number the customer gave
    r, basis = _decide([GAVE_NUMBER, ("agent", "Uw burgerservicenummer?")], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "Uw burgerservicenummer?", "burgerservicenummer")]
    r, basis = _decide([GAVE_NUMBER, ("agent", "En wat was uw burgerservicenummer ook alweer?")], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")


def test_a_number_word_followed_by_its_value_gives_it():
    r, basis = _decide([GAVE_NUMBER, ("agent", "Uw burgerservicenummer 123456789?")], channel="chat")
    assert (r.outcome, basis) == ("pass", "not-asked")


def test_a_number_word_needs_the_number_given_first():
    r, basis = _decide([("customer", "Ik heb een vraag."), ("agent", "Uw burgerservicenummer?")], channel="chat")
    assert (r.outcome, basis) == ("pass", "not-asked")


@pytest.mark.xfail(strict=True, reason="bug (docs/mutation.md): the number-word fallback ignores the "
                   "said-first exception of unpunctuated speech")
def test_a_number_word_said_before_the_question_in_speech_asks_nothing():
    # the slot phrase "klantnummer" before the question's start is skipped ("said, then asked"),
    # but the fallback `_asks_a_number` finds "uw klantnummer" in the same words
    r, basis = _decide([("customer", "mijn klantnummer is vier vier zeven een twee"),
                        ("agent", "ik zie dat uw klantnummer bij ons bekend is wilt u nog iets anders weten")])
    assert r.outcome == "pass"


# asked again whether the customer already did it ---------------------------------------------
def test_already_tried_matches_two_shared_words_of_five_letters_in_a_later_turn():
    # the customer's first turn tells nothing tried; the second does, and shares "kabel" (five
    # letters) and "opnieuw" with the agent's question
    turns = [("customer", "Goedemiddag, mijn internet doet het niet."),
             ("customer", "Ik heb de kabel al opnieuw aangesloten."),
             ("agent", "Heeft u de kabel opnieuw geprobeerd?")]
    r, basis = _decide(turns, channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(2, "Heeft u de kabel opnieuw geprobeerd?", "heeft u de")]
    # one shared word is not the same matter
    r, basis = _decide([turns[1], ("agent", "Heeft u de router opnieuw geprobeerd?")], channel="chat")
    assert (r.outcome, basis) == ("pass", "not-asked")


# asked again when it happened ------------------------------------------------------------------
def test_when_again_reads_the_words_nearest_before_the_time_up_to_a_conjunction():
    # "het pakket is gisteren": the event is the second word back from the time; the words at
    # the turn's start lie behind "maar"
    told = ("customer", "Mijn buurvrouw was thuis maar het pakket is gisteren bezorgd.")
    r, basis = _decide([told, ("agent", "Wanneer heeft u het pakket ontvangen?")], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "Wanneer heeft u het pakket ontvangen?", "wanneer heeft u")]
    r, basis = _decide([told, ("agent", "Wanneer heeft u de buurvrouw gesproken?")], channel="chat")
    assert r.outcome == "pass"  # "buurvrouw" lies before "maar": another clause


# what the customer gave, and what the agent asks -----------------------------------------------
def test_a_customer_turn_of_twelve_words_tells_the_subject():
    ask = ("agent", "Waar belt u over?")
    r, basis = _decide([("customer", "Ik bel want mijn factuur van deze maand is veel te hoog."), ask], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "Waar belt u over?", "waar belt u over")]
    r, basis = _decide([("customer", "Ik bel want mijn factuur van deze maand is te hoog."), ask], channel="chat")
    assert (r.outcome, basis) == ("pass", "asked")  # eleven words


def test_every_slot_is_looked_for_in_every_customer_turn():
    # the name first, then the number in a later turn: both are given
    r, basis = _decide([("customer", "Met meneer Jansen."), GAVE_NUMBER, ("agent", "Wat is uw klantnummer?")],
                       channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(2, "Wat is uw klantnummer?", "klantnummer")]


def test_a_statement_or_a_value_read_back_before_the_question_does_not_end_the_turn():
    r, basis = _decide([GAVE_NUMBER, ("agent", "Dank u. Wat is uw klantnummer?")], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    r, basis = _decide([("customer", "Ik woon op 3512 AB."), ("agent", "3512 AB, klopt dat? En wat is uw postcode?")],
                       channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "En wat is uw postcode?", "uw postcode")]


def test_the_agent_splitting_a_compound_asks_for_it_too():
    r, basis = _decide([("customer", "Mijn geboortedatum is 3 maart 1980."), ("agent", "Wat is uw geboorte datum?")],
                       channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "Wat is uw geboorte datum?", "geboortedatum")]


def test_in_typed_text_the_whole_question_sentence_asks():
    # punctuated: the question mark decides, so a slot word before "wat was dat" asks as well
    r, basis = _decide([GAVE_NUMBER, ("agent", "En het klantnummer, wat was dat?")], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")


def test_a_number_before_the_asking_phrase_gives_no_value():
    # only what follows the phrase can be the value read out
    r, basis = _decide([GAVE_NUMBER, ("agent", "Ik heb 2 vragen: wat is het klantnummer?")], channel="chat")
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "Ik heb 2 vragen: wat is het klantnummer?", "klantnummer")]


def test_in_speech_a_slot_said_before_the_question_leaves_the_later_slots_asked():
    # "uw naam" lies before the question's start ("wat is"): said, not asked; the number after it asks
    r, basis = _decide([("customer", "mijn klantnummer is vier vier zeven een twee"),
                        ("agent", "ik zie uw naam staan wat is het klantnummer")])
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "ik zie uw naam staan wat is het klantnummer", "klantnummer")]


def test_in_speech_the_time_asked_again_counts():
    r, basis = _decide([("customer", "het pakket is gisteren bezorgd"), ("agent", "wanneer heeft u het pakket ontvangen")])
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "wanneer heeft u het pakket ontvangen", "wanneer heeft u")]


def test_a_repeat_allowed_by_max_repeats_passes_as_asked():
    r, basis = decide(convo([GAVE_NUMBER, ("agent", "Uw burgerservicenummer?")], channel="chat"), CRIT,
                      card(CRIT, max_repeats=1))
    assert (r.outcome, basis, r.count) == ("pass", "asked", 1)
    assert ev(r) == [(1, "Uw burgerservicenummer?", "burgerservicenummer")]


# "zoals ik al zei": the customer saying they already gave it --------------------------------
def test_already_said_after_a_repeat_in_the_same_turn_is_not_counted_twice():
    r, basis = _decide([GAVE_NUMBER, ("agent", "Wat is uw klantnummer? En wat is uw naam?"),
                        ("customer", "Zoals ik al zei, 4471902.")], channel="chat")
    assert (r.outcome, basis, r.count) == ("fail", "repeat", 1)
    assert ev(r) == [(1, "Wat is uw klantnummer?", "klantnummer")]


def test_already_said_after_two_fresh_questions_is_a_repeat_of_the_last():
    r, basis = _decide([("customer", "Goedemiddag, ik heb een vraag."), ("agent", "Wat is uw naam? En uw postcode?"),
                        ("customer", "Zoals ik al zei, Jansen.")], channel="chat")
    assert (r.outcome, basis, r.count) == ("fail", "repeat", 1)
    assert ev(r) == [(1, "En uw postcode?", "customer: zoals ik al zei")]


def test_already_said_after_a_short_statement_in_speech_is_no_repeat():
    # ten words, no question: nothing was asked
    r, basis = _decide([("agent", "ik ga even in het systeem voor u kijken hoor"),
                        ("customer", "zoals ik al zei het gaat om de aanvraag van vorige week")])
    assert (r.outcome, basis, r.count) == ("pass", "not-asked", 0)


@pytest.mark.xfail(strict=True, reason="bug (docs/mutation.md): an unpunctuated statement of more than ten "
                   "words counts as the question that 'zoals ik al zei' answers")
def test_already_said_after_a_long_statement_in_speech_is_no_repeat():
    r, basis = _decide([("agent", "ik ga even in het systeem kijken wat er met uw aanvraag aan de hand is"),
                        ("customer", "zoals ik al zei het gaat om de aanvraag van vorige week")])
    assert r.outcome == "pass"


def test_in_speech_without_a_question_start_the_last_ten_words_ask():
    # eleven words: "klantnummer" is the first of the last ten, so it asks
    r, basis = _decide([("customer", "mijn klantnummer is vier vier zeven een twee"),
                        ("agent", "het klantnummer heb ik nodig om uw gegevens op te zoeken")])
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(1, "het klantnummer heb ik nodig om uw gegevens op te zoeken", "klantnummer")]


def test_already_said_in_speech_after_a_question_without_a_mark():
    r, basis = _decide([("agent", "ik zie het hier staan wat is uw postcode"),
                        ("customer", "zoals ik al zei drie vijf een twee a b")])
    assert (r.outcome, basis) == ("fail", "repeat")
    assert ev(r) == [(0, "ik zie het hier staan wat is uw postcode", "customer: zoals ik al zei")]


def test_two_repeats_have_their_own_basis():
    r, basis = _decide([("customer", "Met meneer Jansen."), GAVE_NUMBER,
                        ("agent", "Wat is uw klantnummer? En wat is uw naam?")], channel="chat")
    assert (r.outcome, basis, r.count) == ("fail", "repeat-multi", 2)
    assert [e[2] for e in ev(r)] == ["klantnummer", "wat is uw naam"]
