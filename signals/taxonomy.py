"""Contact-reason taxonomies kept as data: `signals/taxonomies/<name>.toml`, one per organisation type.

    [taxonomy]
    name = "ministry"
    version = "1"
    organisation_type = "consular service"
    include = ["common"]          # shared reasons (status_inquiry, complaint) from common.toml

    [reasons.visa]
    label = "Visa"
    nl = ["visum", "schengenvisum", "op bezoek komen^0.8"]
    en = [...]; fr = [...]; es = [...]

A cue is a word or a phrase. Phrases match when all their words occur in one sentence, in any
order; words match by their Snowball stem (so inflections meet), inside compounds ("container" in
"gft-container", "vergunning" in "parkeervergunning", at a lower weight) and fuzzily (speech
recognition's misspellings). `^W` after a cue sets its weight (default 1; a phrase of n words
weighs 1 + 0.5(n - 1) times that); `=` before a word matches it exactly, unstemmed ("=ind").
Every reason needs cues in nl, en, fr and es; every taxonomy has `status_inquiry` (the customer
asks how far their case is) and may add `other` only implicitly (the classifier's fallback).
A file that breaks these rules raises `InputError` naming the file and the key.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from meeluister.errors import InputError
from meeluister.io import read_toml
from signals.text import LANGUAGES, fold, stem, words

TAXONOMY_ROOT = Path(__file__).resolve().parent / "taxonomies"
OTHER = "other"
STATUS_INQUIRY = "status_inquiry"
REQUIRED_REASONS = (STATUS_INQUIRY,)


@dataclass(frozen=True)
class Cue:
    reason: str
    text: str  # as written in the file, without the weight
    stems: tuple[str, ...]  # per word: its stem (or the exact word, for `=` words)
    exact: tuple[bool, ...]
    weight: float


@dataclass(frozen=True, eq=False)
class Reason:
    id: str
    label: str
    cues: dict[str, tuple[Cue, ...]]  # language -> cues


@dataclass(frozen=True, eq=False)
class Taxonomy:
    name: str
    version: str
    organisation_type: str
    reasons: tuple[Reason, ...]
    source: str

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def reason_ids(self) -> list[str]:
        return [r.id for r in self.reasons]

    def cues(self, language: str) -> tuple[Cue, ...]:
        return tuple(c for r in self.reasons for c in r.cues.get(language, ()))

    def label(self, reason: str) -> str:
        for r in self.reasons:
            if r.id == reason:
                return r.label
        return "Other" if reason == OTHER else reason


def parse_cue(raw: str, reason: str, language: str, source: str, key: str) -> Cue:
    text, weight = raw.strip(), 1.0
    if "^" in text:
        text, w = text.rsplit("^", 1)
        try:
            weight = float(w)
        except ValueError:
            raise InputError(source, f"bad cue weight {w!r} in {raw!r}", where=key) from None
        if not 0 < weight <= 10:
            raise InputError(source, f"cue weight must be in (0, 10]: {raw!r}", where=key)
    stems: list[str] = []
    exact: list[bool] = []
    for tok in text.split():
        ex = tok.startswith("=")
        for w in words(tok.lstrip("=")):
            stems.append(fold(w) if ex else stem(w, language))
            exact.append(ex)
    if not stems:
        raise InputError(source, f"empty cue {raw!r}", where=key)
    n = len(stems)
    return Cue(reason, text.strip().lstrip("="), tuple(stems), tuple(exact),
               weight * (1.0 + 0.5 * (n - 1)))


def _reasons(data: dict[str, Any], source: str) -> list[Reason]:
    table = data.get("reasons", {})
    if not isinstance(table, dict):
        raise InputError(source, "must be a table of reasons", where="reasons")
    out = []
    for rid, spec in table.items():
        key = f"reasons.{rid}"
        if rid == OTHER:
            raise InputError(source, "'other' is the classifier's fallback, not a reason to define", where=key)
        if not isinstance(spec, dict):
            raise InputError(source, "must be a table", where=key)
        label = spec.get("label", rid)
        if not isinstance(label, str):
            raise InputError(source, "must be a string", where=f"{key}.label")
        unknown = set(spec) - {"label", *LANGUAGES}
        if unknown:
            raise InputError(source, f"unknown key(s) {sorted(unknown)}; expected label, {', '.join(LANGUAGES)}",
                             where=key)
        cues: dict[str, tuple[Cue, ...]] = {}
        for lang in LANGUAGES:
            lst = spec.get(lang)
            if not lst:
                raise InputError(source, f"no cues for language {lang!r} (every reason needs nl, en, fr, es)",
                                 where=f"{key}.{lang}")
            if not isinstance(lst, list) or not all(isinstance(x, str) for x in lst):
                raise InputError(source, "must be a list of strings", where=f"{key}.{lang}")
            cues[lang] = tuple(parse_cue(x, rid, lang, source, f"{key}.{lang}") for x in lst)
        out.append(Reason(rid, label, cues))
    return out


def load_taxonomy_file(path: str | Path) -> Taxonomy:
    path = Path(path)
    data = read_toml(path)
    src = str(path)
    meta = data.get("taxonomy")
    if not isinstance(meta, dict):
        raise InputError(src, "missing [taxonomy] table (name, version, organisation_type)", where="taxonomy")
    for k in ("name", "version"):
        if not isinstance(meta.get(k), str) or not meta[k].strip():
            raise InputError(src, "missing or not a string", where=f"taxonomy.{k}")
    reasons: dict[str, Reason] = {}
    for inc in meta.get("include", []):
        inc_path = path.parent / f"{inc}.toml"
        if not inc_path.exists():
            inc_path = TAXONOMY_ROOT / f"{inc}.toml"
        if not inc_path.exists():
            raise InputError(src, f"included taxonomy {inc!r} not found", where="taxonomy.include")
        for r in _reasons(read_toml(inc_path), str(inc_path)):
            reasons[r.id] = r
    for r in _reasons(data, src):
        reasons[r.id] = r  # the organisation's own definition replaces a shared one
    for req in REQUIRED_REASONS:
        if req not in reasons:
            raise InputError(src, f"every taxonomy needs the reason {req!r}", where="reasons")
    return Taxonomy(meta["name"], meta["version"], str(meta.get("organisation_type", "")),
                    tuple(reasons.values()), src)


def shipped_taxonomies() -> list[str]:
    return sorted(p.stem for p in TAXONOMY_ROOT.glob("*.toml") if p.stem != "common")


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Taxonomy:
    return load_taxonomy_file(path)


def load_taxonomy(name_or_file: str | Path | Taxonomy | None = None) -> Taxonomy:
    """A shipped taxonomy by name (municipality, ministry, commercial), or a TOML file."""
    if isinstance(name_or_file, Taxonomy):
        return name_or_file
    name = str(name_or_file or "municipality")
    p = Path(name)
    if not p.suffix and not p.exists():
        p = TAXONOMY_ROOT / f"{name}.toml"
        if not p.exists() or name == "common":
            raise InputError(name, f"no such taxonomy; shipped: {', '.join(shipped_taxonomies())}")
    if not p.exists():
        raise InputError(p, "no such taxonomy file")
    return _load_cached(str(p.resolve()), p.stat().st_mtime)
