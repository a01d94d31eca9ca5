"""The second vector set is built deterministically, is well formed and holds only new values.

Checks the records against the format `benchmarks/redaction_vectors.py` reads (without running
the scorer or the redactor on the set), the vendored checksums (11-proef, mod 97), and that no
expected value of the first set (eval/pii-vectors/) comes back.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

import pytest
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from synth import pii_vectors2
from synth.pii_vectors2 import ROOT, build, first_set_values

KINDS = ("bsn", "iban", "phone", "email", "postcode", "dob")
SPAN_KEYS = {"kind", "start", "end", "text", "source"}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [s.record() for s in build()]


def test_build_is_deterministic_and_matches_the_committed_file(records: list[dict]) -> None:
    again = [s.record() for s in build()]
    assert again == records
    committed = (ROOT / "eval" / "pii-vectors-2" / "heldout.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in committed] == records


def test_records_have_the_scorer_format(records: list[dict]) -> None:
    for rec in records:
        assert isinstance(rec["text"], str) and rec["text"]
        assert rec["lang"] in ("nl", "en", "fr", "es")
        assert rec["form"] in ("written", "spoken")
        assert rec["split"] == "heldout"
        assert rec["id"] == "pv2-" + hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()[:10]
        for role in ("pii", "allowed", "lookalike"):
            for s in rec[role]:
                assert set(s) == SPAN_KEYS
                assert rec["text"][s["start"]:s["end"]] == s["text"], (rec["id"], s)
        if rec["group"].startswith("lookalike:"):
            assert not rec["pii"] and [s["kind"] for s in rec["lookalike"]] == [rec["group"].split(":", 1)[1]]
        else:
            assert rec["group"] in KINDS and [s["kind"] for s in rec["pii"]] == [rec["group"]]
    assert len({r["id"] for r in records}) == len(records)


def test_spans_do_not_overlap(records: list[dict]) -> None:
    for rec in records:
        spans = sorted((s["start"], s["end"]) for role in ("pii", "allowed", "lookalike") for s in rec[role])
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), rec["id"]


def test_counts(records: list[dict]) -> None:
    by = Counter((r["group"], r["form"]) for r in records)
    assert 600 <= len(records) <= 1200
    assert by[("phone", "written")] + by[("phone", "spoken")] >= 250
    for kind in KINDS:
        assert by[(kind, "written")] >= 20 and by[(kind, "spoken")] >= 20, kind
    phone_langs = Counter((r["lang"], r["form"]) for r in records if r["group"] == "phone")
    assert min(phone_langs.values()) >= 25 and len(phone_langs) == 8


def test_values_are_new(records: list[dict]) -> None:
    old = first_set_values()
    assert old, "the first set is needed to check novelty"
    assert not {s["text"] for r in records for s in r["pii"]} & old
    old_ibans = {std_iban.compact(v) for v in old if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9 .-]{8,40}", v)}
    written_ibans = {std_iban.compact(s["text"]) for r in records if r["form"] == "written" for s in r["pii"]
                     if s["kind"] == "iban"}
    assert not written_ibans & old_ibans


def test_written_values_pass_their_checksums(records: list[dict]) -> None:
    for rec in records:
        for s in rec["pii"]:
            if rec["form"] != "written":
                continue
            if s["kind"] == "bsn":
                assert std_bsn.is_valid(re.sub(r"\D", "", s["text"])), s
            elif s["kind"] == "iban":
                assert std_iban.is_valid(s["text"]), s
            elif s["kind"] == "phone":
                assert len(re.sub(r"\D", "", s["text"])) >= 8, s
            elif s["kind"] == "email":
                assert re.fullmatch(r"[^@\s]+@([^@\s]+\.[A-Za-z]{2,}|\[[\d.]+\])", s["text"]), s
        for s in rec["lookalike"]:
            if s["kind"] == "invalid_iban":
                assert not std_iban.is_valid(s["text"]) and not pii_vectors2.mod97(s["text"]), s
            digits = re.sub(r"\D", "", s["text"])
            if len(digits) == 9:
                assert not std_bsn.is_valid(digits), s


def test_spoken_values_are_words_unless_marked_numerals(records: list[dict]) -> None:
    for rec in records:
        if rec["form"] == "spoken" and rec["pii"] and rec["variant"] not in ("asr-numerals", "mixed-words-numerals"):
            assert not re.search(r"\d", rec["pii"][0]["text"]), rec


def test_spoken_phone_keeps_the_digits() -> None:
    assert pii_vectors2.txt.phone("+31 6 12345678", "nl", 1, 2)[0] == \
        "plus drie een zes een twee drie vier vijf zes zeven acht"
    assert pii_vectors2.txt.phone("06 12 34 56 78", "fr", 0)[0] == "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"
    said, variant = pii_vectors2.txt.phone("0612345678", "en", 2)
    assert (said, variant) == ("zero six twelve thirty-four fifty-six seventy-eight", "pairs-from-end")
