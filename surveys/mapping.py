"""The survey column mapping (data, not code): load and validate it.

Defaults: `surveys/data/mapping.toml` (Dutch, English, French and Spanish header names of
Qualtrics, SurveyMonkey, Typeform, Google Forms, LimeSurvey and home-made exports). A user file
(`--survey-mapping FILE`) has the same layout; its tables replace the defaults' tables key by
key. Errors name the file and the key. Which column a pattern picks: surveys/columns.py.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from meeluister.errors import InputError
from surveys.values import fold

FIELDS = ("response_id", "contact_id", "agent", "submitted_at", "language", "nps")
_SECTIONS = {"columns", "csat", "comment", "items", "options", "labels", "languages"}


@dataclass(frozen=True)
class SurveyMapping:
    columns: Mapping[str, tuple[str, ...]]  # field -> header patterns
    csat_patterns: tuple[str, ...]
    comment_patterns: tuple[str, ...]
    items: Mapping[str, tuple[str, ...]]  # sub-question -> header patterns
    csat_scale: int | None = None  # None: auto
    item_scale: int = 5
    ignore: tuple[str, ...] = ()
    date_order: str | None = None  # None: the reader's
    labels: Mapping[str, int] = field(default_factory=dict)
    source: str = "<defaults>"
    unanswered: frozenset[str] = frozenset()  # folded answers meaning "not answered" (N/A, n.v.t.)
    languages: Mapping[str, str] = field(default_factory=dict)  # folded language name -> ISO 639-1


def _patterns(v: Any, src: str, key: str) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise InputError(src, "expected a list of header patterns (strings)", where=key)
    return tuple(x.strip() for x in v)


def _merge(base: dict[str, Any], over: Mapping[str, Any], src: str) -> dict[str, Any]:
    out = {k: dict(v) for k, v in base.items()}
    for section, table in over.items():
        if section not in _SECTIONS:
            raise InputError(src, f"unknown section (known: {sorted(_SECTIONS)})", where=section)
        if not isinstance(table, dict):
            raise InputError(src, "expected a table", where=section)
        out.setdefault(section, {}).update(table)
    return out


def load_mapping(path: str | Path | None = None) -> SurveyMapping:
    default_text = (resources.files("surveys") / "data" / "mapping.toml").read_text(encoding="utf-8")
    data = tomllib.loads(default_text)
    src = "surveys/data/mapping.toml"
    if path is not None:
        src = str(path)
        try:
            user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InputError(path, f"cannot read mapping: {exc}") from None
        data = _merge(data, user, src)
    cols = data.get("columns", {})
    for k in cols:
        if k not in FIELDS:
            raise InputError(src, f"unknown field (known: {list(FIELDS)})", where=f"columns.{k}")
    csat = data.get("csat", {})
    opts = data.get("options", {})
    for k in csat:
        if k in {"topbox_10", "topbox_5"}:
            raise InputError(src, "the top-box threshold is a warehouse setting, not part of a survey mapping "
                             f"(meeluister settings --db WH --set csat_{k}=N)", where=f"csat.{k}")
        if k not in {"patterns", "scale"}:
            raise InputError(src, "unknown key", where=f"csat.{k}")
    for k in opts:
        if k not in {"item_scale", "ignore", "date_order", "unanswered"}:
            raise InputError(src, "unknown key", where=f"options.{k}")
    scale = csat.get("scale", "auto")
    if scale not in ("auto", 5, 10):
        raise InputError(src, f"must be 5, 10 or \"auto\", not {scale!r}", where="csat.scale")
    order = opts.get("date_order", "auto")
    if order not in ("auto", "dmy", "mdy"):
        raise InputError(src, "must be \"dmy\", \"mdy\" or \"auto\"", where="options.date_order")
    item_scale = opts.get("item_scale", 5)
    if item_scale not in (5, 7, 10):
        raise InputError(src, "must be 5, 7 or 10", where="options.item_scale")
    labels = data.get("labels", {})
    for k, v in labels.items():
        if not isinstance(v, int):
            raise InputError(src, "label value must be an integer", where=f"labels.{k}")
    languages = data.get("languages", {})
    for k, v in languages.items():
        if not (isinstance(v, str) and len(v) == 2 and v.isalpha()):
            raise InputError(src, "expected a two-letter language code (ISO 639-1)", where=f"languages.{k}")
    unanswered = _patterns(opts["unanswered"], src, "options.unanswered") if opts.get("unanswered") else ()
    return SurveyMapping(
        columns={k: _patterns(v, src, f"columns.{k}") for k, v in cols.items()},
        csat_patterns=_patterns(csat.get("patterns", []), src, "csat.patterns"),
        comment_patterns=_patterns(data.get("comment", {}).get("patterns", []), src, "comment.patterns"),
        items={k: _patterns(v, src, f"items.{k}") for k, v in data.get("items", {}).items()},
        csat_scale=None if scale == "auto" else int(scale),
        item_scale=item_scale,
        ignore=_patterns(opts.get("ignore", []), src, "options.ignore") if opts.get("ignore") else (),
        date_order=None if order == "auto" else order,
        labels={k.lower(): v for k, v in labels.items()},
        source=src,
        unanswered=frozenset(fold(u) for u in unanswered),
        languages={fold(k): v.lower() for k, v in languages.items()},
    )
