"""Date-of-birth rules at their edges: the last day and month of a year, two-digit years, which
of a birth word and an "other date" word ("sinds", "klant sinds") stands closer, an other-date
word at the very start of the text, and several dates in one text."""
from __future__ import annotations

import pytest

from meeluister.redaction import RedactionOptions, redact


@pytest.mark.parametrize("text, expected", [
    ("Op 31-12-1984.", "Op [DOB]."),  # the last day of the last month
    ("Op 31 december 1984.", "Op [DOB]."),
    ("Op 01-01-1984.", "Op [DOB]."),
    ("Op 32-12-1984.", "Op 32-12-1984."),
    ("Op 31-13-1984.", "Op 31-13-1984."),
    ("Op 00-12-1984.", "Op 00-12-1984."),
])
def test_day_and_month_bounds(text, expected):
    assert redact(text).text == expected


def test_two_digit_years_need_a_birth_word_whatever_the_year_range():
    wide = RedactionOptions(dob_year_min=0, dob_year_max=2015)
    assert redact("Op 12-03-84.", wide).text == "Op 12-03-84."
    assert redact("Geboren 12-03-84.", wide).text == "Geboren [DOB]."
    assert redact("Op 12-03-0084.", wide).text == "Op 12-03-0084."  # not a year form at all


def test_an_other_date_word_only_counts_before_the_date():
    text = "12-03-1984 ben ik geboren, klant sinds 2009."
    assert redact(text).text == "[DOB] ben ik geboren, klant sinds 2009."


def test_an_other_date_word_that_starts_the_text():
    assert redact("Sinds 1 januari 1990 ben ik klant.").text == "Sinds 1 januari 1990 ben ik klant."
    assert redact("Klant sinds 1 januari 1990.").text == "Klant sinds 1 januari 1990."


def test_a_birth_word_closer_to_the_date_than_the_other_date_word_wins():
    assert redact("Lid sinds 2010, geboren op 1 januari 1990.").text == "Lid sinds 2010, geboren op [DOB]."
    # the other way round: "sinds" is the closer word
    assert redact("Geboren in Delft, klant sinds 1 januari 1990.").text == \
        "Geboren in Delft, klant sinds 1 januari 1990."


def test_every_date_of_a_text_is_looked_at():
    assert redact("Geboren 12-03-1984, mijn vrouw 05-06-1986.").text == "Geboren [DOB], mijn vrouw [DOB]."
    # an impossible date does not hide the next one of the same form
    assert redact("Niet 32-01-1984 maar 12-03-1984.").text == "Niet 32-01-1984 maar [DOB]."
