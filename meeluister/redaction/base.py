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
from dataclasses import dataclass
from typing import ClassVar

from meeluister.redaction.options import RedactionOptions
from meeluister.redaction.spoken import Normalised


@dataclass(frozen=True)
class RedactedSpan:
    start: int  # offsets in the original text, end exclusive
    end: int
    kind: str  # the category: email, iban, bsn, phone, postcode, dob, name


@dataclass(frozen=True)
class Scan:
    doc: Normalised
    options: RedactionOptions
    known_names: tuple[str, ...] = ()
    speaker: str | None = None  # agent | customer | other; None when not known

    @property
    def text(self) -> str:
        return self.doc.text

    def near(self, pattern: re.Pattern[str], start: int, end: int, *, before: bool = True,
             after: bool = True) -> bool:
        """`pattern` occurs within `options.context_chars` before `start` or after `end`."""
        n = self.options.context_chars
        t = self.doc.text
        if before and pattern.search(t, max(0, start - n), start):
            return True
        return bool(after and pattern.search(t, end, min(len(t), end + n)))


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
