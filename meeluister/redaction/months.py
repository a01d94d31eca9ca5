"""Month names and their abbreviations in Dutch, English, French and Spanish -> month number.

Used by the date-of-birth detector and by the spoken-number normaliser (a lone digit word before
a month, "drie maart", is a day)."""
from __future__ import annotations

import re

_NAMES = {
    1: "januari january janvier enero jan janv ene",
    2: "februari february février fevrier febrero feb febr fév fev févr fevr",
    3: "maart march mars marzo mrt mar mär",
    4: "april avril abril apr avr abr",
    5: "mei may mai mayo",
    6: "juni june juin junio jun",
    7: "juli july juillet julio jul juil",
    8: "augustus august août aout agosto aug ago",
    9: "september septembre septiembre setiembre sep sept",
    10: "oktober october octobre octubre okt oct",
    11: "november novembre noviembre nov",
    12: "december décembre decembre diciembre dec déc dic",
}
MONTHS: dict[str, int] = {w: m for m, names in _NAMES.items() for w in names.split()}
# Abbreviations may carry a full stop ("12 mrt. 1985", "Sept. 3").
MONTH_PATTERN = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")(?![^\W\d_])\.?"
MONTH_AHEAD = re.compile(r"[\s,]+(?:(?:de|of|of\s+the)\s+)?" + MONTH_PATTERN, re.IGNORECASE)


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))
MONTH_BEHIND = re.compile(r"(?<!\w)" + MONTH_PATTERN + r"(?:\s+the)?[\s,]+$", re.IGNORECASE)
