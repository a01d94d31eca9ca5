"""Survey export readers: a small base class and a registry, one reader per export layout.

A reader turns a file into a `RawTable`: for every column the header texts it has (one per header
row) and the data rows with their row number in the file. Which column means what is decided
later by the mapping (`surveys.mapping`), so a new tool needs a reader only when its *layout*
differs.

| reader | layout |
|---|---|
| `generic_csv` | one header row; `,` or `;`; UTF-8 (BOM or not) or cp1252 |
| `qualtrics` | 3 header rows: export tag (Q1), question text, `{"ImportId": ...}` |
| `surveymonkey` | 2 header rows: question, then sub-question / "Response" / "Open-Ended Response" |
| `xlsx` | an Excel sheet with 1 header row, or SurveyMonkey's 2 |
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from meeluister.errors import InputError
from meeluister.io import read_csv_rows

_SM_SUBHEADERS = {"response", "open-ended response", "antwoord", "open antwoord", ""}


@dataclass(frozen=True)
class RawTable:
    path: Path
    tool: str
    names: tuple[tuple[str, ...], ...]  # per column: its header texts, most specific first
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (row number in the file, 1-based; values)
    date_order: str  # dmy | mdy: how this tool writes ambiguous dates

    @property
    def labels(self) -> list[str]:
        return [n[0] for n in self.names]


class SurveyReader:
    """Base class: `sniff` says whether a file has this layout; `read` returns a RawTable."""

    name: ClassVar[str] = ""
    date_order: ClassVar[str] = "dmy"

    def sniff(self, path: Path, head: list[list[str]]) -> bool:
        raise NotImplementedError

    def read(self, path: Path) -> RawTable:
        raise NotImplementedError


READERS: dict[str, type[SurveyReader]] = {}


def register(cls: type[SurveyReader]) -> type[SurveyReader]:
    READERS[cls.name] = cls
    return cls


def _data_rows(lines: list[list[str]], skip: int) -> tuple[tuple[int, tuple[Any, ...]], ...]:
    return tuple(
        (i + 1, tuple(line))
        for i, line in enumerate(lines)
        if i >= skip and any((c or "").strip() for c in line)
    )


@register
class GenericCsvReader(SurveyReader):
    name = "generic_csv"

    def sniff(self, path: Path, head: list[list[str]]) -> bool:
        return path.suffix.lower() in (".csv", ".txt", ".tsv")

    def read(self, path: Path) -> RawTable:
        lines = read_csv_rows(path)
        names = tuple((h.strip(),) for h in lines[0])
        return RawTable(path, self.name, names, _data_rows(lines, 1), self.date_order)


@register
class QualtricsCsvReader(SurveyReader):
    name = "qualtrics"

    def sniff(self, path: Path, head: list[list[str]]) -> bool:
        return len(head) >= 3 and any(c.strip().startswith('{"ImportId"') for c in head[2])

    def read(self, path: Path) -> RawTable:
        lines = read_csv_rows(path)
        if len(lines) < 3:
            raise InputError(path, "a Qualtrics export has 3 header rows", where="header")
        tags, texts, ids = lines[0], lines[1], lines[2]
        names = tuple(
            tuple(x.strip() for x in (tags[i], texts[i] if i < len(texts) else "", ids[i] if i < len(ids) else "") if x.strip())
            or ("",)
            for i in range(len(tags))
        )
        return RawTable(path, self.name, names, _data_rows(lines, 3), self.date_order)


def _surveymonkey_names(top: list[str], sub: list[str]) -> tuple[tuple[str, ...], ...]:
    names, question = [], ""
    for i, t in enumerate(top):
        t = (t or "").strip()
        s = (sub[i] if i < len(sub) else "") or ""
        s = str(s).strip()
        question = t or question  # matrix sub-questions leave the question cell empty
        if s.lower() in _SM_SUBHEADERS:
            names.append((question,) if question else ("",))
        else:
            names.append((f"{question} - {s}", s))
    return tuple(names)


@register
class SurveyMonkeyCsvReader(SurveyReader):
    name = "surveymonkey"
    date_order = "mdy"

    def sniff(self, path: Path, head: list[list[str]]) -> bool:
        if len(head) < 2 or path.suffix.lower() != ".csv":
            return False
        sub = {c.strip().lower() for c in head[1]}
        return bool(sub & {"response", "open-ended response", "antwoord", "open antwoord"})

    def read(self, path: Path) -> RawTable:
        lines = read_csv_rows(path)
        if len(lines) < 2:
            raise InputError(path, "a SurveyMonkey export has 2 header rows", where="header")
        return RawTable(path, self.name, _surveymonkey_names(lines[0], lines[1]), _data_rows(lines, 2), self.date_order)


@register
class XlsxReader(SurveyReader):
    name = "xlsx"

    def sniff(self, path: Path, head: list[list[str]]) -> bool:
        return path.suffix.lower() in (".xlsx", ".xlsm")

    def read(self, path: Path) -> RawTable:
        import openpyxl  # the surveys extra

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise InputError(path, f"not a readable XLSX workbook: {exc}") from None
        try:
            ws = wb.worksheets[0]
            lines = [list(r) for r in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
        if not lines:
            raise InputError(path, "empty sheet, expected a header row")
        top = ["" if v is None else str(v) for v in lines[0]]
        second = ["" if v is None else str(v) for v in lines[1]] if len(lines) > 1 else []
        two_rows = bool({c.strip().lower() for c in second} & {"response", "open-ended response", "antwoord", "open antwoord"})
        if two_rows:
            names, skip, order = _surveymonkey_names(top, second), 2, "mdy"
        else:
            names, skip, order = tuple((h.strip(),) for h in top), 1, "dmy"
        rows = tuple(
            (i + 1, tuple("" if v is None else v for v in line))
            for i, line in enumerate(lines)
            if i >= skip and any(v not in (None, "") for v in line)
        )
        return RawTable(path, self.name, names, rows, order)


def detect_reader(path: Path) -> SurveyReader:
    """The most specific reader whose `sniff` accepts the file."""
    head: list[list[str]] = []
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        head = read_csv_rows(path)[:3]
    for name in ("qualtrics", "surveymonkey", "xlsx", "generic_csv"):
        reader = READERS[name]()
        if reader.sniff(path, head):
            return reader
    for name, cls in READERS.items():  # readers registered by others
        if name not in ("qualtrics", "surveymonkey", "xlsx", "generic_csv") and cls().sniff(path, head):
            return cls()
    raise InputError(path, f"no survey reader for this file (known: {sorted(READERS)})")
