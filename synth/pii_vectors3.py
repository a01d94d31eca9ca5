"""The third third-party vector set for the redactor: vectors neither set before used, new sentences.

libphonenumber's own unit-test numbers and the example numbers of 38 regions not used before,
Faker's nl_NL/nl_BE/fr_FR/es_ES/en_GB phone, bank, address, name, e-mail-domain and price formats,
scrubadub's detector tests, python-stdnum's Belgian and Spanish IBAN tests, php-iban's registry
examples, iban4j's and java-iban's tests, Respect/Validation's BSN, IBAN and e-mail tests, the
`elfproef` package's BSNs, RvIG test persons not used before, django-localflavor's and
libaddressinput's Dutch postcodes, isemail's RFC 3696/5321 cases and WHATWG's e-mail tests
(vendored in eval/held-out/pii-vectors-3/sources/, SOURCES.md), put into contact-centre sentences
in nl (about 40 %), en, fr and es, written and as speech recognition writes them, with about a
quarter look-alikes that must stay readable.

Written blind to the redactor. Run: `python -m synth.pii_vectors3 [--out DIR]`.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import phonenumbers
from stdnum import iban as std_iban
from stdnum.iso7064 import mod_97_10
from stdnum.nl import bsn as std_bsn

from synth import pii_vectors3_lookalike as la
from synth import pii_vectors3_speech as sp
from synth import pii_vectors3_text as txt
from synth import pii_vectors_speech as say
from synth.pii_vectors import Slot, Span

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "eval" / "held-out" / "pii-vectors-3"
SOURCES = OUT / "sources"
EARLIER = (ROOT / "eval" / "pii-vectors" / "sources", ROOT / "eval" / "pii-vectors-2" / "sources")
LANGS = ("nl", "en", "fr", "es")
LANG_CYCLE = ("nl", "en", "nl", "fr", "nl", "es", "nl", "en", "fr", "es")  # nl 40 %, the others 20 % each
SEED = "meeluister-pii-vectors-3"
FAKER_REGION = {"nl_NL": "NL", "nl_BE": "BE", "fr_FR": "FR", "es_ES": "ES", "en_GB": "GB"}


@dataclass(frozen=True)
class Sentence:
    text: str
    lang: str
    form: str
    group: str
    pii: tuple[Span, ...]
    allowed: tuple[Span, ...]
    lookalike: tuple[Span, ...]
    variant: str
    id: str
    split: str = "heldout"

    def record(self) -> dict:
        """The JSON object of one line (spans as objects)."""
        return json.loads(json.dumps(asdict(self), ensure_ascii=False))


def read_tsv(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def earlier_text() -> str:
    """Every vendored source file of the first and second set, as one text (for novelty checks)."""
    return "\n".join(p.read_text(encoding="utf-8") for d in EARLIER for p in sorted(d.glob("*.tsv")))


def compact(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", value).upper()


def mod97(value: str) -> bool:
    c = compact(value)
    return len(c) > 4 and c[:2].isalpha() and mod_97_10.is_valid(c[4:] + c[:4])


def with_check_digits(country: str, bban: str) -> str:
    """An IBAN from a BBAN: the ISO 7064 check digits computed (what Faker's bank provider does)."""
    return f"{country}{mod_97_10.calc_check_digits(bban + country)}{bban}"


def country_code_len(value: str) -> int | None:
    v = value.strip()
    if not v.startswith(("+", "00")):
        return None
    try:
        return len(str(phonenumbers.parse("+" + v.lstrip("+")[2 if v.startswith("00") else 0:], None).country_code))
    except phonenumbers.NumberParseException:
        return None


def compose(template: str, slots: dict[str, Slot], lang: str, form: str, group: str, variant: str) -> Sentence:
    parts: list[str] = []
    spans: dict[str, list[Span]] = {"pii": [], "allowed": [], "lookalike": []}
    pos = at = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        lead = template[at:m.start()]
        parts.append(lead)
        pos += len(lead)
        slot = slots[m.group(1)]
        if slot.role:
            spans[slot.role].append(Span(slot.kind, pos, pos + len(slot.text), slot.text, slot.source))
        parts.append(slot.text)
        pos += len(slot.text)
        at = m.end()
    parts.append(template[at:])
    text = "".join(parts)
    if form == "written" and text[:1].islower() and not template.startswith("{"):  # a value keeps its case
        text = text[0].upper() + text[1:]
    sid = "pv3-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return Sentence(text, lang, form, group, tuple(spans["pii"]), tuple(spans["allowed"]), tuple(spans["lookalike"]),
                    variant, sid)


class Builder:
    """Every choice from one string-seeded `random.Random`; sources read in file order."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.out: list[Sentence] = []
        self.turn = 0
        self.old = earlier_text()
        self.old_compact = compact(self.old)
        self.faker: dict[tuple[str, str], list[str]] = {}
        for r in read_tsv("faker_locale.tsv"):
            self.faker.setdefault((r["what"], r["locale"]), []).append(r["value"])
        self.bad_bsn: list[tuple[str, str]] = []
        self.bad_iban: list[tuple[str, str]] = []

    def lang(self) -> str:
        self.turn += 1
        return LANG_CYCLE[self.turn % len(LANG_CYCLE)]

    def new(self, value: str) -> bool:
        return value not in self.old and (len(compact(value)) < 8 or compact(value) not in self.old_compact)

    def take(self, items: list, n: int) -> list:
        if len(items) <= n:
            return items
        keep = set(self.rng.sample(range(len(items)), n))
        return [x for i, x in enumerate(items) if i in keep]

    # --- sentences -------------------------------------------------------------------------------
    def pii(self, kind: str, value: str, source: str, lang: str, form: str, variant: str,
            extra: dict[str, Slot] | None = None, tail: float = 0.3) -> None:
        if form == "written" and not self.new(value):  # the earlier sets' values stay out
            return
        template = self.rng.choice(txt.PII[kind][lang][form])
        slots = {"v": Slot(value, "pii", kind, source), **(extra or {})}
        if self.rng.random() < tail:
            la_kind = self.rng.choice(("amount", "time", "date", "reference", "dosage", "year", "invalid_bsn"))
            la_value, la_source = self.lookalike_value(la_kind, lang, form)
            clause = self.rng.choice(la.LOOKALIKE[la_kind][lang][form])
            sep = " " if form == "spoken" else ("" if template[-1] in ".?!" else ".") + " "
            template = template + sep + clause[0].upper() + clause[1:] if form == "written" else template + sep + clause
            slots["la"] = Slot(la_value, "lookalike", la_kind, la_source)
        self.out.append(compose(template, slots, lang, form, kind, variant))

    def lookalike(self, kind: str, lang: str, form: str, value: str | None = None, source: str = "") -> None:
        if value is None:
            value, source = self.lookalike_value(kind, lang, form)
        template = self.rng.choice(la.LOOKALIKE[kind][lang][form])
        slot = Slot(value, "lookalike", kind, source)
        self.out.append(compose(template, {"la": slot}, lang, form, f"lookalike:{kind}", "lookalike"))

    def lookalike_value(self, kind: str, lang: str, form: str) -> tuple[str, str]:
        """A look-alike of `kind`, drawn again while its digits could pass for a BSN."""
        while True:
            value, source = self._draw_lookalike(kind, lang, form)
            digits = re.sub(r"\D", "", value)
            if len(digits) not in (8, 9) or not std_bsn.is_valid(digits.zfill(9)):
                return value, source

    def _draw_lookalike(self, kind: str, lang: str, form: str) -> tuple[str, str]:
        rng = self.rng
        if kind == "amount":
            fmts = self.faker.get(("price_format", {"en": "nl_NL"}.get(lang, f"{lang}_{lang.upper()}")), [])
            return la.amount(lang, form, fmts, rng), "faker:currency price_formats (digits drawn)"
        if kind == "invalid_bsn":
            value, source = rng.choice(self.bad_bsn)
            return (sp.digit_run(value, lang) if form == "spoken" else value), source
        maker = {"time": la.time, "date": la.date, "reference": la.reference, "dosage": la.dosage, "year": la.year}[kind]
        return maker(lang, form, rng), "meeluister:written"

    # --- phone -----------------------------------------------------------------------------------
    def faker_phone(self, locale: str, fmt: str) -> str | None:
        region = FAKER_REGION[locale]
        for _ in range(60):
            f = fmt
            if "{{area_code_with_separator}}" in f or "{{area_code_without_separator}}" in f:
                code = la.fill(self.rng.choice(self.faker[("fr_area_code", "fr_FR")]), self.rng)
                f = f.replace("{{area_code_with_separator}}", f"{code[0]} {code[1:]}")
                f = f.replace("{{area_code_without_separator}}", code)
            if "xxx" in f:
                f = f.replace("xxx", self.rng.choice(self.faker[("es_prefix", "es_ES")]))
            value = la.fill(f, self.rng)
            try:
                num = phonenumbers.parse(value, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(num) and self.new(value):
                return value
        return None

    def phone_vectors(self) -> list[tuple[str, str]]:
        vectors: list[tuple[str, str]] = []
        seen_e164: Counter[str] = Counter()
        for r in read_tsv("phonenumbers_tests.tsv"):
            try:
                num = phonenumbers.parse(r["value"], None if r["value"].startswith("+") else r["region"])
            except phonenumbers.NumberParseException:
                continue
            e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            seen_e164[e164] += 1
            if seen_e164[e164] == 1:
                vectors.append((r["value"], f"phonenumbers:{r['path']}"))
        vectors = self.take(vectors, 62)
        fmt = phonenumbers.PhoneNumberFormat
        for i, r in enumerate(read_tsv("libphonenumber_examples_3.tsv")):
            num = phonenumbers.parse(f"+{r['country_code']}{r['national_number']}")
            if not phonenumbers.is_valid_number(num):
                continue
            shown = phonenumbers.format_number(num, (fmt.INTERNATIONAL, fmt.NATIONAL, fmt.E164, fmt.INTERNATIONAL)[i % 4])
            if i % 4 == 3:
                shown = "00" + shown[1:]
            vectors.append((shown, "libphonenumber:resources/PhoneNumberMetadata.xml#exampleNumber (formatted)"))
        vectors += [(r["value"], "scrubadub:tests/test_detector_phone_numbers.py") for r in read_tsv("scrubadub_tests.tsv")
                    if r["kind"] == "phone"]
        per_format = {"nl_NL": 2, "nl_BE": 1, "fr_FR": 3, "es_ES": 2, "en_GB": 1}
        for locale, n in per_format.items():
            formats = self.faker[("phone_format", locale)]
            if locale in ("en_GB", "nl_BE"):
                formats = self.take(formats, 10)
            for f in formats:
                for _ in range(n):
                    v = self.faker_phone(locale, f)
                    if v:
                        vectors.append((v, f"faker:phone_number/{locale} formats (digits drawn, valid for libphonenumber)"))
        return [(v, s) for v, s in dict.fromkeys(vectors) if self.new(v)]

    def phone(self) -> None:
        vectors = self.phone_vectors()
        for value, source in vectors:
            self.pii("phone", value, source, self.lang(), "written", "as-written")
        spoken = [v for i, v in enumerate(vectors) if i % 3 == 0 or "faker" in v[1]]
        for k, (value, source) in enumerate(self.take(spoken, 84)):
            lang = LANG_CYCLE[k % len(LANG_CYCLE)]
            said, variant = sp.phone(value, lang, (k // len(LANG_CYCLE)) % (5 if lang == "en" else 4), country_code_len(value))
            self.pii("phone", said, source + " (said)", lang, "spoken", variant)

    # --- BSN -------------------------------------------------------------------------------------
    def bsn(self) -> None:
        valid: list[tuple[str, str]] = []
        for r in read_tsv("bsn_tests.tsv"):
            d = r["value"].zfill(9)
            if r["listed_as"] == "valid" and std_bsn.is_valid(d):
                valid.append((r["value"], r["source"]))
            elif len(r["value"]) == 9 and not std_bsn.is_valid(r["value"]):
                self.bad_bsn.append((r["value"], r["source"] + " (listed invalid)"))
        valid += [(r["bsn"], "rvig:testset (persons not in sets 1-2)") for r in read_tsv("rvig_testset_persons_3.tsv")
                  if std_bsn.is_valid(r["bsn"]) and not r["bsn"].startswith("0000")]
        valid = [(v, s) for v, s in dict.fromkeys(valid) if self.new(v)][:100]
        formats = (lambda d: d, lambda d: f"{d[:4]}.{d[4:6]}.{d[6:]}", lambda d: f"{d[:3]} {d[3:6]} {d[6:]}",
                   lambda d: f"{d[:3]}-{d[3:6]}-{d[6:]}", lambda d: f"{d[:2]}.{d[2:5]}.{d[5:]}")
        for i, (value, source) in enumerate(valid):
            shown = value if len(value) < 9 else formats[i % 5](value)
            self.pii("bsn", shown, source, self.lang(), "written", f"format-{i % 5}" if len(value) == 9 else "as-written")
            if i % 3 == 0:
                lang = LANG_CYCLE[(i // 3) % len(LANG_CYCLE)]
                said, variant = sp.bsn(value.zfill(9), lang, (i // 3) % 4)
                self.pii("bsn", said, source + " (said)", lang, "spoken", variant)
            k = next((j for j in range(2, 8) if value[j] != value[j + 1]), None) if len(value) == 9 else None
            if k is not None and i % 2 == 0:  # derived: two neighbouring digits swapped fails the 11-proef
                bad = value[:k] + value[k + 1] + value[k] + value[k + 2:]
                if not std_bsn.is_valid(bad) and self.new(bad):
                    self.bad_bsn.append((bad, source + " (2 digits swapped)"))

    # --- IBAN ------------------------------------------------------------------------------------
    def derived_ibans(self) -> list[tuple[str, str]]:
        out = []
        counts = {"NL": 28, "BE": 4, "FR": 5, "ES": 5, "GB": 5}
        for spec in (v for (w, _), vs in self.faker.items() if w == "bban_format" for v in vs):
            country, fmt = spec.split(":")
            for _ in range(counts[country]):
                if country == "BE":
                    acct = self.rng.choice(self.faker[("be_bank_code", "nl_BE")]) + la.fill("#######", self.rng)
                    bban = acct + f"{int(acct) % 97 or 97:02d}"
                elif country == "ES":
                    bank, branch, acct = (la.fill("#" * n, self.rng) for n in (4, 4, 10))
                    ctl = "".join(str(c if c < 2 else 11 - c) for c in
                                  (sum(int(x) * 2 ** i for i, x in enumerate(s)) % 11 for s in ("00" + bank + branch, acct)))
                    bban = bank + branch + ctl + acct
                else:
                    bban = "".join(self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if c == "?" else str(self.rng.randint(0, 9))
                                   for c in fmt)
                iban = with_check_digits(country, bban)
                if std_iban.is_valid(iban):
                    out.append((iban, f"faker:bank/{country} bban_format (characters drawn, check digits computed)"))
        return out

    def iban(self) -> None:
        valid: list[tuple[str, str]] = []
        for r in read_tsv("iban_tests.tsv"):
            if r["stdnum_valid"] == "1":
                valid.append((r["iban"], r["source"]))
            elif not mod97(r["iban"]) and len(compact(r["iban"])) >= 15:
                self.bad_iban.append((r["iban"], r["source"] + " (fails mod 97)"))
        be = [v for v in valid if v[1] == "stdnum:tests/test_be_iban.doctest"]
        valid = [v for v in valid if v not in be] + self.take(be, 42)
        seen: set[str] = set()
        fresh = []
        for v, s in valid + self.derived_ibans():
            if compact(v) not in seen and self.new(v):
                seen.add(compact(v))
                fresh.append((v, s))
        for i, (value, source) in enumerate(fresh):
            shown = value
            if source.startswith("faker"):
                shown = (std_iban.format(value), value, std_iban.format(value).lower() if i % 7 == 0 else value)[i % 3]
            self.pii("iban", shown, source, self.lang(), "written", "spaced" if " " in shown else "compact")
            if i % 3 == 0:
                lang = LANG_CYCLE[(i // 3) % len(LANG_CYCLE)]
                said, variant = sp.iban(compact(value), lang, (i // 3) % 3)
                self.pii("iban", said, source + " (said)", lang, "spoken", variant)
            if i % 4 == 1:  # derived look-alike: the check digits changed, so mod 97 fails
                c = compact(value)
                bad = f"{c[:2]}{(int(c[2:4]) + 1 + i % 7) % 97 + 2:02d}{c[4:]}"
                if not mod97(bad):
                    self.bad_iban.append((std_iban.format(bad) if " " in value else bad, source + " (check digits changed)"))

    # --- e-mail ----------------------------------------------------------------------------------
    def email_vectors(self) -> list[tuple[str, str]]:
        plain = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        out = []
        for r in read_tsv("email_tests.tsv"):
            a = r["address"]
            ok = r["category"] in ("ISEMAIL_VALID_CATEGORY", "ISEMAIL_DNSWARN", "valid")
            if ok and plain.fullmatch(a) and len(a) <= 60 and ".." not in a and not a.startswith("."):
                out.append((a, r["source"] + (" (RFC 3696)" if "3696" in r["origin"] else "")))
        for r in read_tsv("scrubadub_tests.tsv"):
            m = re.search(r"is (\S+(?:@| at )\S+)$", r["before"]) if r["kind"] == "email" else None
            if m:
                out.append((m.group(1), "scrubadub:tests/test_detector_emails.py"))
        names = self.faker[("first_name", "nl_NL")], self.faker[("last_name", "nl_NL")]
        domains = [d for (w, _), ds in self.faker.items() if w == "free_email_domain" for d in ds]
        for k in range(26):
            first = self.rng.choice(names[0])
            last = self.rng.choice([n for n in names[1] if re.fullmatch(r"[A-Za-z]+", n)])
            user = self.faker[("user_name_format", "base")][k % 4]
            user = user.replace("{{last_name}}", last).replace("{{first_name}}", first)
            user = la.fill(user.replace("?", self.rng.choice("abcdefghijklmnopqrstuvwxyz")), self.rng)
            user = re.sub(r"[^A-Za-z0-9._-]", "", user.lower())
            out.append((f"{user}@{self.rng.choice(domains)}", "faker:internet user_name_formats + free_email_domains (nl_NL names)"))
        return [(v, s) for v, s in dict.fromkeys(out) if self.new(v)]

    def email(self) -> None:
        for i, (value, source) in enumerate(self.email_vectors()):
            langs = [self.lang()] + ([self.lang()] if i % 4 == 0 else [])
            for lang in langs:
                self.pii("email", value, source, lang, "written", "as-written")
            if i % 3 != 2 and re.fullmatch(r"[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}", value, re.I):
                lang = LANG_CYCLE[i % len(LANG_CYCLE)]
                said, variant = sp.email(value, lang, (i // 2) % 3)
                self.pii("email", said, source + " (said)", lang, "spoken", variant)

    # --- postcode + house number, date of birth -----------------------------------------------------
    def address(self) -> dict[str, str]:
        suffix = self.rng.choice(self.faker[("street_suffix", "nl_NL")])
        return {"straat": self.rng.choice(self.faker[("first_name", "nl_NL")]) + suffix,
                "huisnummer": la.fill(self.rng.choice(("#", "##", "###")).replace("#", "%", 1), self.rng),
                "woonplaats": self.rng.choice(self.faker[("city", "nl_NL")])}

    def postcode(self) -> None:
        items: list[tuple[str, str, dict[str, str]]] = []
        for r in read_tsv("rvig_testset_persons_3.tsv"):
            if r["postcode"]:
                hn = r["huisnummer"] + r["huisletter"] + (f"-{r['toevoeging']}" if r["toevoeging"] else "")
                items.append((r["postcode"], "rvig:testset (persons not in sets 1-2)",
                              {"straat": r["straat"], "huisnummer": hn, "woonplaats": r["woonplaats"] or "Den Haag"}))
        for r in read_tsv("postcode_tests.tsv"):
            if r["valid"] == "1":
                items.append((r["value"].strip(), r["source"], self.address()))
        for k in range(30):
            pc = la.fill(self.faker[("postcode_format", "nl_NL")][k % 2], self.rng)
            pc = re.sub(r"\?", lambda _: self.rng.choice("ABCDEFGHJKLMNPRSTVWXZ"), pc)
            items.append((pc, "faker:address/nl_NL postcode_formats (characters drawn)", self.address()))
        for i, (pc, source, a) in enumerate(items):
            if i % 3 < 2:
                extra = {"street": Slot(a["straat"], "allowed", "street", source),
                         "hn": Slot(a["huisnummer"], "allowed", "house_number", source),
                         "city": Slot(a["woonplaats"], "allowed", "city", source)}
                self.pii("postcode", pc, source, self.lang(), "written", "as-written", extra, tail=0.2)
            else:
                lang = LANG_CYCLE[i % len(LANG_CYCLE)]
                said, variant = sp.postcode(pc, lang, (i // 3) % 2)
                n = int(re.match(r"\d+", a["huisnummer"]).group(0))
                extra = {"street": Slot(a["straat"], "allowed", "street", source),
                         "hn": Slot(say.number(n, lang), "allowed", "house_number", source),
                         "city": Slot(a["woonplaats"], "allowed", "city", source)}
                self.pii("postcode", said, source + " (said)", lang, "spoken", variant, extra)

    def dob(self) -> None:
        rows = [r["geboortedatum"] for r in read_tsv("rvig_testset_persons_3.tsv")
                if re.fullmatch(r"(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", r["geboortedatum"])]
        for i, d in enumerate(rows[:60]):
            y, m, day = int(d[:4]), int(d[4:6]), int(d[6:])
            if i % 3 < 2:
                lang = self.lang()
                month = say.MONTHS[lang][m - 1]
                shown = (f"{day:02d}-{m:02d}-{y}", f"{day}/{m}/{y}" if lang != "en" else f"{day:02d}/{m:02d}/{y}",
                         f"{day} {month} {y}" if lang != "es" else f"{day} de {month} de {y}", f"{y}-{m:02d}-{day:02d}",
                         f"{day:02d}.{m:02d}.{y}", f"{month} {day}, {y}" if lang == "en" else f"{day}-{m}-{y}")[i % 6]
                self.pii("dob", shown, "rvig:testset 01.03.10 (persons not in sets 1-2)", lang, "written", f"format-{i % 6}")
            else:
                lang = LANG_CYCLE[i % len(LANG_CYCLE)]
                said, variant = sp.date(y, m, day, lang, (i // 3) % 3)
                self.pii("dob", said, "rvig:testset 01.03.10 (said)", lang, "spoken", variant)
        pattern = r"(\d{1,2}(?:st|nd|rd|th)? \w+ \d{4}|\d{1,2}[/.-]\w{2,3}[/.-]\d{4}|\d{4}-\d\d-\d\d)"
        for k, r in enumerate(x for x in read_tsv("scrubadub_tests.tsv") if x["kind"] == "dob"):
            m = re.search(pattern, r["before"])
            if m and self.new(m.group(1)):
                for lang in ("en", LANG_CYCLE[k % len(LANG_CYCLE)]):
                    self.pii("dob", m.group(1), "scrubadub:tests/test_detector_date_of_birth.py", lang, "written",
                             "as-written", tail=0)

    # --- look-alikes on their own ----------------------------------------------------------------
    def lookalikes(self) -> None:
        plan = {"amount": 36, "time": 28, "date": 30, "reference": 28, "dosage": 26, "year": 24}
        for kind, n in plan.items():
            for k in range(n):
                self.lookalike(kind, self.lang(), "spoken" if k % 3 == 2 else "written")
        for k, (value, source) in enumerate(self.bad_bsn):
            lang = self.lang()
            spoken = k % 3 == 2
            self.lookalike("invalid_bsn", lang, "spoken" if spoken else "written",
                           sp.digit_run(value, lang) if spoken else value, source)
        for value, source in self.bad_iban:
            self.lookalike("invalid_iban", self.lang(), "written", value, source)

    def build(self) -> list[Sentence]:
        self.bsn()  # first: its swapped-digit numbers feed the look-alike clauses
        self.phone()
        self.iban()
        self.email()
        self.postcode()
        self.dob()
        self.lookalikes()
        seen: dict[str, Sentence] = {}
        for s in self.out:
            seen.setdefault(s.text, s)
        return list(seen.values())


def build() -> list[Sentence]:
    return Builder().build()


def write(sentences: list[Sentence], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "heldout.jsonl").open("w", encoding="utf-8") as fh:
        for s in sentences:
            fh.write(json.dumps(s.record(), ensure_ascii=False) + "\n")
    return len(sentences)


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    log.info(json.dumps({"sentences": write(build(), args.out)}))


if __name__ == "__main__":
    main()
