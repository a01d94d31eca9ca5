"""Language-aware text normalisation shared by reason classification and topic discovery.

Words are lowercased, accents folded, punctuation dropped, then reduced to their Snowball stem for
the contact's language (nl, en, fr, es; `snowballstemmer`, pure Python), so "aangevraagd",
"aanvragen" and "aanvraag" meet, as do "renouveler"/"renouvellement". Elided articles ("l'", "d'")
and clitics are split off. Stop words per language live in `signals/data/stopwords/<lang>.txt`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
STEMMERS = {"nl": "dutch", "en": "english", "fr": "french", "es": "spanish"}
LANGUAGES = tuple(STEMMERS)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENT_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")


_FOLDED: dict[int, str] = {}  # a non-ASCII character -> its NFKD form without combining marks


def fold(text: str) -> str:
    """Lowercase and fold accents ("Où" -> "ou", "geïnteresseerd" -> "geinteresseerd"): NFKD,
    combining marks dropped, one character at a time (each character's form is kept in a table
    for `str.translate`; dropping the marks makes that the same as folding the whole string)."""
    s = text.lower()
    if s.isascii():
        return s
    for c in set(s):
        if ord(c) > 127 and ord(c) not in _FOLDED:
            _FOLDED[ord(c)] = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    return s.translate(_FOLDED)


def words(text: str) -> list[str]:
    """Folded words; apostrophes and hyphens split ("l'application" -> "l", "application")."""
    return _WORD.findall(fold(text))


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENT_SPLIT.split(text or "")]
    return [p for p in parts if p]


@lru_cache(maxsize=8)
def _stemmer(language: str):  # type: ignore[no-untyped-def]
    import snowballstemmer

    algo = STEMMERS.get(language)
    return snowballstemmer.stemmer(algo) if algo else None


@lru_cache(maxsize=400_000)
def stem(word: str, language: str) -> str:
    """The word's Snowball stem; a number is its own stem (every Snowball stemmer here leaves
    digits alone: case numbers, dates and amounts skip the stemmer)."""
    if word.isdigit():
        return word
    st = _stemmer(language)
    if st is None:
        return word
    return st.stemWord(word)


def stems(text: str, language: str) -> list[str]:
    return [stem(w, language) for w in words(text)]


@lru_cache(maxsize=8)
def stopwords(language: str) -> frozenset[str]:
    f = DATA / "stopwords" / f"{language}.txt"
    if not f.exists():
        return frozenset()
    out = set()
    for line in f.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.update(fold(w) for w in line.split())
    return frozenset(out)


def content_stems(text: str, language: str) -> list[str]:
    """Stems of the words that carry meaning: stop words, digits and one-letter words dropped."""
    sw = stopwords(language)
    return [stem(w, language) for w in words(text)
            if len(w) > 1 and w not in sw and not w.isdigit()]


_KEY_RULES = (("th", "t"), ("ph", "f"), ("ck", "k"), ("qu", "k"), ("ou", "u"), ("y", "i"), ("ca", "ka"),
              ("co", "ko"), ("cu", "ku"), ("z", "s"))
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=400_000)
def term_key(stem_: str) -> str:
    """A spelling-neutral key for a stem, so a name written differently per language meets itself
    ("kathmandu", "katmandou", "katmandu" -> "katmandu"; "nepal"/"népal" already fold alike)."""
    if len(stem_) < 5:
        return stem_
    s = stem_
    for a, b in _KEY_RULES:
        s = s.replace(a, b)
    s = _DOUBLE.sub(r"\1", s)
    return s.rstrip("es") if len(s) > 5 else s
