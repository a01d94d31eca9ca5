"""BSN rules at their edges: the eight-digit form, the context window on each side, and which
reference words stand between a context word and the number. Numbers are built with the 11-proef
here (weights 9..2, the ninth digit the remainder mod 11), not taken from the code's output."""
from __future__ import annotations

from stdnum.nl import bsn as stdnum_bsn

from meeluister.redaction import RedactedSpan, RedactionOptions, redact


def bsn_from(first8: str) -> str:
    s = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1)))
    assert s % 11 < 10, first8
    return first8 + str(s % 11)


VALID = bsn_from("11122233")  # 111222333
OTHER = bsn_from("12345678")  # 123456782
LEADING_ZERO = bsn_from("01234567")  # 012345672


def test_builders_follow_the_eleven_test():
    assert VALID == "111222333" and OTHER == "123456782" and LEADING_ZERO == "012345672"
    assert all(stdnum_bsn.is_valid(x) for x in (VALID, OTHER, LEADING_ZERO))


def test_eight_digits_are_a_bsn_whose_leading_zero_was_dropped():
    eight = LEADING_ZERO[1:]  # "12345672": 8 digits, valid once the zero is put back
    text = f"Mijn BSN is {eight}."
    r = redact(text)
    assert r.text == "Mijn BSN is [BSN]."
    assert r.spans == (RedactedSpan(12, 20, "bsn"),)
    assert redact(f"Mijn BSN is {LEADING_ZERO}.").text == "Mijn BSN is [BSN]."
    # seven digits are never one (nor nine that fail the eleven test)
    assert redact("Mijn BSN is 2345672.").text == "Mijn BSN is 2345672."
    assert redact("Mijn BSN is 111222334.").text == "Mijn BSN is 111222334."


def test_a_reference_word_after_the_number_does_not_undo_the_context_before_it():
    text = f"Mijn BSN is {VALID} en mijn ordernummer is 4455."
    assert redact(text).text == "Mijn BSN is [BSN] en mijn ordernummer is 4455."
    text = f"Uw BSN: {VALID}, ik zoek ook even uw factuur op."
    assert redact(text).text == "Uw BSN: [BSN], ik zoek ook even uw factuur op."


def test_context_after_the_number_counts_unless_a_reference_word_stands_between():
    assert redact(f"{VALID}, dat is mijn BSN.").text == "[BSN], dat is mijn BSN."
    # a reference word after the context word changes nothing
    assert redact(f"{VALID}, dat is mijn BSN, mijn ordernummer volgt.").text == \
        "[BSN], dat is mijn BSN, mijn ordernummer volgt."
    # between the number and the context word: the number is that reference
    text = f"{VALID} is mijn factuurnummer, niet mijn BSN."
    assert redact(text).text == text


def test_context_after_the_number_only_within_the_window():
    gap = " heb ik hier voor u genoteerd zodat we straks verder kunnen met de aanvraag van vandaag, en dan nog"
    text = f"Het nummer {VALID}{gap} uw BSN graag."
    assert len(gap) > 80  # the default context_chars
    assert redact(text).text == text
    wide = RedactionOptions(context_chars=len(gap) + 8)
    assert redact(text, wide).text == f"Het nummer [BSN]{gap} uw BSN graag."


def test_context_before_only_within_the_window():
    gap = " staat op de brief die u vorige week van ons kreeg, en het nummer dat ik daar lees is"
    text = f"Uw BSN{gap} {VALID}."
    assert len(gap) > 80
    assert redact(text).text == text
    assert redact(text, RedactionOptions(context_chars=len(gap) + 6)).text == f"Uw BSN{gap} [BSN]."


def test_a_number_inside_an_address_does_not_stop_the_search_for_the_next():
    text = f"Mail {VALID}@voorbeeld.nl, en mijn BSN is {OTHER}."
    r = redact(text)
    assert r.text == "Mail [EMAIL], en mijn BSN is [BSN]."
    assert r.counts == {"email": 1, "bsn": 1}
