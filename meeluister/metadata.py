"""Call metadata CSV, read by `transcribe --metadata` and `ingest --metadata`.

One row per contact. Columns (header names are case-insensitive; only `contact_id` or `file` is
required, the rest may be missing or empty):

| column | meaning |
|---|---|
| contact_id | the contact's id; defaults to the recording's file stem |
| file | the recording's file name (or path), to match a row to a recording |
| agent_id, agent_name, team | who handled it (agent_name as in the roster) |
| channel | phone, chat, email, whatsapp, social, webform |
| language | nl, en, fr, es (or auto) |
| started_at | ISO 8601, with offset (a naive time is taken as Europe/Amsterdam) |
| organisation, queue | where the contact came in |
| wait_s | answer time in seconds (time in queue before an agent answered) |
| handle_s | handle time in seconds |
| abandoned | true/false: the customer hung up before an agent answered |

Delimiter (`,` or `;`) and encoding (UTF-8 with or without BOM, else cp1252) are detected
(`meeluister.io`).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from meeluister.errors import InputError
from meeluister.io import csv_dict_reader, normalise_timestamp, read_export

_TRUE = {"1", "true", "yes", "ja", "y", "j", "waar"}
_FALSE = {"0", "false", "no", "nee", "n", "onwaar", ""}


@dataclass(frozen=True)
class CallMetadata:
    contact_id: str | None = None
    file: str | None = None
    agent_id: str | None = None
    agent_name: str | None = None
    team: str | None = None
    channel: str | None = None
    language: str | None = None
    started_at: str | None = None
    organisation: str | None = None
    queue: str | None = None
    wait_s: float | None = None
    handle_s: float | None = None
    abandoned: bool | None = None


_FIELDS = {f.name for f in fields(CallMetadata)}


def _float(v: str, where: str, path: Path) -> float | None:
    v = v.strip()
    if not v:
        return None
    try:
        return float(v.replace(",", "."))
    except ValueError:
        raise InputError(path, f"not a number: {v!r}", where=where) from None


def read_metadata(path: str | Path) -> list[CallMetadata]:
    """Read a metadata CSV; raise `InputError` naming the file, row and column on bad values."""
    path = Path(path)
    reader = csv_dict_reader(read_export(path))
    if reader.fieldnames is None:
        raise InputError(path, "empty file, expected a header row")
    header = {h: (h or "").strip().lower() for h in reader.fieldnames}
    if not {"contact_id", "file"} & set(header.values()):
        raise InputError(path, "needs a 'contact_id' or 'file' column", where="header")
    rows: list[CallMetadata] = []
    for lineno, raw in enumerate(reader, start=2):
        rec = {header[k]: (v or "").strip() for k, v in raw.items() if k is not None}
        kw: dict[str, object] = {}
        for name in _FIELDS:
            v = rec.get(name, "")
            where = f"row {lineno}, {name}"
            if name in ("wait_s", "handle_s"):
                kw[name] = _float(v, where, path)
            elif name == "abandoned":
                low = v.lower()
                if low not in _TRUE | _FALSE:
                    raise InputError(path, f"not true/false: {v!r}", where=where)
                kw[name] = (low in _TRUE) if low else None
            elif name == "started_at":
                kw[name] = normalise_timestamp(v, source=path, where=where) if v else None
            elif name == "language":
                kw[name] = v.lower() or None
            else:
                kw[name] = v or None
        if not kw["contact_id"] and not kw["file"]:
            raise InputError(path, "neither contact_id nor file given", where=f"row {lineno}")
        rows.append(CallMetadata(**kw))  # type: ignore[arg-type]
    return rows


def index_by_file(rows: list[CallMetadata]) -> dict[str, CallMetadata]:
    """Rows keyed by file name and by file stem, for matching recordings."""
    out: dict[str, CallMetadata] = {}
    for r in rows:
        if r.file:
            name = Path(r.file).name
            out[name] = r
            out[Path(name).stem] = r
        if r.contact_id:
            out.setdefault(r.contact_id, r)
    return out
