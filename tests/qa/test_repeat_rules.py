"""The repeat kinds of qa/repeat_rules.py on the shipped lexicons, each rule on its boundary: the
count asked again (the noun after the asking phrase, its stem, the number right before it), the
house number said as a word after a street. Own wording."""
from __future__ import annotations

from qa.lexicon import load_lexicon
from qa.repeat_rules import count_again, since_again, spoken_street

EN, NL = load_lexicon("en"), load_lexicon("nl")


def test_count_again_names_the_asking_phrase_and_its_noun():
    told = [" we have two children "]
    assert count_again(" how many children do you have ", told, EN) == "how many children"
    assert count_again(" how many of your children live with you ", told, EN) == "how many children"  # skip words
    assert count_again(" how many children do you have ", [" we have children "], EN) is None  # no count given


def test_count_again_needs_a_noun_of_four_letters():
    assert count_again(" how many cats ", [" i have two cats "], EN) == "how many cats"
    assert count_again(" how many are left ", [" two are left "], EN) is None  # "are": no noun
    assert count_again(" how many ", [" two "], EN) is None  # nothing after the phrase


def test_the_count_is_a_number_right_before_the_same_stem():
    ask = " how many children do you have "
    assert count_again(ask, [" two children "], EN) == "how many children"  # the number opens the turn
    assert count_again(ask, [" i have 3 children now "], EN) == "how many children"  # digits
    assert count_again(ask, [" children i have two "], EN) is None  # a number after the noun is no count
    assert count_again(" hoeveel nachten blijft u ", [" we blijven twee nachtjes "], NL) == "hoeveel nachten"
    assert count_again(" how many children ", [" two child seats "], EN) == "how many children"  # five letters


def test_since_again_needs_the_customer_to_have_said_when():
    assert since_again(" since when has it been broken ", [" it broke since monday "], EN) == "since when"
    assert since_again(" since when has it been broken ", [" it broke "], EN) is None


def test_spoken_street_with_a_street_name_suffix():
    assert spoken_street(" ik woon op de kerkstraat twaalf ", NL)  # "-straat" in a name, number right after
    assert spoken_street(" de zeedijk twaalf ", NL)  # seven letters
    assert not spoken_street(" het bospad twaalf ", NL)  # six letters are not enough for a suffix match
    assert not spoken_street(" langs de dijk twee keer ", NL)


def test_spoken_street_number_follows_within_four_words():
    assert spoken_street(" i live on the street number twelve ", EN)
    assert spoken_street(" the street is number twelve ", EN)
    assert not spoken_street(" there are two street lights out ", EN)  # a number before the street word
    assert not spoken_street(" ik heb twee kinderen ", NL)  # no street word at all
    assert not spoken_street(" the street one ", EN)  # "one" is no house number


def test_spoken_street_number_as_the_fifth_word_is_too_far():
    assert not spoken_street(" the street where we all lived twelve years ", EN)
    assert spoken_street(" the street where we lived twelve years ", EN)  # the fourth word
