"""The example library's text goes through the one redactor (meeluister.redaction), not a pattern
of its own: what the warehouse's redaction would take is taken in excerpts and quotes too, the
agent's name becomes the pseudonym, and amounts, times and case numbers stay."""
from __future__ import annotations

import pytest

from coaching.examples import Pseudonyms


@pytest.mark.parametrize("speaker, text, expected", [
    # introductions the examples' old pattern did not know
    ("customer", "Goedemiddag, ik heet Jan de Vries.", "Goedemiddag, ik heet [NAME]."),
    ("customer", "Bonjour, je m'appelle Łukasz Nowak.", "Bonjour, je m'appelle [NAME]."),
    ("customer", "dag mevrouw, mijn naam is daan kramer", "dag mevrouw, mijn naam is [NAME]"),
    # other kinds, and an agent's turn addressing the customer
    ("customer", "Bel me op 06 12 34 56 78 of mail jan punt jansen at gmail punt com.",
     "Bel me op [PHONE] of mail [EMAIL]."),
    ("agent", "Dank u meneer Jansen, uw zaak 48213 staat op 12 maart om 10:30.",
     "Dank u meneer [NAME], uw zaak 48213 staat op 12 maart om 10:30."),
    # the agent's own name: the pseudonym, kept in their greeting
    ("agent", "Goedemorgen, u spreekt met Sanne Bos. Dat kost 12,50 euro.",
     "Goedemorgen, u spreekt met medewerker A. Dat kost 12,50 euro."),
    # a quote whose speaker is not known is redacted as anyone's
    ("", "Mijn naam is Piet Smit.", "Mijn naam is [NAME]."),
])
def test_excerpt_text_is_redacted_by_the_one_redactor(speaker, text, expected):
    names = Pseudonyms()
    assert names.text(text, "a-1", "Sanne Bos", speaker) == expected


def test_a_tag_already_in_the_text_is_left_as_it_is():
    text = "Mijn naam is [NAME], mijn nummer is [PHONE]."
    assert Pseudonyms().text(text, "a-1", "Sanne Bos", "customer") == text
