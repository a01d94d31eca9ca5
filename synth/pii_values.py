"""Personal values and their look-alikes, built from the formats' own definitions (for `synth.pii_set`).

Nothing here knows how the project redacts; every value is made from its standard:

* BSN: 9 digits whose 11-proef (weights 9..2 and -1) is divisible by 11; look-alikes fail it.
* IBAN: ISO 13616 check digits by ISO 7064 mod 97-10 over BBAN + country + "00" (letters A=10 ..
  Z=35); the BBAN from the national layouts (NL 4-letter bank code + 10 digits; BE 3+7+2 with the
  national mod 97 key; DE 8-digit BLZ + 10; FR bank 5 + branch 5 + account 11 + RIB key;
  ES bank 4 + branch 4 + 2 CCC digits (weights 1,2,4,8,5,10,9,7,3,6) + 10; GB 4 letters + 6 + 8).
* Phone numbers: the Dutch numbering plan (06 mobile + 8 digits, 2-digit area codes + 7 digits,
  3-digit area codes + 6 digits, trunk 0 dropped after +31/0031) and E.164 forms for BE, FR, ES,
  GB, DE and NANP ("(212) 555-01xx", NXX with N 2-9).
* Postcodes: 4 digits 1000-9999 and two letters without F, I, O, Q, U, Y and without the pairs
  SA, SD, SS (not issued).
* Spoken forms: number words for 0-99 in nl/en/fr/es as a recogniser writes them.
"""
from __future__ import annotations

import random

# --- number words ---------------------------------------------------------------------------

_NL = ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"]
_NL_T = {2: "twintig", 3: "dertig", 4: "veertig", 5: "vijftig", 6: "zestig", 7: "zeventig", 8: "tachtig", 9: "negentig"}
_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_T = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
_FR = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
_FR_T = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
_ES = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"]
_ES_T = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}
DOUBLE = {"nl": "dubbel", "en": "double", "fr": "double", "es": "doble"}
PLUS = {"nl": "plus", "en": "plus", "fr": "plus", "es": "más"}


def number_words(n: int, lang: str) -> str:
    """0 <= n <= 99 as a recogniser writes it ("vierendertig", "thirty four", "soixante-dix-huit")."""
    if not 0 <= n <= 99:
        raise ValueError(n)
    t, u = divmod(n, 10)
    if lang == "nl":
        if n < 20:
            return _NL[n]
        if u == 0:
            return _NL_T[t]
        unit = _NL[u]
        return unit + ("ën" if unit.endswith("e") else "en") + _NL_T[t]
    if lang == "en":
        if n < 20:
            return _EN[n]
        return _EN_T[t] + ("" if u == 0 else " " + _EN[u])
    if lang == "fr":
        if n < 20:
            return _FR[n]
        if t in (7, 9):
            base = "soixante" if t == 7 else "quatre-vingt"
            rest = n - (60 if t == 7 else 80)
            if rest == 11 and t == 7:
                return "soixante et onze"
            return base + "-" + _FR[rest]
        if t == 8:
            return "quatre-vingts" if u == 0 else "quatre-vingt-" + _FR[u]
        if u == 0:
            return _FR_T[t]
        if u == 1:
            return _FR_T[t] + " et un"
        return _FR_T[t] + "-" + _FR[u]
    if lang == "es":
        if n < 30:
            return _ES[n]
        return _ES_T[t] + ("" if u == 0 else " y " + _ES[u])
    raise ValueError(lang)


def year_words(y: int, lang: str) -> str:
    """A birth year 1930-1999 spoken ("negentien vierentachtig", "mille neuf cent quatre-vingt-quatre")."""
    if not 1930 <= y <= 1999:
        raise ValueError(y)
    rest = y - 1900
    return {"nl": "negentien ", "en": "nineteen ", "fr": "mille neuf cent ", "es": "mil novecientos "}[lang] + number_words(rest, lang)


def spoken_digits(digits: str, lang: str, rng: random.Random, style: str | None = None) -> str:
    """Digits as words: one by one, in pairs ("nul zes twaalf vierendertig"), or with "dubbel"."""
    style = style or rng.choice(("single", "pairs", "double"))
    words: list[str] = []
    if style == "pairs":
        i = 0
        while i < len(digits):
            pair = digits[i:i + 2]
            if len(pair) == 2 and pair[0] != "0":
                words.append(number_words(int(pair), lang))
            else:
                words.extend(number_words(int(d), lang) for d in pair)
            i += 2
        return " ".join(words)
    i = 0
    while i < len(digits):
        if style == "double" and i + 1 < len(digits) and digits[i] == digits[i + 1]:
            words.append(DOUBLE[lang] + " " + number_words(int(digits[i]), lang))
            i += 2
            continue
        words.append(number_words(int(digits[i]), lang))
        i += 1
    return " ".join(words)


# --- BSN ------------------------------------------------------------------------------------

def elfproef(digits: str) -> bool:
    """The BSN 11-proef on 9 digits (8 digits: a leading zero is implied)."""
    d = digits.zfill(9)
    if len(d) != 9 or not d.isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(d[:8], range(9, 1, -1))) - int(d[8])
    return total % 11 == 0 and d != "000000000"


def make_bsn(rng: random.Random, leading_zero: bool = False) -> str:
    while True:
        head = ("0" if leading_zero else str(rng.randint(1, 9))) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        s = sum(int(c) * w for c, w in zip(head, range(9, 1, -1)))
        last = s % 11
        if last <= 9:
            return head + str(last)


def make_not_bsn(rng: random.Random) -> str:
    while True:
        d = str(rng.randint(100_000_000, 999_999_999))
        if not elfproef(d):
            return d


# --- IBAN -----------------------------------------------------------------------------------

def _letters_to_digits(s: str) -> str:
    return "".join(str(int(c, 36)) for c in s)


def iban_check_digits(country: str, bban: str) -> str:
    return f"{98 - int(_letters_to_digits(bban + country + '00')) % 97:02d}"


def random_digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


_NL_BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")
_BE_BANKS = ("001", "068", "091", "310", "363", "630", "735", "750", "979", "143")
_GB_BANKS = ("NWBK", "BARC", "LOYD", "MIDL", "HBUK")
_ES_W = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)


def _ccc_digit(ten: str) -> str:
    d = 11 - sum(int(c) * w for c, w in zip(ten, _ES_W)) % 11
    return str({11: 0, 10: 1}.get(d, d))


def make_bban(country: str, rng: random.Random) -> str:
    if country == "NL":
        return rng.choice(_NL_BANKS) + random_digits(rng, 10)
    if country == "BE":
        head = rng.choice(_BE_BANKS) + random_digits(rng, 7)
        return head + f"{int(head) % 97 or 97:02d}"
    if country == "DE":
        return str(rng.randint(1, 8)) + random_digits(rng, 17)
    if country == "FR":
        bank, branch, acct = random_digits(rng, 5), random_digits(rng, 5), random_digits(rng, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        return bank + branch + acct + f"{key:02d}"
    if country == "ES":
        bank, branch, acct = random_digits(rng, 4), random_digits(rng, 4), random_digits(rng, 10)
        return bank + branch + _ccc_digit("00" + bank + branch) + _ccc_digit(acct) + acct
    if country == "GB":
        return rng.choice(_GB_BANKS) + random_digits(rng, 14)
    raise ValueError(country)


def make_iban(country: str, rng: random.Random) -> str:
    bban = make_bban(country, rng)
    return country + iban_check_digits(country, bban) + bban


def make_bad_iban(country: str, rng: random.Random) -> str:
    """IBAN-shaped, with check digits that mod 97 rejects."""
    good = make_iban(country, rng)
    while True:
        cd = f"{rng.randint(2, 98):02d}"
        if cd != good[2:4]:
            return good[:2] + cd + good[4:]


def group4(s: str, sep: str = " ") -> str:
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


# --- phone numbers --------------------------------------------------------------------------

NL_AREA_2 = ("10", "13", "15", "20", "23", "24", "26", "30", "33", "35", "36", "38", "40", "43", "45", "46", "50", "53", "55", "58", "70", "71", "72", "73", "74", "76", "77", "78", "79")
NL_AREA_3 = ("411", "592", "318", "493", "511", "566", "172", "252", "299", "342", "413", "481", "570", "320")


def nl_subscriber(rng: random.Random, n: int) -> str:
    return str(rng.randint(2, 9)) + random_digits(rng, n - 1)


NANP_AREAS = ("212", "312", "415", "617", "202", "305", "713", "206", "646", "718", "416", "604")


def nanp(rng: random.Random) -> tuple[str, str, str]:
    """An assigned NANP area code, exchange 555, line 0100-0199 (the range set aside for fiction)."""
    return rng.choice(NANP_AREAS), "555", "01" + random_digits(rng, 2)


# --- postcodes, e-mail ----------------------------------------------------------------------

_PC_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
NOT_ISSUED = frozenset({"SA", "SD", "SS"})


def make_postcode(rng: random.Random) -> tuple[str, str]:
    while True:
        pair = rng.choice(_PC_LETTERS) + rng.choice(_PC_LETTERS)
        if pair not in NOT_ISSUED:
            return str(rng.randint(1000, 9999)), pair


DOMAINS = {
    "nl": ("gmail.com", "hotmail.nl", "ziggo.nl", "kpnmail.nl", "outlook.com", "xs4all.nl", "student.uva.nl", "planet.nl", "mail.gemeente-utrecht.nl"),
    "en": ("gmail.com", "yahoo.co.uk", "outlook.com", "btinternet.com", "icloud.com", "mail.example.co.uk", "protonmail.ch"),
    "fr": ("gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "etu.univ-lyon1.fr"),
    "es": ("gmail.com", "yahoo.es", "hotmail.es", "telefonica.net", "outlook.es", "correo.ugr.es", "movistar.es"),
}
_PUBLIC_SUFFIXES = ("co.uk",)


def domain_label(domain: str) -> tuple[int, int]:
    """Start and end (in `domain`) of the registrable label: "gmail" in gmail.com, "example" in mail.example.co.uk."""
    labels = domain.split(".")
    k = 3 if any(domain.endswith(s) for s in _PUBLIC_SUFFIXES) else 2
    lab = labels[-k]
    start = len(".".join(labels[:-k])) + (1 if len(labels) > k else 0)
    return start, start + len(lab)
