"""The generated redaction set (synth.pii_set) and the benchmark's metrics (benchmarks/redaction.py)."""
from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

import pytest
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from synth import pii_values as pv
from synth.pii_set import CATEGORIES, LANGS, generate

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_redaction", ROOT / "benchmarks" / "redaction.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


B = _bench()


@pytest.fixture(scope="module")
def cases():
    return generate(seed=0)


def _text(c, s):
    return c.text[s.start:s.end]


def test_size_and_cover(cases):
    assert 1400 <= len(cases) <= 1600
    cells = {(s.category, c.lang, c.form) for c in cases for s in c.pii}
    assert cells == {(cat, lang, f) for cat in CATEGORIES for lang in LANGS for f in ("written", "spoken")}
    assert sum(1 for c in cases if not c.pii) >= 250


def test_written_bsn_pass_the_11_proef_and_lookalikes_fail(cases):
    bsns = [_text(c, s) for c in cases if c.form == "written" for s in c.pii if s.category == "bsn"]
    assert len(bsns) >= 80 and any(len(re.sub(r"\D", "", b)) == 8 for b in bsns)
    assert all(std_bsn.is_valid(b) for b in bsns)
    numbers = [_text(c, s) for c in cases for s in c.keep if s.category == "number"]
    assert numbers and not any(std_bsn.is_valid(n) for n in numbers)
    assert all(std_bsn.is_valid(pv.make_bsn(random.Random(i))) for i in range(200))
    assert not any(std_bsn.is_valid(pv.make_not_bsn(random.Random(i))) for i in range(200))


def test_spoken_values_read_back_to_valid_numbers(cases):
    spoken_bsn = [B.digits_of(_text(c, s)) for c in cases if c.form == "spoken" for s in c.pii if s.category == "bsn"]
    assert spoken_bsn and all(std_bsn.is_valid(d) for d in spoken_bsn)


def test_written_ibans_valid_and_wrong_check_digits_fail(cases):
    ibans = [_text(c, s) for c in cases if c.form == "written" for s in c.pii if s.category == "iban"]
    assert len(ibans) >= 80 and all(std_iban.is_valid(i) for i in ibans)
    assert {std_iban.compact(i)[:2] for i in ibans} == {"NL", "BE", "DE", "FR", "ES", "GB"}
    bad = [_text(c, s) for c in cases for s in c.keep if s.category == "iban_bad"]
    assert bad and not any(std_iban.is_valid(b) for b in bad)


def test_elfproef_and_mod97_by_hand():
    assert pv.elfproef("111222333") and not pv.elfproef("111222334")
    assert pv.iban_check_digits("NL", "ABNA0417164300") == "91"  # the ISO 13616 example IBAN NL91ABNA0417164300
    assert pv.iban_check_digits("GB", "WEST12345698765432") == "82"


_REGION = {"nl mobile": "NL", "nl area 2": "NL", "nl area 3": "NL", "+1": "US", "+44": "GB", "+33": "FR",
           "+34": "ES", "+32": "BE", "+49": "DE"}


def test_written_phone_numbers_valid_in_their_numbering_plan(cases):
    phonenumbers = pytest.importorskip("phonenumbers")
    phones = [(c.variant, _text(c, s)) for c in cases if c.form == "written" for s in c.pii if s.category == "phone"]
    assert {v for v, _ in phones} == set(_REGION)
    invalid = [t for v, t in phones if not phonenumbers.is_valid_number(phonenumbers.parse(t, _REGION[v]))]
    assert invalid == []


def test_postcode_letters_issued(cases):
    for c in cases:
        for s in c.pii:
            if s.category == "postcode" and c.form == "written":
                m = re.match(r"([1-9]\d{3}) ?([A-Za-z]{2})", _text(c, s))
                assert m and m.group(2).upper() not in {"SA", "SD", "SS"}


def test_spans_point_at_the_values(cases):
    for c in cases:
        for s in c.pii + c.keep:
            t = _text(c, s)
            assert t and t == t.strip() and 0 <= s.start < s.end <= len(c.text)
            for _, a, b in s.parts:
                assert s.start <= a < b <= s.end
        for s in c.pii:
            if s.category == "email" and c.form == "written":
                assert "@" in _text(c, s)
            if s.category in ("email", "name", "dob"):
                assert s.parts
        if c.form == "spoken":
            assert c.text == c.text.lower() and not re.search(r"[.,:;!?]", c.text)
        if any(s.category == "name" for s in c.pii) and c.variant == "known":
            assert c.known_names and c.known_names[0].split()[-1].lower() in c.text.lower()


def test_deterministic_for_a_seed():
    a, b, other = generate(seed=7, scale=0.1), generate(seed=7, scale=0.1), generate(seed=8, scale=0.1)
    assert a == b and a != other


def _oracle(c):
    t = c.text
    for s in sorted(c.pii, key=lambda s: -s.start):
        t = t[:s.start] + f"[{s.category.upper()}]" + t[s.end:]
    return t


def _run(cases, fn):
    return B.summarise(cases, [B.score(c, fn(c)) for c in cases])


def test_metrics_identity_redactor(cases):
    r = _run(cases, lambda c: c.text)
    assert r["recall_overall"] == 0 and r["survival"] == 1 and r["stray_tags"] == 0


def test_metrics_oracle_redactor(cases):
    r = _run(cases, _oracle)
    assert r["recall_overall"] == 1 and r["precision"] == 1 and r["survival"] == 1


def test_metrics_digit_blanker(cases):
    r = _run(cases, lambda c: re.sub(r"\d", "#", _oracle(c)))
    assert r["recall_overall"] == 1 and r["survival"] < 1 and r["precision"] < 1


def test_metrics_hand_made():
    from synth.pii_set import PiiCase, Span
    text = "bel 06 12345678 om 14:30, meneer"
    c = PiiCase("x", "nl", "written", text, (Span("phone", 4, 15),), (Span("time", 19, 24),))
    assert B.score(c, "bel [PHONE] om 14:30, meneer").redacted == (True,)
    assert B.score(c, "bel 06 [PHONE]5678 om 14:30, meneer").redacted == (False,)  # 4 digits left
    assert B.score(c, "bel 06 [PHONE] om 14:30, meneer").redacted == (True,)  # 2 digits left
    assert B.score(c, "bel 06 123 [PHONE] om 14:30, meneer").redacted == (False,)  # "06 123": 5 digits in a run
    s = B.score(c, "bel [PHONE] om [TIME], [NAME]")
    assert s.intact == (False,) and s.stray_tags == 1
    spoken = "mijn nummer is nul zes twaalf vierendertig zesenvijftig achtenzeventig"
    c2 = PiiCase("y", "nl", "spoken", spoken, (Span("phone", 15, len(spoken)),), ())
    assert B.digits_of(spoken[15:]) == "0612345678"
    assert B.score(c2, "mijn nummer is nul zes [PHONE]").redacted == (True,)
    assert B.score(c2, "mijn nummer is nul zes twaalf [PHONE]").redacted == (False,)  # 0612
    assert B.score(c2, "mijn nummer is [PHONE] vierendertig zesenvijftig").redacted == (False,)
    assert B.digits_of("dubbel zes soixante-dix-huit treinta y cuatro") == "667834"


def test_metrics_dates_addresses_names():
    from synth.pii_set import PiiCase, Span
    t = "geboren op 3 maart 1984 ja"
    dob = PiiCase("d", "nl", "written", t, (Span("dob", 11, 23, (("day", 11, 12), ("month", 13, 18), ("year", 19, 23))),), ())
    assert B.score(dob, "geboren op [DOB] ja").redacted == (True,)
    assert B.score(dob, "geboren op 3 [DOB] ja").redacted == (True,)
    assert B.score(dob, "geboren op 3 maart [DOB] ja").redacted == (False,)  # day and month both readable
    assert B.score(dob, "geboren op [DOB] 1984 ja").redacted == (False,)  # the year
    t = "mail jan.jansen@gmail.com graag"
    em = PiiCase("e", "nl", "written", t, (Span("email", 5, 25, (("local", 5, 8), ("local", 9, 15), ("domain", 16, 21))),), ())
    assert B.score(em, "mail [EMAIL] graag").redacted == (True,)
    assert B.score(em, "mail [EMAIL]@gmail.com graag").redacted == (False,)
    assert B.score(em, "mail jan.[EMAIL] graag").redacted == (False,)
    t = "met Jan de Vries"
    nm = PiiCase("n", "nl", "written", t, (Span("name", 4, 16, (("name", 4, 7), ("name", 11, 16))),), ())
    assert B.score(nm, "met [NAME]").redacted == (True,)
    assert B.score(nm, "met [NAME] de [NAME]").redacted == (True,)  # "de" is no name token
    assert B.score(nm, "met Jan [NAME]").redacted == (False,)
    assert B.score(nm, "[NAME] Jan de Vries").stray_tags == 1


def test_benchmark_runs_end_to_end(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert B.main(["--lang", "es", "--category", "phone", "--json", str(out), "--show-misses", "1"]) == 0
    import json
    res = json.loads(out.read_text(encoding="utf-8"))
    assert {c["lang"] for c in res["cells"]} == {"es"} and {c["category"] for c in res["cells"]} == {"phone"}
    assert res["pii_spans"] == 65 and 0 <= res["recall"]["phone"] <= 1
    assert "| phone |" in capsys.readouterr().out
