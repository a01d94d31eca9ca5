"""Dates of birth. Forms: "12-03-1984", "12/3/84", "12.03.1984", ISO "1984-03-12", "12 maart 1984",
"12 mrt. '84", "3rd of March 1984", "March 3, 1984", "le 3 mars 1984", "12 de marzo de 1984",
"14-Jul-1924", "15- jan 1928", "12-03-'84", month first as in the US when the day tells ("5/20/2021"),
and said ("twaalf maart negentienvierentachtig", normalised first); month names and abbreviations
in nl/en/fr/es (`meeluister.redaction.months`). Only with a birth word, as they are as often
something else: `yyyymmdd` ("19611230"), day month year or year month day separated by spaces only
("10 12 1921", "2011 10 23"), year first with a month name ("1928.jan.15", "'11 mei 17"), a
two-digit year after a month name ("12 maart 84"), and years 1800-1899.

A date is a date of birth when a birth word ("geboren", "geboortedatum", "date of birth", "born",
"né le", "date de naissance", "fecha de nacimiento", "nacido", ...) stands within `context_chars`
before or after it, or, without one, when its year lies in `dob_year_min..dob_year_max` (old
enough to be a birth date, not an appointment) and no word right before it makes it another kind
of date: "klant sinds 1 januari 2009", "lid vanaf", "since", "depuis", "desde", an appointment
("afspraak", "appointment", "rendez-vous", "cita"), today's date ("vandaag is het", "today",
"aujourd'hui", "hoy"), a contract's end ("loopt af op", "expires", "vence") or an invoice's date.
Two-digit years count only with a birth word.
Appointment dates (this year and later) stay readable, and so does a date with a visit word before it
("de monteur komt op", "le technicien passe le", "the engineer is booked for") or a clock time right
after it ("2012/01/02 08:00"), unless a birth word is closer. A weekday before a date of birth
("maandag 12 januari 2016") is masked with it."""
from __future__ import annotations

import re
from collections.abc import Iterable

from meeluister.redaction.base import Detector, Scan, cues, register, words
from meeluister.redaction.months import MONTH_PATTERN, MONTHS, month_number

_D = r"(?P<d>[0-3]?\d)(?:e|de|ste|er|re|st|nd|rd|th|º|°)?"
_Y = r"(?P<y>(?:1[89]|20)\d{2}|'\d{2}|’\d{2})"
_Y2 = r"(?P<y>(?:1[89]|20)\d{2}|['’]?\d{2})"
_M = rf"(?P<m>{MONTH_PATTERN})"
_MSEP = r"(?:\s*[\-/.]\s*|\s+)"  # between a month name and a number: "14-Jul-1924", "15- jan 1928"
_FORMS = (
    rf"(?<![\d\w])(?P<d>[0-3]?\d)(?P<s>[\-/.])(?P<m>[0-3]?\d)(?P=s){_Y2}(?![\d\-/])",  # 12-03-1984, 5/20/2021
    r"(?<![\d\w])(?P<y>(?:1[89]|20)\d{2})(?P<s>[\-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?![\d\-/])",  # ISO
    rf"(?<![\d\w]){_D}(?:\s*(?:of\s+|de\s+|\.\s*)|{_MSEP})?{_M}(?:[\s,]*(?:de\s+|of\s+)?|{_MSEP}){_Y}(?!\d)",
    rf"(?<!\w){_M}\s+{_D}(?:\s*,\s*|\s+)(?:of\s+)?{_Y}(?!\d)",  # March 3, 1984
)
# Only with a birth word: forms that are as often something else ("19611230", "10 12 1921").
_BIRTH_ONLY_FORMS = (
    r"(?<![\d\w.\-/])(?P<y>(?:1[89]|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d\w]|[.\-/]\d)",  # yyyymmdd
    r"(?<![\d\w.\-/])(?P<d>[0-3]?\d) (?P<m>[01]?\d) (?P<y>(?:1[89]|20)\d{2})(?![\d\w]|[ .\-/]\d)",  # 10 12 1921
    r"(?<![\d\w.\-/])(?P<y>(?:1[89]|20)\d{2}) (?P<m>[01]?\d) (?P<d>[0-3]?\d)(?![\d\w]|[ .\-/]\d)",  # 2011 10 23
    rf"(?<![\d\w])(?P<y>(?:1[89]|20)\d{{2}}|['’]\d{{2}}){_MSEP}{_M}{_MSEP}?(?P<d>[0-3]?\d)(?!\d)",  # 1928.jan.15
    rf"(?<![\d\w]){_D}{_MSEP}?{_M}{_MSEP}(?P<y>\d{{2}})(?![\d:.,]\d|\d)",  # 12 maart 84
)
DATES = tuple(re.compile(f, re.IGNORECASE) for f in _FORMS)
BIRTH_ONLY = tuple(re.compile(f, re.IGNORECASE) for f in _BIRTH_ONLY_FORMS)
BIRTH_WORDS = (
    "geboren", "geboortedatum", "geboorte", "geb.", "geb", "verjaardag", "jarig", "geboortejaar",
    "date of birth", "birth date", "birthdate", "birthday", "born", "dob", "d.o.b.",
    "né", "née", "né le", "née le", "naissance", "date de naissance", "anniversaire",
    "nacido", "nacida", "nací", "naci", "nacimiento", "fecha de nacimiento", "cumpleaños",
)
BIRTH = re.compile(r"(?<!\w)(?:" + words(BIRTH_WORDS) + r")(?!\w)", re.IGNORECASE)
_BIRTH_CUES = cues(BIRTH_WORDS)
OTHER_DATE = re.compile(r"(?<!\w)(?:" + words((
    "sinds", "vanaf", "per", "tot", "sedert", "lid sinds", "klant sinds", "afspraak", "ingang", "ingangsdatum",
    "since", "from", "until", "till", "customer since", "member since", "appointment", "starting", "effective",
    "depuis", "à partir du", "jusqu'au", "client depuis", "rendez-vous", "rdv",
    "desde", "hasta", "a partir del", "cliente desde", "cita",
    # today's date, a contract's end, an invoice's date
    "vandaag", "vandaag is het", "het is vandaag", "loopt af", "afloopt", "verloopt", "vervalt", "einddatum",
    "factuurdatum", "gedateerd",
    "today", "today's date", "expires", "expiry", "expiry date", "ends on", "invoice date", "dated",
    "aujourd'hui", "aujourd’hui", "expire", "prend fin", "se termine", "date de facture",
    "hoy", "vence", "caduca", "termina", "fecha de factura",
    # a visit booked for that day ("de monteur komt op", "the engineer is booked for", "le technicien passe le")
    "monteur", "technicus", "bezoek", "ingepland", "gepland", "engineer", "technician", "visit", "booked",
    "scheduled", "technicien", "visite", "intervention", "técnico", "tecnico", "visita",
)) + r")(?!\w)", re.IGNORECASE)
# A clock time right after the date ("2012/01/02 08:00", "2014-04-12 04:04 PM"): an appointment.
_TIME_AFTER = re.compile(r"[ ,]*(?:om |at |à |a las )?[0-2]?\d[:h][0-5]\d(?!\d)", re.IGNORECASE)
# A weekday before a date of birth is part of it ("maandag 12 januari 2016", "lundi, 22 janvier 2018").
_WEEKDAY_BEFORE = re.compile(r"(?<!\w)(?:" + words((
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
)) + r")[ ,]+$", re.IGNORECASE)
_OTHER_BEFORE = 30
# Every form has digits with date separators, or a month name: a cheap first test.
_NUMERIC = re.compile(r"\d[\-/.]\d{1,2}[\-/.]['’]?\d")
_DIGITS = re.compile(r"\d{4}")
_DIGIT_CHARS = "0123456789'’"


def _valid(m: re.Match[str]) -> tuple[int, bool] | None:
    """(year, four-digit year?) of a matched date, or None when day or month is impossible."""
    d = int(m.group("d"))
    mon = m.group("m")
    month = int(mon) if mon.isdigit() else month_number(mon)
    if mon.isdigit() and month is not None and month > 12 and d <= 12 and m.start("d") < m.start("m"):
        d, month = month, d  # month first, as in the US: "5/20/2021"
    if not month or not 1 <= month <= 12 or not 1 <= d <= 31:
        return None
    y = m.group("y").lstrip("'’")
    return (int(y), True) if len(y) == 4 else (int(y), False)


@register
class DateOfBirth(Detector):
    kind, tag, priority = "dob", "[DOB]", 60

    @staticmethod
    def _other_kind(scan: Scan, start: int) -> bool:
        """A word right before the date makes it another kind of date ("klant sinds"), unless a
        birth word stands closer to it."""
        text = scan.text
        other = [m.start() for m in OTHER_DATE.finditer(text, max(0, start - _OTHER_BEFORE), start)]
        if not other:
            return False
        births = [m.start() for m in BIRTH.finditer(text, max(0, start - scan.options.context_chars), start)]
        return not (births and births[-1] > other[-1])

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        text = scan.text
        found: list[tuple[int, int]] = []
        # A month word glued to its day or year ("12maart 1984", "12maart1984") is one word of the text.
        month_word = any(w in MONTHS for w in scan.words) or any(
            w.strip(_DIGIT_CHARS) in MONTHS for w in scan.words if w[0] in _DIGIT_CHARS or w[-1] in _DIGIT_CHARS)
        if month_word or _NUMERIC.search(text):
            for pattern in DATES:
                for m in pattern.finditer(text):
                    self._take(scan, m, found, birth_only=False)
        if (month_word or _DIGITS.search(text)) and scan.has_any(_BIRTH_CUES):
            for pattern in BIRTH_ONLY:
                for m in pattern.finditer(text):
                    self._take(scan, m, found, birth_only=True)
        return found

    def _take(self, scan: Scan, m: re.Match[str], found: list[tuple[int, int]], *, birth_only: bool) -> None:
        if any(a < m.end() and m.start() < b for a, b in found):
            return
        v = _valid(m)
        if v is None:
            return
        year, four = v
        if self._other_kind(scan, m.start()):
            return
        if scan.near(BIRTH, m.start(), m.end()) or (
                not birth_only and four and scan.options.dob_year_min <= year <= scan.options.dob_year_max
                and not _TIME_AFTER.match(scan.text, m.end())):
            weekday = _WEEKDAY_BEFORE.search(scan.text, max(0, m.start() - 12), m.start())
            found.append((weekday.start() if weekday else m.start(), m.end()))
