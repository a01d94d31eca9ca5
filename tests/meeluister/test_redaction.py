from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from meeluister.redaction import CANDIDATE_PATTERN, Redacted, RedactionOptions, merge_counts, redact


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


def test_bsn_context_window_is_before_the_number_and_bounded():
    near, far = "BSN " + "x" * 74 + " 111222333", "BSN " + "x" * 80 + " 111222333"
    assert redact(near).counts == {"bsn": 1} and redact(near).text.endswith(" [BSN]")
    assert redact(far).counts == {} and redact(far).text == far  # context 85 characters back
    assert redact(far, RedactionOptions(context_chars=120)).counts == {"bsn": 1}
    assert redact("111222333 is mijn BSN").counts == {"bsn": 1}  # the context word may follow
    assert redact("BSN 111.222.333").text == "BSN [BSN]"
    assert redact("BSN 012345672").counts == {"bsn": 1}  # 8 significant digits, zero-padded
    assert redact("sofinummer 123456782 en BSN 111222333").counts == {"bsn": 2}


def test_dob_years_without_context_and_the_options():
    assert redact("op 1-1-1900").text == "op [DOB]"
    assert redact("op 1-1-2015").text == "op [DOB]"
    assert redact("op 1-1-2016").text == "op 1-1-2016"  # an appointment-like year, no context
    assert redact("geboren 1-1-2016").text == "geboren [DOB]"  # with a birth word
    assert redact("op 1-1-2016", RedactionOptions(dob_year_max=2020)).counts == {"dob": 1}
    assert redact("op 1-1-1950", RedactionOptions(dob_year_min=1960)).counts == {}
    assert redact("born 3rd march 2019").text == "born [DOB]"
    assert redact("geboren op 3 januari 2020").text == "geboren op [DOB]"


def test_phone_forms_and_dates_that_are_not_phones():
    for text in ("bel 0612345678", "bel 06-12345678", "bel 0031 6 12345678", "bel +31 (0)6 12345678",
                 "bel +31 6 12 34 56 78"):
        assert redact(text).text == "bel [PHONE]", text
    assert redact("op 01-02-2026 12 uur").text == "op 01-02-2026 12 uur"  # a date, not a number
    assert redact("bestelling 061234567").counts == {}  # one digit short
    assert redact("nul zes 12 34 56 78").text == "[PHONE]"  # spoken and written digits in one run


def test_spoken_digits_keep_written_grouping_and_short_runs():
    assert redact("nummers 1 2 3 4").text == "nummers 1 2 3 4"
    assert redact("een twee drie").text == "een twee drie"  # three words: not a number
    assert redact("kamer een twee drie vier").text == "kamer een twee drie vier"  # not PII: kept as said
    assert redact("BSN: un deux trois quatre cinq six sept huit deux").text == "BSN: [BSN]"


def test_iban_case_postcode_exclusions_email_edges():
    assert redact("nl91abna0417164300").text == "[IBAN]"
    assert redact("Postcode 1234 SS of 1234 SA en 1234AB").text == "Postcode 1234 SS of 1234 SA en [POSTCODE]"
    assert redact("postcode 0123 AB").counts == {}  # postcodes do not start with 0
    assert redact("mail a.b+c@x-y.example.com.").text == "mail [EMAIL]."
    assert redact("twitter @gemeente").counts == {}


def test_counts_per_type_and_empty_input():
    r = redact("BSN 111222333, NL91ABNA0417164300, 0612345678, a@b.nl, 4811 AB, geboren 1-2-1980, "
               "en nog eens a@b.nl")
    assert r.counts == {"bsn": 1, "iban": 1, "phone": 1, "email": 2, "postcode": 1, "dob": 1}
    assert r.text == "BSN [BSN], [IBAN], [PHONE], [EMAIL], [POSTCODE], geboren [DOB], en nog eens [EMAIL]"
    assert redact("") == Redacted("", {})
    assert redact(None).text == ""  # type: ignore[arg-type]
    assert merge_counts({"bsn": 1}, {"bsn": 2, "iban": 1}, {}) == {"bsn": 3, "iban": 1}
    assert merge_counts() == {}
