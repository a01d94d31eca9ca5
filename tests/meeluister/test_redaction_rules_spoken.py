"""Spoken numbers turned into digits (`meeluister.redaction.spoken.normalise`): hundreds and
thousands in each language, "plus" and "dubbel" inside a run, written digits inside a run of
words, a month abbreviation that is also a number word, and the map back to the original text.
The values are the numbers as said (spelled from each language's grammar), not read from the
code; each case pins a behaviour a one-line change in the composer would break (docs/mutation.md)."""
from __future__ import annotations

import unicodedata

import pytest

from meeluister.redaction import numberwords, spoken
from meeluister.redaction.spoken import normalise

SAID = [
    # hundreds: a number word before "honderd", "en" or none before what follows, a bare "honderd"
    ("vijf honderd", "500"), ("vijf honderd drie", "503"), ("vijf honderd vijfenvijftig", "555"),
    ("vijf honderd en vijfenvijftig", "555"), ("drie honderd twee en twintig", "322"), ("honderd", "100"),
    ("honderd en vijf", "105"), ("hundred and five", "105"), ("one hundred and five", "105"),
    ("negentien honderd", "1900"), ("negentienhonderd vierentachtig", "1984"),
    # the Spanish hundreds are words of their own
    ("novecientos ochenta y cuatro", "984"), ("mil novecientos ochenta y cuatro", "1984"),
    # thousands: alone, after a number, with "and"/"y" and what follows
    ("duizend", "1000"), ("thousand", "1000"), ("twee duizend", "2000"), ("dos mil cinco", "2005"),
    ("two thousand and five", "2005"), ("mil y cinco", "1005"), ("two thousand five hundred", "2500"),
    # digits inside a run of number words keep their order
    ("nul zes 12 34 56 78", "0612345678"),
    # "plus" before a number word or written digits, at the start or inside a run
    ("bel plus drie een zes", "bel +316"), ("plus 31 6 12", "+31612"), ("zes plus drie", "6+3"),
    ("plus doscientos", "+200"), ("plus drie een zes dubbel", "+316 dubbel"),
    # "dubbel" before a digit, at the end of a run too
    ("nul zes dubbel vijf", "0655"), ("dubbel vijf een", "551"),
    # "sept." with no year after it is the number; with one, the month
    ("cinquante-six sept. Merci", "567. Merci"), ("le 12 sept. 1984", "le 12 sept. 1984"),
    # a phrase never ends inside a hyphenated word: 40 and 92, not 44 and 20 12
    ("quarante quatre-vingt-douze", "4092"),
    # a comma between number words keeps the run; a full stop ends it, and both runs are read
    ("nul zes, twaalf", "0612"), ("nul zes. twaalf dertien", "06. 1213"),
    # "dubbel" before a number of two digits doubles nothing, the number stays
    ("nul zes dubbel twaalf", "0612"),
]


@pytest.mark.parametrize("said, digits", SAID)
def test_numbers_as_said(said, digits):
    assert normalise(said).text == digits


def test_a_repeat_after_a_plus_still_doubles_its_digit():
    assert "331" in normalise("plus dubbel drie een").text


def test_every_unchanged_character_maps_back_to_itself():
    for text in ("bel nul zes nu even", "nul zes 12 34 x", "hij zei vijf honderd drie, toen twee duizend ok",
                 "plus drie een zes, dank u"):
        n = normalise(text)
        assert n.pieces, text
        inside = [range(p[0], p[1]) for p in n.pieces]
        for i, ch in enumerate(n.text):
            if not any(i in r for r in inside):
                a, b = n.to_original(i, i + 1)
                assert (b - a, text[a:b]) == (1, ch), (text, i)
        for s, e, a, b in n.pieces:  # a rewritten number maps to the words said
            assert n.to_original(s, e) == (a, b)


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def test_spanish_words_without_their_accents_mean_the_same():
    # speech recognition and chat often drop the accent: "veintitres", "dieciseis", "veintiun"
    vocab = numberwords._es()
    accented = [k for k in vocab if len(k) == 1 and _plain(k[0]) != k[0]]
    assert {k[0] for k in accented} >= {"dieciséis", "veintiún", "veintidós", "veintitrés", "veintiséis"}
    for (word,) in accented:
        assert vocab[(_plain(word),)] == vocab[(word,)], word


def test_the_only_two_word_english_ordinals_are_twenty_and_thirty_with_a_unit():
    vocab = numberwords._ordinals()
    units = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
    two = {k: v for k, v in vocab.items() if len(k) == 2}
    assert two == {("twenty", u): 21 + i for i, u in enumerate(units)} | {("thirty", "first"): 31}
