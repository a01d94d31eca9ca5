"""The fourth vector set is built deterministically, is well formed and its checksums are right.

Checks the committed file against a fresh build, the record format (the third set's), that every
span's value stands in its text at its offsets, the 11-proef and mod-97 checks (right for the
personal BSNs and IBANs, wrong for the look-alikes), the counts the set promises (weighted toward
phone numbers and e-mail addresses), and that no written value of the first three sets' vendored
sources comes back. Neither the redactor nor the scorer is run on the set.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter

import phonenumbers
import pytest
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from synth import pii_vectors3 as pv3
from synth import pii_vectors3_speech as sp
from synth import pii_vectors4 as pv4
from synth import pii_vectors_speech as say

KINDS = ("bsn", "iban", "phone", "email", "postcode", "dob")
LOOKALIKE_KINDS = ("amount", "time", "date", "reference", "invalid_bsn", "invalid_iban", "dosage", "year")
SPAN_KEYS = {"kind", "start", "end", "text", "source"}
NUMERAL_VARIANTS = ("asr-numerals",)
NL_WORDS = {say.number(n, "nl"): n for n in range(1000)}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [s.record() for s in pv4.build()]


def decode_nl(said: str) -> str:
    """Dutch spoken digits back to characters: number words, 'dubbel X', 'plus', spelled capitals."""
    out, double = [], False
    for w in said.split():
        if w == "dubbel":
            double = True
            continue
        part = "+" if w in ("plus", "+") else w if re.fullmatch(r"[A-Z]", w) else str(NL_WORDS[w])
        out.append(part * 2 if double else part)
        double = False
    return "".join(out)


def test_build_is_deterministic_and_matches_the_committed_file(records: list[dict], tmp_path) -> None:
    assert [s.record() for s in pv4.build()] == records
    pv4.write(pv4.build(), tmp_path)
    assert (tmp_path / "heldout.jsonl").read_bytes() == (pv4.OUT / "heldout.jsonl").read_bytes()


def test_records_have_the_third_sets_format(records: list[dict]) -> None:
    for rec in records:
        assert set(rec) == {"text", "lang", "form", "group", "pii", "allowed", "lookalike", "variant", "id", "split"}
        assert rec["lang"] in ("nl", "en", "fr", "es") and rec["form"] in ("written", "spoken")
        assert rec["split"] == "heldout"
        assert rec["id"] == "pv4-" + hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()[:10]
        assert all(s["kind"] in ("house_number", "city", "street") for s in rec["allowed"])
        assert all(s["kind"] in LOOKALIKE_KINDS for s in rec["lookalike"])
        if rec["group"].startswith("lookalike:"):
            assert not rec["pii"] and [s["kind"] for s in rec["lookalike"]] == [rec["group"].split(":", 1)[1]]
        else:
            assert rec["group"] in KINDS and [s["kind"] for s in rec["pii"]] == [rec["group"]]
    assert len({r["id"] for r in records}) == len(records)


def test_every_span_value_stands_in_its_text(records: list[dict]) -> None:
    for rec in records:
        spans = [s for role in ("pii", "allowed", "lookalike") for s in rec[role]]
        for s in spans:
            assert set(s) == SPAN_KEYS and s["text"] and s["source"], (rec["id"], s)
            assert rec["text"][s["start"]:s["end"]] == s["text"], (rec["id"], s)
        bounds = sorted((s["start"], s["end"]) for s in spans)
        assert all(a[1] <= b[0] for a, b in zip(bounds, bounds[1:])), rec["id"]


def test_checksums_right_for_the_personal_values_wrong_for_the_lookalikes(records: list[dict]) -> None:
    for rec in records:
        for s in rec["pii"]:
            if rec["form"] == "written" and s["kind"] == "bsn":
                assert std_bsn.is_valid(re.sub(r"\D", "", s["text"])), s
            if rec["form"] == "written" and s["kind"] == "iban":
                assert std_iban.is_valid(s["text"]) and pv3.mod97(s["text"]), s
            if rec["form"] == "written" and s["kind"] == "phone":  # every written number is valid somewhere
                v = s["text"]
                region = re.search(r"\(([A-Z]{2}|001), formatted\)", s["source"])
                num = phonenumbers.parse("+" + v[2:] if v.startswith("00") else v, region.group(1) if region else "NL")
                assert phonenumbers.is_valid_number(num), s
        for s in rec["lookalike"]:
            if s["kind"] == "invalid_iban":
                assert not pv3.mod97(s["text"]) and not std_iban.is_valid(s["text"]), s
            if s["kind"] == "invalid_bsn" and rec["form"] == "written":
                assert len(s["text"]) == 9 and not std_bsn.is_valid(s["text"]), s
            digits = re.sub(r"\D", "", s["text"])
            if len(digits) in (8, 9):
                assert not std_bsn.is_valid(digits.zfill(9)), s


def test_spoken_dutch_values_decode_to_valid_numbers(records: list[dict]) -> None:
    seen = Counter()
    for rec in records:
        if rec["form"] != "spoken" or rec["lang"] != "nl" or rec["variant"] in NUMERAL_VARIANTS:
            continue
        for s in rec["pii"]:
            if s["kind"] == "bsn":
                assert std_bsn.is_valid(decode_nl(s["text"])), s
            elif s["kind"] == "iban":
                assert std_iban.is_valid(decode_nl(s["text"])), s
            elif s["kind"] == "phone" and rec["variant"] in ("digits", "pairs", "double-triple") and "prefix" in s["source"]:
                said = decode_nl(s["text"].replace("nul nul", "+", 1) if s["text"].startswith("nul nul") else s["text"])
                assert phonenumbers.is_valid_number(phonenumbers.parse(said, "NL")), s
            else:
                continue
            seen[s["kind"]] += 1
    assert seen["bsn"] >= 5 and seen["iban"] >= 5 and seen["phone"] >= 15


def test_written_values_look_like_their_kind(records: list[dict]) -> None:
    for rec in records:
        if rec["form"] != "written":
            continue
        for s in rec["pii"]:
            if s["kind"] == "email":
                assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", s["text"]), s
            elif s["kind"] == "postcode":
                assert re.fullmatch(r"[1-9]\d{3} ?[A-Za-z]{2}", s["text"]), s
            elif s["kind"] == "dob":
                assert re.search(r"(19|20)\d\d", s["text"]), s


def test_spoken_values_are_words_unless_marked_numerals(records: list[dict]) -> None:
    for rec in records:
        if rec["form"] == "spoken" and rec["variant"] not in NUMERAL_VARIANTS:
            for s in rec["pii"] + rec["lookalike"] + rec["allowed"]:
                assert sp.is_words(s["text"]), (rec["id"], s)


def test_counts_weighting_and_languages(records: list[dict]) -> None:
    groups = Counter(r["group"].split(":")[0] for r in records)
    assert 1000 <= len(records) <= 1300
    assert groups["phone"] >= 280 and groups["email"] >= 280
    assert groups["bsn"] >= 90 and groups["iban"] >= 90 and groups["lookalike"] >= 140
    assert groups["postcode"] >= 60 and groups["dob"] >= 70
    forms = Counter((r["group"], r["form"]) for r in records)
    assert all(forms[(k, f)] >= 20 for k in KINDS for f in ("written", "spoken"))
    for kind in ("phone", "email"):  # spoken in all four languages
        assert {r["lang"] for r in records if r["group"] == kind and r["form"] == "spoken"} == {"nl", "en", "fr", "es"}
    langs = Counter(r["lang"] for r in records)
    assert 0.35 <= langs["nl"] / len(records) <= 0.45
    assert all(langs[x] / len(records) >= 0.15 for x in ("en", "fr", "es"))


def test_spoken_forms_cover_the_asked_words(records: list[dict]) -> None:
    text = " ".join(r["text"] for r in records if r["form"] == "spoken")
    for word in ("vierendertig", "plus", "dubbel", "double", "doble", "punt", "apenstaartje", " at ", "arroba",
                 "arobase", "point", " dot ", "underscore", "streepje"):
        assert word in text, word


def test_no_value_of_the_earlier_sets_sources_comes_back(records: list[dict]) -> None:
    old = pv4.earlier_text()
    assert "pii-vectors-3" in str(pv4.EARLIER[-1]) and old
    old_compact = pv3.compact(old)
    for rec in records:
        for s in rec["pii"]:
            if rec["form"] == "written":
                assert s["text"] not in old, s
                if s["kind"] in ("iban", "bsn", "phone") and len(pv3.compact(s["text"])) >= 8:
                    assert pv3.compact(s["text"]) not in old_compact, s
