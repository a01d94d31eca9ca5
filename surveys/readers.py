"""Survey export readers: a small base class and a registry, one reader per tool's layout.

A reader turns a `Grid` (surveys/grid.py: the cells of a CSV or XLSX file) into a `RawTable`:
per column its header texts (one per header row, most specific first), the data rows with their
row number in the file, and what the tool says about its dates (an order hint for ambiguous
d/m vs m/d values, time zones, placeholder dates). Which column means what is decided later by
the mapping (surveys/mapping.py), from the headers *and* the values.

| reader (`--survey-format`) | layout it recognises |
|---|---|
| `qualtrics` | current: 3 header rows (export tag, question text, `{"ImportId": ..., "timeZone": ...}`); legacy: 2 rows (`ResponseID`, `ResponseSet`, ... then question text) |
| `surveymonkey` | 2 header rows: question, then sub-answer ("Response", "Open-Ended Response", choice text); US dates |
| `typeform` | `#`, questions, hidden fields, `Start Date (UTC)`, `Submit Date (UTC)`, `Network ID`; optionally a group-title row above the question row |
| `google-forms` | a `Timestamp` column (or `Marca temporal`, `Horodateur`, `Tijdstempel`, ...), first as the form writes it |
| `limesurvey` | codes (`id`, `submitdate`, `lastpage`, `startlanguage`, ...) or full headings (`Response ID`, `Date submitted`); `1980-01-01 00:00:00` = anonymised date |
| `generic` | one header row, found below any title lines |

Detection (`detect_reader`) asks every reader's `sniff` for a score and takes the highest;
`generic` always answers 1. A reader registered with `@register` takes part the same way.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Mapping

from meeluister.errors import InputError
from surveys.grid import Grid

_SM_SUBHEADERS = {"response", "open-ended response", "antwoord", "open antwoord", "respuesta",
                  "respuesta abierta", "réponse", "réponse ouverte", ""}
_SM_MARKERS = _SM_SUBHEADERS - {""}
GOOGLE_TIMESTAMPS = {"timestamp": "mdy", "marca temporal": "dmy", "horodateur": "dmy", "tijdstempel": "dmy",
                     "zeitstempel": "dmy", "carimbo de data/hora": "dmy", "informazioni cronologiche": "dmy"}
LIMESURVEY_CODES = {"submitdate", "lastpage", "startlanguage", "startdate", "datestamp", "seed"}
LIMESURVEY_HEADINGS = {"response id", "date submitted", "last page", "start language", "date started",
                       "date last action", "seed"}
LIMESURVEY_PLACEHOLDERS = frozenset({"1980-01-01 00:00:00", "1980-01-01", "1980-01-01 00:00"})


@dataclass(frozen=True)
class RawTable:
    path: Path
    tool: str
    names: tuple[tuple[str, ...], ...]  # per column: its header texts, most specific first
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (row number in the file, 1-based; values)
    date_order: str | None = None  # dmy | mdy: the tool's habit, used only when the data cannot tell
    header_rows: int = 1
    timezones: Mapping[int, str] = field(default_factory=dict)  # column -> zone of its naive times
    placeholder_dates: frozenset[str] = frozenset()  # values meaning "no date" (LimeSurvey)
    notes: tuple[str, ...] = ()  # what the reader recognised (for the import's warnings)

    @property
    def labels(self) -> list[str]:
        return [n[0] if n else "" for n in self.names]


class SurveyReader:
    """Base class. `sniff` scores how surely a grid has this layout (0: not at all);
    `read` returns the RawTable."""

    name: ClassVar[str] = ""
    date_order: ClassVar[str | None] = None

    def sniff(self, grid: Grid) -> int:
        raise NotImplementedError

    def read(self, grid: Grid) -> RawTable:
        raise NotImplementedError


READERS: dict[str, type[SurveyReader]] = {}


def register(cls: type[SurveyReader]) -> type[SurveyReader]:
    READERS[cls.name] = cls
    return cls


def _str(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _width(rows: tuple[tuple[Any, ...], ...]) -> int:
    return max((len(r) for r in rows), default=0)


def data_rows(grid: Grid, skip: int) -> tuple[tuple[int, tuple[Any, ...]], ...]:
    """Rows after the `skip` header rows, numbered as in the file; blank lines left out."""
    return tuple((i + 1, tuple(r)) for i, r in enumerate(grid.rows)
                 if i >= skip and any(_str(c) for c in r))


def _col(row: tuple[Any, ...], i: int) -> str:
    return _str(row[i]) if i < len(row) else ""


def _single(grid: Grid, at: int) -> tuple[tuple[str, ...], ...]:
    return tuple((_str(h),) for h in grid.rows[at]) if at < len(grid.rows) else ()


@register
class QualtricsReader(SurveyReader):
    name = "qualtrics"

    def _legacy(self, head: list[list[str]]) -> bool:
        top = {c.lower() for c in head[0]} if head else set()
        return {"responseid", "responseset"} <= top and len(head) >= 2

    def sniff(self, grid: Grid) -> int:
        head = grid.head(3)
        if len(head) >= 3 and any(c.startswith('{"ImportId"') for c in head[2]):
            return 10
        return 8 if self._legacy(head) else 0

    def read(self, grid: Grid) -> RawTable:
        head = grid.head(3)
        width = _width(grid.rows[:3])
        if len(head) >= 3 and any(c.startswith('{"ImportId"') for c in head[2]):
            names, zones = [], {}
            for i in range(width):
                meta: dict[str, Any] = {}
                try:
                    meta = json.loads(_col(grid.rows[2], i) or "{}")
                except ValueError:
                    pass
                if isinstance(meta, dict) and isinstance(meta.get("timeZone"), str):
                    zones[i] = meta["timeZone"]
                import_id = str(meta.get("ImportId", "")) if isinstance(meta, dict) else ""
                texts = tuple(t for t in (_col(grid.rows[0], i), _col(grid.rows[1], i), import_id) if t)
                names.append(texts or ("",))
            return RawTable(grid.path, self.name, tuple(names), data_rows(grid, 3), None, 3, zones,
                            notes=(f"{grid.path}: Qualtrics export (3 header rows)",))
        if not self._legacy(head):
            raise InputError(grid.path, "not a Qualtrics export: no ImportId row and no legacy "
                             "ResponseID/ResponseSet header", where="header")
        names = tuple(tuple(dict.fromkeys(t for t in (_col(grid.rows[0], i), _col(grid.rows[1], i)) if t)) or ("",)
                      for i in range(width))
        return RawTable(grid.path, self.name, names, data_rows(grid, 2), None, 2,
                        notes=(f"{grid.path}: Qualtrics legacy export (2 header rows)",))


def surveymonkey_names(top: list[str], sub: list[str]) -> tuple[tuple[str, ...], ...]:
    names, question = [], ""
    for i in range(max(len(top), len(sub))):
        t = top[i] if i < len(top) else ""
        s = sub[i] if i < len(sub) else ""
        question = t or question  # matrix sub-questions leave the question cell empty
        if s.lower() in _SM_SUBHEADERS:
            names.append(((question, s) if s.lower() not in ("", "response") else (question,)) if question else ("",))
        else:
            names.append((f"{question} - {s}", s))
    return tuple(names)


@register
class SurveyMonkeyReader(SurveyReader):
    name = "surveymonkey"
    date_order = "mdy"

    def sniff(self, grid: Grid) -> int:
        head = grid.head(2)
        if len(head) < 2 or not {c.lower() for c in head[1]} & _SM_MARKERS:
            return 0
        return 9 if {c.lower() for c in head[0]} & {"respondent id", "collector id"} else 6

    def read(self, grid: Grid) -> RawTable:
        head = grid.head(2)
        if len(head) < 2:
            raise InputError(grid.path, "a SurveyMonkey export has 2 header rows", where="header")
        return RawTable(grid.path, self.name, surveymonkey_names(head[0], head[1]), data_rows(grid, 2),
                        self.date_order, 2, notes=(f"{grid.path}: SurveyMonkey export (2 header rows)",))


def _is_typeform_header(row: list[str]) -> bool:
    low = {c.lower() for c in row}
    return "submit date (utc)" in low or ("network id" in low and "#" in low)


@register
class TypeformReader(SurveyReader):
    name = "typeform"

    def sniff(self, grid: Grid) -> int:
        head = grid.head(2)
        return 9 if any(_is_typeform_header(r) for r in head) else 0

    def read(self, grid: Grid) -> RawTable:
        head = grid.head(2)
        at = next((i for i, r in enumerate(head) if _is_typeform_header(r)), 0)
        notes = [f"{grid.path}: Typeform export"]
        if at == 1:
            # A group-title row above the questions: each title stands over its group's columns.
            groups, title = [], ""
            for i in range(len(head[1])):
                title = _col(grid.rows[0], i) or title
                groups.append(title)
            names = tuple(((q, f"{g} - {q}") if g and q else (q,)) for q, g in zip(head[1], groups))
            notes.append(f"{grid.path}: row 1 is a group-title row; the questions are in row 2")
        else:
            names = tuple((q,) for q in head[0])
        zones = {i: "UTC" for i, n in enumerate(names) if "(utc)" in n[0].lower()}
        return RawTable(grid.path, self.name, names, data_rows(grid, at + 1), None, at + 1, zones,
                        notes=tuple(notes))


@register
class GoogleFormsReader(SurveyReader):
    name = "google-forms"

    def sniff(self, grid: Grid) -> int:
        head = grid.head(1)
        cells = [c.lower() for c in head[0]] if head else []
        if cells and cells[0] in GOOGLE_TIMESTAMPS:
            return 7
        return 5 if any(c in GOOGLE_TIMESTAMPS for c in cells) else 0  # columns moved in the sheet

    def read(self, grid: Grid) -> RawTable:
        head = grid.head(1)
        stamp = next((c for c in (head[0] if head else []) if c.lower() in GOOGLE_TIMESTAMPS), "")
        return RawTable(grid.path, self.name, _single(grid, 0), data_rows(grid, 1),
                        GOOGLE_TIMESTAMPS.get(stamp.lower()), 1,
                        notes=(f"{grid.path}: Google Forms export ({stamp!r})",))


@register
class LimeSurveyReader(SurveyReader):
    name = "limesurvey"

    def sniff(self, grid: Grid) -> int:
        head = grid.head(1)
        low = {c.lower() for c in head[0]} if head else set()
        codes = "submitdate" in low and len(low & LIMESURVEY_CODES) >= 2
        headings = "date submitted" in low and len(low & LIMESURVEY_HEADINGS) >= 2
        return 8 if codes or headings else 0

    def read(self, grid: Grid) -> RawTable:
        return RawTable(grid.path, self.name, _single(grid, 0), data_rows(grid, 1), None, 1,
                        placeholder_dates=LIMESURVEY_PLACEHOLDERS,
                        notes=(f"{grid.path}: LimeSurvey export",))


def _filled(row: tuple[Any, ...]) -> int:
    return sum(1 for c in row if _str(c))


@register
class GenericReader(SurveyReader):
    """One header row: the first row (of the first 10) filled at least 60 % as wide as the
    widest, so title lines above it are skipped (and named in the notes). Anything below the
    header is data: a second header row there is quarantined like any row that holds no scores."""

    name = "generic"

    def sniff(self, grid: Grid) -> int:
        return 1

    def read(self, grid: Grid) -> RawTable:
        top = grid.rows[:10]
        widest = max((_filled(r) for r in top), default=0)
        at = next((i for i, r in enumerate(top) if _filled(r) >= max(1, 0.6 * widest)), 0)
        notes = [f"{grid.path}: rows 1-{at} are title lines above the header (skipped)"] if at else []
        names = tuple((_str(h),) for h in grid.rows[at])
        return RawTable(grid.path, self.name, names, data_rows(grid, at + 1), None, at + 1, notes=tuple(notes))


def detect_reader(grid: Grid) -> SurveyReader:
    """The reader whose `sniff` scores the grid highest (registration order breaks ties)."""
    best: SurveyReader | None = None
    best_score = 0
    for cls in READERS.values():
        reader = cls()
        score = reader.sniff(grid)
        if score > best_score:
            best, best_score = reader, score
    if best is None:
        raise InputError(grid.path, f"no survey reader for this file (known: {sorted(READERS)})")
    return best


def reader_named(name: str, source: str | Path) -> SurveyReader:
    """The reader for `--survey-format NAME`; an unknown name is an InputError listing them."""
    if name not in READERS:
        raise InputError(source, f"unknown survey format {name!r} (known: auto, {', '.join(READERS)})",
                         where="--survey-format")
    return READERS[name]()
