"""The word-level fill rules of qa/fill_rules.py, each on its boundary."""
from __future__ import annotations

from qa.fill_rules import (echoes_and_continues, ends_searching, extends_fragment, raw_first, short_guess,
                           supplies_and_confirms, tag_prefixes)
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


def test_extends_fragment_takes_a_turn_of_eight_words():
    assert extends_fragment(["kinder"], ["kinderbijslag"] + ["x"] * 7)  # eight words: still the word supplied


def test_short_guess_of_one_word():
    qw, bc = frozenset({"wat"}), frozenset({"oke", "ja"})
    assert short_guess(["douze"], qw, bc)
    assert not short_guess(["ja"], qw, bc)


def test_raw_first_keeps_the_written_word():
    assert raw_first("¿Que es eso?") == "que"
    assert raw_first("«Qué, dijo»") == "qué"
    assert raw_first("Xavier, bonjour") == "xavier"  # only the opening marks are stripped, not letters
    assert raw_first("Que, eh") == "que" and raw_first("Oui! Bon") == "oui"
    assert raw_first("") == "" and raw_first("¿ ") == ""


def test_tag_prefixes_need_three_words_before_and_one_after():
    tags = frozenset({"toch", "no"})
    assert tag_prefixes(" toch no dat is het ", tags) == []  # a tag as the first or second word
    assert tag_prefixes(" dat is toch zo ", tags) == [" dat is toch "]  # the third word
    assert tag_prefixes(" dat is de update toch ", tags) == []  # the last word: nothing follows
    assert tag_prefixes(" dat is de update toch dan ", tags) == [" dat is de update toch "]


def test_tag_prefixes_look_at_the_first_fourteen_words():
    words = [f"w{i}" for i in range(20)]
    at13 = words[:13] + ["toch"] + words[14:]
    at14 = words[:14] + ["toch"] + words[15:]
    assert tag_prefixes(" " + " ".join(at13) + " ", frozenset({"toch"})) == [" " + " ".join(at13[:14]) + " "]
    assert tag_prefixes(" " + " ".join(at14) + " ", frozenset({"toch"})) == []
    assert tag_prefixes(" " + " ".join(at14) + " ", frozenset({"toch"}), max_words=15) == [" " + " ".join(at14[:15]) + " "]
