"""The bulk pre-filter's patterns (`meeluister.redaction.prefilter`), built again here by the
module's own builders (`_pattern`, `_alt`): they run once at import, so a test that only read
`CANDIDATE_PATTERN` could not tell a broken builder from a sound one (mutation testing reaches
them only this way). Each alternative of the pattern is checked on both sides of its edge, as
the module's docstring defines it, and the rebuilt pattern must still let through every text
`redact()` changes."""
from __future__ import annotations

import random
import re

import pytest

from meeluister.redaction import prefilter, redact


def candidate() -> re.Pattern[str]:
    return re.compile(prefilter._pattern(prefilter._START, prefilter._END, "^", "^" + prefilter._NO_CAPITAL))


def block() -> re.Pattern[str]:
    return re.compile(prefilter._pattern("", "", "", ""))


# (text, candidate matches, block matches)
CASES = [
    # any digit or "@"
    ("bel 5", True, True), ("a@b", True, True),
    # two number words in a row, spaced, hyphenated, after a comma, glued; whole words only
    ("nul zes", True, True), ("vier-acht", True, True), ("zes, twaalf", True, True),
    ("negentienvierentachtig", True, True), ("nul zes x", True, True),
    ("kanul zes", False, True), ("nul zesx", False, True), ("een vraag over de tweede brief", False, False),
    ("Hallozestwaalf", False, True), ("Hallozes", False, False),
    # an "at" word between spaces, a domain, then a dot or a dot word
    ("jan at gmail punt com", True, True), ("jan at gmail.com", True, True),
    ("juan arroba hotmail.com", True, True), ("jan at gmail", False, False), ("jan at gmail punt", False, False),
    # a strong introduction (any case), at a word's start
    ("mijn naam is", True, True), ("MIJN NAAM", True, True), ("xmijn naam", False, True), ("My name", False, False),
    # a weak introduction before a capital, a title between allowed
    ("ik ben Jan", True, True), ("Ik ben meneer Jansen", True, True), ("ikxben Jan", False, False),
    # a title before a word
    ("Dag meneer Jansen", True, True), ("dank u meneer", False, False), ("Zie het mr Ab", True, True),
    # "met"/"c'est"/"soy" before a capital: at the start, after punctuation, after a greeting
    ("Met Jan", True, True), ("Ja. Met Jan", True, True), ("Goedemorgen, met Jan", True, True),
    ("Goedemorgen met Jan", True, True), ("Oui, c'est Marie", True, True), ("Buenas, soy Juan", True, True),
    ("Dat is met Jan besproken", False, True), ("Xhallo met Jan", False, True), ("Wij zijn met Jan", False, True),
    # without a capital before it: "met" lower case at the start, after punctuation or a greeting,
    # a first-person phrase anywhere
    ("met jan", True, True), ("ok. met jan", True, True), ("hallo met jan", True, True),
    ("ja, met jan", True, True), ("c'est marie", True, True), ("tot ziens. met jan", True, True),
    ("wij zijn met jan", False, True), ("xhallo met jan", False, True), ("dat is met jan besproken", False, True),
    ("Tot ziens. met jan", False, True), ("ik ben blij", True, True), ("Ik ben blij", True, True),
    ("Goedemorgen, hoe gaat het?", False, False),
]


@pytest.mark.parametrize("text, cand, blk", CASES)
def test_each_alternative_on_both_sides_of_its_edge(text, cand, blk):
    assert bool(candidate().search(text)) is cand
    assert bool(block().search(text)) is blk


_PIECES = ["Mijn", "naam", "is", "Jan", "met", "ja", "een", "twee", "nul", "zes", "vierendertig", "at", "punt",
           "gmail", "com", "hallo", "meneer", "Jansen", "geboren", "maart", "negentien", "tachtig", "plus", "drie",
           "my", "name", "Tom", "arroba", "punto", "soy", "Lucía", "c'est", "Marie", "ik", "ben", "mevrouw", "de",
           "Vries", ",", ".", "dot", "Łukasz"]


def test_the_rebuilt_candidate_pattern_lets_through_every_text_redact_changes():
    rng = random.Random(11)
    texts = [" ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 7))).replace(" ,", ",").replace(" .", ".")
             for _ in range(1500)]
    cand, blk = candidate(), block()
    changed = 0
    for text in texts:
        if redact(text).text != text:
            changed += 1
            assert cand.search(text), text
            assert blk.search("x" + text + "x"), text  # the block test holds inside joined texts
    assert changed > 150  # 192 of the 1,500: the sample exercises it


def test_alt_is_escaped_longest_first_with_any_spacing():
    alt = re.compile(f"(?:{prefilter._alt({'ab', 'ab cd', 'a.c', 'x'})})")
    assert alt.fullmatch("ab \t cd") and alt.fullmatch("a.c") and not alt.fullmatch("abc")
    assert alt.match("ab cd").group() == "ab cd"  # the longer phrase first
    assert alt.match("a.c").group() == "a.c" and alt.match("x").group() == "x"
    assert prefilter._alt(("ab", "ab", "x")).count("ab") == 1  # each phrase once
    assert re.fullmatch(prefilter._alt(["c'est"]), "c'est")
