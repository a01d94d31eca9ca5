"""The third-party vector set for the redactor (issue 9): other projects' test vectors in sentences.

python-stdnum's IBAN and Dutch number doctests, Presidio's IBAN/phone/e-mail/date recognizer
tests, deduce's regression cases, RvIG's fictitious test persons (BSN, birth date, postcode and
house number), libphonenumber's example numbers and python-email-validator's valid addresses
(vendored in eval/pii-vectors/sources/, SOURCES.md) are put into contact-centre sentences in
nl/en/fr/es, written and spoken as speech recognition writes them (`pii_vectors_speech`), with
look-alikes that must stay readable (amounts, times, appointment dates, "klant sinds", order and
case numbers, invalid checksums, dosages). Each sentence carries its expected spans; a stable
hash of the text puts it in `dev` or `heldout`.

Written blind to the redactor (its rules were not read). Run: `python -m synth.pii_vectors
[--out eval/pii-vectors]`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from synth import pii_vectors_speech as say
from synth.pii_vectors_dates import dates, lookalikes
from synth.pii_vectors_sources import read_tsv, spans_of
from synth.pii_vectors_templates import ADDRESS, AMOUNTS, LOOKALIKE, PII, TAIL, TAIL_KIND, TIMES

ROOT = Path(__file__).resolve().parents[1]
LANGS = say.LANGS
KINDS = ("bsn", "iban", "phone", "email", "postcode", "dob")
# Order, case and ticket numbers as contact centres' systems print them (not personal data).
REFERENCES = ("2024-118734", "ZK-778812", "#48213", "INV-2026-00871", "A-12345678", "ORD 5521 0937",
              "T2026-0412-88", "CASE-0098812", "4500012345", "SR 1-2233445566")


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    text: str
    source: str


@dataclass(frozen=True)
class Slot:
    text: str
    role: str  # "pii" (must be masked), "allowed" (may be masked), "lookalike" (must stay), "" (plain)
    kind: str = ""
    source: str = ""


@dataclass(frozen=True)
class Sentence:
    text: str
    lang: str
    form: str  # "written" | "spoken"
    group: str  # a PII kind, or "lookalike:<kind>"
    pii: tuple[Span, ...] = ()
    allowed: tuple[Span, ...] = ()
    lookalike: tuple[Span, ...] = ()
    id: str = field(default="")
    split: str = field(default="")

    def record(self) -> dict:
        return asdict(self)


def split_of(text: str) -> str:
    """`dev` or `heldout` from a stable hash of the sentence."""
    return "dev" if int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "heldout"


def compose(template: str, slots: dict[str, Slot], lang: str, form: str, group: str) -> Sentence:
    """Fill `{name}` slots in order, keeping each slot's character offsets by role."""
    parts: list[str] = []
    spans: dict[str, list[Span]] = {"pii": [], "allowed": [], "lookalike": []}
    pos, at = 0, 0
    for m in re.finditer(r"\{(\w+)\}", template):
        lead = template[at:m.start()]
        parts.append(lead)
        pos += len(lead)
        slot = slots[m.group(1)]
        if pos == 0 and slot.text[:1].islower():
            slot = Slot(slot.text[0].upper() + slot.text[1:], slot.role, slot.kind, slot.source)
        if slot.role:
            spans[slot.role].append(Span(slot.kind, pos, pos + len(slot.text), slot.text, slot.source))
        parts.append(slot.text)
        pos += len(slot.text)
        at = m.end()
    parts.append(template[at:])
    text = "".join(parts)
    return Sentence(text, lang, form, group, tuple(spans["pii"]), tuple(spans["allowed"]), tuple(spans["lookalike"]))


class Builder:
    """Composes the set; every choice comes from a string-seeded `random.Random` (deterministic)."""

    def __init__(self) -> None:
        self.out: list[Sentence] = []
        self.n = 0
        self.spoken: dict[str, int] = {}
        self.rng = random.Random("meeluister-pii-vectors-1")
        self.refs = self._reference_lookalikes()

    def lang(self, offset: int = 0) -> str:
        self.n += 1
        return LANGS[(self.n + offset) % len(LANGS)]

    def spoken_lang(self, kind: str) -> str:
        """Languages in turn per kind for the spoken forms (independent of the written rotation)."""
        k = self.spoken.get(kind, 0)
        self.spoken[kind] = k + 1
        return LANGS[k % len(LANGS)]

    def pii_sentence(self, kind: str, value: str, source: str, lang: str, form: str) -> None:
        template = self.rng.choice(PII[kind][lang])
        slots = {"pii": Slot(value, "pii", kind, source)}
        if self.rng.random() < 0.25:
            tail_kind = self.rng.choice(TAIL_KIND)
            template = template + TAIL[lang][TAIL_KIND.index(tail_kind)]
            slots["la"] = self._lookalike_value(tail_kind, lang)
        self.out.append(compose(template, slots, lang, form, kind))

    def _lookalike_value(self, kind: str, lang: str) -> Slot:
        if kind == "amount":
            return Slot(self.rng.choice(AMOUNTS[lang]), "lookalike", "amount", "meeluister:written")
        if kind == "time":
            return Slot(self.rng.choice(TIMES[lang]), "lookalike", "time", "meeluister:written")
        value, source = self.rng.choice(self.refs)
        return Slot(value, "lookalike", "reference", source)

    # --- look-alike values from the sources --------------------------------------------------
    def _reference_lookalikes(self) -> list[tuple[str, str]]:
        import phonenumbers

        refs: list[tuple[str, str]] = []
        for row in read_tsv("deduce_identifiers.tsv"):
            for v in spans_of(row["text"], row["annotations"]) or [row["text"]]:
                refs.append((v, "deduce:identifiers.json"))
        for row in read_tsv("deduce_phone_numbers.tsv"):
            if not row["annotations"]:
                refs.append((row["text"], "deduce:phone_numbers.json"))
        for row in read_tsv("stdnum_nl.tsv"):
            if row["module"] in ("bsn", "onderwijsnummer") and row["valid"] == "0":
                refs.append((row["value"], f"stdnum:nl/{row['module']}.py"))
        for i, row in enumerate(read_tsv("rvig_testset_persons.tsv")):
            if not std_bsn.is_valid(row["bsn"]):
                refs.append((row["bsn"], "rvig:testset"))
            elif i % 6 == 5:  # a valid BSN with two neighbouring digits swapped fails the 11-proef
                d = row["bsn"]
                k = next((j for j in range(4, 8) if d[j] != d[j + 1]), None)
                if k is not None:
                    refs.append((d[:k] + d[k + 1] + d[k] + d[k + 2:], "rvig:testset (2 digits swapped)"))
        refs += [(v, "meeluister:written") for v in REFERENCES]
        keep = []
        for value, source in dict.fromkeys(refs):
            digits = re.sub(r"\D", "", value)
            if std_bsn.is_valid(digits) or std_bsn.is_valid(digits.zfill(9)):
                continue
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(value, "NL")):
                    continue
            except phonenumbers.NumberParseException:
                pass
            keep.append((value, source))
        return keep

    # --- kinds --------------------------------------------------------------------------------
    def bsn(self) -> None:
        vectors: list[tuple[str, str]] = [("1112.22.333", "stdnum:nl/bsn.py"), ("123456782", "deduce:identifiers.json"),
                                          ("111222333", "deduce:identifiers.json")]
        vectors += [(r["bsn"], "rvig:testset") for r in read_tsv("rvig_testset_persons.tsv")[:90]
                    if std_bsn.is_valid(r["bsn"])]
        formats = (lambda d: d, lambda d: f"{d[:4]}.{d[4:6]}.{d[6:]}", lambda d: f"{d[:3]} {d[3:6]} {d[6:]}",
                   lambda d: f"{d[:4]} {d[4:6]} {d[6:]}", lambda d: f"{d[:3]}-{d[3:6]}-{d[6:]}")
        for i, (value, source) in enumerate(vectors):
            digits = re.sub(r"\D", "", value)
            written = value if not value.isdigit() or i % 2 == 0 else formats[i % len(formats)](digits)
            self.pii_sentence("bsn", written, source, self.lang(), "written")
            if i % 3 != 2:
                lang = self.spoken_lang("bsn")
                style = i % 3
                spoken = (say.digits(digits, lang, double=style == 1) if style < 2 else
                          ", ".join(say.digits(digits[a:b], lang) for a, b in ((0, 3), (3, 6), (6, 9))))
                self.pii_sentence("bsn", spoken, source, lang, "spoken")

    def iban(self) -> None:
        valid: dict[str, str] = {}
        invalid: dict[str, str] = {}
        for row in read_tsv("stdnum_iban.tsv"):
            target = valid if row["valid"] == "1" and std_iban.is_valid(row["iban"]) else invalid
            target.setdefault(row["iban"], "stdnum:tests/test_iban.doctest")
        for row in read_tsv("presidio_iban.tsv"):
            values = spans_of(row["text"], row["spans"]) if row["spans"] else [row["text"]]
            for v in values:
                ok = row["expected_len"] != "0" and std_iban.is_valid(v)
                if ok or (row["expected_len"] == "0" and not std_iban.is_valid(v) and len(v) < 40):
                    (valid if ok else invalid).setdefault(v, "presidio:test_iban_recognizer.py")
        home = ("NL", "BE", "FR", "ES", "DE", "LU", "GB", "IT", "AT", "CH", "IE", "PT")
        chosen = [v for v in valid if v[:2] in home]
        others = [v for v in valid if v[:2] not in home]
        chosen += self.rng.sample(others, min(len(others), max(0, 170 - len(chosen))))
        for value in chosen:
            self.pii_sentence("iban", value, valid[value], self.lang(), "written")
        compact = list(dict.fromkeys(std_iban.compact(v) for v in chosen if v[:2] in home))
        for i, value in enumerate(compact + compact[::2]):
            lang = self.spoken_lang("iban")
            if i % 2:
                spoken = f"{say.spell_letters(value[:2])} {say.number(int(value[2:4]), lang)} {say.alnum_spoken(value[4:], lang)}"
            else:
                spoken = say.alnum_spoken(value, lang)
            self.pii_sentence("iban", spoken, "stdnum/presidio (compacted, said)", lang, "spoken")
        for value in self.rng.sample(sorted(invalid), min(len(invalid), 40)):
            self.lookalike("reference", value, invalid[value], self.lang(), "written", kind="invalid_iban")

    def phone(self) -> None:
        import phonenumbers

        vectors: list[tuple[str, str]] = []
        for row in read_tsv("deduce_phone_numbers.tsv"):
            vectors += [(v, "deduce:phone_numbers.json") for v in spans_of(row["text"], row["annotations"])]
        for row in read_tsv("presidio_phone.tsv"):
            vectors += [(v, "presidio:test_phone_recognizer.py") for v in spans_of(row["text"], row["spans"])]
        fmt = phonenumbers.PhoneNumberFormat
        for row in read_tsv("libphonenumber_examples.tsv"):
            num = phonenumbers.parse(f"+{row['country_code']}{row['national_number']}")
            if not phonenumbers.is_valid_number(num):
                continue
            for f in (fmt.NATIONAL, fmt.INTERNATIONAL):
                vectors.append((phonenumbers.format_number(num, f), "libphonenumber:PhoneNumberMetadata.xml"))
        vectors = list(dict.fromkeys(vectors))
        for i, (value, source) in enumerate(vectors):
            self.pii_sentence("phone", value, source, self.lang(), "written")
            if i % 2 == 0:
                lang = self.spoken_lang("phone")
                self.pii_sentence("phone", say.phone(value, lang, i // 2 % 3), source, lang, "spoken")

    def email(self) -> None:
        vectors: list[tuple[str, str]] = []
        for row in read_tsv("presidio_email.tsv"):
            vectors += [(v, "presidio:test_email_recognizer.py") for v in spans_of(row["text"], row["spans"])]
        for row in read_tsv("deduce_emails.tsv"):
            vectors += [(v, "deduce:emails.json") for v in spans_of(row["text"], row["annotations"])]
        vectors += [(r["address"], "email-validator:tests/test_syntax.py") for r in read_tsv("email_validator_syntax.tsv")
                    if r["valid"] == "1"]
        vectors = list(dict.fromkeys(vectors))
        for i, (value, source) in enumerate(vectors):
            for lang in LANGS:
                self.pii_sentence("email", value, source, lang, "written")
            if re.fullmatch(r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+", value):
                for k in range(3):
                    lang = self.spoken_lang("email")
                    self.pii_sentence("email", say.email(value, lang, i + k), source, lang, "spoken")

    def postcode(self) -> None:
        rows = read_tsv("rvig_testset_persons.tsv")[40:220]
        extra = [("2601 DC", "stdnum:nl/postcode.py"), ("NL-2611ET", "stdnum:nl/postcode.py"),
                 ("1234AA", "deduce:locations.json"), ("1234aa", "deduce:locations.json"),
                 ("1234 AA", "deduce:locations.json")]
        numbers = [r["text"].split(" ", 1)[1] for r in read_tsv("deduce_locations.tsv")
                   if r["text"].startswith("Heidelberglaan") and r["annotations"]]
        items = [(pc, numbers[i % len(numbers)], "Heidelberglaan", "Utrecht", src) for i, (pc, src) in enumerate(extra)]
        for r in rows:
            hn = r["huisnummer"] + (r["huisletter"] or "") + (f"-{r['toevoeging']}" if r["toevoeging"] else "")
            items.append((r["postcode"], hn, r["straat"], r["woonplaats"], "rvig:testset"))
        for i, (pc, hn, street, city, source) in enumerate(items):
            if source == "rvig:testset":
                pc = (pc, f"{pc[:4]} {pc[4:]}", pc[:4] + pc[4:].lower())[i % 3]
            self.address(pc, hn, street, city, source, self.lang(), "written")
            if source == "rvig:testset" and i % 3 == 0:
                lang = self.spoken_lang("postcode")
                digits = pc[:4]
                said = (say.digits(digits, lang) if i % 2 else say.pairs(digits, lang)) + " " + say.spell_letters(pc[4:])
                hn_said = say.number(int(re.match(r"\d+", hn).group()), lang) + hn[len(re.match(r"\d+", hn).group()):]
                self.address(said, hn_said, street, city, source, lang, "spoken")

    def address(self, pc: str, hn: str, street: str, city: str, source: str, lang: str, form: str) -> None:
        templates = [t for t in ADDRESS[lang] if city or "{city}" not in t]
        slots = {"pc": Slot(pc, "pii", "postcode", source), "hn": Slot(hn, "allowed", "house_number", source),
                 "street": Slot(street, "allowed", "street", source), "city": Slot(city, "allowed", "city", source)}
        self.out.append(compose(self.rng.choice(templates), slots, lang, form, "postcode"))

    def lookalike(self, group: str, value: str, source: str, lang: str, form: str, kind: str = "") -> None:
        template = self.rng.choice(LOOKALIKE[group][lang])
        slot = Slot(value, "lookalike", kind or group, source)
        self.out.append(compose(template, {"la": slot}, lang, form, f"lookalike:{kind or group}"))

    def build(self) -> list[Sentence]:
        self.bsn()
        self.iban()
        self.phone()
        self.email()
        self.postcode()
        dates(self)
        lookalikes(self)
        seen: dict[str, Sentence] = {}
        for s in self.out:
            seen.setdefault(s.text, s)
        return [Sentence(**{**asdict_shallow(s), "id": "pv-" + hashlib.sha256(s.text.encode()).hexdigest()[:10],
                            "split": split_of(s.text)}) for s in seen.values()]


def asdict_shallow(s: Sentence) -> dict:
    return {f: getattr(s, f) for f in ("text", "lang", "form", "group", "pii", "allowed", "lookalike")}


def build() -> list[Sentence]:
    return Builder().build()


def write(sentences: Iterable[Sentence], out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    handles = {name: (out / f"{name}.jsonl").open("w", encoding="utf-8") for name in ("dev", "heldout")}
    try:
        for s in sentences:
            handles[s.split].write(json.dumps(s.record(), ensure_ascii=False) + "\n")
            counts[s.split] = counts.get(s.split, 0) + 1
    finally:
        for h in handles.values():
            h.close()
    return counts


def read(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "pii-vectors")
    args = ap.parse_args(argv)
    counts = write(build(), args.out)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
