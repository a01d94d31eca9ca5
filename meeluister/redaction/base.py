"""The parts every detector shares: the text it looks at, what it returns, and the registry.

A detector (`Detector` subclass, one per category, registered with `register`) gets a `Scan`: the
text after spoken numbers were written as digits (`Scan.text`, see `meeluister.redaction.spoken`),
the options, the known customer names and the speaker. It yields `(start, end)` spans in
`Scan.text`; the redactor maps them back to the original text and resolves overlaps by the
detectors' `priority` (lower first).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

from meeluister.redaction.options import RedactionOptions
from meeluister.redaction.spoken import Normalised


@dataclass(frozen=True)
class RedactedSpan:
    start: int  # offsets in the original text, end exclusive
    end: int
    kind: str  # the category: email, iban, bsn, phone, postcode, dob, name


@dataclass
class Scan:
    doc: Normalised
    options: RedactionOptions
    known_names: tuple[str, ...] = ()
    speaker: str | None = None  # agent | customer | other; None when not known
    # Spans (in `text`) already taken by a detector that goes first: a later one need not
    # validate candidates inside them (they would lose the overlap anyway).
    taken: list[tuple[int, int]] = field(default_factory=list)

    def is_taken(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.taken)

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def lower(self) -> str:
        """The text in lower case, for quick tests before a pattern's pass."""
        return self.doc.text.lower()

    @cached_property
    def words(self) -> frozenset[str]:
        """The words of the lower-case text (letters, digits, apostrophes)."""
        return frozenset(_WORDS.findall(self.lower))

    def has_any(self, cues: Cues) -> bool:
        """Whether one of the phrases behind `cues` occurs: its first word is a word of the text
        and the whole phrase a substring of it (a quick test, never a miss)."""
        words = self.words
        if words.isdisjoint(cues.firsts):
            return False
        return any(first in words and all(p in self.lower for p in phrases) for first, phrases in cues.phrases)

    def near(self, pattern: re.Pattern[str], start: int, end: int, *, before: bool = True,
             after: bool = True) -> bool:
        """`pattern` occurs within `options.context_chars` before `start` or after `end`."""
        n = self.options.context_chars
        t = self.doc.text
        if before and pattern.search(t, max(0, start - n), start):
            return True
        return bool(after and pattern.search(t, end, min(len(t), end + n)))


_WORDS = re.compile(r"[\w'’]+")
@dataclass(frozen=True)
class Cues:
    """Phrases for `Scan.has_any`: each as its first word and its lower-case parts."""

    phrases: tuple[tuple[str, tuple[str, ...]], ...]
    firsts: frozenset[str]


def cues(phrases: Iterable[str]) -> Cues:
    out = []
    for p in phrases:
        parts = tuple(_WORDS.findall(p.lower()))
        if parts:
            out.append((parts[0], parts))
    return Cues(tuple(out), frozenset(f for f, _ in out))


class Detector:
    kind: ClassVar[str]
    tag: ClassVar[str]
    priority: ClassVar[int]

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:  # pragma: no cover - abstract
        raise NotImplementedError


_REGISTRY: dict[str, Detector] = {}


def register(cls: type[Detector]) -> type[Detector]:
    """Class decorator: one instance per category."""
    _REGISTRY[cls.kind] = cls()
    return cls


def detectors() -> Sequence[Detector]:
    """The registered detectors in priority order."""
    return sorted(_REGISTRY.values(), key=lambda d: d.priority)


def tag_of(kind: str) -> str:
    return _REGISTRY[kind].tag


def words(alternatives: Iterable[str]) -> str:
    """A regex alternation of literal words or phrases, longest first (spaces match any run of
    whitespace)."""
    alts = sorted(set(alternatives), key=len, reverse=True)
    return "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
