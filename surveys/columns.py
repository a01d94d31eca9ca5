"""Which column of an export holds which field: the mapping's header patterns, checked against the values.

A pattern matches a header text (accents, case, spacing and surrounding punctuation ignored) at
one of three levels:

| level | when | example |
|---|---|---|
| 3 exact | the whole header is the pattern (a pattern written `=name` matches only so) | `=Timestamp`, `=id` |
| 2 word | the pattern occurs as whole words | `recommend` in "How likely ... recommend us ..." |
| 1 stem | the pattern starts a word (or, from 6 letters, sits inside one: Dutch compounds) | `recomiend` in "recomiendes", `tevreden` in "klanttevredenheid" |

Exact matches are taken first, for every field (the mapping's pattern order breaks ties). Then,
field by field (columns, items, comment, csat), the best remaining candidate: values that fit the
field well first (80 % of the answers; a 0-10 question answered 10 times or more uses 3 values or
more, so a Yes/No coded 1/2 is not the NPS), then the highest level. A candidate below level 3 is passed over when its values do not fit:
fewer than half of its answers are whole numbers 0..10 (NPS), 1..10 or a label (CSAT), 1..item_scale
(items), dates (submitted_at) or languages (language: 'nl', 'EN-GB', 'Nederlands', not 'py' or
'c/'); a comment must not be numbers, and free text (mostly distinct answers) goes before the few
repeated answers of a multiple-choice question (the share of distinct answers decides between
two comment candidates that match equally well). When two candidates are equally good the first is
used and a warning names both.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from surveys.dates import parse_when
from surveys.mapping import FIELDS, SurveyMapping
from surveys.values import fold, is_unanswered, language_code, parse_number

logger = logging.getLogger(__name__)

KINDS = {"response_id": "id", "contact_id": "text", "agent": "text", "submitted_at": "date",
         "language": "language", "nps": "nps", "csat": "csat", "comment": "comment"}
LABELS = {"response_id": "response id", "contact_id": "contact id", "agent": "agent", "submitted_at": "submission time",
          "language": "language", "nps": "NPS question", "csat": "CSAT question", "comment": "comment"}
SAMPLE = 500  # rows whose values are checked


@dataclass(frozen=True)
class Resolution:
    columns: dict[str, int]  # field (or item:<name>, csat, comment) -> column index
    warnings: tuple[str, ...] = ()
    passed_over: tuple[str, ...] = field(default_factory=tuple)  # candidates whose values did not fit


@lru_cache(maxsize=4096)
def _rx(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    p = re.escape(pattern)
    stem = rf"(?<!\w){p}" if len(pattern) < 6 else p
    return re.compile(rf"(?<!\w){p}(?!\w)"), re.compile(stem)


def match_level(pattern: str, texts: Sequence[str]) -> int:
    """3 exact, 2 whole words, 1 word stem, 0 no match (texts already folded)."""
    exact_only = pattern.startswith("=")
    p = fold(pattern[1:] if exact_only else pattern)
    if not p:
        return 0
    if p in texts:
        return 3
    if exact_only:
        return 0
    word, stem = _rx(p)
    if any(word.search(t) for t in texts):
        return 2
    return 1 if any(stem.search(t) for t in texts) else 0


def _ignored(first: str, patterns: Sequence[str]) -> bool:
    low = first.lower()
    for p in patterns:
        if p.startswith("_") and p.lower() in low:
            return True
        if not p.startswith("_") and match_level(p, (fold(first),)) >= 1:
            return True
    return False


def _fit(kind: str, values: list[Any], mapping: SurveyMapping) -> float | None:
    """The share of a column's answers that fit the field (None: nothing answered)."""
    vals = [v for v in values if v not in (None, "") and not is_unanswered(v, mapping.unanswered)]
    if not vals or kind in ("id", "text"):
        if kind == "id" and vals:
            return len(set(map(str, vals))) / len(vals)
        return None
    n = len(vals)

    def share(ok: Any) -> float:
        return sum(1 for v in vals if ok(v)) / n

    def num(v: Any, lo: float, hi: float, whole: bool = False) -> bool:
        try:
            x = parse_number(v, mapping.labels)
        except ValueError:
            return False
        return x is not None and lo <= x <= hi and (not whole or float(x).is_integer())

    if kind == "nps":
        return share(lambda v: num(v, 0, 10, True))
    if kind == "csat":
        return share(lambda v: num(v, 1, 10))
    if kind == "item":
        return share(lambda v: num(v, 1, mapping.item_scale))
    if kind == "date":
        def is_date(v: Any) -> bool:
            for order in ("dmy", "mdy"):
                try:
                    return parse_when(v, order) is not None
                except (ValueError, KeyError):
                    continue
            return False
        return share(is_date)
    if kind == "language":
        return share(lambda v: language_code(v, mapping.languages) is not None)
    if kind == "comment":
        texts = [str(v).strip() for v in vals]
        if share(lambda v: num(v, -1e18, 1e18)) > 0.5:
            return 0.0
        distinct = len(set(texts))
        if n >= 6 and distinct <= n / 3:
            return 0.6  # a few answers repeated: rather a multiple-choice question than free text
        return 1.0
    return None


def _label(names: tuple[str, ...]) -> str:
    return next((n for n in names if n), "")


def resolve_columns(names: tuple[tuple[str, ...], ...], mapping: SurveyMapping,
                    rows: Sequence[tuple[int, tuple[Any, ...]]] = (), *, source: object = "") -> Resolution:
    """Field -> column index (module doc), with warnings for columns that compete."""
    folded = [tuple(fold(n) for n in ns if n) for ns in names]
    ignored = {i for i, ns in enumerate(names) if ns and ns[0] and _ignored(ns[0], mapping.ignore)}
    wanted: list[tuple[str, str, tuple[str, ...]]] = [(f, KINDS[f], mapping.columns.get(f, ())) for f in FIELDS]
    wanted += [(f"item:{k}", "item", v) for k, v in mapping.items.items()]
    wanted += [("comment", "comment", mapping.comment_patterns), ("csat", "csat", mapping.csat_patterns)]
    sample = rows[:SAMPLE]
    fits: dict[tuple[str, int], float | None] = {}

    def fit(kind: str, i: int) -> float | None:
        if (kind, i) not in fits:
            fits[(kind, i)] = _fit(kind, [r[i] if i < len(r) else None for _, r in sample], mapping)
        return fits[(kind, i)]

    def spread(kind: str, i: int) -> bool:
        """A 0-10 or 1-10 question answered by 10 or more uses 3 or more values (a Yes/No coded
        1/2 does not)."""
        if kind not in ("nps", "csat"):
            return True
        vals = {str(r[i]).strip() for _, r in sample if i < len(r) and str(r[i]).strip()}
        answered = sum(1 for _, r in sample if i < len(r) and str(r[i]).strip())
        return answered < 10 or len(vals) >= 3

    def variety(kind: str, i: int) -> float:
        """For a comment: the share of distinct answers, in tenths (free text varies, the
        options of a multiple-choice question repeat)."""
        if kind != "comment":
            return 0.0
        vals = [str(r[i]).strip() for _, r in sample if i < len(r) and str(r[i]).strip()]
        return round(len(set(vals)) / len(vals), 1) if vals else 0.0

    taken: dict[str, int] = {}
    used: set[int] = set()
    warnings: list[str] = []
    passed: list[str] = []

    def label(fld: str) -> str:
        return LABELS.get(fld, fld.replace("item:", "item "))

    ties: list[tuple[str, int, int]] = []

    def compete(fld: str, a: int, b: int) -> None:
        ties.append((fld, a, b))

    def warn(fld: str, a: int, b: int) -> None:
        an, bn = _label(names[a]), _label(names[b])
        key = fld if not fld.startswith("item:") else f"items.{fld[5:]}"
        section = "[columns] " if fld in KINDS and fld not in ("csat", "comment") else ""
        warnings.append(f"{source}: two columns could be the {label(fld)}: {an!r} (used) and {bn!r} (not used); "
                        f"if the other is meant, name it in a --survey-mapping file ({section}{key} = [\"={bn}\"])")

    # 1. exact matches, in the mapping's pattern order
    for fld, _kind, pats in wanted:
        for p in pats:
            hits = [i for i, t in enumerate(folded) if i not in used and match_level(p, t) == 3]
            if hits:
                taken[fld] = hits[0]
                used.add(hits[0])
                if len(hits) > 1:
                    compete(fld, hits[0], hits[1])
                break
    # 2. the best remaining candidate per field
    for fld, kind, pats in wanted:
        if fld in taken or not pats:
            continue
        cands = []
        for i, t in enumerate(folded):
            if i in used or i in ignored:
                continue
            level = max((match_level(p, t) for p in pats), default=0)
            if not level:
                continue
            f = fit(kind, i)
            if f is not None and f < 0.5:
                passed.append(f"{source}: column {_label(names[i])!r} not used as {label(fld)}: "
                              f"{f:.0%} of its answers fit")
                continue
            cands.append((0 if f is None or (f >= 0.8 and spread(kind, i)) else 1, -level, -variety(kind, i), i))
        if not cands:
            continue
        cands.sort()
        best = cands[0]
        taken[fld] = best[-1]
        used.add(best[-1])
        if len(cands) > 1 and cands[1][:-1] == best[:-1]:
            compete(fld, best[-1], cands[1][-1])
    for fld, a, b in ties:
        if b not in used:  # a competitor another field took is no competitor
            warn(fld, a, b)
    for line in passed:
        logger.info("%s", line)
    return Resolution(taken, tuple(warnings), tuple(passed))
