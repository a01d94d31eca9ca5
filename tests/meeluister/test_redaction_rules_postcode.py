"""Postcode rules at their edges (PostNL's format: four digits, the first not 0, two letters, never
SA, SD or SS): units after a quantity written like a postcode's letters, lower-case letters with
and without an address word, and several candidates in one text."""
from __future__ import annotations

import pytest

from meeluister.redaction import redact


@pytest.mark.parametrize("text", [
    "Ik neem 1250MG per dag.",  # unit glued to the number
    "Vitamine D: 1000 IE 2 X per dag.",  # a unit, then a count: not a house number's letter
    "Ik neem 1250 MG per dag, dat staat ook op mijn adreslijst.",  # the address word comes after
])
def test_units_after_a_quantity_stay(text):
    assert redact(text).text == text


def test_a_unit_does_not_hide_a_postcode_later_in_the_text():
    text = "Ik neem 1250 MG per dag en ik woon op 3511 AB 12."
    assert redact(text).text == "Ik neem 1250 MG per dag en ik woon op [POSTCODE]."
    # capitals need no address word
    text = "Ik neem 1250 MG per dag, stuur het naar 3511 AB 12."
    assert redact(text).text == "Ik neem 1250 MG per dag, stuur het naar [POSTCODE]."


@pytest.mark.parametrize("letters", ["sa", "sd", "ss", "Sa", "sD"])
def test_letter_pairs_never_issued_stay_in_any_case(letters):
    spelled = f"{letters[0]} {letters[1]}"  # letters said one by one
    for text in (f"Mijn postcode is 3511 {letters}.", f"Mijn postcode is 3511{letters}.",
                 f"Mijn postcode is 3511 {letters} 12b.", f"Mijn postcode is 3511 {spelled}.",
                 f"Mijn postcode is 3511{spelled}.", f"Mijn postcode is 3511 {spelled} 12b."):
        assert redact(text).text == text, text


def test_lower_case_letters_need_an_address_word():
    assert redact("ik heb 3511 ab gezien").text == "ik heb 3511 ab gezien"
    assert redact("mijn postcode is 3511 ab").text == "mijn postcode is [POSTCODE]"
    assert redact("mijn postcode is 3511ab 12").text == "mijn postcode is [POSTCODE]"


def test_a_strict_postcode_does_not_stop_the_lower_case_pass():
    text = "Postcode 3511 AB, en mijn oude adres was 2514 ab 7."
    assert redact(text).text == "Postcode [POSTCODE], en mijn oude adres was [POSTCODE]."


def test_unit_letters_in_lower_case_need_the_address_word_right_before():
    text = "ik neem 1000 mg 2 keer per dag, stuur het naar mijn adres"
    assert redact(text).text == text
    assert redact("mijn adres 1000 mg 2").text == "mijn adres [POSTCODE]"


def test_a_skipped_lower_case_candidate_does_not_stop_the_pass():
    text = "Niet 3511 s a maar postcode 2514 ab 7."
    assert redact(text).text == "Niet 3511 s a maar postcode [POSTCODE]."
    text = "ik neem 1000 mg per dag en mijn postcode is 2514 ab 7"
    assert redact(text).text == "ik neem 1000 mg per dag en mijn postcode is [POSTCODE]"


def test_a_two_letter_word_glued_to_the_digits_is_a_postcode_spaced_it_is_the_sentence():
    # "ze", "op", "in" are words, but glued to four digits they are a postcode's letters
    assert redact("mijn postcode is 3511ze").text == "mijn postcode is [POSTCODE]"
    assert redact("mijn postcode is 3511Ze").text == "mijn postcode is [POSTCODE]"
    # spaced, without a house number after it, the word goes on with the sentence
    assert redact("mijn postcode is 3511 ze").text == "mijn postcode is 3511 ze"
    text = "Ik woon er sinds 1992 In de zomer is het druk."
    assert redact(text).text == text
