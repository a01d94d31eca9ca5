from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from meeluister.redaction import CANDIDATE_PATTERN, redact


def test_bsn_needs_eleven_test_and_context():
    assert redact("Mijn BSN is 111222333.").text == "Mijn BSN is [BSN]."
    assert redact("Mijn burgerservicenummer: 111 222 333").counts == {"bsn": 1}
    assert "111222334" in redact("Mijn BSN is 111222334.").text  # fails the 11-proef
    assert "111222333" in redact("Ordernummer 111222333 is verzonden.").text  # no context


def test_iban_mod97_email_postcode():
    r = redact("Rekening NL91 ABNA 0417 1643 00, mail j.de.vries@example.nl, postcode 3511 AB.")
    assert r.text == "Rekening [IBAN], mail [EMAIL], postcode [POSTCODE]."
    assert "NL91ABNA0417164301" in redact("NL91ABNA0417164301").text  # bad checksum stays


def test_spoken_digits_and_phone_numbers():
    assert redact("mijn nummer is nul zes een twee drie vier vijf zes zeven acht").text == "mijn nummer is [PHONE]"
    assert redact("my number is zero six one two three four five six seven eight").counts == {"phone": 1}
    assert redact("bel 020-5551234 of +32 470 12 34 56").counts == {"phone": 2}


def test_dates_of_birth_but_not_appointments():
    assert redact("Ik ben geboren op 12 maart 1985.").text == "Ik ben geboren op [DOB]."
    assert redact("geboortedatum 03-04-2019").counts == {"dob": 1}
    assert redact("Uw afspraak is op 12-03-2026 om 10 uur.").counts == {}


def test_candidate_pattern_is_a_superset():
    samples = ["Mijn BSN is 111222333", "nul zes een twee drie vier", "a@b.nl", "Goedemorgen, hoe gaat het?"]
    flags = pc.match_substring_regex(pa.array(samples), CANDIDATE_PATTERN).to_pylist()
    for s, f in zip(samples, flags):
        if redact(s).text != s:
            assert f, s
    assert flags[-1] is False
    assert re.search(CANDIDATE_PATTERN, "een twee drie vier")
