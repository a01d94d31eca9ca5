"""PII redaction for Dutch contact-centre text, applied before anything reaches the warehouse.

What is redacted (DESIGN.md, Security and privacy), each replaced by a tag:

| type | rule | tag |
|---|---|---|
| email | address pattern | `[EMAIL]` |
| iban | country + check digits + BBAN, valid mod 97 (python-stdnum) | `[IBAN]` |
| bsn | 9 digits (or 3-3-3 groups) passing the 11-proef AND a context word ("BSN", "burgerservicenummer", "sofinummer", "citizen service number") in the 80 characters before | `[BSN]` |
| phone | Dutch numbers (0 + 9 digits, +31/0031), other international numbers (+CC and 7-11 digits) | `[PHONE]` |
| postcode | `[1-9][0-9]{3} ?[A-Z]{2}` (capitals; "SA", "SD", "SS" are never issued) | `[POSTCODE]` |
| dob | a full date (d-m-yyyy, d month yyyy, in nl/en/fr/es) with a birth-context word before it, or with a year from 1900 to 2015 (old enough to be a birth date, not an appointment) | `[DOB]` |

Spoken digits ("nul zes twee vier ...", "zero six ...", "cero seis ...") are normalised to digit
strings first when four or more follow each other, so "nul zes een twee drie vier vijf zes zeven
acht" becomes `[PHONE]`. A run that is not PII stays as digits. `CANDIDATE_PATTERN` is an RE2-
compatible superset test used by bulk loads to skip text that cannot contain anything to redact.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping

from stdnum import iban as _iban
from stdnum.nl import bsn as _bsn

_DIGIT_WORDS = {
    # nl
    "nul": "0", "een": "1", "één": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5",
    "zes": "6", "zeven": "7", "acht": "8", "negen": "9",
    # en
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    # fr
    "zéro": "0", "un": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "sept": "7",
    "huit": "8", "neuf": "9",
    # es
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6",
    "siete": "7", "ocho": "8", "nueve": "9",
}
_WORD_ALT = "|".join(sorted(map(re.escape, _DIGIT_WORDS), key=len, reverse=True))
# A token is a digit word or a group of digits; four or more tokens in a row form a spoken number.
_TOKEN = rf"(?:{_WORD_ALT}|\d+)"
_SPOKEN_RUN = re.compile(rf"(?<!\w){_TOKEN}(?:[\s,.\-]+{_TOKEN}){{3,}}(?!\w)", re.IGNORECASE)

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
_BSN = re.compile(r"(?<![\d.])(\d{3}[ .]?\d{3}[ .]?\d{3}|\d{8,9})(?![\d])")
_BSN_CONTEXT = re.compile(
    r"\b(bsn|burgerservicenummer|burger\s?service\s?nummer|sofinummer|sofi-nummer|"
    r"citizen service number|social security number)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w+\-])(?:(?:\+|00)31[\s\-]?\(?0?\)?[\s\-]?|0)(?:\d[\s\-]?){8}\d(?!\d)"
    r"|(?<![\w+])(?:\+|00)(?!31)\d{2,3}[\s\-]?(?:\d[\s\-]?){6,10}\d(?!\d)"
)
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}")
_POSTCODE = re.compile(r"\b[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}\b")
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
_DATE = re.compile(
    rf"\b(\d{{1,2}})[\-/.](\d{{1,2}})[\-/.]((?:19|20)\d{{2}})\b"
    rf"|\b(\d{{1,2}})(?:e|er|st|nd|rd|th)?\s+(?:de\s+)?(?:{_MONTHS})\s+(?:de\s+)?((?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_BIRTH_CONTEXT = re.compile(
    r"(geboren|geboortedatum|geb\.|date of birth|born|birthday|né|née|naissance|nacid[oa]|nacimiento)",
    re.IGNORECASE,
)

# Superset test (RE2 syntax: no look-around) for bulk pre-filtering: any digit, an '@', or four
# spoken digit words in a row. Text that does not match cannot contain anything redact() changes.
CANDIDATE_PATTERN = rf"(?i)[0-9@]|\b(?:{_WORD_ALT})(?:[\s,.\-]+(?:{_WORD_ALT})){{3,}}\b"


@dataclass(frozen=True)
class Redacted:
    text: str
    counts: Mapping[str, int] = field(default_factory=dict)  # type -> number redacted


@dataclass(frozen=True)
class RedactionOptions:
    context_chars: int = 80  # how far before a number a context word ("BSN", "geboren") may be
    dob_year_min: int = 1900
    dob_year_max: int = 2015  # dates with these years count as birth dates without context


def _normalise_spoken(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        tokens = re.findall(_TOKEN, m.group(0), flags=re.IGNORECASE)
        if all(t.isdigit() for t in tokens):
            return m.group(0)  # already digits; keep the speaker's grouping
        return "".join(_DIGIT_WORDS.get(t.lower(), t) for t in tokens)

    return _SPOKEN_RUN.sub(repl, text)


def redact(text: str, options: RedactionOptions | None = None) -> Redacted:
    """Return `text` with PII replaced by tags, and the number of redactions per type."""
    if not text:
        return Redacted(text or "", {})
    opts = options or RedactionOptions()
    counts: Counter[str] = Counter()
    out = _normalise_spoken(text)

    def sub(pattern: re.Pattern[str], tag: str, kind: str, ok=lambda m, s: True) -> None:
        nonlocal out

        def repl(m: re.Match[str]) -> str:
            if not ok(m, out):
                return m.group(0)
            counts[kind] += 1
            return tag

        out = pattern.sub(repl, out)

    sub(_EMAIL, "[EMAIL]", "email")
    sub(_IBAN, "[IBAN]", "iban", lambda m, s: _iban.is_valid(m.group(0).upper()))

    def bsn_ok(m: re.Match[str], s: str) -> bool:
        digits = re.sub(r"\D", "", m.group(1))
        if not _bsn.is_valid(digits.zfill(9)):
            return False
        return bool(_BSN_CONTEXT.search(s[max(0, m.start() - opts.context_chars): m.start()]))

    sub(_BSN, "[BSN]", "bsn", bsn_ok)
    sub(_PHONE, "[PHONE]", "phone", lambda m, s: not _DATE_LIKE.search(m.group(0)))
    sub(_POSTCODE, "[POSTCODE]", "postcode")

    def dob_ok(m: re.Match[str], s: str) -> bool:
        year = int(m.group(3) or m.group(5))
        if opts.dob_year_min <= year <= opts.dob_year_max:
            return True
        return bool(_BIRTH_CONTEXT.search(s[max(0, m.start() - opts.context_chars): m.start()]))

    sub(_DATE, "[DOB]", "dob", dob_ok)
    return Redacted(out, dict(counts))


def merge_counts(*counts: Mapping[str, int]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    return dict(total)
