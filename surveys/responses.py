"""Turn a survey export into validated responses and quarantined rows.

Per row: scores are parsed (decimal commas, "10 - Extremely likely", text labels), checked against
their scale (CSAT 1..5 or 1..10, NPS whole 0..10, sub-questions 1..item_scale), duplicates are
caught (same response id, or same content when the export has no id), and every row that cannot
go in becomes a `SurveyReject` with a reason code:

unparseable | out_of_range | duplicate | empty (neither CSAT nor NPS answered)

Linking to contacts happens in the warehouse (it needs the contacts); rows it cannot link are
quarantined there as `unknown_contact`.
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
from meeluister.io import parse_iso, utc_and_local
from surveys.mapping import SurveyMapping, load_mapping, resolve_columns
from surveys.readers import READERS, RawTable, SurveyReader, detect_reader

logger = logging.getLogger(__name__)

_NUM = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)(?:\s*(?:[-–:/(]|$|\s[^\d]))")
_FORMATS = {
    "dmy": ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
            "%d.%m.%Y %H:%M", "%d-%m-%Y", "%d/%m/%Y"),
    "mdy": ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
            "%m/%d/%Y"),
}


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


@dataclass(frozen=True)
class SurveyImport:
    path: Path
    tool: str
    columns: Mapping[str, str]  # field -> header used (what the mapping resolved to)
    csat_scale: int | None
    csat_scale_guessed: bool
    responses: tuple[SurveyResponse, ...]
    rejects: tuple[SurveyReject, ...]
    mapping_source: str = "<defaults>"
    n_rows: int = 0
    warnings: tuple[str, ...] = field(default_factory=tuple)


def parse_number(v: Any, labels: Mapping[str, int] | None = None) -> float | None:
    """'8', '7,5', 8.0, '10 - Extremely likely', 'Zeer tevreden' -> a float; '' -> None.

    Raises ValueError for text that is not a number."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError(f"not a number: {v!r}")
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip()
    if not s:
        return None
    if labels and s.lower() in labels:
        return float(labels[s.lower()])
    m = _NUM.match(s)
    if not m:
        raise ValueError(f"not a number: {s!r}")
    return float(m.group(1).replace(",", "."))


def parse_time(v: Any, order: str) -> tuple[datetime | None, datetime | None]:
    """A timestamp as exported -> (naive UTC, naive local); naive input is Europe/Amsterdam."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None, None
    if isinstance(v, datetime):
        dt = v
    else:
        s = str(v).strip()
        dt = None
        try:
            dt = parse_iso(s)
        except ValueError:
            for fmt in _FORMATS[order]:
                try:
                    dt = datetime.strptime(s, fmt)
                    break
                except ValueError:
                    continue
        if dt is None:
            raise ValueError(f"not a date/time ({order}): {s!r}")
    return utc_and_local(dt)


def _scale_from_header(texts: tuple[str, ...]) -> int | None:
    t = " ".join(texts).lower()
    if re.search(r"1\s*(?:-|–|tot|to|t/m|a|à)\s*10\b|rapportcijfer|\(1-10\)", t):
        return 10
    if re.search(r"1\s*(?:-|–|tot|to|t/m|a|à)\s*5\b", t):
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


def read_survey(
    path: str | Path, mapping: SurveyMapping | None = None, reader: str | SurveyReader | None = None
) -> SurveyImport:
    """Read one export. Raises `InputError` only when the file as a whole is unusable."""
    path = Path(path)
    mapping = mapping or load_mapping()
    if isinstance(reader, str):
        if reader not in READERS:
            raise InputError(path, f"unknown survey reader {reader!r} (known: {sorted(READERS)})")
        rdr: SurveyReader = READERS[reader]()
    else:
        rdr = reader or detect_reader(path)
    table = rdr.read(path)
    return parse_table(table, mapping)


def parse_table(table: RawTable, mapping: SurveyMapping) -> SurveyImport:
    path = table.path
    cols = resolve_columns(table.names, mapping)
    if "csat" not in cols and "nps" not in cols:
        raise InputError(path, f"no CSAT or NPS column found (headers: {table.labels[:12]}); "
                         f"map them in a survey mapping file ({mapping.source})", where="header")
    if "contact_id" not in cols and "agent" not in cols:
        raise InputError(path, "no contact id and no agent column: responses cannot be linked", where="header")
    order = mapping.date_order or table.date_order
    warnings: list[str] = []
    scale, guessed = mapping.csat_scale, False
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
        logger.warning("%s", warnings[-1])
    responses: list[SurveyResponse] = []
    rejects: list[SurveyReject] = []
    seen: dict[str, int] = {}
    labels = [table.labels[i] if i < len(table.labels) else "" for i in range(max(cols.values(), default=0) + 1)]
    for rowno, row in table.rows:
        raw = json.dumps({f: _text(_cell(row, i)) for f, i in cols.items()}, ensure_ascii=False, default=str)

        def reject(code: str, cause: str) -> None:
            rejects.append(SurveyReject(rowno, code, f"{path}: row {rowno}: {cause}", raw))

        try:
            csat = parse_number(_cell(row, cols.get("csat")), mapping.labels) if "csat" in cols else None
            nps_f = parse_number(_cell(row, cols.get("nps"))) if "nps" in cols else None
            items = {}
            for f, i in cols.items():
                if f.startswith("item:"):
                    x = parse_number(_cell(row, i), mapping.labels)
                    if x is not None:
                        items[f[5:]] = x
            utc, local = parse_time(_cell(row, cols.get("submitted_at")), order)
        except ValueError as exc:
            reject("unparseable", str(exc))
            continue
        if csat is None and nps_f is None:
            reject("empty", "neither CSAT nor NPS answered")
            continue
        if csat is not None and not (1 <= csat <= (scale or 10)):
            reject("out_of_range", f"CSAT {csat:g} outside 1..{scale} ({labels[cols['csat']]!r})")
            continue
        if nps_f is not None and not (0 <= nps_f <= 10 and float(nps_f).is_integer()):
            reject("out_of_range", f"NPS {nps_f:g} is not a whole number 0..10")
            continue
        bad_item = next((k for k, x in items.items() if not 1 <= x <= mapping.item_scale), None)
        if bad_item:
            reject("out_of_range", f"{bad_item} {items[bad_item]:g} outside 1..{mapping.item_scale}")
            continue
        contact = _text(_cell(row, cols.get("contact_id")))
        agent = _text(_cell(row, cols.get("agent")))
        comment = _text(_cell(row, cols.get("comment")))
        rid = _text(_cell(row, cols.get("response_id")))
        if rid is None:
            # No id in the export: the content is the identity, so a re-export is idempotent.
            basis = json.dumps([contact, agent, utc.isoformat() if utc else None, csat, nps_f, comment,
                                sorted(items.items())], ensure_ascii=False)
            rid = "h-" + hashlib.sha256(basis.encode()).hexdigest()[:20]
        if rid in seen:
            reject("duplicate", f"response {rid!r} already in row {seen[rid]}")
            continue
        seen[rid] = rowno
        responses.append(SurveyResponse(
            response_id=rid, contact_id=contact, agent_ref=agent,
            submitted_utc=utc, submitted_local=local,
            survey_language=(_text(_cell(row, cols.get("language"))) or "").lower()[:2] or None,
            csat=csat, csat_scale=scale if csat is not None else None,
            csat_norm=(csat - 1) / (scale - 1) if csat is not None and scale else None,
            nps=int(nps_f) if nps_f is not None else None,
            comment=comment, items=items, item_scale=mapping.item_scale,
            source_row=rowno, raw=raw,
        ))
    return SurveyImport(
        path=path, tool=table.tool,
        columns={f: labels[i] for f, i in cols.items()},
        csat_scale=scale, csat_scale_guessed=guessed,
        responses=tuple(responses), rejects=tuple(rejects),
        mapping_source=mapping.source, n_rows=len(table.rows), warnings=tuple(warnings),
    )
