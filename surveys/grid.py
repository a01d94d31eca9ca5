"""A survey export as a grid of cells, whatever the tool saved: CSV or XLSX.

| input | how it is read |
|---|---|
| encoding | a UTF-16/UTF-32 BOM (Excel's "Unicode text"), UTF-8 with or without BOM, else cp1252, else Latin-1 (never fails) |
| delimiter | `,` `;` or tab: the one that splits the first lines into the most columns, consistently |
| XLSX | the first sheet; numbers stay numbers and dates stay `datetime` |

`Grid.rows[i]` is line `i + 1` of the file (1-based row numbers in every message); trailing empty
cells are kept so every row of a CSV has its own width.
"""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meeluister.errors import InputError

XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Grid:
    path: Path
    rows: tuple[tuple[Any, ...], ...]
    encoding: str | None = None  # None for XLSX
    delimiter: str | None = None

    def head(self, n: int = 4) -> list[list[str]]:
        """The first `n` rows as stripped strings (for sniffing)."""
        return [["" if v is None else str(v).strip() for v in r] for r in self.rows[:n]]


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name) of an exported text file."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name), name
    if len(raw) >= 4 and raw[1:4:2] == b"\x00\x00" and raw[0:4:2] != b"\x00\x00":
        return raw.decode("utf-16-le", errors="replace"), "utf-16-le"  # UTF-16 without a BOM
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d, ...)
        return raw.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter that gives the widest consistent table over the first lines."""
    sample = "\n".join(text.splitlines()[:30])
    best, best_score = ",", (-1, -1)
    for d in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=d) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not rows:
            continue
        widths = [len(r) for r in rows]
        width = max(widths)
        if width < 2:
            continue
        consistent = sum(w == width for w in widths)
        score = (consistent * width, width)
        if score > best_score:
            best, best_score = d, score
    return best


def _read_xlsx(path: Path) -> Grid:
    import openpyxl  # the surveys extra

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputError(path, f"not a readable XLSX workbook: {exc}") from None
    try:
        ws = wb.worksheets[0]
        rows = tuple(tuple("" if v is None else v for v in r) for r in ws.iter_rows(values_only=True))
    finally:
        wb.close()
    return Grid(path, rows)


def read_grid(path: str | Path) -> Grid:
    """The cells of an export; `InputError` naming the file when it cannot be read or is empty."""
    path = Path(path)
    if path.suffix.lower() in XLSX_SUFFIXES:
        grid = _read_xlsx(path)
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc}") from None
        if raw[:4] == b"PK\x03\x04":
            grid = _read_xlsx(path)  # an XLSX saved with a .csv name
        else:
            text, enc = decode(raw)
            text = text.replace("\x00", "")
            d = sniff_delimiter(text)
            try:
                rows = tuple(tuple(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=d))
            except csv.Error as exc:
                raise InputError(path, f"not a readable CSV file: {exc}") from None
            grid = Grid(path, rows, enc, d)
    if not any(any(str(c).strip() for c in r) for r in grid.rows):
        raise InputError(path, "empty file, expected a header row")
    return grid
