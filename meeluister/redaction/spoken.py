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
said) and "drie keer"/"deux fois"/"tres veces" before one, and "plus" for "+" (the words are in
`numberwords`). "sept" is the month only with a year after it ("12 sept. 1984"); a hesitation
("eh", "uh", "euh") inside a number said does not end it. Where a text can be read two ways
("twenty one" as 21 or as 20 1; a lone digit word between spelled letters, "n l acht i n g b"),
`alternatives()` gives the other readings, for the numbers a checksum or a plan decides.
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
from meeluister.redaction.numberwords import (  # noqa: F401 (the vocabulary, also for the pre-filter)
    ARTICLES, CONJ, HUNDRED, HUNDREDS, MAX_PHRASE, NUMBERS, ORDINALS, PLUS, REPEAT, SPLITTABLE,
    THOUSAND, VOCABULARY,
)

SINGLE_WORDS = {k[0]: v for k, v in NUMBERS.items() if len(k) == 1}
_FIRST_WORDS = frozenset(k[0] for k in (*NUMBERS, *ORDINALS))
# Digit words alone ("een" is also the article): not enough to make the text worth a full pass.
_WEAK_WORDS = frozenset(k[0] for k, v in (*NUMBERS.items(), *ORDINALS.items()) if len(k) == 1 and v < 10) | CONJ
_MORPHEMES = sorted(set(SINGLE_WORDS) | HUNDRED | THOUSAND | set(HUNDREDS), key=len, reverse=True)


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
# Hesitations a transcript keeps inside a number said ("nul zes eh twaalf ...", "one two three uh
# four"): they do not end the number.
FILLERS = frozenset({"eh", "ehm", "euh", "uh", "uhm", "um", "hm", "hmm", "mm"})
_FILLER = r"(?<!\w)(?:" + "|".join(sorted(FILLERS, key=len, reverse=True)) + r")(?!\w)"
_SEP_WORDS = re.compile(r"[\s\-,]*")  # between two number words
_SEP_DIGITS = re.compile(r"[\s\-]*")  # where one side is written digits (and inside a phrase)
_SEP_WORDS_FILLED = re.compile(rf"(?:[\s\-,]|{_FILLER})*")
_SEP_DIGITS_FILLED = re.compile(rf"(?:[\s\-]|{_FILLER})*")
# "drie keer een", "deux fois cinq", "tres veces cero": a digit said two or three times.
TIMES = frozenset({"keer", "maal", "fois", "veces", "times"})


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


def _items(text: str, lower: str, split_tens: bool = False, seen: list[str] | None = None) -> list[list[_Item]]:
    """The runs of number items in `text`, each a list of items in order (`split_tens`: "twenty
    one" as 20 and 1; `seen` gets "s" when such a pair was read as one number)."""
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
            for n in range(min(MAX_PHRASE, len(words) - i) if w in _FIRST_WORDS else 0, 0, -1):
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
                    if seen is not None and n == 2 and key in SPLITTABLE and lower[words[i][1]] != "-":
                        seen.append("s")
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
            digit = "d" in (prev.kind, got[0].kind)
            if not (_SEP_DIGITS if digit else _SEP_WORDS).fullmatch(lower, prev.end, got[0].start) \
                    and not (_SEP_DIGITS_FILLED if digit else _SEP_WORDS_FILLED).fullmatch(lower, prev.end, got[0].start):
                runs.append(run)
                run = []
        if got and got[0].kind == "o":  # an ordinal is a day: a number of its own
            if run:
                runs.append(run)
            runs.append(got)
            run = []
        elif got:
            run.extend(got)
        elif run and w in FILLERS:
            pass  # the next number decides whether the run goes on (its separator test)
        elif run and w in TIMES and run[-1].kind == "n" and run[-1].value in (2, 3) \
                and run[-1].end - run[-1].start <= 5 and i + 1 < len(words) \
                and SINGLE_WORDS.get(words[i + 1][2], 10) < 10:
            run[-1] = _Item("r", run[-1].value, run[-1].start, e)  # "drie keer een" is 111
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
    seen: list[str] = []
    for run in _items(text, lower, split, seen):
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
    flags = "" if alternative else ("l" if ambiguous else "") + ("s" if seen else "")
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
