"""Dutch postcodes with the house number that follows them: `[1-9][0-9]{3} ?[A-Z]{2}` ("SA", "SD"
and "SS" are never issued), "3511 AB 12", "3511AB, huisnummer 12a". Lower-case or spelled
letters ("3511 ab", "vier acht een een a b") count only with an address word nearby ("postcode",
"adres", "woon", "straat", "address", "adresse", "código postal"). Letters that are a unit after a
quantity ("1250 MG", "500 ML", "16 GB") are a postcode only with an address word right before;
in lower case ("1000 mg"), and a two-letter word after a number ("1992 is ..."), only with an
address word right before and a house number after. A house number with its word after the postcode
("3078KG, nummer 291", "3077xj, number 36") is an address word too; "NL-2611ET" keeps its prefix
in the span. Said, the postcode's digits run on from the house number before it ("Plataanlaan
vier, tweeëndertig vierentwintig T T" is normalised to "4 3224 T T" and then "43224 T T"): four
digits that begin a number as said, then spelled letters, are a postcode with an address word."""
from __future__ import annotations

import re
from collections.abc import Iterable

from meeluister.redaction.base import Detector, Scan, register, words

# The house number after it, with a toevoeging: "12a", "12 A", "12-II", "12-2", "12 bis", "12 hs".
_HOUSE = (r"(?P<house>[\s,]+(?:huisnummer|nummer|number|nr\.?|no\.?|número|numéro|n°)?\s*\d{1,5}"
          r"(?:[\s\-]?(?:I{1,3}|IV|bis|hs|huis|boven|beneden)(?![\w'])|\s?-?[a-zA-Z](?![\w'])|-\d{1,3})?(?!\d))?")
_ADDRESS_NEAR = 24  # characters: an address word this close says the letters are a postcode's
# "NL-2611ET", "NL 2611 ET": the country prefix belongs to the postcode.
_START = r"(?<![\w\-])(?:NL[\-\s]?)?"
STRICT = re.compile(rf"{_START}(?P<code>[1-9]\d{{3}})\s?(?!SA|SD|SS)(?P<letters>[A-Z]{{2}})(?![\w\-]){_HOUSE}")
# Said, a postcode's digits follow the house number: "Lange Vijverberg vijf, vijfentwintig dertien a c"
# is normalised to "525 13 a c" -> "52513 a c"; the last four digits, when they begin a number as
# said (`Normalised.pieces`), are the postcode's.
LOOSE = re.compile(rf"(?:{_START}|(?<=\d))(?P<code>[1-9]\d{{3}})\s?(?!sa|sd|ss)(?P<letters>[a-zA-Z]\s?[a-zA-Z])"
                   rf"(?![\w\-]){_HOUSE}", re.IGNORECASE)
# A house number given with its word ("3078KG, nummer 291"): an address without an address word.
_HOUSE_WORD = re.compile(r"[\s,]+(?:huisnummer|nummer|number|nr\.?|no\.?|número|numéro|n°)\s*\d", re.IGNORECASE)
ADDRESS = re.compile(r"(?<!\w)(?:" + words((
    "postcode", "post code", "postal code", "zip", "zip code", "code postal", "código postal", "codigo postal",
    "adres", "adresgegevens", "woon", "woonadres", "wonen", "woont", "woonachtig", "straat", "laan", "weg",
    "plein", "huisnummer", "address", "live", "lives", "living", "street", "adresse", "habite", "rue",
    "dirección", "direccion", "vivo", "calle",
)) + r")", re.IGNORECASE)
# Two-letter words of the four languages: after a number in lower case they are the sentence going
# on ("1992 is mijn geboortejaar"), not a postcode's letters.
WORDS2 = frozenset("""
is en op in te of om al ja nu zo er ik je we ze me af na de al
an at be by do go he if it me my no on or so to up us we am as
et la le un ou il tu du ce ne se sa ma ta au
es el lo mi su ya yo ni si ha he va
""".split())
UNITS = {"MG", "ML", "KG", "GR", "CL", "DL", "CM", "MM", "KM", "GB", "MB", "KB", "TB", "KW", "MW", "HZ", "PK",
         "UG", "IE", "EU", "NM"}


@register
class Postcode(Detector):
    kind, tag, priority = "postcode", "[POSTCODE]", 50

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        text = scan.text
        seen: set[int] = set()
        for m in STRICT.finditer(text):
            if m.group("letters") in UNITS and not (self._house_word(m) or ADDRESS.search(
                    text, max(0, m.start() - _ADDRESS_NEAR), m.start())):
                continue  # "1250 MG per dag" (but "adres: 1250 MG Amsterdam", "3078KG, nummer 291")
            seen.add(m.start("code"))
            yield m.span()
        starts: set[int] | None = None
        for m in LOOSE.finditer(text):
            if m.start("code") in seen:
                continue
            if m.start() > 0 and text[m.start() - 1].isdigit():
                starts = {p[0] for p in scan.doc.pieces} if starts is None else starts
                if m.start() not in starts:
                    continue  # inside a longer number, not where a number as said begins
            letters = re.sub(r"[^A-Za-z]", "", m.group("letters")).upper()
            if letters in ("SA", "SD", "SS") or not (self._house_word(m) or scan.near(ADDRESS, m.start(), m.end())):
                continue
            spelled = len(m.group("letters")) > 2  # "a b", "T W": letters said one by one
            paired = re.match(r"\d{4}\s?[A-Za-z]{2}", m.group(0))  # "3511ab" or "3511 ab", not "a b"
            spaced_word = paired and letters.lower() in WORDS2 and not re.match(r"\d{4}[A-Za-z]", m.group(0))
            if not spelled and (letters in UNITS or spaced_word) and not self._address(scan, m):
                continue  # "1000 mg", "1992 is ...": not a postcode without an address right there
            yield m.span()

    @staticmethod
    def _house_word(m: re.Match[str]) -> bool:
        house = m.group("house")
        return bool(house) and _HOUSE_WORD.match(house) is not None

    @staticmethod
    def _address(scan: Scan, m: re.Match[str]) -> bool:
        """An address word right before the candidate and a house number after it ("postcode
        4067 we 182a", "ik woon op 2150 MG 50"): then even unit-like letters are a postcode's."""
        return bool(m.group("house")) and bool(ADDRESS.search(scan.text, max(0, m.start() - _ADDRESS_NEAR), m.start()))
