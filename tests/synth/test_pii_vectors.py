"""The third-party vector set is built deterministically and its scorer counts right.

The scorer is checked on three hand-made sentences under a toy redactor (every digit run masked
as "num", nothing else), not the project's redactor; the counts below are worked out by hand.
"""
from __future__ import annotations

import re

import pytest
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from benchmarks.redaction_vectors import figures, score
from synth.pii_vectors import build, split_of


def span(text: str, part: str, kind: str, start_at: int = 0) -> dict:
    start = text.index(part, start_at)
    return {"kind": kind, "start": start, "end": start + len(part), "text": part, "source": "hand"}


def record(text: str, pii=(), allowed=(), lookalike=()) -> dict:
    return {"id": "", "lang": "en", "form": "written", "group": "x", "text": text,
            "pii": list(pii), "allowed": list(allowed), "lookalike": list(lookalike)}


def toy(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "num") for m in re.finditer(r"\d+", text)]


@pytest.fixture(scope="module")
def toy_result() -> dict:
    a = "My BSN is 111222333 and I pay 12 euro."
    b = "Mail jan at example dot com today."
    c = "Postcode 2601 DC 12, call at 14:30."
    records = [
        record(a, pii=[span(a, "111222333", "bsn")], lookalike=[span(a, "12 euro", "amount")]),
        record(b, pii=[span(b, "jan at example dot com", "email")]),
        record(c, pii=[span(c, "2601 DC", "postcode")], allowed=[span(c, "12", "house_number")],
               lookalike=[span(c, "14:30", "time")]),
    ]
    return figures(score(records, toy))


def test_recall_counts_a_span_caught_only_when_all_its_letters_and_digits_are_masked(toy_result):
    recall = toy_result["recall"]
    assert recall["bsn"]["all"] == {"n": 1, "hit": 1, "ratio": 1.0, "tagged": 0}  # masked, but as "num"
    assert recall["email"]["all"]["hit"] == 0
    assert recall["postcode"]["all"]["hit"] == 0  # the digits are masked, "DC" is not


def test_precision_counts_masked_characters_outside_expected_and_allowed_spans(toy_result):
    # masked letters/digits: 9 + 2 (sentence a) + 4 + 2 + 2 + 2 (sentence c) = 21;
    # inside expected or allowed spans: 9 (BSN) + 4 (2601) + 2 (house number) = 15
    assert toy_result["precision"]["all"]["all"] == {"n": 21, "hit": 15, "ratio": round(15 / 21, 4)}
    assert toy_result["false_alarm_spans"]["num"]["all"] == 3  # "12" euro, "14", "30"


def test_a_look_alike_survives_only_when_nothing_of_it_is_masked(toy_result):
    survival = toy_result["survival"]
    assert survival["amount"]["all"]["hit"] == 0 and survival["time"]["all"]["hit"] == 0
    assert survival["all"]["all"] == {"n": 2, "hit": 0, "ratio": 0.0}
    assert toy_result["sentences"] == 3


def test_a_redactor_that_masks_nothing_keeps_every_look_alike():
    text = "The amount is 12 euro."
    result = figures(score([record(text, lookalike=[span(text, "12 euro", "amount")])], lambda t: []))
    assert result["survival"]["all"]["all"]["hit"] == 1
    assert "all" not in result["precision"] or result["precision"]["all"]["all"]["n"] == 0


@pytest.fixture(scope="module")
def built():
    return build()


def test_the_builder_is_deterministic_and_large_enough(built):
    again = build()
    assert [s.record() for s in built] == [s.record() for s in again]
    assert len(built) >= 1000
    assert len({s.text for s in built}) == len(built)
    splits = {s.split for s in built}
    assert splits == {"dev", "heldout"}
    assert all(s.split == split_of(s.text) for s in built)


def test_every_span_points_at_its_text_and_vectors_keep_their_definition(built):
    for s in built:
        for sp in (*s.pii, *s.allowed, *s.lookalike):
            assert s.text[sp.start:sp.end] == sp.text
        for sp in s.pii:
            if s.form == "written" and sp.kind == "iban":
                assert std_iban.is_valid(sp.text)
            if s.form == "written" and sp.kind == "bsn":
                assert std_bsn.is_valid(re.sub(r"\D", "", sp.text))
        for sp in s.lookalike:
            if sp.kind == "invalid_iban":
                assert not std_iban.is_valid(sp.text)


def test_the_set_covers_every_kind_language_and_form(built):
    seen = {(sp.kind, s.lang, s.form) for s in built for sp in s.pii}
    for kind in ("bsn", "iban", "phone", "email", "postcode", "dob"):
        for lang in ("nl", "en", "fr", "es"):
            assert (kind, lang, "written") in seen
            assert (kind, lang, "spoken") in seen, (kind, lang)
    assert sum(1 for s in built if s.group.startswith("lookalike:")) >= 200
