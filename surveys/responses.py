"""Turn a survey export into validated responses, quarantined values and quarantined rows.

Per row, every field is read on its own: scores are parsed (decimal commas, "10 - Extremely
likely", text labels) and checked against their scale (CSAT 1..5 or 1..10, NPS whole 0..10,
sub-questions 1..item_scale), the time with the column's date order (surveys/dates.py). One bad
value drops only that value: the response keeps its other answers and the value is quarantined
as a `SurveyReject` with `field` set. "N/A", "n.v.t.", "no aplica", "ne sait pas" (the mapping's
`options.unanswered`) are unanswered, not errors. A whole row is rejected (`field` None) when:

| code | why |
|---|---|
| unparseable / out_of_range | neither CSAT nor NPS is usable because the answers given are bad |
| empty | neither CSAT nor NPS answered |
| duplicate | the same response id (or, for exports without ids, the same content) again |

A file as a whole is refused (`SurveyRefused`, an `InputError`) when no column holds CSAT or NPS,
or none links a response (contact id or agent): the message names the file, what is missing and
`--survey-mapping`. Linking to contacts happens in the warehouse, which quarantines what it cannot
link as `unknown_contact`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping

from meeluister.errors import InputError
from meeluister.io import utc_and_local
from surveys.columns import resolve_columns
from surveys.dates import DateOrder, infer_date_order, parse_when, zone
from surveys.grid import read_grid
from surveys.mapping import SurveyMapping, load_mapping
from surveys.readers import RawTable, SurveyReader, detect_reader, reader_named
from surveys.values import fold, is_unanswered, language_code, parse_number

logger = logging.getLogger(__name__)

MAPPING_HINT = "name it in a mapping file and pass it with --survey-mapping FILE (docs/surveys.md)"


_NAMES = {"csat": "CSAT", "nps": "NPS"}


class SurveyRefused(InputError):
    """A file the import cannot use at all: the message names the file, the field and the fix."""


@dataclass(frozen=True)
class SurveyResponse:
    response_id: str
    contact_id: str | None
    agent_ref: str | None
    submitted_utc: datetime | None  # naive UTC
    submitted_local: datetime | None  # naive Europe/Amsterdam
    survey_language: str | None
    csat: float | None
    csat_scale: int | None
    csat_norm: float | None  # (csat - 1) / (scale - 1)
    nps: int | None
    comment: str | None
    items: Mapping[str, float]
    item_scale: int
    source_row: int
    raw: str  # the row as read, JSON (for quarantine later)


@dataclass(frozen=True)
class SurveyReject:
    source_row: int | None
    code: str
    reason: str
    raw: str | None = None
    field: str | None = None  # None: the whole row; else only this value (the response is kept)


@dataclass(frozen=True)
class SurveyImport:
    path: Path
    tool: str
    columns: Mapping[str, str]  # field -> header used (what the mapping resolved to)
    csat_scale: int | None
    csat_scale_guessed: bool
    responses: tuple[SurveyResponse, ...]
    rejects: tuple[SurveyReject, ...]  # rows and values, in file order
    mapping_source: str = "<defaults>"
    n_rows: int = 0  # data rows read (= responses + rejected rows)
    warnings: tuple[str, ...] = field(default_factory=tuple)
    date_order: DateOrder | None = None
    notes: tuple[str, ...] = ()  # what the reader recognised, placeholders replaced

    @property
    def rejected_rows(self) -> tuple[SurveyReject, ...]:
        return tuple(r for r in self.rejects if r.field is None)

    @property
    def rejected_values(self) -> tuple[SurveyReject, ...]:
        return tuple(r for r in self.rejects if r.field is not None)


def _scale_from_header(texts: tuple[str, ...]) -> int | None:
    t = " ".join(texts).lower()
    if re.search(r"\b1\s*(?:-|–|tot|to|t/m|a|à|al)\s*10\b|rapportcijfer|\(1-10\)", t):
        return 10
    if re.search(r"\b1\s*(?:-|–|tot|to|t/m|a|à|al)\s*5\b", t):
        return 5
    return None


def _cell(row: tuple[Any, ...], idx: int | None) -> Any:
    if idx is None or idx >= len(row):
        return None
    v = row[idx]
    return v.strip() if isinstance(v, str) else v


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)  # an id typed into Excel comes back as 12345.0
    s = str(v).strip()
    return s or None


def read_survey(path: str | Path, mapping: SurveyMapping | None = None,
                reader: str | SurveyReader | None = None) -> SurveyImport:
    """Read one export. `reader`: a name (`--survey-format`), an instance, or None/"auto" to
    detect it. Raises `InputError` (`SurveyRefused`) only when the file as a whole is unusable."""
    path = Path(path)
    mapping = mapping or load_mapping()
    grid = read_grid(path)
    if isinstance(reader, str) and reader != "auto":
        rdr: SurveyReader = reader_named(reader, path)
    elif isinstance(reader, SurveyReader):
        rdr = reader
    else:
        rdr = detect_reader(grid)
    return parse_table(rdr.read(grid), mapping)


def _headers(table: RawTable) -> str:
    shown = [h for h in table.labels if h][:10]
    more = len([h for h in table.labels if h]) - len(shown)
    return ", ".join(repr(h[:60]) for h in shown) + (f" and {more} more" if more > 0 else "")


def _date_setup(table: RawTable, idx: int | None, mapping: SurveyMapping, warnings: list[str]
                ) -> tuple[DateOrder | None, str | None]:
    if idx is None:
        return None, None
    vals = [_cell(r, idx) for _, r in table.rows]
    vals = [v for v in vals if not (isinstance(v, str) and (v in table.placeholder_dates
                                                           or is_unanswered(v, mapping.unanswered)))]
    order = infer_date_order(vals, mapping.date_order, table.date_order)
    w = order.warning(table.path, table.labels[idx])
    if w:
        warnings.append(w)
    tz = table.timezones.get(idx)
    if tz is None and any("utc" in fold(n).split("(")[-1] for n in table.names[idx] if n):
        tz = "UTC"
    try:
        zone(tz)
    except KeyError:
        warnings.append(f"{table.path}: unknown time zone {tz!r} for {table.labels[idx]!r}; times read as local")
        tz = None
    return order, tz


def parse_table(table: RawTable, mapping: SurveyMapping) -> SurveyImport:
    path = table.path
    res = resolve_columns(table.names, mapping, table.rows, source=path)
    cols = res.columns
    if "csat" not in cols and "nps" not in cols:
        raise SurveyRefused(path, f"no CSAT or NPS column found among the headers ({_headers(table)}); "
                            f"if one of them is the score, {MAPPING_HINT}: [columns] nps = [\"=<header>\"] "
                            f"or [csat] patterns = [\"=<header>\"]", where="nps/csat")
    if "contact_id" not in cols and "agent" not in cols:
        raise SurveyRefused(path, f"no contact id and no agent column, so no response can be linked "
                            f"(headers: {_headers(table)}); if one of them holds it, {MAPPING_HINT}: "
                            f"[columns] contact_id = [\"=<header>\"] or agent = [\"=<header>\"]",
                            where="contact_id/agent")
    warnings = list(res.warnings)
    notes = list(table.notes)
    order, tz = _date_setup(table, cols.get("submitted_at"), mapping, warnings)
    scale, guessed = mapping.csat_scale, False
    na = mapping.unanswered
    if scale is None and "csat" in cols:
        scale = _scale_from_header(table.names[cols["csat"]])
    if scale is None and "csat" in cols:
        vals = []
        for _, row in table.rows:
            try:
                x = parse_number(_cell(row, cols["csat"]), mapping.labels)
            except ValueError:
                continue
            if x is not None:
                vals.append(x)
        scale, guessed = (10 if vals and max(vals) > 5 else 5), True
        warnings.append(f"{path}: CSAT scale not in the header; guessed 1-{scale} from the data")
    labels = {f: table.labels[i] if i < len(table.labels) else "" for f, i in cols.items()}
    responses: list[SurveyResponse] = []
    rejects: list[SurveyReject] = []
    seen: dict[str, int] = {}
    placeholders = 0
    for rowno, row in table.rows:
        raw = json.dumps({f: _text(_cell(row, i)) for f, i in cols.items()}, ensure_ascii=False, default=str)
        problems: list[tuple[str, str, str]] = []  # (field, code, cause)

        def value(fld: str) -> Any:
            v = _cell(row, cols.get(fld))
            return None if v == "" or is_unanswered(v, na) else v

        def score(fld: str, lo: float, hi: float, whole: bool = False, use_labels: bool = True) -> float | None:
            v = value(fld)
            name = _NAMES.get(fld, fld[5:])
            try:
                x = parse_number(v, mapping.labels if use_labels else None)
            except ValueError as exc:
                problems.append((fld, "unparseable", f"{name}: {exc} ({labels[fld]!r})"))
                return None
            if x is None:
                return None
            if not lo <= x <= hi or (whole and not float(x).is_integer()):
                what = "a whole number " if whole else ""
                problems.append((fld, "out_of_range", f"{name} {x:g} is not {what}{lo:g}..{hi:g} ({labels[fld]!r})"))
                return None
            return x

        csat = score("csat", 1, scale or 10) if "csat" in cols else None
        nps_f = score("nps", 0, 10, whole=True, use_labels=False) if "nps" in cols else None
        items = {}
        for f in cols:
            if f.startswith("item:"):
                x = score(f, 1, mapping.item_scale)
                if x is not None:
                    items[f[5:]] = x
        utc = local = None
        when = value("submitted_at")
        if isinstance(when, str) and when in table.placeholder_dates:
            placeholders += 1
        elif when is not None and order is not None:
            try:
                dt = parse_when(when, order.order, tz)
                if dt is not None:
                    utc, local = utc_and_local(dt)
            except ValueError as exc:
                problems.append(("submitted_at", "unparseable", f"time: {exc} ({labels['submitted_at']!r})"))
        lang = None
        lv = value("language")
        if lv is not None:
            lang = language_code(str(lv), mapping.languages)
            if lang is None:
                problems.append(("language", "unparseable", f"language: not a language: {str(lv)[:40]!r}"))
        if csat is None and nps_f is None:
            bad = [p for p in problems if p[0] in ("csat", "nps")]
            if bad:
                cause = "; ".join(c for _, _, c in problems)
                rejects.append(SurveyReject(rowno, bad[0][1], f"{path}: row {rowno}: {cause}", raw))
            else:
                rejects.append(SurveyReject(rowno, "empty", f"{path}: row {rowno}: neither CSAT nor NPS answered", raw))
            continue
        contact = _text(value("contact_id"))
        agent = _text(value("agent"))
        comment = _text(value("comment"))
        rid = _text(_cell(row, cols.get("response_id")))
        if rid is None:
            # No id in the export: the content is the identity, so a re-export is idempotent.
            basis = json.dumps([contact, agent, utc.isoformat() if utc else None, csat, nps_f, comment,
                                sorted(items.items())], ensure_ascii=False)
            rid = "h-" + hashlib.sha256(basis.encode()).hexdigest()[:20]
        if rid in seen:
            rejects.append(SurveyReject(rowno, "duplicate", f"{path}: row {rowno}: response {rid!r} already in "
                                        f"row {seen[rid]}", raw))
            continue
        seen[rid] = rowno
        for f, code, cause in problems:
            rejects.append(SurveyReject(rowno, code, f"{path}: row {rowno}: {cause} (value dropped; "
                                        "the response is kept)", raw, field=f))
        responses.append(SurveyResponse(
            response_id=rid, contact_id=contact, agent_ref=agent,
            submitted_utc=utc, submitted_local=local, survey_language=lang,
            csat=csat, csat_scale=scale if csat is not None else None,
            csat_norm=(csat - 1) / (scale - 1) if csat is not None and scale else None,
            nps=int(nps_f) if nps_f is not None else None,
            comment=comment, items=items, item_scale=mapping.item_scale,
            source_row=rowno, raw=raw,
        ))
    if placeholders:
        notes.append(f"{path}: {placeholders} responses carry LimeSurvey's 1980-01-01 placeholder date (an "
                     "anonymised survey): stored without a time, so they link by contact id only")
    for w in warnings:
        logger.warning("%s", w)
    for n in notes:
        logger.info("%s", n)
    return SurveyImport(
        path=path, tool=table.tool, columns=labels,
        csat_scale=scale, csat_scale_guessed=guessed,
        responses=tuple(responses), rejects=tuple(rejects),
        mapping_source=mapping.source, n_rows=len(table.rows), warnings=tuple(warnings),
        date_order=order, notes=tuple(notes),
    )
