"""The word-level fill rules of qa/fill_rules.py, each on its boundary."""
from __future__ import annotations

from qa.fill_rules import echoes_and_continues, ends_searching, extends_fragment, short_guess, supplies_and_confirms
from qa.lexicon import PhraseMatcher

SEARCH = PhraseMatcher(["hoe heet het", "how do you say"])


def test_ends_searching_allows_two_words_after_the_phrase():
    assert ends_searching(SEARCH, " met dat ding hoe heet het ")
    assert ends_searching(SEARCH, " met dat ding hoe heet het nou eh ")
    assert not ends_searching(SEARCH, " hoe heet het nou eigenlijk precies ")
    assert not ends_searching(SEARCH, " ik weet het niet ")


def test_extends_fragment():
    assert extends_fragment(["de", "kinder"], ["de", "kinderbijslag"])
    assert not extends_fragment(["de", "kind"], ["de", "kind"])  # the same word is no extension
    assert not extends_fragment(["het", "kin"], ["kinderbijslag"])  # a fragment of three letters is too short
    assert extends_fragment(["kind"], ["kinderen"])  # four letters are enough
    assert not extends_fragment(["kinder"], ["ja", "nee", "de", "kinderbijslag"])  # only the first three words
    assert not extends_fragment(["kinder"], ["kinderbijslag"] + ["x"] * 8)  # nine words: an answer, not a word
    assert not extends_fragment([], ["kinderbijslag"]) and not extends_fragment(["kinder"], [])


def test_echoes_and_continues():
    cont = frozenset({"of", "whether"})
    assert echoes_and_continues(["weten", "of"], ["of", "u", "korting"], cont)
    assert not echoes_and_continues(["weten", "of"], ["of", "u"], cont)  # two words do not go on
    assert not echoes_and_continues(["duurt", "dat"], ["dat", "duurt", "lang"], cont)  # "dat" can end a sentence
    assert not echoes_and_continues(["weten", "of"], ["en", "u", "korting"], cont)
    assert not echoes_and_continues([], ["of", "u", "korting"], cont)


def test_supplies_and_confirms_and_short_guess():
    confirm, bc = frozenset({"ja"}), frozenset({"oke", "ja"})
    assert supplies_and_confirms(["afgewezen", "ja", "dat", "zie", "ik"], confirm, bc)
    assert not supplies_and_confirms(["oke", "ja", "dat", "kan"], confirm, bc)  # only a backchannel before "ja"
    assert not supplies_and_confirms(["ja", "dat", "kan"], confirm, bc)  # nothing supplied before it
    assert not supplies_and_confirms(["een", "twee", "drie", "vier", "vijf", "zes", "ja"], confirm, bc)  # too late
    qw = frozenset({"wat"})
    assert short_guess(["douze", "ans"], qw, bc) and short_guess(["a", "b", "c"], qw, bc)
    assert not short_guess(["a", "b", "c", "d"], qw, bc) and not short_guess(["wat", "bedoelt", "u"], qw, bc)
    assert not short_guess([], qw, bc) and not short_guess(["oke", "ja"], qw, bc)
