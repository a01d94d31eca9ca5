"""The third vector set is built deterministically, is well formed and its checksums are right.

Checks the committed file against a fresh build, the record format (the same as the second
set's), that every expected span's value stands in its text at its offsets, the 11-proef and
mod-97 checks (right for the personal BSNs and IBANs, wrong for the look-alikes), the counts the
set promises, and that no written value of the earlier sets' vendored sources comes back. Neither
the redactor nor the scorer is run on the set.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

import pytest
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from synth import pii_vectors3 as pv3
from synth import pii_vectors3_speech as sp
from synth import pii_vectors_speech as say

KINDS = ("bsn", "iban", "phone", "email", "postcode", "dob")
SPAN_KEYS = {"kind", "start", "end", "text", "source"}
NUMERAL_VARIANTS = ("asr-numerals",)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [s.record() for s in pv3.build()]


def test_build_is_deterministic_and_matches_the_committed_file(records: list[dict], tmp_path) -> None:
    assert [s.record() for s in pv3.build()] == records
    pv3.write(pv3.build(), tmp_path)
    committed = (pv3.OUT / "heldout.jsonl").read_bytes()
    assert (tmp_path / "heldout.jsonl").read_bytes() == committed


def test_records_have_the_second_sets_format(records: list[dict]) -> None:
    for rec in records:
        assert set(rec) == {"text", "lang", "form", "group", "pii", "allowed", "lookalike", "variant", "id", "split"}
        assert rec["lang"] in ("nl", "en", "fr", "es") and rec["form"] in ("written", "spoken")
        assert rec["split"] == "heldout"
        assert rec["id"] == "pv3-" + hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()[:10]
        if rec["group"].startswith("lookalike:"):
            assert not rec["pii"] and [s["kind"] for s in rec["lookalike"]] == [rec["group"].split(":", 1)[1]]
        else:
            assert rec["group"] in KINDS and [s["kind"] for s in rec["pii"]] == [rec["group"]]
    assert len({r["id"] for r in records}) == len(records)


def test_every_span_value_stands_in_its_text(records: list[dict]) -> None:
    for rec in records:
        spans = [s for role in ("pii", "allowed", "lookalike") for s in rec[role]]
        for s in spans:
            assert set(s) == SPAN_KEYS and s["text"], (rec["id"], s)
            assert rec["text"][s["start"]:s["end"]] == s["text"], (rec["id"], s)
        bounds = sorted((s["start"], s["end"]) for s in spans)
        assert all(a[1] <= b[0] for a, b in zip(bounds, bounds[1:])), rec["id"]


def test_checksums_right_for_the_personal_values_wrong_for_the_lookalikes(records: list[dict]) -> None:
    for rec in records:
        for s in rec["pii"]:
            if rec["form"] == "written" and s["kind"] == "bsn":
                assert std_bsn.is_valid(re.sub(r"\D", "", s["text"]).zfill(9)), s
            if rec["form"] == "written" and s["kind"] == "iban":
                assert std_iban.is_valid(s["text"]) and pv3.mod97(s["text"]), s
            if rec["variant"] == "asr-numerals" and s["kind"] == "bsn":
                assert std_bsn.is_valid(re.sub(r"\D", "", s["text"])), s
        for s in rec["lookalike"]:
            if s["kind"] == "invalid_iban":
                assert not pv3.mod97(s["text"]) and not std_iban.is_valid(s["text"]), s
            if s["kind"] == "invalid_bsn" and rec["form"] == "written":
                assert len(s["text"]) == 9 and not std_bsn.is_valid(s["text"]), s
            digits = re.sub(r"\D", "", s["text"])
            if len(digits) in (8, 9):  # no look-alike passes the 11-proef
                assert not std_bsn.is_valid(digits.zfill(9)), s


NL_WORDS = {say.number(n, "nl"): n for n in range(1000)}


def decode_nl(said: str) -> str:
    """Dutch spoken digits back to characters: number words, 'dubbel X', spelled capitals."""
    out, double = [], False
    for w in said.split():
        if w == "dubbel":
            double = True
            continue
        part = w if re.fullmatch(r"[A-Z]", w) else str(NL_WORDS[w])
        out.append(part * 2 if double else part)
        double = False
    return "".join(out)


def test_spoken_bsns_say_a_valid_number() -> None:
    said, variant = sp.bsn("612890053", "nl", 1)
    assert (said, variant) == ("zeshonderdtwaalf achthonderdnegentig nul vijf drie", "triples")
    assert decode_nl(sp.bsn("087880532", "nl", 2)[0]) == "087880532"


def test_spoken_dutch_bsns_and_ibans_decode_to_valid_numbers(records: list[dict]) -> None:
    seen = Counter()
    for rec in records:
        if rec["form"] != "spoken" or rec["lang"] != "nl" or rec["variant"] in NUMERAL_VARIANTS:
            continue
        for s in rec["pii"]:
            if s["kind"] == "bsn":
                assert std_bsn.is_valid(decode_nl(s["text"])), s
                seen["bsn"] += 1
            elif s["kind"] == "iban":
                assert std_iban.is_valid(decode_nl(s["text"])), s
                seen["iban"] += 1
    assert seen["bsn"] >= 10 and seen["iban"] >= 10


def test_written_values_look_like_their_kind(records: list[dict]) -> None:
    for rec in records:
        if rec["form"] != "written":
            continue
        for s in rec["pii"]:
            if s["kind"] == "phone":
                assert 8 <= len(re.sub(r"\D", "", s["text"])) <= 17, s  # 15 and an 00/011 prefix
            elif s["kind"] == "email":
                assert re.fullmatch(r"\S+(@| at )[^@\s]+\.[A-Za-z]{2,}", s["text"]), s
            elif s["kind"] == "postcode":
                assert re.fullmatch(r"[1-9]\d{3} *[A-Za-z]{2}", s["text"]), s


def test_spoken_values_are_words_unless_marked_numerals(records: list[dict]) -> None:
    for rec in records:
        if rec["form"] == "spoken" and rec["variant"] not in NUMERAL_VARIANTS:
            for s in rec["pii"] + rec["lookalike"]:
                assert sp.is_words(s["text"]), (rec["id"], s)


def test_counts_languages_and_lookalike_share(records: list[dict]) -> None:
    by_kind = Counter(r["group"] for r in records)
    assert 900 <= len(records) <= 1250
    for kind in ("phone", "email", "bsn", "iban"):
        assert by_kind[kind] >= 120, kind
    for kind in ("postcode", "dob"):
        assert by_kind[kind] >= 40, kind
    forms = Counter((r["group"], r["form"]) for r in records)
    assert all(forms[(k, f)] >= 15 for k in KINDS for f in ("written", "spoken"))
    langs = Counter(r["lang"] for r in records)
    assert 0.35 <= langs["nl"] / len(records) <= 0.45
    assert all(langs[x] / len(records) >= 0.15 for x in ("en", "fr", "es"))
    lookalike_only = sum(r["group"].startswith("lookalike:") for r in records)
    assert 0.2 <= lookalike_only / len(records) <= 0.3


def test_no_value_of_the_earlier_sets_sources_comes_back(records: list[dict]) -> None:
    old = pv3.earlier_text()
    assert old, "the earlier sets' sources are needed to check novelty"
    old_compact = pv3.compact(old)
    for rec in records:
        for s in rec["pii"]:
            if rec["form"] == "written":
                assert s["text"] not in old, s
                if s["kind"] in ("iban", "bsn", "phone") and len(pv3.compact(s["text"])) >= 8:
                    assert pv3.compact(s["text"]) not in old_compact, s
