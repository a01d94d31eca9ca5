"""The detectors' shared parts: `words` (longest alternative first, any whitespace), `cues` and
`Scan.has_any`, `Scan.near`, `Scan.is_taken`, the registry, `month_number`."""
from __future__ import annotations

import re

from meeluister.redaction import RedactionOptions, detectors
from meeluister.redaction.base import _REGISTRY, Detector, Scan, cues, register, tag_of, words
from meeluister.redaction.months import month_number
from meeluister.redaction.spoken import normalise


def _scan(text, **kw):
    return Scan(normalise(text), RedactionOptions(**kw))


def test_words_longest_first_and_spaces_match_any_whitespace():
    p = re.compile(words(["ab", "abc", "a.b", "ab cd"]))
    assert p.match("abc").group(0) == "abc" and p.match("ab   cd").group(0) == "ab   cd"
    assert p.match("a.b").group(0) == "a.b" and p.match("axb") is None
    assert words(["x", "yyy", "zz"]).split("|") == ["yyy", "zz", "x"]


def test_cues_hold_each_phrase_by_its_first_word():
    c = cues(["Mijn naam", "", "ik  heet", "..."])
    assert c.phrases == (("mijn", ("mijn", "naam")), ("ik", ("ik", "heet")))
    assert c.firsts == frozenset({"mijn", "ik"})


def test_has_any_needs_the_first_word_as_a_word_and_every_part():
    c = cues(["mijn naam"])
    assert _scan("Mijn naam is Jan").has_any(c)
    assert not _scan("Mijnheer naamloos").has_any(c)  # "mijn" is no word of it
    assert not _scan("mijn huis").has_any(c)  # "naam" missing
    assert not _scan("de naam is Jan").has_any(c)


def test_near_looks_within_context_chars_before_or_after():
    p = re.compile("BSN")
    s = _scan("BSN 12345 xx", context_chars=5)
    assert s.near(p, 4, 9) and not s.near(p, 4, 9, before=False)
    s = _scan("12345 BSN", context_chars=5)
    assert s.near(p, 0, 5) and not s.near(p, 0, 5, after=False)
    assert not _scan("12345 ... BSN", context_chars=5).near(p, 0, 5)
    assert not _scan("BSN ... 12345", context_chars=5).near(p, 8, 13)


def test_is_taken_only_for_an_overlap():
    s = _scan("abcdefghij")
    s.taken.append((2, 5))
    assert s.is_taken(4, 6) and s.is_taken(0, 3) and s.is_taken(3, 4)
    assert not s.is_taken(5, 8) and not s.is_taken(0, 2)


def test_register_keeps_one_instance_per_kind_in_priority_order():
    class Probe(Detector):
        kind, tag, priority = "probe-test", "[PROBE]", 5

        def find(self, scan):
            return ()

    try:
        register(Probe)
        assert isinstance(_REGISTRY["probe-test"], Probe) and tag_of("probe-test") == "[PROBE]"
        assert detectors()[0].kind == "probe-test"
        assert [d.priority for d in detectors()] == sorted(d.priority for d in detectors())
    finally:
        _REGISTRY.pop("probe-test", None)
    assert "probe-test" not in [d.kind for d in detectors()]


def test_month_number_ignores_case_and_a_full_stop():
    assert month_number("Sept.") == 9 and month_number("MAART") == 3 and month_number("mrt.") == 3
    assert month_number("maandag") is None
