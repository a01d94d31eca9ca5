"""The Dutch diminutive check against a hunspell dictionary, on a tiny dictionary written here (so
that the .aff reading, the suffix flags, whole entries and the unknown-word stem rule are tested
without the 6 s load of hunspell-nl), and the behaviour without any dictionary: the suffix rule
alone, with a warning naming the missing file."""
from __future__ import annotations

import logging

import pytest
from qa_helpers import convo
from rule_helpers import decide

import qa.criteria.diminutives as dim

AFF = """SET UTF-8
FLAG long
# a comment with a byte that is not UTF-8: \xff

SFX Yb Y 2
SFX Yb 0 je [^m]
SFX Yb 0 jes/Cp [^m]

SFX Ya Y 2
SFX Ya 0 tje .
SFX Ya 0 tjes/Cp .

SFX Yd Y 1
SFX Yd 0 jes/Cp .

SFX Yk Y 1
SFX Yk 0 je

SFX Zz Y 1
SFX Zz 0 en .

SFX Cp Y 1
SFX Cp 0 s .

COMPOUNDFLAG Xc
"""
DIC = "15\nboek/YbZz\nmeisje\nmeis/Yb\nhuis/Zz\npen\nauto\nui\nschoen/YaXc\nlamp/Yd\nkas\nla\nhem\ndoos/YbXc\nbank/Yk\n"


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    d = tmp_path_factory.mktemp("hunspell")
    (d / "mini.aff").write_bytes(AFF.encode("latin-1"))  # the comment byte 0xff is no UTF-8
    (d / "mini.dic").write_text(DIC, encoding="utf-8")
    return dim._DutchDictionary(d / "mini")


@pytest.mark.parametrize("word,productive", [
    ("boekje", True), ("boekjes", True),      # stem + a diminutive suffix flag (-je, -jes)
    ("schoentje", True), ("schoentjes", True),  # the -tje/-tjes flag
    ("lampjes", True),                         # a flag whose only rule has a continuation class
    ("bankje", True),                          # a rule written without a condition
    ("schoendoosje", True),                    # a compound: its last part decides
    ("boeken", False),                         # a suffix flag that is no diminutive ending (plural)
    ("meisje", False),                         # a whole entry of its own wins over meis + je
    ("huisje", True),                          # unknown form, its stem is a word
    ("hemdje", False),                         # unknown form, unknown stem ('hem' is not it)
    ("kasje", True),                           # a stem of three letters is enough
    ("laatje", True),                          # la + atje: the doubled vowel is dropped
    ("pennetje", True),                        # -etje after a doubled consonant: pen
    ("autootje", True),                        # a doubled vowel before -tje: auto
    ("uitje", False),                          # a stem of two letters ('ui') is too short
])
def test_dictionary_decides_productive_diminutives(mini, word, productive):
    assert mini.analyse(word) is productive


def test_without_the_dictionary_a_warning_names_it_once_and_analysis_says_unknown(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="qa.criteria.diminutives")
    d = dim._DutchDictionary(tmp_path / "nl")
    assert d.analyse("boekje") is None and d.analyse("meisje") is None
    msg = f"hunspell-nl not found at {tmp_path / 'nl.aff'}: Dutch diminutives by suffix and stop list only"
    assert caplog.messages == [msg]


def test_without_the_dictionary_the_suffix_rule_alone_counts(tmp_path, monkeypatch):
    monkeypatch.setattr(dim, "_NL", dim._DutchDictionary(tmp_path / "nl"))
    assert dim.dutch_diminutive("klusje", frozenset())      # six letters and a diminutive ending
    assert not dim.dutch_diminutive("kusje", frozenset())   # five letters: too short to tell
    assert not dim.dutch_diminutive("klusje", frozenset({"klusje"}))
    assert not dim.dutch_diminutive("klussen", frozenset())
    r, b = decide(convo([("agent", "Een klusje, een kusje, een meisje en een foldertje.")]), "diminutives")
    assert [e.term for e in r.evidence] == ["klusje", "foldertje"]  # the stop list still holds
    assert (r.outcome, r.count, b) == ("fail", 2, "dict-several")


@pytest.mark.parametrize("word", ["boekje", "meisje"])
def test_the_dictionary_is_read_once(mini, word):
    first = mini.analyse(word)
    assert mini.analyse(word) is first and mini._load() is True
