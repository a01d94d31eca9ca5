"""The second third-party vector set for the redactor (issue 9): unseen vectors, new sentences.

Microsoft Recognizers-Text's phone, e-mail, date and currency specs, libphonenumber's example
numbers for 60 regions the first set did not use and its matcher test cases, jquery-validation's
method tests (IBAN, phone, e-mail, postcode, dates, times), CommonRegex's tests, schwifty's IBAN
tests and RvIG test persons 301+ (vendored in eval/pii-vectors-2/sources/, SOURCES.md), put into
contact-centre sentences in nl/en/fr/es (`pii_vectors2_text`), written and as ASR writes them,
with look-alikes that must stay readable. Values already in the first set are left out.

Written blind to the redactor. Run: `python -m synth.pii_vectors2 [--out eval/pii-vectors-2]`.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import phonenumbers
from stdnum import iban as std_iban
from stdnum.iso7064 import mod_97_10
from stdnum.nl import bsn as std_bsn

from synth import pii_vectors2_text as txt
from synth.pii_vectors import Slot, Span

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "eval" / "pii-vectors-2" / "sources"
FIRST = ROOT / "eval" / "pii-vectors"
LANGS = ("nl", "en", "fr", "es")
SEED = "meeluister-pii-vectors-2"


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
        """The JSON object of one line (spans as lists of objects)."""
        return json.loads(json.dumps(asdict(self), ensure_ascii=False))


def read_tsv(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def first_set_values() -> set[str]:
    """Every expected or look-alike text of the first set (to keep this set's values new)."""
    seen: set[str] = set()
    for name in ("dev.jsonl", "heldout.jsonl"):
        path = FIRST / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                seen |= {s["text"] for s in rec["pii"] + rec["lookalike"]}
    return seen


def mod97(value: str) -> bool:
    """ISO 7064 mod 97-10 over the rearranged IBAN (what every IBAN check computes first)."""
    c = re.sub(r"[^A-Za-z0-9]", "", value).upper()
    return len(c) > 4 and mod_97_10.is_valid(c[4:] + c[:4])


def country_code_len(value: str) -> int | None:
    """Digits of the country code of an international number (libphonenumber), else None."""
    if not value.lstrip("( ").startswith(("+", "00")):
        return None
    try:
        return len(str(phonenumbers.parse(re.sub(r"^\(?00", "+", value.lstrip("( ")), None).country_code))
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
        if slot.text.endswith(".") and template[m.end():m.end() + 1] == ".":
            at_end = m.end() + 1  # "9:00 A.M." ends the sentence: no second full stop
        else:
            at_end = m.end()
        if slot.role:
            spans[slot.role].append(Span(slot.kind, pos, pos + len(slot.text), slot.text, slot.source))
        parts.append(slot.text)
        pos += len(slot.text)
        at = at_end
    parts.append(template[at:])
    text = "".join(parts)
    if text[:1].islower() and form == "written":
        text = text[0].upper() + text[1:]
    sid = "pv2-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return Sentence(text, lang, form, group, tuple(spans["pii"]), tuple(spans["allowed"]), tuple(spans["lookalike"]),
                    variant, sid)


class Builder:
    """All choices from one string-seeded `random.Random`, sources read in file order."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.out: list[Sentence] = []
        self.turn = 0
        self.old = first_set_values()
        self.tails = self._tail_values()

    def lang(self) -> str:
        self.turn += 1
        return LANGS[self.turn % 4]

    def new(self, value: str) -> bool:
        return value not in self.old

    def pii(self, kind: str, value: str, source: str, lang: str, form: str, variant: str,
            extra: dict[str, Slot] | None = None, tail: float = 0.3) -> None:
        if not self.new(value):  # the first set's values stay out of this one
            return
        template = self.rng.choice(txt.PII[kind][lang][form])
        slots = {"v": Slot(value, "pii", kind, source), **(extra or {})}
        if form == "written" and self.rng.random() < tail:
            la_kind = self.rng.choice(sorted(txt.TAILS[lang]))
            template = (template if template[-1] in ".?!" else template + ".") + self.rng.choice(txt.TAILS[lang][la_kind])
            slots["la"] = Slot(*self.rng.choice(self.tails[(la_kind, lang)]))
        self.out.append(compose(template, slots, lang, form, kind, variant))

    def lookalike(self, kind: str, value: str, source: str, lang: str) -> None:
        template = self.rng.choice(txt.LOOKALIKE[kind][lang])
        form = "spoken" if template[:1].islower() else "written"
        slot = Slot(value, "lookalike", kind, source)
        self.out.append(compose(template, {"la": slot}, lang, form, f"lookalike:{kind}", "lookalike"))

    # --- look-alike values ------------------------------------------------------------------
    def _tail_values(self) -> dict[tuple[str, str], list[tuple[str, str, str, str]]]:
        out: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
        for row in read_tsv("recognizers_currency.tsv"):
            if row["lang"] in LANGS and re.search(r"\d", row["amount"]):
                out.setdefault(("amount", row["lang"]), []).append(
                    (row["amount"], "lookalike", "amount", "recognizers:NumberWithUnit/CurrencyModel"))
        times = [r["value"] for r in read_tsv("jquery_validation_methods.tsv") if r["test"].startswith("time") and r["accepted"] == "1"]
        times += [r["value"] for r in read_tsv("commonregex_tests.tsv") if r["test"] == "test_times" and r["list"] == "matching"]
        for lang in LANGS:
            out[("time", lang)] = [(t, "lookalike", "time", "jquery-validation/commonregex") for t in times]
            out[("reference", lang)] = [(r, "lookalike", "reference", "recognizers:PhoneNumberModel (not a phone)")
                                        for r in self.references()]
        for row in read_tsv("recognizers_dates.tsv"):
            out.setdefault(("date", row["lang"]), []).append((row["date"], "lookalike", "date", "recognizers:DateExtractor"))
        return out

    @staticmethod
    def references() -> list[str]:
        """Strings Recognizers' phone spec says are not phone numbers and that are not personal."""
        keep = []
        for row in read_tsv("recognizers_phone.tsv"):
            if row["phone"] or row["lang"] != "en":
                continue
            m = re.match(r"(?:Form Approved - )?([#A-Z0-9][\w.\-/]*\d[\w.\-/]*)", row["input"])
            if m and not re.search(r"SSN|card", row["input"]) and len(re.sub(r"\D", "", m.group(1))) >= 6 and \
                    not re.fullmatch(r"\d{1,4}[-/]\d{1,2}[-/]\d{2,4}|\d{4}/\d{4}", m.group(1)) and \
                    not std_bsn.is_valid(re.sub(r"\D", "", m.group(1))):
                keep.append(m.group(1))
        return sorted(set(keep))

    # --- phone --------------------------------------------------------------------------------
    def take(self, items: list, n: int) -> list:
        """Up to `n` of `items`, chosen by the seeded generator, in their original order."""
        if len(items) <= n:
            return items
        keep = set(self.rng.sample(range(len(items)), n))
        return [x for i, x in enumerate(items) if i in keep]

    def phone_vectors(self) -> list[tuple[str, str]]:
        recog: list[tuple[str, str]] = []
        for row in read_tsv("recognizers_phone.tsv"):
            v = row["phone"]
            nd = len(re.sub(r"\D", "", v))
            if v and 8 <= nd <= 15 and not re.search(r"[a-zA-Z]|/\d/|^\d{4}-\d-\d{3}$", v) and self.new(v):
                recog.append((v, f"recognizers:Sequence/{row['lang']}/PhoneNumberModel"))
        vectors = self.take(list(dict.fromkeys(recog)), 85)
        fmt = phonenumbers.PhoneNumberFormat
        examples = []
        for i, row in enumerate(read_tsv("libphonenumber_examples_2.tsv")):
            num = phonenumbers.parse(f"+{row['country_code']}{row['national_number']}")
            if phonenumbers.is_valid_number(num) and row["type"] in ("fixedLine", "mobile", "tollFree"):
                f = (fmt.INTERNATIONAL, fmt.NATIONAL, fmt.E164)[i % 3]
                examples.append((phonenumbers.format_number(num, f), "libphonenumber:PhoneNumberMetadata.xml"))
        vectors += self.take(examples, 45)
        mobile = [(r["value"], f"validatorjs:test/validators.test.js#isMobilePhone/{r['locale']}")
                  for r in read_tsv("validatorjs_tests.tsv") if r["validator"] == "isMobilePhone" and r["list"] == "valid"]
        home = [m for m in mobile if m[1].split("/")[-1][:2] in ("nl", "fr", "es")]
        vectors += home + self.take([m for m in mobile if m not in home], 25)
        for row in read_tsv("phonenumbers_matcher_cases.tsv"):
            v = row["raw"]
            if row["list"] in ("STRICT_GROUPING_CASES", "EXACT_GROUPING_CASES") and v.isascii() and \
                    not re.search(r"[a-z]", v) and len(re.sub(r"\D", "", v)) >= 8:
                vectors.append((v, "phonenumbers:tests/phonenumbermatchertest.py"))
        for row in read_tsv("jquery_validation_methods.tsv"):
            if row["test"] in ("phoneNL", "mobileNL", "phoneUK", "mobileUK", "phonePL", "mobileRU") and row["accepted"] == "1":
                vectors.append((row["value"], f"jquery-validation:test/methods.js#{row['test']}"))
        for row in read_tsv("commonregex_tests.tsv"):
            if row["test"] == "test_phones" and row["list"] == "matching" and len(re.sub(r"\D", "", row["value"])) >= 8:
                vectors.append((row["value"], "commonregex:test.py"))
        seen: dict[str, str] = {}
        for v, s in vectors:
            if self.new(v) and len(re.sub(r"\D", "", v)) >= 8:
                seen.setdefault(v, s)
        return list(seen.items())

    def phone(self) -> None:
        vectors = self.phone_vectors()
        for i, (value, source) in enumerate(vectors):
            self.pii("phone", value, source, self.lang(), "written", "as-vendored")
        # spoken: every third vector, plus all the Dutch-format ones, in each style in turn
        spoken = [v for i, v in enumerate(vectors) if i % 3 == 0 or "nl-" in v[1] or v[0].startswith(("+31", "0031", "(+31)"))]
        for k, (value, source) in enumerate(self.take(spoken, 150)):
            lang = LANGS[k % 4]
            said, variant = txt.phone(value, lang, k // 4 % 4, country_code_len(value))
            self.pii("phone", said, source, lang, "spoken", variant)

    # --- BSN ----------------------------------------------------------------------------------
    def bsn(self) -> None:
        rows = read_tsv("rvig_testset_persons_2.tsv")
        valid = [r["bsn"] for r in rows if std_bsn.is_valid(r["bsn"]) and self.new(r["bsn"])][:80]
        for r in read_tsv("validatorjs_tests.tsv"):
            if r["validator"] == "isTaxID" and r["list"] == "valid" and std_bsn.is_valid(r["value"]):
                self.pii("bsn", r["value"], "validatorjs:test/validators.test.js#isTaxID/nl-NL", "nl", "written", "as-vendored")
        formats = (lambda d: d, lambda d: f"{d[:3]}.{d[3:5]}.{d[5:7]}.{d[7:]}", lambda d: f"{d[:4]} {d[4:6]} {d[6:]}",
                   lambda d: f"{d[:2]} {d[2:5]} {d[5:]}", lambda d: f"{d[:3]} {d[3:6]} {d[6:]}")
        for i, d in enumerate(valid):
            if i % 2 == 0:
                self.pii("bsn", formats[i // 2 % 5](d), "rvig:testset (rows 301+)", self.lang(), "written", f"format-{i // 2 % 5}")
            else:
                lang = LANGS[i // 2 % 4]
                said, variant = txt.bsn(d, lang, i // 2 % 3)
                self.pii("bsn", said, "rvig:testset (rows 301+)", lang, "spoken", variant)
        # numbers that fail the 11-proef: two digits swapped (derived), as order-like references
        for i, d in enumerate(valid[:24]):
            k = next((j for j in range(3, 8) if d[j] != d[j + 1]), None)
            if k is not None:
                bad = d[:k] + d[k + 1] + d[k] + d[k + 2:]
                if not std_bsn.is_valid(bad):
                    self.lookalike("reference", bad, "rvig:testset (rows 301+, 2 digits swapped)", LANGS[i % 4])

    # --- IBAN ---------------------------------------------------------------------------------
    def iban(self) -> None:
        valid: dict[str, str] = {}
        invalid: dict[str, str] = {}
        for row in read_tsv("jquery_validation_methods.tsv"):
            if row["test"] == "iban":
                ok = row["accepted"] == "1" and std_iban.is_valid(row["value"])
                (valid if ok else invalid).setdefault(row["value"], "jquery-validation:test/methods.js#iban")
        for row in read_tsv("validatorjs_tests.tsv"):
            if row["validator"] == "isIBAN":
                ok = row["list"] == "valid" and std_iban.is_valid(row["value"])
                (valid if ok else invalid).setdefault(row["value"], "validatorjs:test/validators.test.js#isIBAN")
        for row in read_tsv("ibantools_iban.tsv"):
            (valid if row["stdnum_valid"] == "1" else invalid).setdefault(row["iban"], "ibantools:test/ibantools_test.js")
        for row in read_tsv("schwifty_iban.tsv"):
            ok = row["stdnum_valid"] == "1" and row["list"] != "invalid"
            (valid if ok else invalid).setdefault(row["iban"], f"schwifty:tests/test_iban.py#{row['list']}")
        old = {std_iban.compact(v) for v in self.old if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9 .-]{8,40}", v)}
        fresh: dict[str, str] = {}
        for v, s in valid.items():
            if std_iban.compact(v) not in old and std_iban.compact(v) not in {std_iban.compact(f) for f in fresh}:
                fresh[v] = s
        for i, (value, source) in enumerate(fresh.items()):
            shown = value if i % 3 else std_iban.compact(value)
            self.pii("iban", shown, source, self.lang(), "written", "spaced" if " " in shown else "compact")
            if i % 2 == 0:
                lang = LANGS[i // 2 % 4]
                said, variant = txt.iban(std_iban.compact(value), lang, i // 2 % 2)
                self.pii("iban", said, source + " (said)", lang, "spoken", variant)
        # look-alikes only where the mod-97 check itself fails (not merely an unknown country)
        bad = [(v, s) for v, s in invalid.items() if len(re.sub(r"\W", "", v)) >= 15 and self.new(v) and not mod97(v)]
        for i, (value, source) in enumerate(self.take(bad, 32)):
            self.lookalike("invalid_iban", value, source, LANGS[i % 4])

    # --- e-mail -------------------------------------------------------------------------------
    def email(self) -> None:
        vectors: list[tuple[str, str]] = []
        for row in read_tsv("recognizers_email.tsv"):
            if row["email"] and row["input"].isascii():
                start = row["input"].lower().find(row["email"])
                v = row["input"][start:start + len(row["email"])] if start >= 0 else row["email"]
                vectors.append((v, "recognizers:Sequence/English/EmailModel"))
        for row in read_tsv("jquery_validation_methods.tsv"):
            if row["test"] == "email" and row["accepted"] == "1" and re.search(r"@[^@]+\.[a-z]{2,}$", row["value"]):
                vectors.append((row["value"], "jquery-validation:test/methods.js#email"))
        for row in read_tsv("commonregex_tests.tsv"):
            if row["test"] == "test_emails" and row["list"] == "matching":
                vectors.append((row["value"], "commonregex:test.py"))
        for row in read_tsv("validatorjs_tests.tsv"):
            if row["validator"] == "isEmail" and row["list"] == "valid" and re.fullmatch(r"[\w.+-]+@[\w.-]+\.[A-Za-z]{2,}", row["value"]):
                vectors.append((row["value"], "validatorjs:test/validators.test.js#isEmail"))
        vectors = [(v, s) for v, s in dict.fromkeys(vectors) if self.new(v)]
        for i, (value, source) in enumerate(vectors):
            for lang in (LANGS[i % 4], LANGS[(i + 2) % 4]):
                self.pii("email", value, source, lang, "written", "as-vendored")
            if re.fullmatch(r"[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+", value):
                for k in range(1 + i % 2):
                    lang = LANGS[(i + k * 2 + 1) % 4]
                    said, variant = txt.email(value, lang, (i + k) % 2)
                    self.pii("email", said, source + " (said)", lang, "spoken", variant)

    # --- postcode + house number --------------------------------------------------------------
    def postcode(self) -> None:
        rows = [r for r in read_tsv("rvig_testset_persons_2.tsv") if r["postcode"] and self.new(r["postcode"])][80:170]
        for i, r in enumerate(rows):
            hn = r["huisnummer"] + (r["huisletter"] or "") + (f"-{r['toevoeging']}" if r["toevoeging"] else "")
            pc = r["postcode"]
            street = Slot(r["straat"], "allowed", "street", "rvig:testset")
            city = Slot(r["woonplaats"] or "Den Haag", "allowed", "city", "rvig:testset")
            if i % 3 < 2:
                shown = (f"{pc[:4]} {pc[4:]}", pc, f"{pc[:4]}{pc[4:].lower()}")[i % 3 if i % 3 else i // 3 % 3]
                extra = {"hn": Slot(hn, "allowed", "house_number", "rvig:testset"), "street": street, "city": city}
                self.pii("postcode", shown, "rvig:testset (rows 301+)", self.lang(), "written", "as-written", extra, tail=0.2)
            else:
                lang = LANGS[i // 3 % 4]
                said, variant = txt.postcode(pc, lang, i // 3 % 2)
                n = int(r["huisnummer"])
                hn_said = txt.say.number(n, lang) if n < 1000 else r["huisnummer"]
                extra = {"hn": Slot(hn_said, "allowed", "house_number", "rvig:testset"), "street": street, "city": city}
                self.pii("postcode", said, "rvig:testset (rows 301+)", lang, "spoken", variant, extra)
        vjs: list[tuple[str, str]] = []
        for row in read_tsv("jquery_validation_methods.tsv"):
            if row["test"] == "postalcodeNL" and row["accepted"] == "1":
                vjs.append((row["value"], "jquery-validation:test/methods.js#postalcodeNL"))
        vjs += [(r["value"], "validatorjs:test/validators.test.js#isPostalCode/NL") for r in read_tsv("validatorjs_tests.tsv")
                if r["validator"] == "isPostalCode" and r["list"] == "valid"]
        for k, (value, source) in enumerate(vjs):  # other projects' postcodes, at a test person's street
            r = rows[k % len(rows)]
            extra = {"hn": Slot(r["huisnummer"], "allowed", "house_number", "rvig:testset"),
                     "street": Slot(r["straat"], "allowed", "street", "rvig:testset"),
                     "city": Slot(r["woonplaats"] or "Den Haag", "allowed", "city", "rvig:testset")}
            self.pii("postcode", value, source, self.lang(), "written", "as-vendored", extra, tail=0)

    # --- dates of birth -----------------------------------------------------------------------
    def dob(self) -> None:
        rows = [r for r in read_tsv("rvig_testset_persons_2.tsv") if re.fullmatch(r"(19|20)\d{6}", r["geboortedatum"])]
        rows = [r for r in rows if r["geboortedatum"][4:6] != "00" and r["geboortedatum"][6:] != "00"][:66]
        for i, r in enumerate(rows):
            y, m, d = int(r["geboortedatum"][:4]), int(r["geboortedatum"][4:6]), int(r["geboortedatum"][6:])
            if i % 2 == 0:
                lang = self.lang()
                shown, variant = txt.date_written(y, m, d, lang, i // 2)
                self.pii("dob", shown, "rvig:testset (rows 301+, 01.03.10)", lang, "written", variant)
            else:
                lang = LANGS[i // 2 % 4]
                said, variant = txt.date_spoken(y, m, d, lang, i // 8 % 2)
                self.pii("dob", said, "rvig:testset (rows 301+, 01.03.10)", lang, "spoken", variant)
        recog = read_tsv("recognizers_dates.tsv")
        for i, row in enumerate(recog):
            if row["lang"] in LANGS and i % 2 == 0 and self.new(row["date"]):
                self.pii("dob", row["date"], "recognizers:DateTime/DateExtractor", row["lang"], "written", "as-vendored", tail=0)
        for row in read_tsv("jquery_validation_methods.tsv"):
            if row["test"] in ("dateNL", "dateISO") and row["accepted"] == "1" and self.new(row["value"]):
                self.pii("dob", row["value"], f"jquery-validation:test/methods.js#{row['test']}", self.lang(), "written",
                         "as-vendored", tail=0)

    # --- look-alikes on their own -------------------------------------------------------------
    def lookalikes(self) -> None:
        recog = read_tsv("recognizers_dates.tsv")
        for i, row in enumerate(recog):
            if row["lang"] in LANGS and i % 2 == 1:
                self.lookalike("date" if i % 4 == 1 else "since", row["date"], "recognizers:DateTime/DateExtractor", row["lang"])
        for row in read_tsv("phonenumbers_matcher_cases.tsv"):
            if row["list"] == "IMPOSSIBLE_CASES" and re.search(r"[/:-]", row["raw"]) and "&" not in row["raw"]:
                self.lookalike("date", row["raw"], "phonenumbers:tests/phonenumbermatchertest.py#IMPOSSIBLE", self.lang())
        amounts = [(r["lang"], r["amount"]) for r in read_tsv("recognizers_currency.tsv") if r["lang"] in LANGS]
        for lang in LANGS:
            mine = [a for la, a in amounts if la == lang and re.search(r"\d", a)]
            for a in self.rng.sample(mine, min(len(mine), 10)):
                self.lookalike("amount", a, "recognizers:NumberWithUnit/CurrencyModel", lang)
        for row in read_tsv("commonregex_tests.tsv"):
            if row["test"] == "test_prices" and row["list"] == "matching":
                self.lookalike("amount", row["value"], "commonregex:test.py", self.lang())
            if row["test"] == "test_times" and row["list"] == "matching":
                self.lookalike("time", row["value"], "commonregex:test.py", self.lang())
        for row in read_tsv("jquery_validation_methods.tsv"):
            if row["test"].startswith("time") and row["accepted"] == "1":
                self.lookalike("time", row["value"], "jquery-validation:test/methods.js", self.lang())
        for ref in self.references():
            self.lookalike("reference", ref, "recognizers:PhoneNumberModel (not a phone)", self.lang())

    def build(self) -> list[Sentence]:
        self.phone()
        self.bsn()
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
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "pii-vectors-2")
    args = ap.parse_args(argv)
    print(json.dumps({"sentences": write(build(), args.out)}))


if __name__ == "__main__":
    main()
