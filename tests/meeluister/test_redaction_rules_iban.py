"""IBAN rules at their edges: the shortest IBAN (Norway, 15 characters), look-alikes with wrong
check digits in every spacing, and a code glued to a letter. Check digits are computed here with
ISO 7064 mod 97-10 (python-stdnum's `calc_check_digits`), not taken from the redactor."""
from __future__ import annotations

import pytest
from stdnum import iban as stdnum_iban

from meeluister.redaction import RedactedSpan, redact


def iban_for(country: str, bban: str) -> str:
    return country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban


NO_IBAN = iban_for("NO", "86011117947")  # 15 characters, the shortest length any country uses
NL_IBAN = iban_for("NL", "ABNA0417164300")


def test_builders():
    assert NO_IBAN == "NO9386011117947" and len(NO_IBAN) == 15 and NL_IBAN == "NL91ABNA0417164300"


@pytest.mark.parametrize("written", [NO_IBAN, "NO93 8601 1117 947", "no93-8601-1117-947"])
def test_the_shortest_iban_is_found(written):
    text = f"Mijn rekening is {written}, dank u."
    r = redact(text)
    assert r.text == "Mijn rekening is [IBAN], dank u."
    assert r.spans == (RedactedSpan(17, 17 + len(written), "iban"),)


@pytest.mark.parametrize("text", [
    "Mijn rekening is N L 00 ABNA 0417 1643 00.",  # letters spelled, check digits wrong
    "Mijn rekening is NL00 ABNA 0417 1643 00.",
    "Mijn rekening is N-L-00-ABNA-0417164300.",
    "Mijn rekening is NO00 8601 1117 947.",
])
def test_wrong_check_digits_leave_the_text_alone(text):
    assert NL_IBAN[2:4] != "00" and NO_IBAN[2:4] != "00"
    r = redact(text)
    assert r.text == text and r.spans == ()


@pytest.mark.parametrize("glued", ["x", "é", "ñ"])
def test_a_code_glued_to_a_letter_is_one_word_not_an_iban(glued):
    text = f"Code {NL_IBAN}{glued} graag."
    assert redact(text).text == text
    assert redact(f"Code {NL_IBAN} {glued} graag.").text == f"Code [IBAN] {glued} graag."
