"""Generic input helpers every stage may use: text files as spreadsheets save them, CSV delimiters,
the contact centre's time zone, file hashes and the audio sample rate.

| helper | what it does |
|---|---|
| `read_text_any(path)` | decodes UTF-8 (with or without BOM), else cp1252: what Excel and survey tools export |
| `read_export(path)` | the same, or an `InputError` naming the file that cannot be read or is empty |
| `sniff_delimiter(text)` | `;` or `,`, from the header line |
| `read_csv_rows(path)` | both of the above: the file's rows as lists of strings |
| `LOCAL_TZ`, `LOCAL_TZ_NAME` | Europe/Amsterdam: a naive time in any input is local time |
| `as_local(dt)` | a naive datetime taken as local; an aware one kept |
| `utc_and_local(dt)` | (naive UTC, naive local) of one instant: how the warehouse stores times |
| `to_utc_local(iso)` | the same from an ISO 8601 string (None for an empty one) |
| `normalise_timestamp(text)` | ISO 8601 with offset, or an `InputError` naming the file and place |
| `file_sha256(path)` | a file's sha256, read in blocks |
| `write_atomic(path, data)` | a temp file beside it, flushed, then renamed: never half a file |
| `remove_stale_temps(folder)` | the temp files of `write_atomic` whose process has died |
| `SAMPLE_RATE` | 16 kHz: the rate every stage decodes audio at (Whisper's, the VAD's, tone analysis') |
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import threading
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from meeluister.errors import InputError

LOCAL_TZ_NAME = "Europe/Amsterdam"
LOCAL_TZ = ZoneInfo(LOCAL_TZ_NAME)
SAMPLE_RATE = 16_000  # Hz


# --- text and CSV -------------------------------------------------------------------------------


def read_toml(path: Path) -> dict:
    """A configuration file (scorecard, coaching options, taxonomy) as a dict; an unreadable or
    malformed file is an InputError naming the file and the cause."""
    import tomllib

    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML: {exc}") from None


def read_text_any(path: Path) -> str:
    """Decode UTF-8 (with or without BOM), else cp1252 — what spreadsheet exports produce."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_export(path: Path) -> str:
    """The text of an export file (`read_text_any`); `InputError` naming the file when it cannot
    be read or holds nothing, so a batch can quarantine it and go on."""
    try:
        text = read_text_any(path)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    if not text.strip():
        raise InputError(path, "empty file, expected a header row")
    return text


def sniff_delimiter(text: str) -> str:
    """`;` where the header line holds more semicolons than commas (a Dutch Excel), else `,`."""
    head = text.splitlines()[0] if text else ""
    return ";" if head.count(";") > head.count(",") else ","


def read_csv_rows(path: Path) -> list[list[str]]:
    """Every row of a CSV export, whatever its encoding and delimiter (errors as `read_export`)."""
    text = read_export(path)
    return list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))


def csv_dict_reader(text: str) -> csv.DictReader:
    """A `csv.DictReader` over decoded text, with the delimiter sniffed."""
    return csv.DictReader(io.StringIO(text), delimiter=sniff_delimiter(text))


# --- time zones ---------------------------------------------------------------------------------


def as_local(dt: datetime) -> datetime:
    """A naive datetime is local time (Europe/Amsterdam); an aware one is kept as it is."""
    return dt.replace(tzinfo=LOCAL_TZ) if dt.tzinfo is None else dt


def utc_and_local(dt: datetime) -> tuple[datetime, datetime]:
    """One instant as (naive UTC, naive local time): a naive input is taken as local."""
    dt = as_local(dt)
    return dt.astimezone(timezone.utc).replace(tzinfo=None), dt.astimezone(LOCAL_TZ).replace(tzinfo=None)


def parse_iso(text: str) -> datetime:
    """ISO 8601, `Z` accepted; raises ValueError on anything else."""
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def to_utc_local(iso: str | None) -> tuple[datetime | None, datetime | None]:
    """ISO 8601 (naive = Europe/Amsterdam) -> (naive UTC, naive local); (None, None) if empty."""
    if not iso:
        return None, None
    return utc_and_local(parse_iso(iso))


def normalise_timestamp(v: str, *, source: Path | str = "<value>", where: str = "") -> str:
    """ISO 8601 with offset; a naive time is local (Europe/Amsterdam)."""
    try:
        dt = parse_iso(v)
    except ValueError:
        raise InputError(source, f"not an ISO 8601 time: {v.strip()!r}", where=where) from None
    return as_local(dt).isoformat()


# --- files --------------------------------------------------------------------------------------


def file_sha256(path: Path, block: int = 1 << 22) -> str:
    """The sha256 of a file's bytes, read in blocks (a recording or a model may be large)."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(block):
            h.update(chunk)
    return h.hexdigest()


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")


def write_atomic(path: str | Path, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write `data` to `path` all or nothing: into a hidden temp file beside it (named after this
    process), flushed to disk, then renamed over `path` in one step. A process killed halfway
    leaves the old file (or none) and a temp file `remove_stale_temps` clears later."""
    path = Path(path)
    tmp = _temp_name(path)
    raw = data.encode(encoding) if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


_TEMP = re.compile(r"^\..+\.(\d+)-\d+\.tmp$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(folder: str | Path) -> int:
    """Delete the temp files `write_atomic` left in `folder` (not below it) when its process
    died (SIGKILL, power cut); files of live processes stay. Returns how many went."""
    n = 0
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    for p in folder.iterdir():
        m = _TEMP.match(p.name)
        if m and p.is_file() and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            p.unlink(missing_ok=True)
            n += 1
    return n
