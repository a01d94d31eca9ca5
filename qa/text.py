"""Text preparation shared by every criterion: normalisation, sentences, tokens, questions.

Criteria never look at raw turn text directly; they use a `Prepared` contact whose sentences carry
both the text as said (for evidence quotes) and a normalised form (for lexicon matching).
Normalisation makes the rules robust to speech-recognition output: lowercase, accents folded,
punctuation dropped, filler words ("eh", "uh", "euh", "ehm") removed, emoji kept as tokens.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from meeluister.records import Transcript, Turn

class Matcher(Protocol):
    """What `prepare` needs of a phrase matcher (qa.lexicon.PhraseMatcher)."""

    def first(self, norm: str) -> re.Match[str] | None: ...


# Sentence ends: terminal punctuation (with closing quotes/brackets) followed by space, or a newline.
_SENT_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
_TERMINAL = re.compile(r"[.!?…]+[\"'”’)\]]*\s*$")
_ELLIPSIS_END = re.compile(r"(\.\.\.|…)\s*[?!]?\s*$")
_ELLIPSIS_START = re.compile(r"^\s*(\.\.\.|…)")
_ANY_PUNCT = re.compile(r"[.!?,;:…]")


@lru_cache(maxsize=200_000)
def _fold_char(ch: str) -> str:
    if ch.isalnum():
        base = unicodedata.normalize("NFKD", ch)
        return "".join(c for c in base if not unicodedata.combining(c)) or ch
    cat = unicodedata.category(ch)
    if cat == "So" or cat == "Sk":  # emoji and other symbols: keep as their own token
        return f" {ch} "
    return " "


def _build_table() -> dict[int, str]:
    # Latin letters with accents fold to their base letter, everything else below U+0250 that is
    # not a letter or digit becomes a space; general punctuation (U+2000-U+206F) too.
    table: dict[int, str] = {}
    for cp in list(range(0x250)) + list(range(0x2000, 0x2070)):
        ch = chr(cp)
        if ch.isascii() and ch.isalnum():
            continue
        folded = _fold_char(ch)
        if folded != ch:
            table[cp] = folded
    return table


_TABLE = _build_table()


def normalise(text: str) -> str:
    """Lowercase, fold accents, punctuation and apostrophes to spaces, collapse whitespace."""
    s = text.lower().translate(_TABLE)
    if not s.isascii():  # emoji and other scripts: the slow, complete path
        s = "".join(_fold_char(c) if ord(c) > 127 else c for c in s)
    return " ".join(s.split())


class Sentence:
    """One sentence of a turn. A slotted class, not a dataclass: built for every sentence scored."""

    __slots__ = ("turn", "index", "text", "norm", "question", "last")

    def __init__(self, turn: int, index: int, text: str, norm: str, question: bool, last: bool) -> None:
        self.turn = turn  # index into Transcript.turns
        self.index = index  # position within the turn
        self.text = text  # as said (quote)
        self.norm = norm  # normalised, fillers removed, padded with one space each side
        self.question = question
        self.last = last  # the turn's last sentence

    def __repr__(self) -> str:
        return f"Sentence(turn={self.turn}, text={self.text!r})"


@dataclass
class PreparedTurn:
    index: int
    turn: Turn
    sentences: list[Sentence]
    norm: str  # whole turn, normalised, padded
    words: int
    punctuated: bool

    @property
    def speaker(self) -> str:
        return self.turn.speaker

    @property
    def start(self) -> float | None:
        return self.turn.start

    @property
    def end(self) -> float | None:
        return self.turn.end


@dataclass
class Prepared:
    """A transcript ready for the criteria. Built once per contact (the analyses that several
    criteria share sit beside it in `qa.findings.Findings`)."""

    transcript: Transcript
    turns: list[PreparedTurn]
    timed: bool

    def agent(self) -> list[PreparedTurn]:
        return [t for t in self.turns if t.speaker == "agent"]

    def customer(self) -> list[PreparedTurn]:
        return [t for t in self.turns if t.speaker == "customer"]


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENT_SPLIT.split(text)]
    return [p for p in parts if p]


def ends_unfinished(text: str) -> bool:
    """A turn that trails off ("...", "…") or stops without terminal punctuation."""
    t = text.rstrip()
    return bool(_ELLIPSIS_END.search(t)) or not _TERMINAL.search(t)


def ends_with_ellipsis(text: str) -> bool:
    return bool(_ELLIPSIS_END.search(text.rstrip()))


def starts_with_ellipsis(text: str) -> bool:
    return bool(_ELLIPSIS_START.match(text))


def has_punctuation(text: str) -> bool:
    return bool(_ANY_PUNCT.search(text))


def strip_fillers(norm: str, fillers: frozenset[str]) -> str:
    if not fillers:
        return norm
    return " ".join(w for w in norm.split() if w not in fillers)


# Contact-centre speech repeats itself ("Kan ik verder nog iets voor u doen?", greetings,
# backchannels): the text analysis of a turn is cached by its text (bounded, cleared when full).
_TURN_CACHE: dict[tuple[str, int, int], tuple] = {}
_TURN_CACHE_MAX = 200_000


def _analyse_turn(text: str, fillers: frozenset[str], question_cue: Matcher | None,
                  opener: Matcher | None = None) -> tuple:
    key = (text, id(fillers), id(question_cue), id(opener))
    hit = _TURN_CACHE.get(key)
    if hit is not None:
        return hit
    punct = has_punctuation(text)
    if punct and ("." in text or "!" in text or "?" in text or "…" in text or "\n" in text):
        raw_sents = split_sentences(text) or [text]
    else:
        raw_sents = [text.strip() or text]
    parts = []
    for s in raw_sents:
        norm = normalise(s)
        if fillers:
            norm = strip_fillers(norm, fillers)
        if punct:
            stripped = s.rstrip()
            q = stripped.endswith("?") or stripped.endswith("?)") or "¿" in s
        else:
            # no punctuation (speech recognition): a question cue opening the turn or its last words
            q = False
            if question_cue is not None:
                words = norm.split()
                m = question_cue.first(f" {norm} ")
                q = bool(m and m.start() == 1) or bool(question_cue.first(" " + " ".join(words[-20:]) + " "))
            if not q and opener is not None:
                o = opener.first(f" {norm} ")
                q = bool(o and o.start() == 1)
        parts.append((s, f" {norm} ", q))
    tnorm = " " + " ".join(n.strip() for _, n, _ in parts if n.strip()) + " "
    hit = (tuple(parts), tnorm, len(tnorm.split()), punct)
    if len(_TURN_CACHE) >= _TURN_CACHE_MAX:
        _TURN_CACHE.clear()
    _TURN_CACHE[key] = hit
    return hit


def prepare(transcript: Transcript, fillers: frozenset[str], question_cue: Matcher | None,
            opener: Matcher | None = None) -> Prepared:
    """Split every turn into sentences and normalise them once.

    `question_cue` marks a question in unpunctuated (speech-recognition) text, where no "?" exists,
    at the start of a turn or among its last words; `opener` only when it opens the sentence.
    """
    turns: list[PreparedTurn] = []
    for i, turn in enumerate(transcript.turns):
        parts, tnorm, nwords, punct = _analyse_turn(turn.text or "", fillers, question_cue, opener)
        n = len(parts)
        sents = [Sentence(i, j, s, norm, q, j == n - 1) for j, (s, norm, q) in enumerate(parts)]
        turns.append(PreparedTurn(i, turn, sents, tnorm, nwords, punct))
    timed = any(t.start is not None and t.end is not None for t in transcript.turns)
    return Prepared(transcript, turns, timed)
