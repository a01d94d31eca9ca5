"""E-mail addresses, written ("j.de.vries@example.nl") and spelled out as said: "jan punt jansen
at gmail punt com", "apenstaartje", "arroba", "arobase", "punto", "point", "dot", with "streepje",
"tiret", "guion", "underscore" inside a part. A spelled address needs a known top-level domain at
its end ("punt nl", "dot com", "point f r"), so "looked at it point blank" stays."""
from __future__ import annotations

import re
from collections.abc import Iterable

from meeluister.redaction.base import Detector, Scan, register, words

WRITTEN = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")

AT_WORDS = ("at", "apenstaartje", "apestaartje", "at-teken", "arroba", "arobase", "a commercial")
DOT_WORDS = ("punt", "dot", "point", "punto")
JOIN_WORDS = ("streepje", "liggend streepje", "laag streepje", "min", "minteken", "koppelteken", "dash", "hyphen",
              "minus", "underscore", "tiret", "tiret bas", "trait d'union", "guion", "guión", "guion bajo",
              "guión bajo", "barra baja")
TLDS = ("com", "nl", "be", "fr", "es", "eu", "org", "net", "de", "uk", "co", "info", "io", "edu", "gov", "biz",
        "me", "it", "ch", "lu", "pt", "cat", "ma", "tr", "pl", "us", "ca", "online", "nu", "email", "mail")
_TLD = "|".join([*sorted(TLDS, key=len, reverse=True), *(f"{t[0]}\\s{t[1]}" for t in TLDS if len(t) == 2)])
_PART = r"[^\W_][\w+]*"
_DOT = rf"(?:\.|\s+(?:{words(DOT_WORDS)})\s+)"
_SEP = rf"(?:[.\-_]|\s+(?:{words(DOT_WORDS + JOIN_WORDS)})\s+)"
_AT = rf"(?:\s*@\s*|\s+(?:{words(AT_WORDS)})\s+)"
SPELLED = re.compile(
    rf"(?<![\w.@]){_PART}(?:{_SEP}{_PART})*{_AT}{_PART}(?:{_SEP}{_PART})*?{_DOT}(?:{_TLD})(?![\w@])",
    re.IGNORECASE,
)


@register
class Email(Detector):
    kind, tag, priority = "email", "[EMAIL]", 10

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        for m in WRITTEN.finditer(scan.text):
            yield m.span()
        for m in SPELLED.finditer(scan.text):
            yield m.span()
