"""Phone numbers given with a clear cue that they are the speaker's (or the number to call back
on), and the parts people write around the digits: a country prefix ("+421", "00"), a trunk "(0)",
parentheses ("(+45)", "(55)") and a slash ("0176/ 12345678"). The numbers are checked against
libphonenumber's metadata here, so a test says why the cue is needed."""
from __future__ import annotations

import phonenumbers
import pytest

from meeluister.redaction import redact
from meeluister.redaction.phone import is_phone


def _valid(number: str, region: str | None = None) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    except phonenumbers.NumberParseException:
        return False


def test_the_numbers_here_are_not_valid_in_the_metadata():
    assert not _valid("+421 123 456 789") and not _valid("+33712457898") and not _valid("+49(0)1560 77474")


@pytest.mark.parametrize("text, expected", [
    # the country prefix is masked with the number, not left readable before it
    ("Please update my phone number to +421 123 456 789.", "Please update my phone number to [PHONE]."),
    ("Klant: u kunt mij terugbellen op 00421 123456789.", "Klant: u kunt mij terugbellen op [PHONE]."),
    ("Chat: bel me maar even op +33 3 34 23 12", "Chat: bel me maar even op [PHONE]"),
    # possible in the country's plan, not valid, after an own-number cue
    ("Please update my phone number to +33712457898.", "Please update my phone number to [PHONE]."),
    ("Je suis joignable en journée au +49(0)1560 77474.", "Je suis joignable en journée au [PHONE]."),
    ("Estoy localizable por la mañana en el (55) 3333-33333.", "Estoy localizable por la mañana en el [PHONE]."),
    ("Chat: call me at (+45) 12345678", "Chat: call me at [PHONE]"),
    ("Je suis joignable en journée au 0176/ 12345678.", "Je suis joignable en journée au [PHONE]."),
    # the cue after the number
    ("Agent: ik noteer 07122 555555 als uw terugbelnummer.", "Agent: ik noteer [PHONE] als uw terugbelnummer."),
    ("Agent: I have 972101245 as your contact number, right?", "Agent: I have [PHONE] as your contact number, right?"),
])
def test_a_strong_cue_masks_the_whole_number(text, expected):
    assert redact(text).text == expected


def test_a_prefix_before_a_dutch_number_goes_with_it_without_a_cue():
    assert redact("Het is 00 0612345678.").text == "Het is [PHONE]."
    assert redact("Het is +31 0612345678.").text == "Het is [PHONE]."


@pytest.mark.parametrize("text", [
    "mijn nummer is 12:30",  # a time
    "my phone number is 1.250,00",  # an amount
    "Dat is +999 1234 5678.",  # no such country code, no cue
    "mijn ordernummer is 1234 5678",  # a reference, not a phone cue
    "Ik bel over 1234 5678.",  # a phone word, not the speaker's own number
])
def test_look_alikes_stay_readable(text):
    assert redact(text).text == text


def test_an_invalid_international_number_counts_by_its_country_code_and_length():
    # not valid per the plan's metadata, but a "+", a known country code and 10 digits or more
    assert not _valid("+52019654789321") and is_phone("+52019654789321")
    assert is_phone("+52019654789321", context=1) and is_phone("+52019654789321", context=2)
    assert not _valid("+33712457898") and is_phone("+33712457898")
    assert not is_phone("+33712457898", context=-1)  # a BSN or account word near: the plan decides
    assert not is_phone("+999123456789")  # no such country code
    assert not is_phone("+3312345")  # too short without the speaker's own-number cue
