"""The retention policy: how long each organisation keeps what (data, not code).

    # retention.toml
    [default]                       # every organisation without a section of its own
    older_than = "90d"              # Nd days, Nw weeks, Nm calendar months, Ny years
    what = ["audio", "transcripts", "quotes", "comments"]

    [organisation."Gemeente Maastricht"]
    older_than = "30d"              # keys left out are the [default] section's
    what = ["audio"]

`RetentionRule` owns the defaults (90 days, everything); `load_policy(path)` validates a file and
raises `InputError` naming the file and the key. What each category removes (docs/warehouse.md,
Retention):

| what | removed | kept |
|---|---|---|
| audio | the recording files the warehouse points to (`t_audio`), and the path | the timings |
| transcripts | turn text | turns' speaker and times (talk ratios, silence, overtalk) |
| quotes | evidence quotes and terms, result reasons, contact-reason evidence; the operational store's dispute comments, decisions and review reasons, coaching-session notes | outcomes, scores, counts, evidence turn and times |
| comments | survey comments | survey scores (CSAT, NPS, items) |
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from meeluister.errors import InputError
from meeluister.io import read_toml

WHAT = ("audio", "transcripts", "quotes", "comments")
_DURATION = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)


def parse_duration(text: str) -> tuple[int, str]:
    """"90d" -> (90, "d"); ValueError naming the value otherwise."""
    m = _DURATION.match(str(text))
    if not m or int(m.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a duration (a positive number and d, w, m or y: 90d, 12w, 6m, 1y)")
    return int(m.group(1)), m.group(2).lower()


def cutoff_day(older_than: str, as_of: date) -> date:
    """The first day that is kept: contacts on a local day before it are past the limit."""
    n, unit = parse_duration(older_than)
    if unit == "d":
        return date.fromordinal(as_of.toordinal() - n)
    if unit == "w":
        return date.fromordinal(as_of.toordinal() - 7 * n)
    months = n if unit == "m" else 12 * n
    y, m = divmod(as_of.year * 12 + as_of.month - 1 - months, 12)
    import calendar

    return date(y, m + 1, min(as_of.day, calendar.monthrange(y, m + 1)[1]))


def parse_what(values: Any) -> tuple[str, ...]:
    """A list (or comma-separated text) of categories, validated, in `WHAT` order."""
    items = [v.strip() for v in values.split(",")] if isinstance(values, str) else list(values)
    if not items or not all(isinstance(v, str) and v for v in items):
        raise ValueError(f"{values!r}: expected some of {', '.join(WHAT)}")
    bad = [v for v in items if v not in WHAT]
    if bad:
        raise ValueError(f"{', '.join(map(repr, bad))} not among {', '.join(WHAT)}")
    return tuple(w for w in WHAT if w in items)


@dataclass(frozen=True)
class RetentionRule:
    """How long one organisation keeps what (the one owner of the defaults)."""

    older_than: str = "90d"
    what: tuple[str, ...] = WHAT

    def __post_init__(self) -> None:
        parse_duration(self.older_than)
        parse_what(self.what)

    def cutoff(self, as_of: date) -> date:
        return cutoff_day(self.older_than, as_of)


@dataclass(frozen=True)
class RetentionPolicy:
    default: RetentionRule = field(default_factory=RetentionRule)
    organisations: Mapping[str, RetentionRule] = field(default_factory=dict)
    source: str = "defaults"  # the file it came from, for the purge log

    def rule_for(self, organisation: str | None) -> RetentionRule:
        return self.organisations.get(organisation or "", self.default)

    def overridden(self, older_than: str | None = None, what: Any = None) -> RetentionPolicy:
        """The policy with `older_than` / `what` (the command line's) set for every organisation."""
        if older_than is None and what is None:
            return self
        kw: dict[str, Any] = {}
        if older_than is not None:
            kw["older_than"] = older_than
        if what is not None:
            kw["what"] = parse_what(what)
        return RetentionPolicy(replace(self.default, **kw),
                               {k: replace(r, **kw) for k, r in self.organisations.items()}, self.source)


def _rule(path: Path, where: str, raw: Any, base: RetentionRule) -> RetentionRule:
    if not isinstance(raw, Mapping):
        raise InputError(path, "expected a table of older_than / what", where=where)
    unknown = set(raw) - {"older_than", "what"}
    if unknown:
        raise InputError(path, f"unknown key(s) {', '.join(sorted(unknown))} (older_than, what)", where=where)
    older, what = raw.get("older_than", base.older_than), raw.get("what", base.what)
    try:
        parse_duration(older)
    except ValueError as exc:
        raise InputError(path, str(exc), where=f"{where}.older_than") from None
    try:
        what = parse_what(what)
    except ValueError as exc:
        raise InputError(path, str(exc), where=f"{where}.what") from None
    return RetentionRule(str(older), what)


def load_policy(path: str | Path | None) -> RetentionPolicy:
    """The policy in `path` (None: the defaults); InputError naming file and key when invalid."""
    if path is None:
        return RetentionPolicy()
    path = Path(path)
    doc = read_toml(path)
    unknown = set(doc) - {"default", "organisation"}
    if unknown:
        raise InputError(path, f"unknown section(s) {', '.join(sorted(unknown))} (default, organisation)")
    default = _rule(path, "default", doc.get("default", {}), RetentionRule())
    orgs_raw = doc.get("organisation", {})
    if not isinstance(orgs_raw, Mapping):
        raise InputError(path, "expected [organisation.\"NAME\"] tables", where="organisation")
    orgs = {str(k): _rule(path, f"organisation.{k}", v, default) for k, v in orgs_raw.items()}
    return RetentionPolicy(default, orgs, str(path))
