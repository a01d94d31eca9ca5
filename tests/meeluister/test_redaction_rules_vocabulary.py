"""The spoken-number vocabularies, checked against each language's own way of writing 0-99 (and the
day ordinals 1-31), spelled here from the grammar, not read from the code. The builders run once
at import; calling them here tests what they build (a mutation test cannot reach them otherwise).
Words are the tokens speech recognition writes: a hyphenated number is its words in order."""
from __future__ import annotations

from meeluister.redaction import numberwords, spoken

NL_UNITS = ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
NL_TEENS = ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
            "negentien"]
NL_TENS = {2: "twintig", 3: "dertig", 4: "veertig", 5: "vijftig", 6: "zestig", 7: "zeventig", 8: "tachtig",
           9: "negentig"}


def nl(n: int) -> list[tuple[str, ...]]:
    """Dutch: units before tens, joined by "en" ("ën" after a vowel e: "tweeëntwintig"), in one
    word or said as three."""
    if n < 10:
        return [(NL_UNITS[n],)]
    if n < 20:
        return [(NL_TEENS[n - 10],)]
    t, u = divmod(n, 10)
    if u == 0:
        return [(NL_TENS[t],)]
    unit = NL_UNITS[u]
    conj = "ën" if unit.endswith("e") else "en"
    return [(unit + conj + NL_TENS[t],), (unit, conj, NL_TENS[t])]


EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"]
EN_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def en(n: int) -> tuple[str, ...]:
    if n < 10:
        return (EN_UNITS[n],)
    if n < 20:
        return (EN_TEENS[n - 10],)
    t, u = divmod(n, 10)
    return (EN_TENS[t],) if u == 0 else (EN_TENS[t], EN_UNITS[u])


FR_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
FR_TEENS = [("dix",), ("onze",), ("douze",), ("treize",), ("quatorze",), ("quinze",), ("seize",), ("dix", "sept"),
            ("dix", "huit"), ("dix", "neuf")]
FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def fr(n: int) -> tuple[str, ...]:
    """French (France): "vingt et un", "soixante et onze", "quatre-vingts", "quatre-vingt-un"."""
    if n < 10:
        return (FR_UNITS[n],)
    if n < 20:
        return FR_TEENS[n - 10]
    if n < 70:
        t, u = divmod(n, 10)
        return (FR_TENS[t],) if u == 0 else (FR_TENS[t], "et", "un") if u == 1 else (FR_TENS[t], FR_UNITS[u])
    if n < 80:
        return ("soixante", "et", "onze") if n == 71 else ("soixante",) + FR_TEENS[n - 70]
    if n == 80:
        return ("quatre", "vingts")
    if n < 90:
        return ("quatre", "vingt", FR_UNITS[n - 80])
    return ("quatre", "vingt") + FR_TEENS[n - 90]


def fr_be(n: int) -> tuple[str, ...]:
    """Belgian and Swiss French: septante, huitante / octante, nonante for 70-99."""
    t, u = divmod(n, 10)
    word = {7: "septante", 8: "huitante", 9: "nonante"}[t]
    return (word,) if u == 0 else (word, "et", "un") if u == 1 else (word, FR_UNITS[u])


ES_WORDS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
            "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte",
            "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete",
            "veintiocho", "veintinueve"]
ES_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}


def es(n: int) -> tuple[str, ...]:
    if n < 30:
        return (ES_WORDS[n],)
    t, u = divmod(n, 10)
    return (ES_TENS[t],) if u == 0 else (ES_TENS[t], "y", ES_WORDS[u])


def _check(vocab: dict[tuple[str, ...], int], spelled: dict[tuple[str, ...], int]) -> None:
    wrong = {k: (vocab.get(k), v) for k, v in spelled.items() if vocab.get(k) != v}
    assert not wrong, wrong
    assert all(0 <= v <= 99 for v in vocab.values())


def test_dutch_zero_to_ninety_nine():
    vocab = numberwords._nl()
    _check(vocab, {k: n for n in range(100) for k in nl(n)})
    assert vocab[("één",)] == vocab[("eén",)] == 1 and vocab[("één",)] == 1
    assert ("nulentwintig",) not in vocab and ("nul", "en", "twintig") not in vocab  # no zero-and-twenty
    # every unit with every ten, in one word and in three, with either spelling of "en"
    # 12 unit words (three spellings of one), 10 teens, 8 tens; each of the 11 non-zero unit words
    # with each ten, glued and as three words, with "en" and with "ën"
    assert len(vocab) == 12 + 10 + 8 + 11 * 8 * 2 * 2


def test_english_zero_to_ninety_nine():
    vocab = numberwords._en()
    _check(vocab, {en(n): n for n in range(100)})
    assert vocab[("oh",)] == 0 and vocab[("fourty", "two")] == 42 and vocab[("fourty",)] == 40
    assert ("twenty", "zero") not in vocab and ("twenty", "oh") not in vocab


def test_french_zero_to_ninety_nine_and_the_belgian_tens():
    vocab = numberwords._fr()
    _check(vocab, {fr(n): n for n in range(100)})
    _check(vocab, {fr_be(n): n for n in range(70, 100)})
    assert vocab[("quatre", "vingt")] == 80 and vocab[("octante", "deux")] == 82
    assert vocab[("vingt", "et", "une")] == 21 and vocab[("vingt", "un")] == 21
    assert vocab[("quatre", "vingt", "et", "un")] == 81 and vocab[("zero",)] == 0
    assert ("vingt", "zéro") not in vocab and ("vingt", "et", "deux") not in vocab


def test_spanish_zero_to_ninety_nine():
    vocab = numberwords._es()
    _check(vocab, {es(n): n for n in range(100)})
    assert vocab[("una",)] == vocab[("un",)] == 1 and vocab[("treinta", "y", "una")] == 31
    assert vocab[("veintidos",)] == 22 and vocab[("dieciseis",)] == 16 and vocab[("veintiún",)] == 21
    assert ("treinta", "y", "cero") not in vocab


EN_ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
          "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth", "twentieth"]
NL_ORD = ["eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende",
          "elfde", "twaalfde", "dertiende", "veertiende", "vijftiende", "zestiende", "zeventiende", "achttiende",
          "negentiende", "twintigste"]


def test_day_ordinals_one_to_thirty_one():
    vocab = numberwords._ordinals()
    spelled = {(w,): i + 1 for i, w in enumerate(EN_ORD)} | {(w,): i + 1 for i, w in enumerate(NL_ORD)}
    spelled |= {("twenty", EN_ORD[d - 1]): 20 + d for d in range(1, 10)} | {("thirtieth",): 30,
                                                                          ("thirty", "first"): 31}
    for d in range(1, 10):
        unit = NL_UNITS[d]
        spelled[(unit + ("ën" if unit.endswith("e") else "en") + "twintigste",)] = 20 + d
    spelled |= {("dertigste",): 30, ("eenendertigste",): 31, ("premier",): 1, ("première",): 1, ("primero",): 1,
                ("1er",): 1}
    _check(vocab, spelled)
    assert all(1 <= v <= 31 for v in vocab.values())
    assert ("thirty", "second") not in vocab and ("tweeëndertigste",) not in vocab  # no 32nd day
    assert ("eenendertigste",) in vocab and ("eenëndertigste",) in vocab
