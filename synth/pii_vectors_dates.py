"""Dates of birth and the look-alike sentences of the third-party vector set (`synth.pii_vectors`).

Birth dates are RvIG's test persons' (YYYYMMDD) written in the formats deduce's and Presidio's
date tests use, plus deduce's and Presidio's own dates, each with a birth context; the same
third-party dates in appointment, invoice, "today" and "klant sinds" contexts are look-alikes.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from synth import pii_vectors_speech as say
from synth.pii_vectors_sources import read_tsv, spans_of
from synth.pii_vectors_templates import AMOUNTS, TIMES

if TYPE_CHECKING:
    from synth.pii_vectors import Builder

ABBR = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
}

# (name, example in the source, formatter(y, m, d, lang)); the examples are the sources' own.
FORMATS = (
    ("dd-mm-yyyy", "deduce 24-07-1966", lambda y, m, d, lang: f"{d:02d}-{m:02d}-{y}"),
    ("d-m-yyyy", "deduce 6-7-1958", lambda y, m, d, lang: f"{d}-{m}-{y}"),
    ("dd/mm/yy", "presidio 21/05/21", lambda y, m, d, lang: f"{d:02d}/{m:02d}/{y % 100:02d}"),
    ("d.m.yyyy", "deduce 8.1.2022", lambda y, m, d, lang: f"{d}.{m}.{y}"),
    ("yyyy-mm-dd", "deduce 2009-05-31", lambda y, m, d, lang: f"{y}-{m:02d}-{d:02d}"),
    ("d month yyyy", "deduce 1 augustus 2019", lambda y, m, d, lang: f"{d} {say.MONTHS[lang][m - 1]} {y}"),
    ("d mon yyyy", "deduce 1 aug 2012", lambda y, m, d, lang: f"{d} {ABBR[lang][m - 1]} {y}"),
    ("d MON yyyy", "deduce 4 JAN 1999", lambda y, m, d, lang: f"{d} {ABBR[lang][m - 1].upper()} {y}"),
    ("dd-month-yyyy", "deduce 17-mei-2011", lambda y, m, d, lang: f"{d:02d}-{say.MONTHS[lang][m - 1]}-{y}"),
    ("d month 'yy", "deduce 17 mei '11", lambda y, m, d, lang: f"{d} {say.MONTHS[lang][m - 1]} '{y % 100:02d}"),
    ("dd mm yyyy", "deduce 23 10 2011", lambda y, m, d, lang: f"{d:02d} {m:02d} {y}"),
    ("d-Mon-yyyy", "presidio 5-May-2021", lambda y, m, d, lang: f"{d}-{ABBR[lang][m - 1].title()}-{y}"),
    ("d.mon.yyyy", "deduce 15.jan.1928", lambda y, m, d, lang: f"{d}.{ABBR[lang][m - 1].rstrip('.')}.{y}"),
    ("dd-mm-'yy", "deduce 12-04-'02", lambda y, m, d, lang: f"{d:02d}-{m:02d}-'{y % 100:02d}"),
    ("yyyymmdd", "rvig 19851201", lambda y, m, d, lang: f"{y}{m:02d}{d:02d}"),
    ("month d, yyyy (en) / d de month de yyyy (es) / le d month yyyy (fr)", "presidio May-2021",
     lambda y, m, d, lang: {"en": f"{say.MONTHS['en'][m - 1]} {d}, {y}", "es": f"{d} de {say.MONTHS['es'][m - 1]} de {y}",
                            "fr": f"{'1er' if d == 1 else d} {say.MONTHS['fr'][m - 1]} {y}"}.get(lang, f"{d} {say.MONTHS[lang][m - 1]} {y}")),
    ("m/d/yyyy (en)", "presidio 5/20/2021", lambda y, m, d, lang: f"{m}/{d}/{y}" if lang == "en" else f"{d}/{m}/{y}"),
)

_NL_MONTH_WORDS = tuple(say.MONTHS["nl"]) + tuple(ABBR["nl"])


def _ymd(value: str) -> tuple[int, int, int] | None:
    y, m, d = int(value[:4]), int(value[4:6]), int(value[6:8])
    return (y, m, d) if m and d else None


def _third_party_dates(b: Builder) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(full dates, every date) from deduce's and Presidio's date tests, as written there."""
    full: list[tuple[str, str]] = []
    every: list[tuple[str, str]] = []
    for row in read_tsv("deduce_dates.tsv"):
        vals = spans_of(row["text"], row["annotations"])
        if vals:
            v = max(vals, key=len)
            full.append((v, "deduce:dates.json"))
            every.append((v, "deduce:dates.json"))
    for row in read_tsv("presidio_date.tsv"):
        for v in spans_of(row["text"], row["spans"]):
            every.append((v, "presidio:test_date_recognizer.py"))
            if sum(c.isdigit() for c in v) >= 5 and "T" not in v and len(v) <= 11:
                full.append((v, "presidio:test_date_recognizer.py"))
    return list(dict.fromkeys(full)), list(dict.fromkeys(every))


def _lang_for(value: str, b: Builder, offset: int) -> str:
    words = set(re.findall(r"[a-z]+", value.lower()))
    if words & {w for w in _NL_MONTH_WORDS if len(w) > 2}:
        return "nl"
    if words:
        return "en"
    return b.lang(offset)


def _numeric(value: str) -> tuple[int, int, int] | None:
    parts = re.split(r"[-/. ]+", value.strip("'`"))
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    a, m, c = (int(p) for p in parts)
    y, d = (a, c) if len(parts[0]) == 4 else (c, a) if len(parts[2]) == 4 else (0, 0)
    return (y, m, d) if y and 1 <= m <= 12 and 1 <= d <= 31 else None


def dates(b: Builder) -> None:
    rows = [r for r in read_tsv("rvig_testset_persons.tsv")[100:300] if _ymd(r["geboortedatum"])]
    for i, row in enumerate(rows[:170]):
        y, m, d = _ymd(row["geboortedatum"])  # type: ignore[misc]
        lang = b.lang()
        _name, _example, fmt = FORMATS[i % len(FORMATS)]
        b.pii_sentence("dob", fmt(y, m, d, lang), "rvig:testset", lang, "written")
        if i % 3 == 0:
            lang = b.spoken_lang("dob")
            b.pii_sentence("dob", say.date(y, m, d, lang, style=i // 3 % 2), "rvig:testset", lang, "spoken")
    full, _every = _third_party_dates(b)
    for i, (value, source) in enumerate(full):
        b.pii_sentence("dob", value, source, _lang_for(value, b, i), "written")


def lookalikes(b: Builder) -> None:
    """Sentences whose numbers are not personal data: they must stay readable."""
    for lang in say.LANGS:
        for value in AMOUNTS[lang]:
            form = "spoken" if not any(c.isdigit() for c in value) else "written"
            b.lookalike("amount", value, "meeluister:written", lang, form)
        for value in TIMES[lang]:
            form = "spoken" if not any(c.isdigit() for c in value) else "written"
            b.lookalike("time", value, "meeluister:written", lang, form)
    full, every = _third_party_dates(b)
    # an appointment, an invoice or "klant sinds" is recent: the sources' dates before 1995 stay out
    every = [(v, src) for v, src in every if all(int(y) >= 1995 for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", v))]
    full = [(v, src) for v, src in full if (v, src) in every]
    for i, (value, source) in enumerate(every):
        b.lookalike("date", value, source, _lang_for(value, b, i), "written")
    for i, (value, source) in enumerate(full[::2]):
        b.lookalike("since", value, source, _lang_for(value, b, i + 1), "written")
    b.lookalike("since", "1 januari 2009", "issue 9 (its example)", "nl", "written")
    for i, (value, source) in enumerate(b.refs):
        b.lookalike("reference", value, source, b.lang(), "written")
        if i % 3 == 0 and value.isdigit() and len(value) <= 14:
            lang = b.spoken_lang("reference")
            b.lookalike("reference", say.digits(value, lang), source, lang, "spoken")
    for row in read_tsv("deduce_locations.tsv"):
        if "mg" in row["text"].lower() and not row["annotations"]:
            for lang in say.LANGS:
                b.lookalike("dosage", row["text"], "deduce:locations.json", lang, "written")
    # spoken appointment dates (deduce's and Presidio's numeric dates, said)
    for i, (value, source) in enumerate(every):
        ymd = _numeric(value)
        if ymd:
            lang = b.spoken_lang("date")
            b.lookalike("date", say.date(*ymd, lang, style=i % 2), source, lang, "spoken")
