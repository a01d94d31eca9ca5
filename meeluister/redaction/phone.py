"""Phone numbers: Dutch (the national numbering plan: 0 + area code + subscriber, 10 digits;
"020-123 4567", "(020) 123 4567", "06-12345678", "+31 (0)6 1234 5678", "0031 6 ...") and
international ("+32 470 12 34 56", "+44 20 7946 0958", "+1 (212) 555-0123", and a NANP number
written "(212) 555-0123" or "212-555-0123"), written or said (normalised first: "plus drie een",
"nul zes twaalf", "double six").

A candidate is a stretch of digits with the separators people write (spaces, dashes, dots,
slashes, parentheses, a leading + or 00); it is cut at its spaces into the longest pieces the
`phonenumbers` library (Google's libphonenumber metadata) accepts as a valid number, so two
numbers in a row are both found and an invalid look-alike stays. Not phone numbers: fewer than 9
digits (service numbers like 0800-1234 are an organisation's, not a person's), dates
("01-02-2026"), and a number right after a reference word ("ordernummer 0612345678")."""
from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

from meeluister.redaction.base import Detector, Scan, register
from meeluister.redaction.references import REFERENCE

CANDIDATE = re.compile(r"(?<![\w+\-/.])(?:\+|00)?\s?\(?\d[\d\s\-./()]{6,24}\d(?![\d\w])")
_DATE_LIKE = re.compile(r"(?<!\d)(?:(?:0?[1-9]|[12]\d|3[01])(?P<s>[\-/.])(?:0?[1-9]|1[0-2])(?P=s)(?:19|20)\d{2}"
                        r"|(?:19|20)\d{2}(?P<t>[\-/.])(?:0?[1-9]|1[0-2])(?P=t)(?:0?[1-9]|[12]\d|3[01]))(?!\d)")
_NANP = re.compile(r"^(?:\+?1[\s\-.]?)?\(?[2-9]\d{2}\)?[\s\-.]?[2-9]\d{2}[\s\-.]\d{4}$")
_REF_BEFORE = 30  # characters before a number in which a reference word makes it a reference
MIN_DIGITS = 9


def is_phone(s: str) -> bool:
    """`s` (one candidate piece) is a valid phone number: Dutch, international, or NANP."""
    s = s.strip(" .-/")
    if _DATE_LIKE.search(s):
        return False
    digits = re.sub(r"\D", "", s)
    if len(digits) < MIN_DIGITS or len(digits) > 15:
        return False
    if s.startswith("00"):
        s = "+" + s[2:]
    if s.startswith("+"):
        region = None  # the country code says which plan
    elif s.lstrip("(").startswith("0"):
        if len(digits) != 10:  # a Dutch number written nationally: 0 + 9 digits
            return False
        region = "NL"
    elif _NANP.match(s):
        region = "US"
    else:
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(s, region))
    except phonenumbers.NumberParseException:
        return False


def _pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """The valid numbers inside candidate text[start:end], longest first from the left."""
    cand = text[start:end]
    cuts = [0] + [m.end() for m in re.finditer(r"\s+", cand)]
    ends = [m.start() for m in re.finditer(r"\s+", cand)] + [len(cand)]
    i = 0
    while i < len(cuts):
        for j in range(len(ends) - 1, i - 1, -1):
            a, b = cuts[i], ends[j]
            if b > a and is_phone(cand[a:b]):
                yield start + a, start + b
                i = j + 1
                break
        else:
            i += 1


@register
class Phone(Detector):
    kind, tag, priority = "phone", "[PHONE]", 40

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        text = scan.text
        for m in CANDIDATE.finditer(text):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1] in ")(":
                e -= 1
            for a, b in _pieces(text, s, e):
                if text[a] == "(" and ")" not in text[a:b]:
                    a += 1
                if REFERENCE.search(text, max(0, a - _REF_BEFORE), a):
                    continue
                yield a, b
