"""Text preparation shared by every criterion: normalisation, sentences, tokens, questions.

Criteria never look at raw turn text directly; they use a `Prepared` contact whose sentences carry
both the text as said (for evidence quotes) and a normalised form (for lexicon matching).
Normalisation makes the rules robust to speech-recognition output: lowercase, accents folded,
punctuation dropped, filler words ("eh", "uh", "euh", "ehm") removed, emoji kept as tokens.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from meeluister.records import Transcript, Turn

# Sentence ends: terminal punctuation (with closing quotes/brackets) followed by space, or a newline.
_SENT_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
_TERMINAL = re.compile(r"[.!?…]+[\"'”’)\]]*\s*$")
_ELLIPSIS_END = re.compile(r"(\.\.\.|…)\s*[?!]?\s*$")
_ELLIPSIS_START = re.compile(r"^\s*(\.\.\.|…)")
_ANY_PUNCT = re.compile(r"[.!?,;:…]")
_FOLD_CACHE: dict[str, str] = {}


@lru_cache(maxsize=200_000)
def _fold_char(ch: str) -> str:
    if ch.isalnum():
        base = unicodedata.normalize("NFKD", ch)
        return "".join(c for c in base if not unicodedata.combining(c)) or ch
    cat = unicodedata.category(ch)
    if cat == "So" or cat == "Sk":  # emoji and other symbols: keep as their own token
        return f" {ch} "
    return " "


_TRANS_CACHE: dict[int, str] = {}


def normalise(text: str) -> str:
    """Lowercase, fold accents, punctuation and apostrophes to spaces, collapse whitespace."""
    cached = _FOLD_CACHE.get(text)
    if cached is not None:
        return cached
    out = " ".join("".join(_fold_char(c) for c in text.lower()).split())
    if len(_FOLD_CACHE) < 500_000:
        _FOLD_CACHE[text] = out
    return out


@dataclass(frozen=True)
class Sentence:
    turn: int  # index into Transcript.turns
    index: int  # position within the turn
    text: str  # as said (quote)
    norm: str  # normalised, fillers removed, padded with one space each side for matching
    question: bool
    last: bool  # the turn's last sentence


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
    """A transcript ready for the criteria. Built once per contact; criteria share its cache."""

    transcript: Transcript
    turns: list[PreparedTurn]
    timed: bool
    cache: dict[str, Any] = field(default_factory=dict)

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


def prepare(transcript: Transcript, fillers: frozenset[str], question_cue: re.Pattern[str] | None) -> Prepared:
    """Split every turn into sentences and normalise them once.

    `question_cue` marks a question in unpunctuated (speech-recognition) text, where no "?" exists.
    """
    turns: list[PreparedTurn] = []
    for i, turn in enumerate(transcript.turns):
        text = turn.text or ""
        punct = has_punctuation(text)
        raw_sents = split_sentences(text) or [text]
        sents: list[Sentence] = []
        n = len(raw_sents)
        for j, s in enumerate(raw_sents):
            norm = strip_fillers(normalise(s), fillers)
            stripped = s.rstrip()
            if punct:
                q = stripped.endswith("?") or stripped.endswith("?)") or "¿" in s
            else:
                q = bool(question_cue and question_cue.search(f" {norm} "))
            sents.append(Sentence(i, j, s, f" {norm} ", q, j == n - 1))
        tnorm = " " + " ".join(s.norm.strip() for s in sents if s.norm.strip()) + " "
        turns.append(PreparedTurn(i, turn, sents, tnorm, len(tnorm.split()), punct))
    timed = any(t.start is not None and t.end is not None for t in transcript.turns)
    return Prepared(transcript, turns, timed)
