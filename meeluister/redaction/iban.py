"""IBANs: country code, two check digits and the account (BBAN), valid mod 97 with the country's
length and format (python-stdnum). Written with or without spaces or dashes, also between the
country code and the check digits ("NL 91 ABNA 0417 1643 00", "nl91-abna-..."), with dots as
python-stdnum prints Norwegian ones ("NO93 8601.11.17947"), letters spelled one by one ("N L 91 A B
N A ..."), digits said (normalised first; check digits below 10 said as one number, "E S vijf ..."
for ES05, are tried with the 0). The candidate is cut back to
the longest prefix that is a valid IBAN and ends at a group boundary, so a short word after the
number ("NL91ABNA0417164300 en ...") is never swallowed."""
from __future__ import annotations

import re
from collections.abc import Iterable

from stdnum import iban as _iban
from stdnum import numdb

from meeluister.redaction.base import Detector, Scan, register

# Groups apart by a space, dash or dot, or by a comma as a transcript writes the pauses between
# groups said ("n l, negen een, a b n a, ...").
_GAP = r"(?:[ \-.]|, ?)?"
CANDIDATE = re.compile(rf"(?<![\w])[A-Za-z]{_GAP}[A-Za-z]{_GAP}\d(?:{_GAP}\d)?(?:{_GAP}[A-Za-z0-9]){{10,32}}")
_DIGIT = re.compile(r"\d")
_SEP = " -.,"  # python-stdnum prints Norwegian IBANs with dots: "NO93 8601.11.17947"


# The countries that have IBANs (python-stdnum's registry): any other two letters are no IBAN.
COUNTRIES = frozenset(p[1] for p in numdb.get("iban").prefixes)
_LETTERS = {ord(c): str(ord(c) - 55) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def mod97(compact: str) -> bool:
    """The ISO 7064 mod 97-10 check of an IBAN (a quick test before python-stdnum's full one)."""
    return int((compact[4:] + compact[:4]).translate(_LETTERS)) % 97 == 1


def valid_prefix(candidate: str) -> int:
    """Length of the longest prefix of `candidate` that is a valid IBAN ending at a group boundary
    (0: none)."""
    where = [i for i, ch in enumerate(candidate) if ch not in _SEP]
    compact = "".join(candidate[i] for i in where).upper()
    if compact[:2] not in COUNTRIES:
        return 0
    for k in range(min(len(where), 34), 14, -1):
        end = where[k - 1] + 1
        if end < len(candidate) and candidate[end] not in _SEP:
            continue  # not at a group boundary
        if mod97(compact[:k]) and _iban.is_valid(compact[:k]):
            return end
    return 0


@register
class Iban(Detector):
    kind, tag, priority = "iban", "[IBAN]", 20

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        text, pos = scan.text, 0
        if not _DIGIT.search(text):
            return  # (a quick test: every IBAN has digits)
        starts: dict[int, int] = {}
        while (m := CANDIDATE.search(text, pos)) is not None:
            n = valid_prefix(m.group(0))
            if not n and scan.doc.pieces:
                starts = starts or {p[0]: p[1] - p[0] for p in scan.doc.pieces}
                n = self._said_check_digits(m, starts)
            if n and not (m.start() + n < len(text) and text[m.start() + n].isalnum()):
                yield m.start(), m.start() + n
                pos = m.start() + n
            else:
                pos = m.start() + 1

    @staticmethod
    def _said_check_digits(m: re.Match[str], starts: dict[int, int]) -> int:
        """Check digits below 10 said as a number ("E S vijf twee een ..." is ES05 21...): when the
        first digit is one said number word of one digit, the IBAN with a 0 before it."""
        first = next(i for i, ch in enumerate(m.group(0)) if ch.isdigit())
        if starts.get(m.start() + first) != 1:
            return 0
        cand = m.group(0)
        n = valid_prefix(cand[:first] + "0" + cand[first:])
        return n - 1 if n else 0
