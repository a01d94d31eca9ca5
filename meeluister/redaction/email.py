"""E-mail addresses, written ("j.de.vries@example.nl"; local parts as RFC 5322 has them: any of
``!#$%&'*+-/=?^_`{|}~``, a quoted string with escapes, an address literal "[192.0.2.1]") and spelled out as said: "jan punt jansen
at gmail punt com", "apenstaartje", "arroba", "arobase", "punto", "point", "dot", with "streepje",
"tiret", "guion", "underscore" inside a part. A spelled address needs a known top-level domain at
its end ("punt nl", "dot com", "point f r", a punycode "xn tiret tiret p1ai"), so "looked at it
point blank" stays; any top level ("example dot tld") only when the at-word is not the English
"at" ("apenstaartje", "arobase", "arroba") or a mail word ("email", "courriel", "correo") is near.
Parts spelled letter by letter ("j o h n at example dot net") and a domain label said with a
number after it ("try een negen acht negen punt com", "server een dot ...") belong to the address."""
from __future__ import annotations

import re
from collections.abc import Iterable

from meeluister.redaction.base import Detector, Scan, register, words

# RFC 5322: a dot-atom local part of atext (letters, digits and !#$%&'*+-/=?^_`{|}~) or a quoted
# string with backslash escapes; a domain of labels, or an address literal in brackets.
_ATEXT = r"[\w.!#$%&'*+\-/=?^`{|}~’]"
WRITTEN = re.compile(rf"(?:\"(?:[^\"\\\n]|\\.)+\"|{_ATEXT}+)@(?:[\w\-]+(?:\.[\w\-]+)+|\[[^\]\s]+\])")

AT_WORDS = ("at", "apenstaartje", "apestaartje", "at-teken", "arroba", "arobase", "a commercial")
DOT_WORDS = ("punt", "dot", "point", "punto")
JOIN_WORDS = ("streepje", "liggend streepje", "laag streepje", "min", "minteken", "koppelteken", "dash", "hyphen",
              "minus", "underscore", "tiret", "tiret bas", "trait d'union", "guion", "guión", "guion bajo",
              "guión bajo", "barra baja")
TLDS = ("com", "nl", "be", "fr", "es", "eu", "org", "net", "de", "uk", "co", "info", "io", "edu", "gov", "biz",
        "me", "it", "ch", "lu", "pt", "cat", "ma", "tr", "pl", "us", "ca", "online", "nu", "email", "mail",
        # country top levels (ISO 3166) and common generic ones
        "au", "at", "dk", "se", "no", "fi", "ie", "cz", "sk", "hu", "ro", "gr", "bg", "hr", "si", "lt", "lv", "ee",
        "is", "ru", "ua", "jp", "cn", "in", "br", "mx", "ar", "cl", "pe", "za", "nz", "sr", "cw", "aw", "tn", "dz",
        "sn", "ci", "cm", "ng", "eg", "il", "ae", "sa", "sg", "hk", "tw", "kr", "tv", "ai", "ac", "ly", "gg", "je",
        "app", "dev", "pro", "shop", "store", "tech", "xyz", "site", "name", "mobi", "travel", "club")
_KNOWN_TLD = "|".join([*sorted(TLDS, key=len, reverse=True), *(f"{t[0]}\\s{t[1]}" for t in TLDS if len(t) == 2)])
_PART = r"[^\W_][\w+'’]*"
# A part spelled letter by letter ("p i e t", "j o h n"; never the French "à" before it, nor
# the Spanish "a", "o", "y" before one more letter: "escríbame a a punto b ...").
_L = r"[^\W\d_](?!\w)"  # a letter said alone
_LPART = rf"(?:(?![àÀ]\s)(?![aeouy]\s+{_L}(?!\s+{_L}))(?:{_L}\s+)+{_L}|{_PART})"
# A domain label said with a number after it ("try een negen acht negen" is try1989, "server een").
_DIGIT_WORDS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "zero", "oh", "one",
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "zéro", "un", "deux", "trois",
                "quatre", "cinq", "sept", "huit", "neuf", "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis",
                "siete", "ocho", "nueve")
_DPART = rf"{_LPART}(?:\s+(?:\d+|{'|'.join(_DIGIT_WORDS)})(?!\w))*"
# Written to fool address harvesters: "jan[at]gmail[dot]com", "jan (at) gmail (dot) com", "jan @ gmail . com".
_BRACKETED_AT = r"\s*[\[({]\s*(?:at|@|apenstaartje|arroba|arobase)\s*[\])}]\s*"
_BRACKETED_DOT = rf"\s*[\[({{]\s*(?:{words(DOT_WORDS)}|\.)\s*[\])}}]\s*"
_DOT = rf"(?:\.|\s+(?:{words(DOT_WORDS)})\s+|{_BRACKETED_DOT}|\s+\.\s+)"
PLUS_WORDS = ("plus", "más", "mas")
_SEP_WORDS = words(DOT_WORDS + JOIN_WORDS + PLUS_WORDS)
# One separator, or two in a row ("xn--", "xn guion guion").
_SEP = rf"(?:[.\-_+]{{1,2}}|\s+(?:{_SEP_WORDS})(?:\s+(?:{_SEP_WORDS}))?\s+)"
# A punycode label ("xn guion guion 80ak6aa92e", "xn--p1ai") counts as a known top level.
_TLD = rf"(?:{_KNOWN_TLD}|xn{_SEP}[a-z0-9]+)"
_AT = rf"(?:\s*@\s*|\s+(?P<at>{words(AT_WORDS)})\s+|{_BRACKETED_AT})"
SPELLED = re.compile(
    rf"(?<![\w.@]){_LPART}(?:{_SEP}{_LPART})*{_AT}{_DPART}(?:{_SEP}{_DPART})*?{_DOT}(?:{_TLD})"
    rf"(?:{_DOT}(?:{_TLD}))*(?![\w@])",
    re.IGNORECASE,
)
# Any word as the top level ("example dot tld"): only with a cue that says it is an address.
SPELLED_ANY = re.compile(
    rf"(?<![\w.@]){_LPART}(?:{_SEP}{_LPART})*{_AT}{_DPART}(?:{_DOT}{_DPART})*{_DOT}[^\W\d_]{{2,24}}(?![\w@])",
    re.IGNORECASE,
)
# "at" is also an English word ("looked at it point blank"); the other at-words and these mail
# words say that what follows is an address even with an unknown top level ("example dot tld").
MAIL_WORDS = re.compile(r"(?<!\w)(?:e-?mail\w*|mail\w*|courriels?|correo\w*|mél)(?!\w)", re.IGNORECASE)


# Said local parts run words together ("bram dijk veertien apenstaartje ..." is bramdijk14@): up to
# three plain words before a spelled address belong to it, back to a word that cannot be part of it.
NOT_LOCAL = frozenset("""
is mijn e-mail email e-mailadres mailadres emailadres adres mail mailen stuur naar het de een aan op
my address e-mail is to send it me at the please
mon ma adresse courriel envoyez-le envoyez à est c'est le la mail
mi correo electrónico es envíelo a al el la dirección
en ja nee yes no oui non sí si and et y of or ou o u ook also aussi también dan then puis luego
eh euh uh um uhm ehm hm hmm nou dus so alors bon bueno pues vale ok okay
""".split())
_STRONG_AT = re.compile(rf"@|{_BRACKETED_AT}|(?<!\w)(?:{words(w for w in AT_WORDS if w != 'at')})(?!\w)", re.IGNORECASE)
_AT_WORD = re.compile(rf"@|(?<!\w)(?:{words(AT_WORDS)})(?!\w)", re.IGNORECASE)
_DOTTED = re.compile(rf"\.\s*\w|(?<!\w)(?:{words(DOT_WORDS)})(?!\w)", re.IGNORECASE)  # a spelled address has one
_BEFORE = re.compile(r"(?<![\w.@])[^\W_][\w'’]*\s+$")
# Words joined to the address by a separator word ("j punt de vries at ...": "de" is a NOT_LOCAL
# word, but "punt" ties it to "j"): taken back as far as separators keep joining.
_SAID_SEP = rf"\s+(?:{_SEP_WORDS})(?:\s+(?:{_SEP_WORDS}))?\s+"  # a separator said, not written
_JOINED_BEFORE = re.compile(rf"(?<![\w.@])(?P<part>{_PART}){_SAID_SEP}(?:{_PART}\s+){{0,2}}$", re.IGNORECASE)
MAX_PLAIN = 3


def _back(text: str, start: int) -> int:
    """Where a spelled address that starts at `start` really starts (see NOT_LOCAL)."""
    plain, lo = 0, max(0, start - 80)  # the plain words: within 80 characters of the spelled part
    while True:
        m = _JOINED_BEFORE.search(text, max(0, start - 80), start)
        if m is not None and m.group("part").lower() not in NOT_LOCAL:
            start = m.start()
            continue
        m = _BEFORE.search(text, lo, start) if plain < MAX_PLAIN else None
        if m is None or m.group(0).strip().lower() in NOT_LOCAL:
            return start
        start = m.start()
        plain += 1


@register
class Email(Detector):
    kind, tag, priority = "email", "[EMAIL]", 10

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        written = [m.span() for m in WRITTEN.finditer(scan.text)] if "@" in scan.text else []
        yield from written
        if not _AT_WORD.search(scan.text) or not _DOTTED.search(scan.text):
            return
        spans = [m.span() for m in SPELLED.finditer(scan.text)]
        if not (_STRONG_AT.search(scan.text) or MAIL_WORDS.search(scan.text)):
            yield from self._back_all(scan.text, spans, written)  # only "at", no mail word: known top levels only
            return
        for m in SPELLED_ANY.finditer(scan.text):
            if any(a < m.end() and m.start() < b for a, b in spans):
                continue
            strong = m.group("at") is None or m.group("at").lower() != "at"
            if strong or scan.near(MAIL_WORDS, m.start(), m.end()):
                spans.append(m.span())
        yield from self._back_all(scan.text, spans, written)

    @staticmethod
    def _back_all(text: str, spans: list[tuple[int, int]], written: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The spelled spans taken back over the words before them; one that holds a written address
        ("nog eens a@b.nl", "jan punt jansen@gmail.com") only as far as its own separators."""
        return [(start if any(a < end and start < b for a, b in written) else _back(text, start), end)
                for start, end in sorted(spans)]
