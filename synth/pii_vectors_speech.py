"""Numbers, dates, letters and e-mail addresses as speech recognition writes them, in nl/en/fr/es.

Written for the third-party vector set (`synth.pii_vectors`) from the languages' own number
grammar, not from the redactor's tables: digits one by one, two-digit groups as numbers
("vierendertig", "thirty-four", "trente-quatre", "treinta y cuatro"), "dubbel"/"double" for a
repeated digit, "plus" for "+", years as said ("negentien vijfentachtig", "nineteen eighty-five",
"mille neuf cent quatre-vingt-cinq", "mil novecientos ochenta y cinco"), and e-mail addresses
spelled ("punt", "apenstaartje", "at", "arobase", "arroba").
"""
from __future__ import annotations

LANGS = ("nl", "en", "fr", "es")

_UNITS = {
    "nl": ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
           "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"],
    "fr": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
           "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"],
    "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
           "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"],
}
_TENS = {
    "nl": ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"],
    "en": ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
    "fr": ["", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt",
           "quatre-vingt"],
    "es": ["", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"],
}
_ES_20S = ["veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis",
           "veintisiete", "veintiocho", "veintinueve"]
DOUBLE = {"nl": "dubbel", "en": "double", "fr": "double", "es": "doble"}
PLUS = {"nl": "plus", "en": "plus", "fr": "plus", "es": "más"}
AT = {"nl": ("apenstaartje", "at"), "en": ("at",), "fr": ("arobase", "at"), "es": ("arroba",)}
DOT = {"nl": "punt", "en": "dot", "fr": "point", "es": "punto"}
DASH = {"nl": "streepje", "en": "dash", "fr": "tiret", "es": "guion"}
UNDERSCORE = {"nl": "underscore", "en": "underscore", "fr": "tiret bas", "es": "guion bajo"}
MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
}
_EN_ORD = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth", 12: "twelfth"}


def number(n: int, lang: str) -> str:
    """0..9999 in words as a transcript writes them."""
    if n < 20:
        return _UNITS[lang][n]
    if n < 100:
        return _tens(n, lang)
    if n < 1000:
        return _hundreds(n, lang)
    thousands, rest = divmod(n, 1000)
    head = {"nl": "duizend", "en": "thousand", "fr": "mille", "es": "mil"}[lang]
    if thousands > 1:
        head = f"{number(thousands, lang)}{'' if lang == 'nl' else ' '}{head}"
    if not rest:
        return head
    return f"{head} {number(rest, lang)}"


def _tens(n: int, lang: str) -> str:
    tens, unit = divmod(n, 10)
    if lang == "nl":
        if not unit:
            return _TENS["nl"][tens]
        u = _UNITS["nl"][unit]
        return f"{u}{'ën' if u.endswith('e') else 'en'}{_TENS['nl'][tens]}"
    if lang == "en":
        return _TENS["en"][tens] + (f"-{_UNITS['en'][unit]}" if unit else "")
    if lang == "es":
        if tens == 2:
            return _ES_20S[unit]
        return _TENS["es"][tens] + (f" y {_UNITS['es'][unit]}" if unit else "")
    # French: 70-79 and 90-99 count on from 60 and 80
    if tens in (7, 9):
        base, rest = _TENS["fr"][tens], n - (60 if tens == 7 else 80)
        if rest == 11 and tens == 7:
            return "soixante et onze"
        return f"{base}-{_UNITS['fr'][rest]}"
    if tens == 8:
        return "quatre-vingts" if not unit else f"quatre-vingt-{_UNITS['fr'][unit]}"
    if unit == 1:
        return f"{_TENS['fr'][tens]} et un"
    return _TENS["fr"][tens] + (f"-{_UNITS['fr'][unit]}" if unit else "")


def _hundreds(n: int, lang: str) -> str:
    h, rest = divmod(n, 100)
    if lang == "nl":
        head = "honderd" if h == 1 else f"{_UNITS['nl'][h]}honderd"
        return head + (number(rest, lang) if rest else "")
    if lang == "en":
        head = f"{_UNITS['en'][h]} hundred"
        return head + (f" {number(rest, lang)}" if rest else "")
    if lang == "fr":
        head = "cent" if h == 1 else f"{_UNITS['fr'][h]} cent{'s' if not rest else ''}"
        return head + (f" {number(rest, lang)}" if rest else "")
    es = {1: "ciento" if rest else "cien", 5: "quinientos", 7: "setecientos", 9: "novecientos"}
    head = es.get(h) or f"{_UNITS['es'][h]}cientos"
    return head + (f" {number(rest, lang)}" if rest else "")


def year(y: int, lang: str, style: int = 0) -> str:
    """A year as said; `style` 1 gives the short form where a language has one."""
    hi, lo = divmod(y, 100)
    if lang == "en" and y < 2000:
        return f"{number(hi, 'en')} {'hundred' if lo == 0 else ('oh ' + number(lo, 'en') if lo < 10 else number(lo, 'en'))}"
    if lang == "nl" and y < 2000:
        return f"{number(hi, 'nl')}{'honderd' if style == 0 else ' '}{number(lo, 'nl') if lo else ''}".strip()
    if lang == "fr" and y < 2000 and style == 1:
        return f"dix-neuf cent {number(lo, 'fr')}" if lo else "dix-neuf cents"
    return number(y, lang)


def digits(s: str, lang: str, double: bool = False) -> str:
    """Digit by digit; with `double`, a digit said twice in a row becomes 'dubbel vijf'."""
    words: list[str] = []
    ds = [c for c in s if c.isdigit()]
    i = 0
    while i < len(ds):
        if double and i + 1 < len(ds) and ds[i] == ds[i + 1] and (i + 2 >= len(ds) or ds[i + 2] != ds[i]):
            words.append(f"{DOUBLE[lang]} {_UNITS[lang][int(ds[i])]}")
            i += 2
            continue
        words.append(_UNITS[lang][int(ds[i])])
        i += 1
    return " ".join(words)


def pairs(s: str, lang: str) -> str:
    """Two digits at a time as numbers ('zes twaalf vierendertig'); a leading zero is said as 'nul'."""
    ds = "".join(c for c in s if c.isdigit())
    out: list[str] = []
    for i in range(0, len(ds), 2):
        chunk = ds[i:i + 2]
        if len(chunk) == 1 or chunk[0] == "0":
            out.append(digits(chunk, lang))
        else:
            out.append(number(int(chunk), lang))
    return " ".join(out)


def phone(s: str, lang: str, style: int) -> str:
    """A written phone number as said: style 0 digits, 1 pairs after the prefix, 2 digits with 'dubbel'."""
    body = s.strip()
    head = ""
    if body.startswith("+"):
        cc = ""
        rest = body[1:]
        while rest and rest[0].isdigit() and len(cc) < 2:
            cc, rest = cc + rest[0], rest[1:]
        head = f"{PLUS[lang]} {number(int(cc), lang) if style == 1 else digits(cc, lang)} "
        body = rest
    ds = "".join(c for c in body if c.isdigit())
    if style == 1:
        lead = 2 if ds.startswith("0") else 0
        return head + " ".join(x for x in (digits(ds[:lead], lang), pairs(ds[lead:], lang)) if x)
    return head + digits(ds, lang, double=style == 2)


def spell_letters(s: str) -> str:
    """Letters one by one as a transcript writes them ('N L', 'A B N A')."""
    return " ".join(c.upper() for c in s if c.isalpha())


def alnum_spoken(s: str, lang: str) -> str:
    """An IBAN or postcode as said: letters spelled, digit runs digit by digit."""
    out: list[str] = []
    for c in s:
        if c.isalpha():
            out.append(c.upper())
        elif c.isdigit():
            out.append(_UNITS[lang][int(c)])
    return " ".join(out)


def email(address: str, lang: str, variant: int = 0) -> str:
    """An e-mail address spelled as said: 'jan punt jansen apenstaartje gmail punt com'."""
    local, _, domain = address.rpartition("@")
    at = AT[lang][variant % len(AT[lang])]

    def say(part: str) -> str:
        out = part.replace(".", f" {DOT[lang]} ").replace("-", f" {DASH[lang]} ")
        return " ".join(out.replace("_", f" {UNDERSCORE[lang]} ").split())

    return f"{say(local)} {at} {say(domain)}"


def ordinal_day(d: int, lang: str) -> str:
    if lang == "en":
        if d in _EN_ORD:
            return _EN_ORD[d]
        if d % 10 in _EN_ORD and d > 20:
            return f"{_TENS['en'][d // 10]}-{_EN_ORD[d % 10]}"
        word = number(d, "en")
        return (word[:-1] + "ieth") if word.endswith("y") else word + "th"
    if lang == "fr" and d == 1:
        return "premier"
    if lang == "es" and d == 1:
        return "primero"
    return number(d, lang)


def date(y: int, m: int, d: int, lang: str, style: int = 0) -> str:
    """A date as said: 'een december negentien vijfentachtig', 'the first of December nineteen
    eighty-five', 'premier décembre mille neuf cent quatre-vingt-cinq', 'uno de diciembre de ...'."""
    month = MONTHS[lang][m - 1]
    if lang == "nl":
        return f"{number(d, 'nl')} {month} {year(y, 'nl', style)}"
    if lang == "en":
        return (f"the {ordinal_day(d, 'en')} of {month} {year(y, 'en')}" if style == 0
                else f"{month} {ordinal_day(d, 'en')} {year(y, 'en')}")
    if lang == "fr":
        return f"{ordinal_day(d, 'fr')} {month} {year(y, 'fr', style)}"
    return f"{number(d, 'es') if style else ordinal_day(d, 'es')} de {month} de {year(y, 'es')}"
