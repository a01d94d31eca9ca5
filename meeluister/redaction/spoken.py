"""Spoken numbers, as speech recognition writes them, turned into digits before matching.

"nul zes twaalf vierendertig zesenvijftig achtenzeventig" -> "0612345678",
"zero six one two, double three ...", "plus drie een zes ..." -> "+316...",
"zéro six douze trente-quatre cinquante-six soixante-dix-huit", "cero seis doce treinta y cuatro",
"negentienvierentachtig" / "nineteen eighty-four" -> "1984", "dos mil cinco" -> "2005".

Vocabulary, nl/en/fr/es: the digit words, teens and tens and every number to 99 in each
language's own way of forming it (Dutch units-"en"-tens in one word, "thirty four"/"thirty-four",
"trente-quatre", "soixante-dix-huit", "quatre-vingt-douze", "vingt et un", Belgian "septante" and
"nonante", "treinta y cuatro", "veintidós"), hundreds and thousands ("vijfhonderd", "hundred and
five", "mille", "novecientos"), "dubbel/double/doble/triple" before a digit (also the first word
said), and "plus" for "+". "sept" is the month only with a year after it ("12 sept. 1984").
Dutch glues numbers into one word ("negentienhonderdvierentachtig"): such a word is split into
the numbers it is made of.

Numbers that follow each other (separated by spaces, hyphens, or commas between words) form a
run; each number's digits are written one after the other, so a run reads as the digit string it
was dictated as. The result is a `Normalised`: the new text plus where each of its characters
came from in the original, so a match in the digits maps back to the words that were said. A run
of written digits only ("06 12 34 56 78") is left as written (its grouping matters); a lone digit
word ("een", "one", "un") is left too unless a month is next to it ("drie maart", "april sixth").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from meeluister.redaction.months import MONTH_AHEAD, MONTH_BEHIND, month_number

# --- vocabulary -----------------------------------------------------------------------------------


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
_MAX_PHRASE = max(len(k) for k in (*NUMBERS, *ORDINALS))
# Every word the vocabulary uses, for the quick test that skips text without any.
VOCABULARY: frozenset[str] = frozenset(
    {w for k in (*NUMBERS, *ORDINALS) for w in k} | HUNDRED | THOUSAND | set(HUNDREDS) | set(REPEAT) | PLUS
)
SINGLE_WORDS = {k[0]: v for k, v in NUMBERS.items() if len(k) == 1}
_FIRST_WORDS = frozenset(k[0] for k in (*NUMBERS, *ORDINALS))
# Digit words alone ("een" is also the article): not enough to make the text worth a full pass.
_WEAK_WORDS = frozenset(k[0] for k, v in (*NUMBERS.items(), *ORDINALS.items()) if len(k) == 1 and v < 10) | CONJ
_MORPHEMES = sorted(set(SINGLE_WORDS) | HUNDRED | THOUSAND | set(HUNDREDS), key=len, reverse=True)
# Tens and a unit said as two words ("twenty one", "trente quatre"): 21 and 34 when counted in
# pairs, but 20 and 1 when a group ends in a ten ("plus twenty, one one four ..." for +20 114...,
# "ninety one nine six" for 90 196). The second reading is `alternative()`'s.
_EN_TENS = ("twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety")
_FR_TENS = ("vingt", "trente", "quarante", "cinquante", "soixante", "septante", "huitante", "octante", "nonante")
SPLITTABLE = frozenset(
    {(t, u) for t in _EN_TENS for u in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}
    | {(t, u) for t in _FR_TENS for u in ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")}
)


@lru_cache(maxsize=8192)
def split_compound(word: str) -> tuple[tuple[str, int], ...] | None:
    """A lower-case word made only of number words, as (kind, value) parts: "negentienvierentachtig"
    -> (("n", 19), ("n", 84)); "vijfhonderd" -> (("n", 5), ("h", 100)). None when it is not."""
    if not word or not word.isalpha():
        return None
    for m in _MORPHEMES:
        if word.startswith(m):
            rest = word[len(m):]
            tail = split_compound(rest) if rest else ()
            if tail is None:
                continue
            if m in HUNDRED:
                part = ("h", 100)
            elif m in THOUSAND:
                part = ("k", 1000)
            elif m in HUNDREDS:
                part = ("H", HUNDREDS[m])
            else:
                part = ("n", SINGLE_WORDS[m])
            return (part,) + tail
    return None


# --- the text and where it came from ---------------------------------------------------------------


@dataclass(frozen=True)
class Normalised:
    """`text` with spoken numbers as digits; `pieces` are the rewritten parts, as (start in
    `text`, end in `text`, start in the original, end in the original), in order."""

    text: str
    original: str
    pieces: tuple[tuple[int, int, int, int], ...] = ()
    # Another reading may hold a number this one misses ("twenty one" as 20 1, a lone digit
    # word between spelled letters): `alternative()` gives it.
    ambiguous: str = ""  # "l": a lone digit word between letters, "s": a tens-unit split, or both
    _starts: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p[0] for p in self.pieces))

    @property
    def starts(self) -> tuple[int, ...]:
        """The pieces' starts in `text`, for bisect."""
        return self._starts

    def _map(self, i: int, end: bool) -> int:
        """The original offset of character i of `text`; `end`: the offset just after it."""
        k = bisect.bisect_right(self._starts, i) - 1
        if k >= 0 and i < self.pieces[k][1]:
            return self.pieces[k][3] if end else self.pieces[k][2]
        o = i if k < 0 else self.pieces[k][3] + (i - self.pieces[k][1])  # unchanged text after piece k
        return o + 1 if end else o

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for `text[start:end]` (end exclusive; a part of a rewritten
        number maps to the whole number as said)."""
        if not self.pieces:
            return start, end
        a = self._map(start, False)
        return a, (self._map(end - 1, True) if end > start else a)


_WORD = re.compile(r"\w+")
_SEP_WORDS = re.compile(r"[\s\-,]*")  # between two number words
_SEP_DIGITS = re.compile(r"[\s\-]*")  # where one side is written digits


@dataclass
class _Item:
    kind: str  # n number word(s), d written digits, h hundred, H a Spanish hundreds word, k thousand,
    #            r repeat (double), p plus, c conjunction
    value: int | str
    start: int
    end: int


_AFTER_ABBREVIATION = re.compile(r"\.?\s*(?:(\d{4}(?!\d)|'\d\d(?!\d))|(\w+))")  # a year: "1984", "'84"


def _year_after(lower: str, end: int) -> bool:
    """A month abbreviation that is also a number word ("sept") is the month when a year follows
    it ("12 sept. 1984", "12 sept. negentienvierentachtig"); at the end of a sentence ("...
    cinquante-six sept.") it is the number."""
    m = _AFTER_ABBREVIATION.match(lower, end)
    if m is None:
        return False
    if m.group(1):
        return True
    word = m.group(2)
    return lower.startswith(".", end) and (word in VOCABULARY or split_compound(word) is not None)


def _items(text: str, lower: str, split_tens: bool = False) -> list[list[_Item]]:
    """The runs of number items in `text`, each a list of items in order (`split_tens`: "twenty
    one" as 20 and 1)."""
    words = [(m.start(), m.end(), lower[m.start():m.end()]) for m in _WORD.finditer(lower)]
    runs: list[list[_Item]] = []
    run: list[_Item] = []
    i = 0
    while i < len(words):
        s, e, w = words[i]
        got: list[_Item] = []
        used = 1
        if w.isdigit():
            got = [_Item("d", text[s:e], s, e)]
        else:
            for n in range(min(_MAX_PHRASE, len(words) - i) if w in _FIRST_WORDS else 0, 0, -1):
                key = tuple(x[2] for x in words[i:i + n])
                end = words[i + n - 1][1]
                if split_tens and n == 2 and key in SPLITTABLE and lower[words[i][1]] != "-":
                    continue
                if (key in NUMBERS or key in ORDINALS) \
                        and all(_SEP_DIGITS.fullmatch(lower, words[i + j][1], words[i + j + 1][0]) for j in range(n - 1)) \
                        and not (n > 1 and lower.startswith("-", end) and i + n < len(words)
                                 and words[i + n][0] == end + 1):
                    # (a phrase never ends inside a hyphenated word: "quarante quatre-vingt-douze" is 40 92)
                    kind = "n" if key in NUMBERS else "o"
                    got = [_Item(kind, NUMBERS.get(key, ORDINALS.get(key, 0)), s, end)]
                    used = n
                    break
            month = bool(got) and used == 1 and month_number(w) is not None and _year_after(lower, e)
            if month:
                got = []  # a month abbreviation that is also a number word: "12 sept. 1984"
            elif not got:
                if w in REPEAT:
                    got = [_Item("r", REPEAT[w], s, e)]
                elif w in PLUS:
                    got = [_Item("p", "+", s, e)]
                elif w in CONJ and run and run[-1].kind in "hk":
                    got = [_Item("c", 0, s, e)]  # "hundred and five"
                else:
                    parts = split_compound(w)
                    if parts:
                        got = [_Item(k, v, s, e) for k, v in parts]
        if got and run:
            prev = run[-1]
            sep = _SEP_DIGITS if "d" in (prev.kind, got[0].kind) else _SEP_WORDS
            if not sep.fullmatch(lower, prev.end, got[0].start):
                runs.append(run)
                run = []
        if got and got[0].kind == "o":  # an ordinal is a day: a number of its own
            if run:
                runs.append(run)
            runs.append(got)
            run = []
        elif got:
            run.extend(got)
        elif run:
            runs.append(run)
            run = []
        i += used
    if run:
        runs.append(run)
    return runs


def _numbers(run: list[_Item]) -> list[tuple[str, int, int]]:
    """One run of items -> the numbers said, as (digits, start, end) in the original."""
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(run)
    while i < n:
        it = run[i]
        if it.kind == "d":
            out.append((str(it.value), it.start, it.end))
            i += 1
        elif it.kind == "p":
            if i + 1 < n and run[i + 1].kind in "ndhHk":
                out.append(("+", it.start, it.end))
            i += 1
        elif it.kind == "r":
            if i + 1 < n and run[i + 1].kind in "nd" and len(str(run[i + 1].value)) == 1:
                digits = str(run[i + 1].value) * int(it.value)
                out.append((digits, it.start, run[i + 1].end))
                i += 2
            else:
                i += 1
        elif it.kind == "o":
            out.append((str(it.value), it.start, it.end))
            i += 1
        elif it.kind in "nhHk":
            value, j = _compose(run, i)
            out.append((str(value), it.start, run[j - 1].end))
            i = j
        else:  # a conjunction that does not join a hundred or thousand to what follows
            i += 1
    return out


def _below_thousand(run: list[_Item], j: int) -> tuple[int | None, int]:
    """A number below a thousand from run[j]: "vijf honderd (en) vijfenvijftig" = 555, "novecientos
    ochenta y cuatro" = 984, "negentien honderd" = 1900, or a bare number word."""
    n = len(run)
    it = run[j]
    if it.kind == "n":
        value, j = int(it.value), j + 1
        if not (j < n and run[j].kind == "h") or (value == 1 and it.end - it.start == 2):
            return value, j  # "un cent douze" is 1 112: only "one hundred", "een honderd" multiply
        value, j = value * 100, j + 1
    elif it.kind == "h":
        value, j = 100, j + 1
    elif it.kind == "H":
        value, j = int(it.value), j + 1
    else:
        return None, j
    if j < n and run[j].kind == "c":
        j += 1
    if j < n and run[j].kind == "n":
        value, j = value + int(run[j].value), j + 1
    return value, j


def _compose(run: list[_Item], i: int) -> tuple[int, int]:
    """The number that starts at run[i] ("two thousand and five" = 2005) and the index after it."""
    n = len(run)
    value, j = _below_thousand(run, i)
    if j < n and run[j].kind == "k":
        total, j = (1 if value is None else value) * 1000, j + 1
        if j < n and run[j].kind == "c":
            j += 1
        if j < n:
            rest, k = _below_thousand(run, j)
            if rest is not None:
                total, j = total + rest, k
        return total, j
    return (0 if value is None else value), max(j, i + 1)


def _worth_a_pass(ws: list[str]) -> bool:
    """Whether the words can hold a number to rewrite: a number word next to another or to
    written digits, one that is more than a digit ("twaalf", "negentienvierentachtig"), or a
    digit word with a month in the text ("drie maart")."""
    prev = False  # the word before was a number (word or digits)
    month = weak = False
    for w in ws:
        if w.isdigit():
            if prev == "w":
                return True
            prev = "d"
            continue
        if w in CONJ:
            continue  # "en", "and", "et", "y" join numbers but are none themselves
        if w in VOCABULARY or split_compound(w) is not None:
            if w not in _WEAK_WORDS:
                return True
            if prev:
                return True
            prev, weak = "w", True
            continue
        if month_number(w) is not None:
            month = True
        prev = False
    return month and weak


_SPLIT = re.compile(r"(?<![\w-])(?:" + "|".join(_EN_TENS + _FR_TENS) + r")\s+(?:"
                    + "|".join(sorted({u for _t, u in SPLITTABLE})) + r")(?![\w-])")
_LETTER_BEFORE = re.compile(r"(?<!\w)[^\W\d_],?\s+$")
_LETTER_AFTER = re.compile(r"\s*,?\s+[^\W\d_](?!\w)")


def normalise(text: str, *, lone: bool = False, split: bool = False) -> Normalised:
    """`text` with every spoken number written as digits (see the module docstring). Other
    readings: `lone`, every lone digit word as a digit ("n l acht i n g b ..."); `split`, tens
    and a unit said as two words as two numbers ("twenty one" 20 1)."""
    alternative = lone or split
    lower = text.lower()
    if not _worth_a_pass(_WORD.findall(lower)):
        return Normalised(text, text)
    pieces: list[tuple[int, int, int, int]] = []
    out: list[str] = []
    pos = 0  # in the original
    npos = 0  # in the new text
    ambiguous = False
    for run in _items(text, lower, split):
        while run and (run[0].kind == "c" or (run[0].kind == "r" and (len(run) == 1 or run[1].kind not in "nd"))
                       or (run[0].kind == "p" and len(run) == 1)):
            run = run[1:]  # (a leading "dubbel" before a digit stays: "dubbel vijf een ...")
        if len(run) > 1 and run[0].kind == "n" and lower[run[0].start:run[0].end] in ARTICLES \
                and run[1].kind == "d":
            run = run[1:]  # "een 06-nummer"
        if not run or all(it.kind == "d" for it in run):
            continue
        numbers = _numbers(run)
        if not numbers:
            continue
        if len(numbers) == 1 and run[0].kind in "no" and int(run[0].value) < 10 and len(run) == 1 \
                and not MONTH_AHEAD.match(text, run[-1].end) \
                and not MONTH_BEHIND.search(text, max(0, run[0].start - 16), run[0].start):
            if not lone:
                # a lone digit word: often an article ("een", "un", "one"); between spelled
                # letters ("n l acht i n g b") the `lone` reading takes it as a digit
                ambiguous = ambiguous or bool(_LETTER_BEFORE.search(lower, max(0, run[0].start - 4), run[0].start)
                                              or _LETTER_AFTER.match(lower, run[0].end))
                continue
        start, end = numbers[0][1], numbers[-1][2]
        out.append(text[pos:start])
        npos += start - pos
        for digits, s, e in numbers:
            pieces.append((npos, npos + len(digits), s, e))
            out.append(digits)
            npos += len(digits)
        pos = end
    flags = "" if alternative else ("l" if ambiguous else "") + ("s" if _SPLIT.search(lower) else "")
    if not pieces:
        return Normalised(text, text, (), flags)
    out.append(text[pos:])
    return Normalised("".join(out), text, tuple(pieces), flags)


def alternatives(doc: Normalised) -> list[Normalised]:
    """The other readings of `doc`'s original (see `normalise`) that differ from it: lone digit
    words as digits, and that with tens and units apart."""
    out: list[Normalised] = []
    for lone, split in ((True, False), (True, True)):
        if (lone and not split and "l" not in doc.ambiguous) or (split and "s" not in doc.ambiguous):
            continue
        alt = normalise(doc.original, lone=lone, split=split)
        if alt.text != doc.text and all(alt.text != o.text for o in out):
            out.append(alt)
    return out
