"""Survey timestamps: the day/month order decided from every value of the column, then parsed.

How the order of a column is decided (`infer_date_order`), first rule that applies:
1. forced: `options.date_order = "dmy" | "mdy"` in the survey mapping (`--survey-mapping`);
2. the data: a value whose first number is above 12 (25/8/2022) proves day/month, one whose
   second number is above 12 (8/25/2022) proves month/day. When only one kind occurs, that is
   the order. When both occur the column mixes orders: the majority is taken and the values
   that contradict it are quarantined (never read with their month swapped), with a warning;
3. no value tells (every day is 12 or less): the tool's habit (SurveyMonkey and an English
   Google Form write m/d/y), else d/m/y, and a warning naming the file and the column says the
   order was assumed and how to force it.
ISO dates (2026-11-23 10:14:55, with or without an offset) and XLSX date cells never need it.

Two-digit years are 20yy ("8/25/22 15:47" is 25 August 2022). A naive time is in the column's
zone (Typeform's "(UTC)" columns, Qualtrics' ImportId `timeZone`), else Europe/Amsterdam.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from meeluister.io import LOCAL_TZ_NAME, parse_iso

ORDERS = ("dmy", "mdy")
ORDER_WORDS = {"dmy": "day/month/year", "mdy": "month/day/year"}
_DATE = re.compile(
    r"^\s*(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
    r"(?:(?:\s+|T|,\s*)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,6})\d*)?)?"
    r"\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$")


@dataclass(frozen=True)
class DateOrder:
    order: str  # dmy | mdy
    source: str  # forced | data | mixed | tool | default
    dmy: int = 0  # values only day/month can read
    mdy: int = 0  # values only month/day can read
    ambiguous: int = 0  # values both orders read differently (day and month both <= 12, unequal)

    def warning(self, path: object, column: str) -> str | None:
        how = f"set options.date_order = \"{'mdy' if self.order == 'dmy' else 'dmy'}\" in a --survey-mapping file"
        if self.source == "mixed":
            wrong = self.mdy if self.order == "dmy" else self.dmy
            return (f"{path}: column {column!r} mixes date orders ({self.dmy} values only day/month can read, "
                    f"{self.mdy} only month/day): read as {ORDER_WORDS[self.order]}; the {wrong} others are "
                    f"quarantined, not read with day and month swapped ({how} to choose)")
        if self.source in ("tool", "default") and self.ambiguous:
            why = "the tool's habit" if self.source == "tool" else "the default"
            return (f"{path}: dates in column {column!r} are ambiguous (no day above 12 in {self.ambiguous} "
                    f"values): read as {ORDER_WORDS[self.order]} ({why}); if that is wrong, {how}")
        if self.source == "forced":
            wrong = self.mdy if self.order == "dmy" else self.dmy
            if wrong:
                return (f"{path}: column {column!r}: {wrong} dates cannot be {ORDER_WORDS[self.order]} "
                        f"(forced by options.date_order); they are quarantined")
        return None


def _votes(values: Iterable[Any]) -> tuple[int, int, int]:
    dmy = mdy = amb = 0
    for v in values:
        if not isinstance(v, str):
            continue
        m = _DATE.match(v)
        if not m or len(m["a"]) > 2:
            continue
        a, b = int(m["a"]), int(m["b"])
        if a > 12 and b <= 12:
            dmy += 1
        elif b > 12 and a <= 12:
            mdy += 1
        elif a <= 12 and b <= 12 and a != b:
            amb += 1
    return dmy, mdy, amb


def infer_date_order(values: Iterable[Any], forced: str | None = None, hint: str | None = None) -> DateOrder:
    """The order to read a column's d/m vs m/d dates with, from all of its values (module doc)."""
    dmy, mdy, amb = _votes(values)
    if forced:
        return DateOrder(forced, "forced", dmy, mdy, amb)
    if dmy and not mdy:
        return DateOrder("dmy", "data", dmy, mdy, amb)
    if mdy and not dmy:
        return DateOrder("mdy", "data", dmy, mdy, amb)
    if dmy and mdy:
        order = "dmy" if dmy > mdy else "mdy" if mdy > dmy else (hint or "dmy")
        return DateOrder(order, "mixed", dmy, mdy, amb)
    return DateOrder(hint or "dmy", "tool" if hint else "default", dmy, mdy, amb)


@lru_cache(maxsize=64)
def zone(name: str | None) -> ZoneInfo | timezone:
    if not name or name == LOCAL_TZ_NAME:
        return ZoneInfo(LOCAL_TZ_NAME)
    if name.upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    return ZoneInfo(name)  # ZoneInfoNotFoundError (a KeyError) for an unknown name


def _tz(text: str) -> timezone:
    if text.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_when(v: Any, order: str, tz: str | None = None) -> datetime | None:
    """A timestamp as exported -> an aware datetime (naive input is in `tz`, default local).

    Raises ValueError naming the value and the order for anything that is not a date."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, datetime):
        dt = v
    elif isinstance(v, date):
        dt = datetime(v.year, v.month, v.day)
    elif isinstance(v, str):
        s = v.strip()
        try:
            dt = parse_iso(s)
        except ValueError:
            dt = _parse_numeric(s, order)
    else:
        raise ValueError(f"not a date/time: {v!r}")
    return dt if dt.tzinfo else dt.replace(tzinfo=zone(tz))


def _parse_numeric(s: str, order: str) -> datetime:
    m = _DATE.match(s)
    bad = ValueError(f"not a date/time ({ORDER_WORDS.get(order, order)}): {s!r}")
    if not m:
        raise bad
    a, b, c = m["a"], m["b"], m["c"]
    if len(a) == 4:
        y, mo, d = int(a), int(b), int(c)
    elif len(c) in (2, 4):
        y = int(c) + (2000 if len(c) == 2 else 0)
        d, mo = (int(a), int(b)) if order == "dmy" else (int(b), int(a))
    else:
        raise bad
    hour, minute = int(m["H"] or 0), int(m["M"] or 0)
    sec, frac = int(m["S"] or 0), int((m["f"] or "0").ljust(6, "0")[:6])
    if m["ampm"]:
        if not 1 <= hour <= 12:
            raise bad
        pm = m["ampm"][0].lower() == "p"
        hour = (hour % 12) + (12 if pm else 0)
    try:
        dt = datetime(y, mo, d, hour, minute, sec, frac)
    except ValueError:
        raise bad from None
    return dt.replace(tzinfo=_tz(m["tz"])) if m["tz"] else dt
