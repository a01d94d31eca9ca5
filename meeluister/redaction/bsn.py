"""BSN (burgerservicenummer): 9 digits (8 with a leading zero dropped) passing the 11-proef (weights
9..2 and -1, python-stdnum), in any grouping: "111222333", 3-3-3 ("111 222 333", "111.222.333"),
4-2-3 as python-stdnum prints it ("1112.22.333"), digit by digit ("1 1 1 2 2 2 3 3 3"), or said
(normalised first). About 1 in 11 random 9-digit numbers pass, so a context word ("BSN",
"burgerservicenummer", "sofinummer", "citizen service number", ...) must stand within
`context_chars` before OR after the number, with no reference word ("ordernummer", "ticket",
"dossier", ...) between them: "mijn BSN is 111222333" and "111222333, dat is mijn BSN" are
redacted, "BSN gecontroleerd; ordernummer 123456782" is not."""
from __future__ import annotations

import re
from collections.abc import Iterable

from stdnum.nl import bsn as _bsn

from meeluister.redaction.base import Detector, Scan, register, words
from meeluister.redaction.references import REFERENCE

CANDIDATE = re.compile(r"(?<![\d+])(?<!\d[ .\-])(?:\d[ .\-]?){7,8}\d(?![ .\-]?\d)")
CONTEXT = re.compile(
    r"(?<!\w)(?:" + words((
        "bsn", "b.s.n.", "b s n", "burgerservicenummer", "burgerservice-nummer", "burger service nummer",
        "burgerservice nummer", "sofinummer", "sofi-nummer", "sofi nummer", "sofi", "citizen service number",
        "social security number", "service number", "persoonsnummer", "numéro de service citoyen",
        "numéro de citoyen", "numéro de sécurité sociale", "número de servicio al ciudadano",
        "número de ciudadano", "número de la seguridad social", "número de seguridad social",
    )) + r")(?!\w)",
    re.IGNORECASE,
)


def valid(digits: str) -> bool:
    return len(digits) in (8, 9) and _bsn.is_valid(digits.zfill(9))


_REF_BEFORE = 30  # a reference word this close before the number makes it that reference


def has_context(scan: Scan, start: int, end: int) -> bool:
    """A context word within reach before or after [start, end), with no reference word between
    (nor right before the number: "ordernummer 123456782, BSN gecontroleerd")."""
    n = scan.options.context_chars
    text = scan.text
    refs = [m.end() for m in REFERENCE.finditer(text, max(0, start - _REF_BEFORE), start)]
    if refs and not CONTEXT.search(text, refs[-1], start):
        return False
    lo = max(0, start - n)
    for m in CONTEXT.finditer(text, lo, start):
        if not REFERENCE.search(text, m.end(), start):
            return True
    m = CONTEXT.search(text, end, min(len(text), end + n))
    return bool(m and not REFERENCE.search(text, end, m.start()))


@register
class Bsn(Detector):
    kind, tag, priority = "bsn", "[BSN]", 30

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        for m in CANDIDATE.finditer(scan.text):
            if scan.is_taken(*m.span()):
                continue
            if valid(re.sub(r"\D", "", m.group(0))) and has_context(scan, m.start(), m.end()):
                yield m.span()
