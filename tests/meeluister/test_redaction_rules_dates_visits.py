"""Dates that look like a birth date but are a visit: a visit word before them or a clock time after
them keeps them readable unless a birth word is closer; a weekday before a birth date goes with it."""
from __future__ import annotations

import pytest

from meeluister.redaction import redact
from meeluister.redaction.options import RedactionOptions


def test_the_years_here_count_as_birth_years_without_a_cue():
    opts = RedactionOptions()
    assert opts.dob_year_min <= 1978 <= opts.dob_year_max and opts.dob_year_min <= 2015 <= opts.dob_year_max
    assert redact("Dat was op 13.5.2015.").text == "Dat was op [DOB]."  # no visit word, no time


@pytest.mark.parametrize("text", [
    "Conseiller : le technicien passe le 13.5.2015.",
    "De monteur komt op 13-5-2015.",
    "El técnico va el 2015/08/12.",
    "Le technicien passe le 21 septembre 1978.",
    "The engineer is booked for 2014-04-12.",
    "Het was 2012/01/02 08:00.",  # a clock time after it
    "Het was 2014-04-12  04:04 PM.",
])
def test_a_visit_date_stays_readable(text):
    assert redact(text).text == text


def test_a_birth_word_closer_than_the_visit_word_still_makes_it_a_birth_date():
    assert redact("De monteur vroeg mijn geboortedatum: 13-5-2015.").text == \
        "De monteur vroeg mijn geboortedatum: [DOB]."
    assert redact("Geboren op 2012/01/02 08:00.").text == "Geboren op [DOB] 08:00."


@pytest.mark.parametrize("text, expected", [
    ("Mijn zoon is geboren op maandag 12 januari 2016.", "Mijn zoon is geboren op [DOB]."),
    ("Je suis né le lundi, 22 janvier 2018.", "Je suis né le [DOB]."),
    ("I was born on monday january 12th, 2016.", "I was born on [DOB]."),
])
def test_a_weekday_goes_with_the_birth_date(text, expected):
    assert redact(text).text == expected
