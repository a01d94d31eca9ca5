"""clarifying_questions, the n/a rules one by one: no request (every customer turn under eight
words), a trivial request (an identifier given: digits, a postcode, an identifier word or a
compound ending in -nummer/-number/-straat/-laan/-weg/-plein before a number, digits or a number
word or a compound of one), unless the opening reports a problem; an explicit request (at most 45
words, no vague topic, a request phrase or a wh-question in its first five words), each with its
basis. The agent answers at once in every case, so a request that is neither fails. Own wording."""
from __future__ import annotations

import pytest
from qa_helpers import convo
from rule_helpers import decide

from qa.scorecard import scorecard_from_dict

CRIT = "clarifying_questions"
DONE = {"en": "I have done that for you now.", "nl": "Dat heb ik aangepast."}


def judge(customer: str, lang: str = "en", card=None):
    t = convo([("agent", "Good morning."), ("customer", customer), ("agent", DONE.get(lang, "Erledigt."))], lang=lang)
    r, b = decide(t, CRIT, card)
    return r.outcome, b


def test_no_request_without_a_customer_turn_of_eight_words():
    assert judge("Hi.") == ("n/a", "no-request")


@pytest.mark.parametrize("customer,expected", [
    ("Hello, please resend the invoice of order 48213 to me.", ("n/a", "trivial")),  # digits, no postcode
    ("Hello, can you resend my bill, my zip is nine four one.", ("n/a", "trivial")),  # an identifier word
    ("Could you please update my address to house number sixty.", ("n/a", "trivial")),  # "six" begins "sixty"
    ("My customer number is 48213 and the router is broken again.", ("fail", "no-question")),  # a problem
])
def test_trivial_requests_in_english(customer, expected):
    assert judge(customer) == expected


@pytest.mark.parametrize("identifier", ["pasnummer vijf", "Dorpsstraat veertien", "Lindelaan veertien",
                                        "Dorpsweg veertien", "Marktplein veertien", "huisnummer 12",
                                        "huisnummer vijfenveertig"])
def test_a_compound_identifier_before_a_number_is_trivial(identifier):
    # "ik wil graag" also makes it explicit: the basis tells the two apart
    assert judge(f"Goedemiddag, ik wil graag iets doorgeven voor de administratie: {identifier}.", "nl") == \
        ("n/a", "trivial")


@pytest.mark.parametrize("customer,expected", [
    ("Hello, what do I need to bring with me tomorrow?", ("n/a", "explicit")),  # a wh-question
    ("Hello, good morning to you, what do I need to bring?", ("fail", "no-question")),  # the wh-word sixth
    ("Hello there, can you send the invoice to me again?", ("fail", "no-question")),  # a question, no wh-word
    ("I have a question about my invoice, I would like to change it.", ("fail", "no-question")),  # a topic
    ("I would like to change my address " + " ".join(["today"] * 38), ("n/a", "explicit")),  # 45 words
    ("I would like to change my address " + " ".join(["today"] * 39), ("fail", "no-question")),  # 46
])
def test_explicit_requests(customer, expected):
    assert judge(customer) == expected


def test_a_language_without_number_words(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "clarifying.toml").write_text('request = ["ich möchte"]\n', encoding="utf-8")
    card = scorecard_from_dict({"name": "p", "version": "1", "lexicon_dirs": [str(tmp_path)],
                                "criteria": {CRIT: {}}})
    # "Kundennummer" ends in -nummer, but no German number word is known: not trivial; explicit
    assert judge("Guten Tag, ich möchte meine Adresse ändern, Kundennummer fünf.", "de", card) == ("n/a", "explicit")
