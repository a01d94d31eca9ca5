"""The number words of nl/en/fr/es that `meeluister.redaction.spoken` reads as digits: every
number to 99 in each language's own way of forming it, day ordinals, hundreds and thousands,
"dubbel/double/doble/triple", "plus"/"más", and the tens-and-unit pairs that can also be two
numbers ("twenty one" as 20 1)."""
from __future__ import annotations

def _nl() -> dict[tuple[str, ...], int]:
    units = {"nul": 0, "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
             "zeven": 7, "acht": 8, "negen": 9}
    teens = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
             "zeventien": 17, "achttien": 18, "negentien": 19}
    tens = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
            "tachtig": 80, "negentig": 90}
    out = {(w,): v for w, v in (units | teens | tens).items()}
    for u, uv in units.items():
        if uv == 0:
            continue
        for t, tv in tens.items():
            for conj in ("en", "ën"):
                out[(u + conj + t,)] = uv + tv  # "vierendertig", "tweeëntwintig"
                out[(u, conj, t)] = uv + tv  # "vier en dertig"
    return out


def _en() -> dict[tuple[str, ...], int]:
    units = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9}
    teens = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
             "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
    tens = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
    out = {(w,): v for w, v in (units | teens | tens).items()}
    for t, tv in tens.items():
        for u, uv in units.items():
            if uv:
                out[(t, u)] = tv + uv
    return out


def _fr() -> dict[tuple[str, ...], int]:
    units = {"zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
             "sept": 7, "huit": 8, "neuf": 9}
    teens: dict[tuple[str, ...], int] = {("dix",): 10, ("onze",): 11, ("douze",): 12, ("treize",): 13,
                                         ("quatorze",): 14, ("quinze",): 15, ("seize",): 16,
                                         ("dix", "sept"): 17, ("dix", "huit"): 18, ("dix", "neuf"): 19}
    tens = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
            "septante": 70, "huitante": 80, "octante": 80, "nonante": 90}
    out = {(w,): v for w, v in units.items()} | dict(teens) | {(w,): v for w, v in tens.items()}

    def plus_units(head: tuple[str, ...], base: int) -> None:
        for u, uv in units.items():
            if uv == 1:
                out[head + ("et", u)] = base + 1  # "vingt et un"
                out[head + (u,)] = base + 1  # "quatre-vingt-un"
            elif uv:
                out[head + (u,)] = base + uv

    for t, tv in tens.items():
        plus_units((t,), tv)
    for teen, v in teens.items():  # 70-79 and 90-99: soixante-dix..., quatre-vingt-douze...
        out[("soixante",) + teen] = 60 + v
        out[("quatre", "vingt") + teen] = 80 + v
    out[("soixante", "et", "onze")] = 71
    out[("quatre", "vingts")] = out[("quatre", "vingt")] = 80
    plus_units(("quatre", "vingt"), 80)
    return out


def _es() -> dict[tuple[str, ...], int]:
    units = {"cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
             "siete": 7, "ocho": 8, "nueve": 9}
    teens = {"diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
             "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
             "veintiuno": 21, "veintiún": 21, "veintiun": 21, "veintidós": 22, "veintidos": 22, "veintitrés": 23,
             "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintiseis": 26,
             "veintisiete": 27, "veintiocho": 28, "veintinueve": 29}
    tens = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
            "noventa": 90}
    out = {(w,): v for w, v in (units | teens | tens).items()}
    for t, tv in tens.items():
        for u, uv in units.items():
            if uv:
                out[(t, "y", u)] = tv + uv
    return out


def _ordinals() -> dict[tuple[str, ...], int]:
    """Day ordinals 1-31 ("twentieth", "twenty third", "achtentwintigste", "premier", "primero"):
    a day is said so before or after a month."""
    en = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
          "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
          "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
          "twentieth": 20, "thirtieth": 30}
    out = {(w,): v for w, v in en.items()}
    for t, tv in (("twenty", 20), ("thirty", 30)):
        for w, v in en.items():
            if v < 10 and tv + v <= 31:
                out[(t, w)] = tv + v
    nl_units = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
                "achtste": 8, "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12, "dertiende": 13,
                "veertiende": 14, "vijftiende": 15, "zestiende": 16, "zeventiende": 17, "achttiende": 18,
                "negentiende": 19, "twintigste": 20, "dertigste": 30}
    out |= {(w,): v for w, v in nl_units.items()}
    units = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
    for u, uv in units.items():
        for conj in ("en", "ën"):
            out[(u + conj + "twintigste",)] = 20 + uv
            if uv == 1:
                out[(u + conj + "dertigste",)] = 31
    out |= {("premier",): 1, ("première",): 1, ("primero",): 1, ("1er",): 1}
    return out


ORDINALS: dict[tuple[str, ...], int] = _ordinals()
NUMBERS: dict[tuple[str, ...], int] = {**_es(), **_fr(), **_en(), **_nl()}  # nl "een" wins over none
# "honderd": times 100; "duizend": times 1000; the Spanish hundreds are words of their own.
HUNDRED = {"honderd", "hundred", "cent", "cents"}
THOUSAND = {"duizend", "thousand", "mille", "mil"}
HUNDREDS = {"cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
            "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
            "seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
            "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900}
REPEAT = {"dubbel": 2, "double": 2, "doble": 2, "triple": 3, "tripel": 3, "driedubbel": 3, "triple-": 3}
PLUS = {"plus", "más", "mas"}
CONJ = {"en", "and", "et", "y"}  # only between a hundred/thousand and what follows ("hundred and five")
ARTICLES = {"een", "one", "un", "une", "uno", "una"}  # "een 06-nummer": an article, not a digit
MAX_PHRASE = max(len(k) for k in (*NUMBERS, *ORDINALS))
# Every word the vocabulary uses, for the quick test that skips text without any.
VOCABULARY: frozenset[str] = frozenset(
    {w for k in (*NUMBERS, *ORDINALS) for w in k} | HUNDRED | THOUSAND | set(HUNDREDS) | set(REPEAT) | PLUS
)
# Tens and a unit said as two words ("twenty one", "trente quatre"): 21 and 34 when counted in
# pairs, but 20 and 1 when a group ends in a ten ("plus twenty, one one four ..." for +20 114...,
# "ninety one nine six" for 90 196). The second reading is `spoken.alternatives()`'s.
EN_TENS = ("twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety")
FR_TENS = ("vingt", "trente", "quarante", "cinquante", "soixante", "septante", "huitante", "octante", "nonante")
SPLITTABLE = frozenset(
    {(t, u) for t in EN_TENS for u in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}
    | {(t, u) for t in FR_TENS for u in ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")}
)
