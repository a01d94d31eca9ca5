"""Kinds of repeated question that are not a named slot (after set E).

* **since when again**: the agent asks how long or since when ("depuis quand", "since when",
  "sinds wanneer", "desde cuándo") after the customer already said when the problem started
  ("depuis vendredi", "since Monday").
* **how many again**: the agent asks how many of something ("combien d'enfants", "how many
  children") after the customer gave the count of the same thing ("mes deux enfants").
* **the customer says so**: the customer's answer to an agent question starts from "as I said"
  ("like I said", "zoals ik al zei", "comme je l'ai écrit", "como le dije"): the question asked
  for something already told. The question is the evidence.

All phrases are lexicon data (`repeat.toml`: `ask_since`, `given_since`, `ask_count`,
`already_said`); number words come from `count_words`.
"""
from __future__ import annotations

from qa.lexicon import Lexicon


_ONE = frozenset({"un", "uno", "una", "une", "one", "een"})  # "la plaza, un momento": no house number


def _stem(w: str) -> str:
    return w[:5]


def since_again(norm: str, customer_turns: list[str], lex: Lexicon) -> str | None:
    """The `ask_since` phrase of an agent question when a customer turn already holds a
    `given_since` phrase, else None."""
    m = lex.phrases("repeat", "ask_since").first(norm)
    if m is None:
        return None
    given = lex.phrases("repeat", "given_since")
    if any(given.search(c) is not None for c in customer_turns):
        return m.group(0)
    return None


def _counted(norm: str, stem: str, numbers: frozenset[str]) -> bool:
    """A number (digits or a number word) right before a word with `stem` ("deux enfants",
    "2 kids" does not count for "children": the same word is needed)."""
    words = norm.split()
    for i in range(1, len(words)):
        if _stem(words[i]) == stem and (words[i - 1] in numbers or words[i - 1].isdigit()):
            return True
    return False


def count_again(norm: str, customer_turns: list[str], lex: Lexicon) -> str | None:
    """"Combien d'enfants ?" after "mes deux enfants": the count asked again. Returns the asking
    phrase with its noun, or None."""
    m = lex.phrases("repeat", "ask_count").first(norm)
    if m is None:
        return None
    skip = lex.wordset("repeat", "count_skip")
    after = [w for w in norm[m.end():].split() if w not in skip]
    if not after or len(after[0]) < 4:
        return None
    stem = _stem(after[0])
    numbers = lex.wordset("repeat", "count_words")
    if any(_counted(c, stem, numbers) for c in customer_turns):
        return f"{m.group(0)} {after[0]}"
    return None


def says_already_said(norm: str, lex: Lexicon) -> str | None:
    """The customer's "as I said" phrase, or None."""
    return lex.phrases("repeat", "already_said").search(norm)


def spoken_street(norm: str, lex: Lexicon) -> bool:
    """A street word followed within three words by a house number said as a word, as speech
    recognition writes it ("calle mayor doce", "rue des lilas douze", "kerkstraat twaalf")."""
    streets = lex.wordset("repeat", "street_words")
    suffixes = tuple(lex.raw("repeat", "street_suffixes"))
    numbers = lex.wordset("repeat", "count_words")
    words = norm.split()
    for i, w in enumerate(words):
        if w in streets or (suffixes and len(w) > 6 and w.endswith(suffixes)):
            if any((x in numbers and x not in _ONE) or x.isdigit() for x in words[i + 1:i + 5]):
                return True
    return False
