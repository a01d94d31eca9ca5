"""`CANDIDATE_PATTERN`: an RE2-compatible test (no look-around, no back-references; also valid
Python `re`) that every text `redact()` would change matches, used by bulk loads to skip the many
texts that hold nothing to redact (warehouse/pii.py). It is a superset of what the detectors find:

* any digit or "@" (every written number, address and date);
* two number words in a row, also glued ("nul zes", "negentienvierentachtig", "vier acht"): a
  spoken phone number, BSN, IBAN, postcode or year needs at least two;
* an e-mail "at" word between spaces followed by a domain with a dot ("at gmail punt", "arroba
  hotmail.com"; the first label may be said in up to three words, "at server een dot ..."), or
  "[at]"/"(at)" in brackets ("jan[at]gmail[dot]com");
* a name introduction or a title: "mijn naam", "my name", "m'appelle", "me llamo", "ik heet", a
  first-person phrase or "met" at the start of a sentence followed by a capital (in lower case:
  "met" at the start of the text or a sentence, or after a greeting; a first-person phrase
  anywhere in text without capitals), "meneer", "Mrs";
  known customer names are not in it: a caller passing `known_names` tests those rows itself.

`BLOCK_PATTERN` is the same test without the word-boundary parts, so it also holds for several
texts joined into one string (the bulk path tests blocks of rows first).
"""
from __future__ import annotations

import re

from meeluister.redaction import email, names, spoken

# Letters RE2 and Python treat alike: a word character class written out (RE2's \b and \w are ASCII).
_WORDCH = "a-zA-Z0-9_À-ÖØ-öø-ɏ"
_START = f"(?:^|[^{_WORDCH}])"
_END = f"(?:$|[^{_WORDCH}])"


def _alt(ws: set[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(ws), key=len, reverse=True))


# Number words only: the conjunctions inside phrases ("vier en dertig", "vingt et un", "treinta y
# cuatro") are left out, or every "en een" would pass; a dictated number has two number words in a row.
_NUM = "(?:" + _alt((spoken.VOCABULARY | set(spoken.SINGLE_WORDS) | spoken.HUNDRED | spoken.THOUSAND
                     | set(spoken.HUNDREDS)) - spoken.CONJ) + ")"
_RUN = rf"{_NUM}(?:[\s,\-]*{_NUM})+"
_EMAIL = (rf"\s(?:{_alt(email.AT_WORDS)})\s+[^\s]+(?:\s+[^\s]+){{0,2}}"
          rf"(?:\s+(?:{_alt(email.DOT_WORDS + email.JOIN_WORDS + email.PLUS_WORDS)})\s+[^\s]+)*?"
          rf"(?:\.[^\s]|\s+(?:{_alt(email.DOT_WORDS)})\s)"
          r"|[\[({]\s*(?:at|apenstaartje|arroba|arobase)\s*[\])}]")  # "jan[at]gmail[dot]com"
_CAP = f"(?-i:[{names.CAPITALS}])"
_INTRO = rf"(?:{_alt(names.STRONG_INTRO)})"
_WEAK = rf"(?:{_alt(names.WEAK_INTRO)})\s+(?:(?:{_alt(names.TITLES)})\s+)?{_CAP}"
_MET = rf"(?:met|c'est|soy)\s+{_CAP}"
_TITLE = rf"(?:{_alt(names.TITLES)})\s+[^\s]"


# Lower-case speech: an introduction at the start of the text or a sentence, or after a greeting.
_LOWER = rf"(?:met|c'est)\s+[^\s]"
_LOWER_ANYWHERE = rf"(?:{_alt(names.WEAK_INTRO)})\s+[^\s]"
_GREETING = rf"(?:{_alt(names.GREETINGS)})[,!.]?\s+"


_NO_CAPITAL = f"(?-i:[^{names.CAPITALS}])*"  # the lower-case rule applies to text without capitals


def _pattern(start: str, end: str, line: str, lower_only: str) -> str:
    return (rf"(?i)[0-9@]|{start}{_RUN}{end}|{_EMAIL}|{start}{_INTRO}|{start}{_WEAK}|{start}{_TITLE}"
            rf"|(?:{line}|[.!?,;:]\s*|{start}{_GREETING}){_MET}"
            rf"|{lower_only}(?:{line}|[.!?,;:]\s*|{start}{_GREETING}){_LOWER}|{lower_only}{_LOWER_ANYWHERE}")


CANDIDATE_PATTERN = _pattern(_START, _END, "^", "^" + _NO_CAPITAL)
BLOCK_PATTERN = _pattern("", "", "", "")
