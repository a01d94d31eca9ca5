"""Phone rules at their edges. Numbers follow the numbering plans (libphonenumber's metadata is the
judge of "valid", checked here beside each number): Dutch national numbers are 0 + 9 digits, an
international one is + or 00 and the country code, E.164 allows at most 15 digits, a number
written nationally with its trunk 0 in one of the usual plans (BE, GB, FR, DE; 10 digits or more)
counts on its own, and one written nationally without a trunk 0 ("612 345 678") needs a phone
word close to it."""
from __future__ import annotations

import phonenumbers
import pytest

from meeluister.redaction import redact
from meeluister.redaction.phone import is_phone

UK_MOBILE = "07400 711447"  # valid in the UK plan only when read as British (0 + 10 digits)
ES_MOBILE = "612 345 678"  # Spanish: no trunk 0, 9 digits: a phone number only with a phone word
US_ONLY = "(312) 555-0199"  # valid for the NANP and for none of BE, GB, FR, ES, DE


def _valid(number: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    except phonenumbers.NumberParseException:
        return False


def test_the_numbers_used_here_are_what_the_plans_say():
    assert _valid(UK_MOBILE, "GB") and not _valid(UK_MOBILE, "NL")
    assert _valid(US_ONLY, "US") and not any(_valid(US_ONLY, r) for r in ("BE", "GB", "FR", "ES", "DE"))
    assert _valid("+43 1 234567890123", None)  # 15 digits: the E.164 maximum
    assert _valid("+49 30 123456789012", None)  # 16 digits: the library accepts it, E.164 does not


def test_without_a_phone_word_dutch_international_and_trunk_national_numbers_count():
    assert is_phone("0612345678") and is_phone("+44 7400 711447")
    assert is_phone(UK_MOBILE)  # the default is no context: a trunk 0 and 11 digits in the UK plan
    assert not is_phone(ES_MOBILE)
    assert is_phone(ES_MOBILE, context=True)
    assert not is_phone(ES_MOBILE, context=False)
    assert not is_phone(UK_MOBILE, context=-1)  # a BSN or account word near: only Dutch and +


@pytest.mark.parametrize("text, expected", [
    ("Het is 0031 6 12345678.", "Het is [PHONE]."),  # 00 as the international prefix
    ("Het is (020) 123 4567.", "Het is [PHONE]."),  # area code in parentheses
    ("Het is +43 1 234567890123.", "Het is [PHONE]."),  # 15 digits
    ("Het is +49 30 123456789012.", "Het is +49 30 123456789012."),  # 16 digits: too long
    ("Dat is +999 1234 5678.", "Dat is +999 1234 5678."),  # no such country code
    ("Bel ons gratis op 0800-1234.", "Bel ons gratis op 0800-1234."),  # 8 digits: a service number
])
def test_plan_rules(text, expected):
    assert redact(text).text == expected


def test_a_phone_word_after_the_number_counts_within_its_window_and_sentence():
    assert redact(f"{ES_MOBILE} is mijn mobiel.").text == "[PHONE] is mijn mobiel."
    # the sentence ended before the word
    assert redact(f"{ES_MOBILE}. Mijn mobiel is stuk.").text == f"{ES_MOBILE}. Mijn mobiel is stuk."
    # another number between
    assert redact(f"{ES_MOBILE} en 3 andere mobiel").text == f"{ES_MOBILE} en 3 andere mobiel"
    near = f"{ES_MOBILE} is het nummer waarop u mij kunt bellen."
    assert redact(near).text == "[PHONE] is het nummer waarop u mij kunt bellen."  # 39 characters: within 45
    far = f"{ES_MOBILE} stond op de achterkant van het oude formulier, niet bellen."
    assert redact(far).text == far  # "bellen" 57 characters after it: beyond the 45 allowed


def test_a_phone_word_before_the_number_with_punctuation_between():
    assert redact(f"Bel: {ES_MOBILE}").text == "Bel: [PHONE]"
    assert redact(f"Call me at {US_ONLY}.").text == "Call me at [PHONE]."
    # with a phone word, a number some other country's plan accepts counts too (privacy first);
    # without one the same digits stay
    assert redact("Call me at 3125 550 199.").text == "Call me at [PHONE]."
    assert redact("Order 3125 550 199 arrived.").text == "Order 3125 550 199 arrived."


def test_a_number_after_a_short_one_in_unpunctuated_speech():
    text = "ik woon op nummer 12 0612345678 is mijn mobiel"
    assert redact(text).text == "ik woon op nummer 12 [PHONE] is mijn mobiel"


def test_a_list_of_numbers_one_a_line():
    assert redact("Nummers: 0612345678\n-0201234567").text == "Nummers: [PHONE]\n-[PHONE]"


def test_a_phone_number_beside_a_bsn_in_one_stretch_of_digits():
    r = redact("BSN 111222333 / 0612345678")
    assert r.counts == {"bsn": 1, "phone": 1}
    assert "0612345678" not in r.text and "111222333" not in r.text
    assert r.text.startswith("BSN [BSN] ")


def test_the_digits_of_a_mistyped_iban_at_the_start_are_not_a_phone():
    assert redact("NL00 ABNA 0612 3456 78").text == "NL00 ABNA 0612 3456 78"


def test_an_opening_parenthesis_stays_outside_the_tag():
    assert redact("Mijn nummer (0612345678) klopt.").text == "Mijn nummer ([PHONE]) klopt."


def test_reference_words_only_before_the_number_and_only_for_the_first():
    assert redact("Bel 0612345678 over uw bestelling.").text == "Bel [PHONE] over uw bestelling."
    assert redact("Ordernummer 0612345678.").text == "Ordernummer 0612345678."
    # "ref" 25 characters before the first number: that one is the reference, the second (36
    # characters after "ref", beyond the 30 a reference reaches) is a phone number
    text = "Uw ref is, even kijken, 0612345678 0201234567"
    assert redact(text).text == "Uw ref is, even kijken, 0612345678 [PHONE]"
