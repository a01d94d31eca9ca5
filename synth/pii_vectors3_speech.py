"""Spoken renderings for the third vector set: values as a speech recogniser writes them.

Built on the languages' number grammar in `synth.pii_vectors_speech` (numbers, years, dates); the
groupings are this set's own: phone numbers digit by digit, in pairs, in the groups the caller
wrote them, with "double"/"triple", with English "oh"; "plus" or "nul nul" for the international
prefix; BSNs in triples or pairs; IBANs with the letters spelled and the check digits as a
number; e-mail addresses with "apenstaartje", "at", "arobase", "arroba", "punt", "dot", "point",
"punto", or the local part spelled letter by letter; postcodes in pairs or digit by digit.
Every function returns `(said, variant)`; no variant writes a digit except those named
`*-numerals`.
"""
from __future__ import annotations

import re

from synth import pii_vectors_speech as say

ZERO_ZERO = {"nl": "nul nul", "en": "double zero", "fr": "zéro zéro", "es": "cero cero"}
TRIPLE = {"nl": "drie keer", "en": "triple", "fr": "triple", "es": "triple"}
AT = {"nl": ("apenstaartje", "at"), "en": ("at", "at sign"), "fr": ("arobase", "at"), "es": ("arroba", "arroba")}
DOT = {"nl": "punt", "en": "dot", "fr": "point", "es": "punto"}
DASH = {"nl": "min", "en": "dash", "fr": "tiret", "es": "guion"}
UNDERSCORE = {"nl": "underscore", "en": "underscore", "fr": "tiret bas", "es": "guion bajo"}
PLUS_SIGN = {"nl": "plus", "en": "plus", "fr": "plus", "es": "más"}
DIGITS = "0123456789"


def unit(d: str, lang: str, oh: bool = False) -> str:
    return "oh" if oh and d == "0" else say.number(int(d), lang)


def digit_run(ds: str, lang: str, repeats: bool = False, oh: bool = False) -> str:
    """Digit by digit; with `repeats`, two or three equal digits become 'double'/'triple'."""
    out: list[str] = []
    i = 0
    while i < len(ds):
        j = i
        while j < len(ds) and ds[j] == ds[i]:
            j += 1
        run = j - i
        if repeats and run == 3 and lang != "nl":
            out.append(f"{TRIPLE[lang]} {unit(ds[i], lang, oh)}")
            i = j
            continue
        if repeats and run >= 2:
            out.append(f"{say.DOUBLE[lang]} {unit(ds[i], lang, oh)}")
            i += 2
            continue
        out.append(unit(ds[i], lang, oh))
        i += 1
    return " ".join(out)


def pairs(ds: str, lang: str) -> str:
    """Two digits at a time as a number; a pair with a leading zero is said digit by digit."""
    out = []
    for i in range(0, len(ds), 2):
        chunk = ds[i:i + 2]
        out.append(digit_run(chunk, lang) if len(chunk) == 1 or chunk[0] == "0" else say.number(int(chunk), lang))
    return " ".join(out)


def group(g: str, lang: str) -> str:
    """One written group: up to three digits without a leading zero as a number, longer ones in pairs."""
    if g[0] == "0" or len(g) == 1:
        return digit_run(g, lang)
    if len(g) <= 3:
        return say.number(int(g), lang)
    return pairs(g, lang) if len(g) % 2 == 0 else f"{say.number(int(g[:3]), lang)} {pairs(g[3:], lang)}"


def phone(value: str, lang: str, style: int, cc_len: int | None) -> tuple[str, str]:
    """A phone number as said. Styles: 0 digits, 1 pairs, 2 as-written groups, 3 double/triple, 4 oh."""
    v = value.strip()
    head = ""
    if v.startswith(("+", "00")) and cc_len:
        intl = v.startswith("+")
        ds = re.sub(r"\D", "", v)
        if not intl:
            ds = ds[2:]
        cc, ds_rest = ds[:cc_len], ds[cc_len:]
        prefix = PLUS_SIGN[lang] if intl else ZERO_ZERO[lang]
        head = f"{prefix} {say.number(int(cc), lang) if style in (1, 2) else digit_run(cc, lang)} "
        skip, pos = cc_len + (0 if intl else 2), 0
        while skip:  # the written text after the country code, for the as-written groups
            skip -= v[pos].isdigit()
            pos += 1
        rest = v[pos:].replace("(0)", "") if style == 2 else ds_rest
    else:
        rest = v
    ds = re.sub(r"\D", "", rest)
    if style == 0:
        return head + digit_run(ds, lang), "digits"
    if style == 1:
        lead = (2 if len(ds) % 2 == 0 else 1) if ds.startswith("0") else 0
        body = " ".join(x for x in (digit_run(ds[:lead], lang), pairs(ds[lead:], lang)) if x)
        return head + body, "pairs"
    if style == 2:
        groups = [g for g in re.split(r"\D+", rest) if g]
        return head + " ".join(group(g, lang) for g in groups), "written-groups"
    if style == 3:
        return head + digit_run(ds, lang, repeats=True), "double-triple"
    return head + digit_run(ds, lang, repeats=True, oh=lang == "en"), "oh-double" if lang == "en" else "double-triple"


def bsn(d: str, lang: str, style: int) -> tuple[str, str]:
    """A BSN as said. Styles: 0 digits, 1 three triples as numbers, 2 a digit then pairs, 3 numerals."""
    if style == 0:
        return digit_run(d, lang), "digits"
    if style == 1:
        return " ".join(group(d[i:i + 3], lang) for i in range(0, 9, 3)), "triples"
    if style == 2:
        return f"{digit_run(d[0], lang)} {pairs(d[1:], lang)}", "digit-pairs"
    return f"{d[:3]} {d[3:6]} {d[6:]}", "asr-numerals"


def iban(compact: str, lang: str, style: int) -> tuple[str, str]:
    """An IBAN as said: country letters spelled, check digits a number, then the BBAN in fours
    digit by digit (style 0), in pairs (style 1) or digit by digit with 'double' (style 2)."""
    country, check, bban = compact[:2], compact[2:4], compact[4:]
    out = [" ".join(country), say.number(int(check), lang) if check[0] != "0" else digit_run(check, lang)]
    for i in range(0, len(bban), 4):
        chunk = bban[i:i + 4]
        parts: list[str] = []
        for m in re.finditer(r"[A-Z]+|\d+", chunk):
            s = m.group(0)
            if s.isalpha():
                parts.append(" ".join(s))
            elif style == 1:
                parts.append(pairs(s, lang))
            else:
                parts.append(digit_run(s, lang, repeats=style == 2))
        out.append(" ".join(parts))
    return " ".join(out), ("groups-digits", "groups-pairs", "digits-double")[style]


def _spell_part(part: str, lang: str, letters: bool) -> str:
    words: list[str] = []
    for tok in re.finditer(r"[A-Za-z]+|\d+|.", part):
        s = tok.group(0)
        if s.isalpha():
            words.append(" ".join(s.lower()) if letters else s.lower())
        elif s.isdigit():
            words.append(digit_run(s, lang) if len(s) > 2 or s[0] == "0" else say.number(int(s), lang))
        elif s == ".":
            words.append(DOT[lang])
        elif s == "-":
            words.append(DASH[lang])
        elif s == "_":
            words.append(UNDERSCORE[lang])
        elif s == "+":
            words.append(PLUS_SIGN[lang])
        else:
            words.append(s)
    return " ".join(words)


def email(address: str, lang: str, style: int) -> tuple[str, str]:
    """An address as said: style 0 words ('jan punt de vries apenstaartje ...'), 1 the other word
    for '@', 2 the local part spelled letter by letter."""
    local, _, domain = address.rpartition("@")
    at = AT[lang][1 if style == 1 else 0]
    said = f"{_spell_part(local, lang, style == 2)} {at} {_spell_part(domain, lang, False)}"
    return said, ("words", "words-alt-at", "spelled-local")[style]


def postcode(pc: str, lang: str, style: int) -> tuple[str, str]:
    """A Dutch postcode as said: four digits in two pairs (style 0) or one by one (style 1), letters spelled."""
    ds, letters = re.sub(r"\D", "", pc), re.sub(r"[^A-Za-z]", "", pc).upper()
    head = pairs(ds, lang) if style == 0 else digit_run(ds, lang)
    return f"{head} {' '.join(letters)}", ("pairs", "digits")[style]


def date(y: int, m: int, d: int, lang: str, style: int) -> tuple[str, str]:
    """A date of birth in words, or (style 2) as ASR numerals ('17 juni 1976')."""
    if style == 2:
        month = say.MONTHS[lang][m - 1]
        if lang == "en":
            return f"{month} {d} {y}", "asr-numerals"
        return (f"{d} de {month} de {y}" if lang == "es" else f"{d} {month} {y}"), "asr-numerals"
    return say.date(y, m, d, lang, style), "words"


def amount(euros: int, cents: int, lang: str) -> str:
    """An amount said: 'vijfenveertig euro vijftig', 'forty-five euros fifty'."""
    cur = {"nl": "euro", "en": "euros", "fr": "euros", "es": "euros"}[lang]
    s = f"{say.number(euros, lang)} {cur}"
    if cents:
        s += (" y " if lang == "es" else " ") + say.number(cents, lang)
    return s


def clock(h: int, m: int, lang: str) -> str:
    """A time said: 'half drie', 'kwart over tien', 'ten thirty', 'quatorze heures trente'."""
    if lang == "nl":
        hh = say.number(h % 12 or 12, "nl")
        nxt = say.number((h + 1) % 12 or 12, "nl")
        return {0: f"{hh} uur", 15: f"kwart over {hh}", 30: f"half {nxt}", 45: f"kwart voor {nxt}"}.get(
            m, f"{say.number(m, 'nl')} over {hh}")
    if lang == "en":
        tail = "o'clock" if m == 0 else say.number(m, "en")
        return f"{say.number(h % 12 or 12, 'en')} {tail}"
    if lang == "fr":
        return f"{say.number(h, 'fr')} heures" + (f" {say.number(m, 'fr')}" if m else "")
    base = "la una" if h % 12 == 1 else f"las {say.number(h % 12 or 12, 'es')}"
    return base + {0: "", 15: " y cuarto", 30: " y media"}.get(m, f" y {say.number(m, 'es')}")


def is_words(s: str) -> bool:
    return not any(c in DIGITS for c in s)
