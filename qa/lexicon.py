"""Per-language lexicons kept as data files, compiled once into fast phrase matchers.

Layout: `qa/lexicons/<lang>/<section>.toml` holds named phrase lists (`[nivea] assuming = [...]`
style keys at top level of the file), and `qa/lexicons/<lang>/<name>.txt` holds one word per line
(`#` starts a comment). A scorecard may name extra lexicon directories with the same layout; their
lists extend the shipped ones, so a quality team adds phrases without touching code.

Phrase syntax (matched on normalised text: lowercase, accents folded, punctuation removed):
`*` stands for exactly one word, `$` at the end means "at the end of the sentence", and
`a|b|c` is one word out of several ("u|je belt|appt|mailt zeker|vast" covers 2x3x2 phrasings).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from meeluister.errors import InputError
from qa.text import normalise

LEXICON_ROOT = Path(__file__).resolve().parent / "lexicons"


class PhraseMatcher:
    """One compiled alternation over a phrase list; matches whole words on padded normalised text."""

    __slots__ = ("phrases", "_rx")

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(dict.fromkeys(p for p in phrases if p.strip()))
        parts = []
        for p in sorted(self.phrases, key=len, reverse=True):
            end = p.rstrip().endswith("$")
            body = p.rstrip().rstrip("$")
            toks = []
            for tok in body.split():
                if tok == "*":
                    toks.append(r"\S+")
                elif "|" in tok:
                    alts = [normalise(a) for a in tok.split("|")]
                    alts = [r"\ ".join(re.escape(x) for x in a.split()) for a in alts if a]
                    if alts:
                        toks.append("(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")")
                else:
                    n = normalise(tok)
                    if n:
                        toks.append(r"\ ".join(re.escape(x) for x in n.split()))
            if not toks:
                continue
            parts.append(r"\ ".join(toks) + (r"(?=\ $)" if end else r"(?=\ )"))
        self._rx = re.compile(r"(?<=\ )(?:" + "|".join(parts) + ")") if parts else None

    def __bool__(self) -> bool:
        return self._rx is not None

    def search(self, norm: str) -> str | None:
        """First matched phrase text in `norm` (padded normalised text), or None."""
        if self._rx is None:
            return None
        m = self._rx.search(norm)
        return m.group(0) if m else None

    def first(self, norm: str) -> re.Match[str] | None:
        """The first match in `norm` (padded normalised text) with its position, or None."""
        if self._rx is None:
            return None
        return self._rx.search(norm)

    def finditer(self, norm: str) -> list[re.Match[str]]:
        if self._rx is None:
            return []
        return list(self._rx.finditer(norm))


@dataclass
class Lexicon:
    """All lexicon lists of one language."""

    language: str
    lists: dict[str, list[str]] = field(default_factory=dict)  # "section.key" -> phrases
    words_: dict[str, frozenset[str]] = field(default_factory=dict)  # txt name -> words
    _matchers: dict[str, PhraseMatcher] = field(default_factory=dict)

    def raw(self, section: str, key: str) -> list[str]:
        return self.lists.get(f"{section}.{key}", [])

    def phrases(self, section: str, key: str) -> PhraseMatcher:
        m = self._matchers.get((section, key))  # type: ignore[call-overload]
        if m is None:
            m = PhraseMatcher(self.lists.get(f"{section}.{key}", []))
            self._matchers[(section, key)] = m  # type: ignore[index]
        return m

    def phrases_of(self, section: str, *keys: str) -> PhraseMatcher:
        """One matcher over several lists of a section (compiled once, like `phrases`)."""
        m = self._matchers.get((section, *keys))  # type: ignore[call-overload]
        if m is None:
            m = PhraseMatcher([p for k in keys for p in self.lists.get(f"{section}.{k}", [])])
            self._matchers[(section, *keys)] = m  # type: ignore[index]
        return m

    def words(self, name: str) -> frozenset[str]:
        return self.words_.get(name, frozenset())

    def wordset(self, section: str, key: str) -> frozenset[str]:
        """A phrase list used as a set of single normalised words."""
        name = f"@{section}.{key}"
        ws = self.words_.get(name)
        if ws is None:
            ws = frozenset(normalise(p) for p in self.lists.get(f"{section}.{key}", []))
            self.words_[name] = ws
        return ws


def _load_dir(lex: Lexicon, d: Path) -> None:
    for f in sorted(d.glob("*.toml")):
        try:
            data = tomllib.loads(f.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f, f"not a valid lexicon file: {exc}") from None
        for key, val in data.items():
            if not isinstance(val, list) or not all(isinstance(v, str) for v in val):
                raise InputError(f, "must be a list of strings", where=key)
            lex.lists.setdefault(f"{f.stem}.{key}", []).extend(val)
    for f in sorted(d.glob("*.txt")):
        words = set(lex.words_.get(f.stem, frozenset()))
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip().lower()
            if line:
                words.add(line)
        lex.words_[f.stem] = frozenset(words)


@lru_cache(maxsize=64)
def load_lexicon(language: str, extra_dirs: tuple[str, ...] = ()) -> Lexicon | None:
    """The lexicon for `language` (shipped files plus `extra_dirs`), or None if none exists."""
    lex = Lexicon(language)
    found = False
    for root in (LEXICON_ROOT, *map(Path, extra_dirs)):
        d = root / language
        if d.is_dir():
            found = True
            _load_dir(lex, d)
    return lex if found else None


def available_languages() -> list[str]:
    return sorted(p.name for p in LEXICON_ROOT.iterdir() if p.is_dir())
