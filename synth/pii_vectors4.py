"""The fourth third-party vector set for the redactor: vectors sets 1-3 did not use, new sentences.

libphonenumber's example numbers of every region and number type the earlier sets did not take
(premium rate, shared cost, personal, UAN, voicemail, …) and the numbers of its carrier, geocoder
and PhoneNumber tests, Dutch numbers drawn on libphonenumber's Dutch area codes and mobile
prefixes, Apache Commons Validator's e-mail and IBAN tests, IBANs drawn on schwifty's Dutch and
Belgian bank registries, and the related persons (parents, partners, children) and past addresses
of the RvIG test persons (vendored in eval/held-out/pii-vectors-4/sources/, SOURCES.md), put into
contact-centre sentences in nl (about 40 %), en, fr and es, written and as speech recognition
writes them, weighted toward phone numbers and e-mail addresses, with look-alikes that must stay
readable.

Written blind to the redactor. Run: `python -m synth.pii_vectors4 [--out DIR]`.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import json
import logging
import random
import re
from pathlib import Path

import phonenumbers
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from synth import pii_vectors3 as pv3
from synth import pii_vectors3_lookalike as la
from synth import pii_vectors3_speech as sp
from synth import pii_vectors4_text as txt
from synth import pii_vectors_speech as say
from synth.pii_vectors import Slot

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "eval" / "held-out" / "pii-vectors-4"
SOURCES = OUT / "sources"
EARLIER = (ROOT / "eval" / "pii-vectors" / "sources", ROOT / "eval" / "pii-vectors-2" / "sources",
           ROOT / "eval" / "held-out" / "pii-vectors-3" / "sources")
LANG_CYCLE = pv3.LANG_CYCLE
SEED = "meeluister-pii-vectors-4"
PRICE_FORMATS = ("#,##", "##,##", "###,##", "#.###,##")
FMT = phonenumbers.PhoneNumberFormat
Sentence = pv3.Sentence


def read_tsv(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def earlier_text() -> str:
    """Every vendored source file of the first three sets, as one text (for novelty checks)."""
    return "\n".join(p.read_text(encoding="utf-8") for d in EARLIER for p in sorted(d.glob("*.tsv")))


def compose(template: str, slots: dict[str, Slot], lang: str, form: str, group: str, variant: str) -> Sentence:
    s = pv3.compose(template, slots, lang, form, group, variant)
    return dataclasses.replace(s, id="pv4-" + hashlib.sha256(s.text.encode("utf-8")).hexdigest()[:10])


def dutch_written(nat: str, style: int) -> str:
    """A Dutch national number (0 + 9 digits) the ways people and tools write it."""
    mobile = nat.startswith("06")
    ac = 2 if mobile else (3 if nat[:3] in ("010", "020", "030", "033", "040", "043", "045", "046", "050",
                                            "053", "055", "058", "070", "071", "072", "073", "074", "075",
                                            "076", "077", "078", "079", "013", "015", "023", "024", "026", "035", "036", "038")
                           else 4)
    a, r = nat[:ac], nat[ac:]
    forms = (f"{a}-{r}", f"{a} {r}", f"({a}) {r}", f"+31 {a[1:]} {r}", f"+31 (0){a[1:]} {r}", f"0031 {a[1:]} {r}",
             f"+31{nat[1:]}", f"{a} {' '.join(r[i:i + 2] for i in range(0, len(r), 2))}" if len(r) % 2 == 0
             else f"{a} {r[:3]} {' '.join(r[i:i + 2] for i in range(3, len(r), 2))}", nat, f"{a}/{r}",
             f"+31 {a[1:]} {r[:3]} {r[3:]}", f"{a} - {r}")
    return forms[style % len(forms)]


class Builder(pv3.Builder):
    """pv3's sentence machinery (`pii`, `lookalike`, `take`, `lang`) on this set's sources and templates."""

    def __init__(self) -> None:  # noqa: D107 — pv3's sources are not read
        self.rng = random.Random(SEED)
        self.out: list[Sentence] = []
        self.turn = 0
        self.old = earlier_text()
        self.old_compact = pv3.compact(self.old)
        self.faker = {("price_format", loc): list(PRICE_FORMATS) for loc in ("nl_NL", "fr_FR", "es_ES")}
        self.bad_bsn: list[tuple[str, str]] = []
        self.bad_iban: list[tuple[str, str]] = []
        self.rvig = read_tsv("rvig_brp_4.tsv")
        self.places = [r["name"] for r in read_tsv("nl_prefixes.tsv") if r["kind"] == "area"]

    def pii(self, kind: str, value: str, source: str, lang: str, form: str, variant: str,
            extra: dict[str, Slot] | None = None, tail: float = 0.25, wrap: str = "{v}") -> None:
        """One sentence with `value` (`wrap` puts marks around it); a quarter carry a look-alike clause too."""
        if form == "written" and not self.new(value):
            return
        template = self.rng.choice(txt.PII[kind][lang][form]).replace("{v}", wrap)
        slots = {"v": Slot(value, "pii", kind, source), **(extra or {})}
        if self.rng.random() < tail:
            la_kind = self.rng.choice(("amount", "time", "date", "reference", "dosage", "year", "invalid_bsn"))
            la_value, la_source = self.lookalike_value(la_kind, lang, form)
            clause = self.rng.choice(txt.LOOKALIKE[la_kind][lang][form])
            if form == "written":
                template += ("" if template[-1] in ".?!" else ".") + " " + clause
            else:
                template += " " + clause
            slots["la"] = Slot(la_value, "lookalike", la_kind, la_source)
        self.out.append(compose(template, slots, lang, form, kind, variant))

    def lookalike(self, kind: str, lang: str, form: str, value: str | None = None, source: str = "") -> None:
        if value is None:
            value, source = self.lookalike_value(kind, lang, form)
        template = self.rng.choice(txt.LOOKALIKE[kind][lang][form])
        self.out.append(compose(template, {"la": Slot(value, "lookalike", kind, source)}, lang, form,
                                f"lookalike:{kind}", "lookalike"))

    def spoken_lang(self, k: int) -> str:
        return LANG_CYCLE[k % len(LANG_CYCLE)]

    # --- phone -----------------------------------------------------------------------------------
    def dutch_numbers(self, n: int) -> list[tuple[str, str]]:
        """Dutch numbers on libphonenumber's area codes and mobile prefixes, digits drawn, valid only."""
        rows = read_tsv("nl_prefixes.tsv")
        out: list[tuple[str, str]] = []
        while len(out) < n:
            r = self.rng.choice(rows)
            nat = "0" + r["prefix"] + la.fill("#" * (9 - len(r["prefix"])), self.rng)
            num = phonenumbers.parse(nat, "NL")
            if phonenumbers.is_valid_number(num) and nat[len(r["prefix"]) + 1] != "0" and self.new(nat):
                out.append((nat, f"libphonenumber:{r['path']} ({r['kind']} prefix, digits drawn)"))
        return out

    def phone(self) -> None:
        vectors: list[tuple[str, str, str]] = []  # (written, source, kind of number)
        for i, r in enumerate(read_tsv("phonenumbers_4.tsv")):
            num = phonenumbers.parse(f"+{r['country_code']}{r['national_number']}")
            shown = phonenumbers.format_number(num, (FMT.INTERNATIONAL, FMT.E164, FMT.NATIONAL, FMT.INTERNATIONAL,
                                                     FMT.RFC3966)[i % 5])
            if i % 5 == 2 and len(re.sub(r"\D", "", shown)) < 8:  # short national forms are no number in a call
                shown = phonenumbers.format_number(num, FMT.INTERNATIONAL)
            if i % 5 == 3:
                shown = "00" + shown[1:]
            elif i % 5 == 4:
                shown = shown.removeprefix("tel:")
            vectors.append((shown, f"libphonenumber:{r['path']} ({r['region']}, formatted)", "intl"))
        vectors = [v for v in self.take(vectors, 150) if self.new(v[0])]
        for k, (nat, source) in enumerate(self.dutch_numbers(95)):
            vectors.append((dutch_written(nat, k), source, "nl"))
        written = [v for v in vectors]
        for value, source, _ in written:
            self.pii("phone", value, source, self.lang(), "written", "as-written")
        spoken = self.take([v for v in written if v[2] == "nl"], 55) + self.take([v for v in written if v[2] == "intl"], 40)
        for k, (value, source, _) in enumerate(spoken):
            lang = self.spoken_lang(k)
            style = (k // len(LANG_CYCLE)) % (5 if lang == "en" else 4)
            self.spoken("phone", source, lang, sp.phone, value, lang, style, pv3.country_code_len(value))

    def spoken(self, kind: str, source: str, lang: str, render, *args) -> None:  # type: ignore[override]
        said, variant = render(*args)
        self.pii(kind, said, source + " (said)", lang, "spoken", variant)

    # --- e-mail ----------------------------------------------------------------------------------
    def email(self) -> None:
        plain = re.compile(r"[A-Za-z0-9._%+'$!*?&=-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        addresses = [(r["address"], f"{name}:{r['path']}") for name, f in (("commons-validator", "commons_email.tsv"),
                                                                            ("django", "django_email.tsv"))
                     for r in read_tsv(f) if plain.fullmatch(r["address"]) and ".." not in r["address"]]
        wraps = ("{v}", "<{v}>", "mailto:{v}", "{v}", "({v})")
        for i, (value, source) in enumerate(addresses):
            for k in range(4):
                self.pii("email", value, source, self.lang(), "written", "as-written", wrap=wraps[(i + k) % 5])
            if value.upper() != value and i % 2 == 0:
                self.pii("email", value.upper(), source + " (upper case)", self.lang(), "written", "upper-case")
        speakable = [a for a in addresses if re.fullmatch(r"[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", a[0])]
        k = 0
        for value, source in speakable:
            for style in range(4):
                lang = "nl" if style == 3 else self.spoken_lang(k)
                said, variant = sp.email(value.lower(), lang, style % 3)
                if style == 3:  # the dash and underscore as a Dutch caller says them
                    said, variant = re.sub(r"\bmin\b", say.DASH["nl"], said), "words-streepje"
                self.pii("email", said, source + " (said)", lang, "spoken", variant)
                k += 1

    # --- BSN -------------------------------------------------------------------------------------
    def bsn(self) -> None:
        values = [(r["value"], f"rvig:testset {r['where']} (related persons)" if "." in r["where"][:6]
                   else f"brp-api:{r['where']}") for r in self.rvig if r["kind"] == "bsn"]
        values = self.take([v for v in dict.fromkeys(values) if self.new(v[0]) and not v[0].startswith("000")], 75)
        formats = (lambda d: d, lambda d: f"{d[:3]} {d[3:6]} {d[6:]}", lambda d: f"{d[:4]}.{d[4:6]}.{d[6:]}",
                   lambda d: f"{d[:3]}.{d[3:6]}.{d[6:]}", lambda d: f"{d[:2]} {d[2:5]} {d[5:]}", lambda d: f"{d[:3]}-{d[3:6]}-{d[6:]}")
        for i, (value, source) in enumerate(values):
            self.pii("bsn", formats[i % 6](value), source, self.lang(), "written", f"format-{i % 6}")
            if i % 3 == 0:
                lang = self.spoken_lang(i // 3)
                self.spoken("bsn", source, lang, sp.bsn, value, lang, (i // 3) % 4)
            j = 2 + i % 6
            if value[j] != value[j + 1]:
                bad = value[:j] + value[j + 1] + value[j] + value[j + 2:]
                if not std_bsn.is_valid(bad) and self.new(bad):
                    self.bad_bsn.append((bad, source + " (2 digits swapped)"))

    # --- IBAN ------------------------------------------------------------------------------------
    def iban(self) -> None:
        fresh: list[tuple[str, str]] = []
        for r in read_tsv("commons_iban.tsv"):
            source = f"commons-validator:{r['path']}"
            if r["listed_as"] == "valid" and std_iban.is_valid(r["iban"]):
                fresh.append((r["iban"], source))
            elif not pv3.mod97(r["iban"]):
                self.bad_iban.append((r["iban"], source + " (listed invalid)"))
        banks = read_tsv("bank_registry.tsv")
        nl = [b for b in banks if b["country"] == "NL" and re.fullmatch(r"[A-Z]{4}", b["bank_code"])]
        be = [b for b in banks if b["country"] == "BE" and re.fullmatch(r"\d{3}", b["bank_code"])]
        for k in range(80):
            b = self.rng.choice(nl if k % 4 else be)
            if b["country"] == "NL":
                bban = b["bank_code"] + la.fill("%#########", self.rng)
            else:
                acct = b["bank_code"] + la.fill("#######", self.rng)
                bban = acct + f"{int(acct) % 97 or 97:02d}"
            value = pv3.with_check_digits(b["country"], bban)
            if std_iban.is_valid(value) and self.new(value):
                fresh.append((value, f"schwifty:{b['path']} (bank code {b['bank_code']}, digits drawn, check digits computed)"))
        for i, (value, source) in enumerate(fresh):
            shown = (std_iban.format(value), pv3.compact(value), std_iban.format(value).lower(), std_iban.format(value))[i % 4]
            shown = value if source.startswith("commons") else shown
            self.pii("iban", shown, source, self.lang(), "written", "spaced" if " " in shown else "compact")
            if i % 3 == 0:
                lang = self.spoken_lang(i // 3)
                self.spoken("iban", source, lang, sp.iban, pv3.compact(value), lang, (i // 3) % 3)
            if i % 4 == 1:
                c = pv3.compact(value)
                bad = f"{c[:2]}{(int(c[2:4]) + 3 + i % 5) % 97 + 2:02d}{c[4:]}"
                if not pv3.mod97(bad):
                    self.bad_iban.append((std_iban.format(bad) if i % 8 == 1 else bad, source + " (check digits changed)"))

    # --- postcode + house number, date of birth -----------------------------------------------------
    def postcode(self) -> None:
        rows = [r for r in self.rvig if r["kind"] == "postcode" and re.match(r"\d+", r["house_number"])
                and self.new(r["value"]) and self.new(f"{r['value'][:4]} {r['value'][4:]}")]
        rows = self.take(list({r["value"]: r for r in rows}.values()), 82)
        for i, r in enumerate(rows):
            source = f"rvig:testset {r['where']} (past and current addresses)"
            city = r["town"] or self.rng.choice(self.places)
            pc = (r["value"], f"{r['value'][:4]} {r['value'][4:]}", f"{r['value'][:4]} {r['value'][4:].lower()}")[i % 3]
            if i % 10 < 7:
                extra = {"hn": Slot(r["house_number"], "allowed", "house_number", source),
                         "city": Slot(city, "allowed", "city", source)}
                self.pii("postcode", pc, source, self.lang(), "written", "as-written", extra, tail=0.2)
            else:
                lang = self.spoken_lang(i // 10 * 3 + i % 10 - 7)
                said, variant = sp.postcode(r["value"], lang, i % 2)
                n = int(re.match(r"\d+", r["house_number"]).group(0))
                extra = {"hn": Slot(say.number(n, lang), "allowed", "house_number", source)}
                self.pii("postcode", said, source + " (said)", lang, "spoken", variant, extra)

    def dob(self) -> None:
        rows = list(dict.fromkeys((r["value"], r["where"]) for r in self.rvig if r["kind"] == "dob"))
        for i, (d, where) in enumerate(self.take(rows, 82)):
            y, m, day = int(d[:4]), int(d[4:6]), int(d[6:])
            source = f"rvig:testset {where} (related persons)"
            if i % 10 < 7:
                lang = self.lang()
                month = say.MONTHS[lang][m - 1]
                shown = (f"{day}-{m}-{y}", f"{day:02d}/{m:02d}/{y}", f"{day} {month.lower() if lang != 'en' else month} {y}",
                         f"{day:02d}-{m:02d}-{y}", f"{y}-{m:02d}-{day:02d}", f"{day}.{m}.{y}",
                         f"{day} {month[:3].lower()} {y}", f"{day:02d}{m:02d}{y}")[i % 8]
                self.pii("dob", shown, source, lang, "written", f"format-{i % 8}")
            else:
                lang = self.spoken_lang(i // 10 * 3 + i % 10 - 7)
                self.spoken("dob", source, lang, sp.date, y, m, day, lang, i % 3)

    # --- look-alikes on their own ----------------------------------------------------------------
    def lookalikes(self) -> None:
        plan = {"amount": 18, "time": 14, "date": 16, "reference": 16, "dosage": 12, "year": 14}
        for kind, n in plan.items():
            for k in range(n):
                self.lookalike(kind, self.lang(), "spoken" if k % 3 == 2 else "written")
        for k, (value, source) in enumerate(self.take(self.bad_bsn, 36)):
            lang = self.lang()
            spoken = k % 3 == 2
            self.lookalike("invalid_bsn", lang, "spoken" if spoken else "written",
                           sp.digit_run(value, lang) if spoken else value, source)
        for value, source in self.bad_iban:
            self.lookalike("invalid_iban", self.lang(), "written", value, source)

    def build(self) -> list[Sentence]:
        self.bsn()
        self.phone()
        self.email()
        self.iban()
        self.postcode()
        self.dob()
        self.lookalikes()
        seen: dict[str, Sentence] = {}
        for s in self.out:
            seen.setdefault(s.text, s)
        return list(seen.values())


def build() -> list[Sentence]:
    return Builder().build()


# One line per sentence, the third set's writer (same record format).
write = pv3.write


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    log.info(json.dumps({"sentences": write(build(), args.out)}))


if __name__ == "__main__":
    main()
