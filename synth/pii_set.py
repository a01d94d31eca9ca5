"""A labelled test set for redaction: ~1,500 sentences in nl/en/fr/es, written and spoken.

    from synth.pii_set import generate
    cases = generate(seed=0)        # list[PiiCase], deterministic for a seed

Each `PiiCase` has the sentence, its `pii` spans (category bsn, iban, phone, email, postcode,
dob, name; char offsets of the value, with `parts` naming the pieces that identify it: day,
month and year of a date, local part and domain label of an address, name tokens) and its
`keep` spans (look-alikes that must stay readable: amounts, times, appointment dates, order and
case numbers, dosages, 9-digit numbers that fail the 11-proef, IBANs with wrong check digits,
product codes, years, quantities, house numbers, meter readings, the agent's own name).
`known_names` holds the customer name a case's metadata would give.

Values come from the formats' definitions (`synth.pii_values`), not from the project's patterns.
Spoken forms are written as a recogniser writes them: lowercase, no punctuation, numbers as
words ("nul zes twaalf vierendertig", "dubbel zes", "jan punt jansen apenstaartje gmail punt com").
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from synth import pii_values as pv
from synth.pii_set_text import (
    EMAIL_WORDS,
    FRAMES,
    GREETING,
    KEEP_FRAMES,
    MONTHS,
    MONTHS_ABBR,
    NAMES,
    ORD_EN,
    SPOKEN_AMOUNTS,
    SPOKEN_TIMES,
    known_frames,
)

LANGS = ("nl", "en", "fr", "es")
FORMS = ("written", "spoken")
CATEGORIES = ("bsn", "iban", "phone", "email", "postcode", "dob", "name")
# cases per language: (written, spoken) for each category; name = said + known from metadata
PER_LANG = {"bsn": (22, 18), "iban": (22, 18), "phone": (35, 30), "email": (25, 20),
            "postcode": (18, 14), "dob": (24, 18), "name": (20, 16)}
KEEP_ONLY = (50, 25)  # look-alike-only sentences per language (written, spoken)
PARTICLES = frozenset(["van", "der", "den", "de", "del", "la", "le", "von", "ter", "ten", "el", "los", "las", "da", "di", "du", "het", "y"])


@dataclass(frozen=True)
class Span:
    category: str  # a PII category, or for a keep span the kind of look-alike
    start: int
    end: int
    parts: tuple[tuple[str, int, int], ...] = ()  # (role, start, end) in the sentence


@dataclass(frozen=True)
class PiiCase:
    id: str
    lang: str
    form: str
    text: str
    pii: tuple[Span, ...]
    keep: tuple[Span, ...]
    known_names: tuple[str, ...] = ()
    variant: str = ""


# --- assembling a sentence ------------------------------------------------------------------

_PUNCT = re.compile(r"[.,:;!?¿¡\"()#/]")


def _frame(text: str, form: str) -> str:
    if form == "written":
        return text
    return re.sub(r" {2,}", " ", _PUNCT.sub(" ", text.lower()))


@dataclass
class _Val:
    category: str
    text: str
    parts: tuple[tuple[str, int, int], ...] = ()


def _assemble(pieces: list[str | _Val], form: str, keep_kinds: frozenset[str]) -> tuple[str, list[Span], list[Span]]:
    out, pii, keep = "", [], []
    for p in pieces:
        if isinstance(p, str):
            piece = _frame(p, form)
            if not out or out.endswith(" "):
                piece = piece.lstrip(" ")
            out += piece
            continue
        start = len(out)
        out += p.text
        span = Span(p.category, start, len(out), tuple((r, start + a, start + b) for r, a, b in p.parts))
        (keep if p.category in keep_kinds else pii).append(span)
    return out.rstrip(" "), pii, keep


def _split(template: str, values: dict[str, _Val]) -> list[str | _Val]:
    pieces: list[str | _Val] = []
    for tok in re.split(r"(\{[VK]\})", template):
        if tok in ("{V}", "{K}"):
            pieces.append(values[tok[1]])
        elif tok:
            pieces.append(tok)
    return pieces


def _parts_of(text: str, roles: dict[str, str]) -> tuple[tuple[str, int, int], ...]:
    """Parts by searching each role's text left to right in `text`."""
    found, pos = [], 0
    for role, piece in roles.items():
        i = text.index(piece, pos)
        found.append((role, i, i + len(piece)))
        pos = i + len(piece)
    return tuple(found)


# --- look-alikes ----------------------------------------------------------------------------


KEEP_KINDS = frozenset(KEEP_FRAMES["nl"]) | {"agent_name"}


def _keep_value(kind: str, lang: str, form: str, rng: random.Random) -> str:
    spoken = form == "spoken"
    n = rng.randint
    if kind == "amount":
        if spoken:
            return rng.choice(SPOKEN_AMOUNTS[lang] + (pv.number_words(n(2, 99), lang) + {"nl": " euro", "en": " euros", "fr": " euros", "es": " euros"}[lang],))
        euros, cents = n(2, 4999), n(0, 99)
        whole = f"{euros:,}"
        return rng.choice({
            "nl": (f"€ {whole.replace(',', '.')},{cents:02d}", f"{euros} euro", f"€{euros},-"),
            "en": (f"€{whole}.{cents:02d}", f"£{euros}.{cents:02d}", f"{euros} euros"),
            "fr": (f"{whole.replace(',', ' ')},{cents:02d} €", f"{euros} euros"),
            "es": (f"{whole.replace(',', '.')},{cents:02d} €", f"{euros} euros"),
        }[lang])
    if kind == "time":
        if spoken:
            return rng.choice(SPOKEN_TIMES[lang])
        h, m = n(8, 18), rng.choice((0, 15, 30, 45))
        return rng.choice({"nl": (f"{h}:{m:02d}", f"{h}.{m:02d} uur"), "en": (f"{h}:{m:02d}", f"{h - 12 if h > 12 else h} pm" if h >= 12 else f"{h} am"),
                           "fr": (f"{h}h{m:02d}", f"{h}:{m:02d}"), "es": (f"{h}:{m:02d}",)}[lang])
    if kind == "date":
        d, mo, y = n(1, 28), n(1, 12), rng.choice((n(2000, 2025), n(2026, 2027)))
        if spoken:
            day = ORD_EN[d] if lang == "en" else pv.number_words(d, lang)
            return f"{MONTHS[lang][mo - 1].lower()} {day}" if lang == "en" else (f"{day} de {MONTHS['es'][mo - 1]}" if lang == "es" else f"{day} {MONTHS[lang][mo - 1]}")
        return rng.choice({"nl": (f"{d} {MONTHS['nl'][mo - 1]} {y}", f"{d:02d}-{mo:02d}-{y}"), "en": (f"{d} {MONTHS['en'][mo - 1]} {y}", f"{MONTHS['en'][mo - 1]} {d}, {y}"),
                           "fr": (f"{d} {MONTHS['fr'][mo - 1]} {y}", f"{d:02d}/{mo:02d}/{y}"), "es": (f"{d} de {MONTHS['es'][mo - 1]} de {y}", f"{d:02d}/{mo:02d}/{y}")}[lang])
    if kind == "case_number":
        if spoken:
            return pv.spoken_digits(pv.random_digits(rng, 6), lang, rng, "single")
        return rng.choice((f"ORD-{n(2024, 2026)}-{n(0, 999999):06d}", f"Z-{n(2024, 2026)}-{n(10000, 99999)}", f"{n(2024, 2026)}/{n(1000, 9999)}", f"#{n(100000, 999999)}"))
    if kind == "dosage":
        mg = rng.choice((5, 10, 20, 40, 50, 75, 80))
        if spoken:
            return pv.number_words(mg, lang) + {"nl": " milligram", "en": " milligrams", "fr": " milligrammes", "es": " miligramos"}[lang]
        return rng.choice((f"{rng.choice((250, 500, 850, 1000, 1250))} MG", f"{rng.choice((250, 500, 1000))} mg", f"{mg} mg"))
    if kind == "number":
        return pv.make_not_bsn(rng)
    if kind == "iban_bad":
        c = rng.choice(("NL", "NL", "BE", "DE", "FR", "ES", "GB"))
        bad = pv.make_bad_iban(c, rng)
        return rng.choice((bad, pv.group4(bad)))
    if kind == "product_code":
        return rng.choice((f"{n(1000, 9999)}-{rng.choice(('XL', 'M', 'S', 'B2'))}", f"WX-{n(1000, 9999)}", f"{n(10000, 99999)}"))
    if kind == "year":
        return str(n(1995, 2026))
    if kind == "quantity":
        if spoken:
            return pv.number_words(n(2, 40), lang) + {"nl": " stuks", "en": " boxes", "fr": " boîtes", "es": " cajas"}[lang]
        return f"{n(2, 400)} " + {"nl": "stuks", "en": "boxes", "fr": "boîtes", "es": "cajas"}[lang]
    if kind == "house_number":
        h = n(1, 99)
        return pv.number_words(h, lang) if spoken else rng.choice((str(h), f"{h}b", f"{h}-2"))
    if kind == "meter":
        return f"{n(0, 99999):05d}" if rng.random() < 0.5 else f"{n(1000, 99999)}"
    raise ValueError(kind)


SPOKEN_KEEPS = ("amount", "time", "date", "case_number", "dosage", "quantity", "house_number")


def _keep(lang: str, form: str, rng: random.Random) -> tuple[str, _Val]:
    kinds = SPOKEN_KEEPS if form == "spoken" else tuple(KEEP_FRAMES[lang])
    kind = rng.choice(kinds)
    return rng.choice(KEEP_FRAMES[lang][kind]), _Val(kind, _keep_value(kind, lang, form, rng))


# --- personal values ------------------------------------------------------------------------

def _bsn(lang: str, form: str, rng: random.Random) -> tuple[_Val, str]:
    short = rng.random() < 0.12
    d = pv.make_bsn(rng, leading_zero=short)
    if form == "spoken":
        return _Val("bsn", pv.spoken_digits(d[1:] if short else d, lang, rng, rng.choice(("single", "single", "pairs")))), "spoken"
    if short:
        return _Val("bsn", d[1:]), "8-digit"
    style = rng.choice(("plain", "plain", "4-2-3", "3-3-3 space", "3-3-3 dot", "3-3-3 dash"))
    text = {"plain": d, "4-2-3": f"{d[:4]} {d[4:6]} {d[6:]}", "3-3-3 space": f"{d[:3]} {d[3:6]} {d[6:]}",
            "3-3-3 dot": f"{d[:3]}.{d[3:6]}.{d[6:]}", "3-3-3 dash": f"{d[:3]}-{d[3:6]}-{d[6:]}"}[style]
    return _Val("bsn", text), style


_IBAN_COUNTRIES = {"nl": ("NL", "NL", "NL", "BE", "DE"), "en": ("GB", "GB", "NL", "DE", "BE"),
                   "fr": ("FR", "FR", "BE", "NL", "DE"), "es": ("ES", "ES", "NL", "DE", "FR")}


def _iban(lang: str, form: str, rng: random.Random) -> tuple[_Val, str]:
    c = rng.choice(_IBAN_COUNTRIES[lang])
    iban = pv.make_iban(c, rng)
    if form == "spoken":
        words = [" ".join(c.lower()), pv.spoken_digits(iban[2:4], lang, rng, rng.choice(("single", "pairs")))]
        style = rng.choice(("single", "pairs"))
        for ch in re.findall(r"[A-Z]+|\d+", iban[4:]):
            words.append(" ".join(ch.lower()) if ch.isalpha() else pv.spoken_digits(ch, lang, rng, style))
        return _Val("iban", " ".join(words)), "spoken"
    style = rng.choice(("compact", "groups", "groups", "cc space", "cc dash", "lower", "groups dash"))
    text = {"compact": iban, "groups": pv.group4(iban), "cc space": f"{iban[:2]} {iban[2:]}", "cc dash": f"{iban[:2]}-{iban[2:]}",
            "lower": iban.lower(), "groups dash": pv.group4(iban, "-")}[style]
    return _Val("iban", text), style


def _phone_written(lang: str, rng: random.Random) -> tuple[str, str]:
    kind = rng.choice({"nl": ("mobile", "mobile", "area2", "area3", "intl"), "en": ("mobile", "nanp", "gb", "intl", "area2"),
                       "fr": ("fr", "fr", "mobile", "intl", "area3"), "es": ("es", "es", "mobile", "intl", "area2")}[lang])
    if kind == "mobile":
        s = str(rng.randint(1, 5)) + pv.random_digits(rng, 7)
        return rng.choice((f"06 {s}", f"06-{s}", f"06{s}", f"06 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}", f"+31 6 {s}", f"+31 (0)6 {s}",
                           f"0031 6 {s}", f"+316{s}", f"+31 6 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}")), "nl mobile"
    if kind == "area2":
        a, s = rng.choice(pv.NL_AREA_2), pv.nl_subscriber(rng, 7)
        return rng.choice((f"0{a} {s[:3]} {s[3:]}", f"(0{a}) {s[:3]} {s[3:]}", f"0{a}-{s}", f"0{a} {s}", f"+31 {a} {s[:3]} {s[3:]}",
                           f"+31 (0){a} {s[:3]} {s[3:]}", f"0031 {a} {s}")), "nl area 2"
    if kind == "area3":
        a, s = rng.choice(pv.NL_AREA_3), pv.nl_subscriber(rng, 6)
        return rng.choice((f"0{a} {s}", f"0{a}-{s}", f"(0{a}) {s[:2]} {s[2:4]} {s[4:]}", f"+31 {a} {s}", f"+31 (0){a} {s}")), "nl area 3"
    if kind == "nanp":
        a, x, n = pv.nanp(rng)
        return rng.choice((f"({a}) {x}-{n}", f"+1 {a}-{x}-{n}", f"+1 ({a}) {x}-{n}", f"{a}.{x}.{n}")), "+1"
    if kind == "gb":
        s = pv.random_digits(rng, 6)
        mob = rng.choice(("7400", "7812", "7747", "7958")) + str(rng.randint(1, 9)) + s[:5]
        return rng.choice((f"+44 20 7946 {s[:4]}", f"0{mob[:4]} {mob[4:]}", f"+44 {mob[:4]} {mob[4:]}", f"+44 (0)161 496 {s[:4]}")), "+44"
    if kind == "fr":
        s = [pv.random_digits(rng, 2) for _ in range(4)]
        m = rng.choice("67")
        # 06 mobiles outside 063/069/060, 07 mobiles 073-078
        s[0] = str(rng.choice((1, 2, 4, 5, 6, 7, 8) if m == "6" else (3, 4, 5, 6, 7, 8))) + s[0][1]
        return rng.choice((f"0{m} {' '.join(s)}", f"+33 {m} {' '.join(s)}", f"0{m}.{'.'.join(s)}", f"+33 (0){m} {' '.join(s)}", f"01 {' '.join(s)}")), "+33"
    if kind == "es":
        s = pv.random_digits(rng, 8)
        m = rng.choice(("6", "6", "7", "9"))  # mobiles 6xx and 71-74, landlines 91 Madrid, 93 Barcelona, 96 Valencia
        s = (str(rng.randint(1, 4)) if m == "7" else rng.choice("136") if m == "9" else s[0]) + s[1:]
        return rng.choice((f"{m}{s[:2]} {s[2:5]} {s[5:]}", f"+34 {m}{s[:2]} {s[2:5]} {s[5:]}", f"0034 {m}{s[:2]} {s[2:5]} {s[5:]}", f"+34 {m}{s[:2]} {s[2:4]} {s[4:6]} {s[6:]}")), "+34"
    c = rng.choice(("32", "49"))
    if c == "32":
        s = pv.random_digits(rng, 6)
        return rng.choice((f"+32 470 {s[:2]} {s[2:4]} {s[4:]}", f"+32 2 {rng.randint(2, 8)}{s[1:3]} {s[3:5]} {s[5:]}{rng.randint(0, 9)}", f"0032 470 {s}")), "+32"
    s = pv.random_digits(rng, 8)
    return rng.choice((f"+49 30 {s}", f"+49 151 {s}", f"+49 (0)30 {s[:4]} {s[4:]}", f"0049 89 {s}")), "+49"


def _phone(lang: str, form: str, rng: random.Random) -> tuple[_Val, str]:
    written, variant = _phone_written(lang, rng)
    if form == "written":
        return _Val("phone", written), variant
    plus = written.startswith(("+", "00"))
    digits = re.sub(r"\D", "", written.replace("(0)", ""))
    if written.startswith("00"):
        digits = digits[2:]
    style = rng.choice(("single", "pairs", "double"))
    head = ""
    if plus:
        cc = "1" if digits.startswith("1") else digits[:2]
        digits = digits[len(cc):]
        head = pv.PLUS[lang] + " " + (pv.spoken_digits(cc, lang, rng, rng.choice(("single", "pairs")))) + " "
    return _Val("phone", head + pv.spoken_digits(digits, lang, rng, style)), f"spoken {style}{' plus' if plus else ''}"


def _email(lang: str, form: str, rng: random.Random) -> tuple[_Val, str]:
    first, last = rng.choice(NAMES[lang])
    first = first.lower()
    lastw = [w for w in re.split(r"\s+", last.lower()) if w not in PARTICLES]
    last_c = "".join(lastw)
    ascii_ = str.maketrans("áéíóúèëêçñöü", "aeiouoeecnou".ljust(12, "u")[:12])
    first, last_c = first.translate(ascii_), last_c.translate(ascii_)
    num = str(rng.randint(1, 99))
    shapes = [([first, ".", last_c], "dot"), ([first, "+", rng.choice(("shop", "bank", "news")) , ], "plus"), ([first, "-", last_c], "hyphen"),
              ([first, last_c, num], "digits"), ([first[0], ".", last_c], "initial"), ([first, "_", last_c], "underscore"),
              ([first, ".", last_c, ".", num], "dot digits")]
    local, variant = rng.choice(shapes)
    if variant == "plus":
        local = [first, ".", last_c, "+", local[2]]
    domain = rng.choice(pv.DOMAINS[lang])
    if form == "written":
        text_local = "".join(local)
        if rng.random() < 0.15:
            text_local = text_local.capitalize()
        text = text_local + "@" + domain
        parts = [("local", i, i + len(w)) for i, w in _positions(text_local, local) if len(w) >= 3 and w.isalpha()]
        ds, de = pv.domain_label(domain)
        off = len(text_local) + 1
        parts.append(("domain", off + ds, off + de))
        if not any(r == "local" for r, _, _ in parts):
            parts.append(("local", 0, len(text_local)))
        return _Val("email", text, tuple(sorted(parts, key=lambda p: p[1]))), variant
    words = EMAIL_WORDS[lang]
    sym = {".": rng.choice(words["."]), "+": words["+"][0], "-": rng.choice(words["-"]), "_": rng.choice(words["_"])}
    out, parts = "", []
    for w in local:
        if out:
            out += " "
        if w in sym:
            out += sym[w]
        elif w.isdigit():
            out += rng.choice((pv.number_words(int(w), lang), w))
        else:
            if len(w) >= 3:
                parts.append(("local", len(out), len(out) + len(w)))
            out += w
    if not parts:
        parts.append(("local", 0, len(out)))
    out += " " + rng.choice(words["@"]) + " "
    ds, de = pv.domain_label(domain)
    for i, lab in enumerate(domain.split(".")):
        if i:
            out += " " + words["."][0] + " "
        pieces = lab.split("-")
        for j, piece in enumerate(pieces):
            if j:
                out += " " + words["-"][0] + " "
            if domain.index(lab) == ds and lab == domain[ds:de]:
                parts.append(("domain", len(out), len(out) + len(piece)))
            out += piece
    return _Val("email", out, tuple(parts)), "spoken " + variant


def _positions(text: str, pieces: list[str]) -> list[tuple[int, str]]:
    out, pos = [], 0
    low = text.lower()
    for w in pieces:
        i = low.index(w.lower(), pos)
        out.append((i, text[i:i + len(w)]))
        pos = i + len(w)
    return out


def _postcode(lang: str, form: str, rng: random.Random) -> tuple[_Val, str]:
    d, letters = pv.make_postcode(rng)
    h = rng.randint(1, 99) if form == "spoken" else rng.randint(1, 250)
    if form == "spoken":
        hw = pv.number_words(h, lang)
        return _Val("postcode", f"{pv.spoken_digits(d, lang, rng, rng.choice(('single', 'pairs')))} {' '.join(letters.lower())} {hw}"), "spoken"
    suffix = rng.choice(("", "", "", "-II", "a", "-1", " bis"))
    style = rng.choice(("space", "nospace", "lower", "nospace lower", "no house"))
    pc = {"space": f"{d} {letters}", "nospace": f"{d}{letters}", "lower": f"{d} {letters.lower()}", "nospace lower": f"{d}{letters.lower()}", "no house": f"{d}{letters}"}[style]
    text = pc if style == "no house" else f"{pc} {h}{suffix}"
    return _Val("postcode", text), style + (" toevoeging" if suffix and style != "no house" else "")


def _dob(lang: str, form: str, rng: random.Random) -> tuple[_Val, str]:
    y = rng.randint(1935, 1999 if form == "spoken" else 2006)
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    mon, abbr = MONTHS[lang][m - 1], MONTHS_ABBR[lang][m - 1]
    yy = f"{y % 100:02d}"
    if form == "spoken":
        dw = ORD_EN[d] if lang == "en" else ("premier" if lang == "fr" and d == 1 else pv.number_words(d, lang))
        yw = pv.year_words(y, lang)
        mon = mon.lower()
        text = {"nl": f"{dw} {mon} {yw}", "en": rng.choice((f"{mon} {dw} {yw}", f"the {dw} of {mon} {yw}")),
                "fr": f"{dw} {mon} {yw}", "es": f"{dw} de {mon} de {yw}"}[lang]
        order = {"en": ("month", "day", "year") if text.startswith(mon) else ("day", "month", "year")}.get(lang, ("day", "month", "year"))
        vals = {"day": dw, "month": mon, "year": yw}
        return _Val("dob", text, _parts_of(text, {r: vals[r] for r in order})), "spoken"
    sfx = "st" if d in (1, 21) else "nd" if d in (2, 22) else "rd" if d in (3, 23) else "th"
    D, M, Y = (lambda v: ("day", v)), (lambda v: ("month", v)), (lambda v: ("year", v))
    dd, mm, y4 = f"{d:02d}", f"{m:02d}", str(y)
    options = {
        "nl": [([D(str(d)), "-", M(str(m)), "-", Y(y4)], "dmy"), ([D(dd), "-", M(mm), "-", Y(y4)], "dmy"), ([D(str(d)), "/", M(str(m)), "/", Y(yy)], "dmy yy"),
               ([Y(y4), "-", M(mm), "-", D(dd)], "iso"), ([D(str(d)), " ", M(mon), " ", Y(y4)], "month name"),
               ([D(str(d)), " ", M(abbr + "."), " '", Y(yy)], "abbr yy"), ([D(str(d)), " ", M(abbr), " ", Y(y4)], "abbr"), ([D(str(d)), ".", M(str(m)), ".", Y(y4)], "dots")],
        "en": [([M(mon), " ", D(f"{d}{sfx}"), ", ", Y(y4)], "month name"), ([D(str(d)), " ", M(mon), " ", Y(y4)], "month name"), ([D(str(d)), "/", M(str(m)), "/", Y(y4)], "dmy"),
               ([Y(y4), "-", M(mm), "-", D(dd)], "iso"), ([M(abbr), " ", D(str(d)), ", ", Y(y4)], "abbr"), ([D(f"{d}{sfx}"), " of ", M(mon), " ", Y(y4)], "month name"),
               ([D(dd), "/", M(mm), "/", Y(yy)], "dmy yy")],
        "fr": [([D("1er" if d == 1 else str(d)), " ", M(mon), " ", Y(y4)], "month name"), ([D(dd), "/", M(mm), "/", Y(y4)], "dmy"), ([D(str(d)), " ", M(abbr), " ", Y(y4)], "abbr"),
               ([D(dd), "/", M(mm), "/", Y(yy)], "dmy yy"), ([Y(y4), "-", M(mm), "-", D(dd)], "iso")],
        "es": [([D(str(d)), " de ", M(mon), " de ", Y(y4)], "month name"), ([D(dd), "/", M(mm), "/", Y(y4)], "dmy"), ([D(str(d)), " ", M(abbr + "."), " ", Y(y4)], "abbr"),
               ([D(str(d)), "-", M(str(m)), "-", Y(yy)], "dmy yy"), ([Y(y4), "-", M(mm), "-", D(dd)], "iso")],
    }[lang]
    pieces, variant = rng.choice(options)
    text, parts = "", []
    for p in pieces:
        if isinstance(p, tuple):
            parts.append((p[0], len(text), len(text) + len(p[1])))
            p = p[1]
        text += p
    return _Val("dob", text, tuple(parts)), variant


def _name_parts(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(("name", m.start(), m.end()) for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
                 if len(m.group()) >= 3 and m.group().lower() not in PARTICLES)


def _name(lang: str, form: str, rng: random.Random, known: bool) -> tuple[_Val, str, tuple[str, ...]]:
    first, last = rng.choice(NAMES[lang])
    full = f"{first} {last}"
    mode = "known" if known else rng.choice(("said", "said", "said surname"))
    text = full if mode == "said" else last
    if form == "spoken":
        text = text.lower()
    return _Val("name", text, _name_parts(text)), mode, ((full,) if known else ())


_MAKERS = {"bsn": _bsn, "iban": _iban, "phone": _phone, "email": _email, "postcode": _postcode, "dob": _dob}


def _case(cid: str, lang: str, form: str, category: str, rng: random.Random) -> PiiCase:
    names: tuple[str, ...] = ()
    pre: list[str | _Val] = []
    if category == "name":
        known = rng.random() < 0.35
        val, variant, names = _name(lang, form, rng, known)
        if known:
            template = rng.choice(known_frames(lang, rng))
        else:
            template = rng.choice(FRAMES["name_surname" if variant == "said surname" else "name"][lang])
            if rng.random() < 0.3:
                agent = rng.choice(NAMES[lang])[0]
                pre = _split(rng.choice(GREETING[lang]) + " ", {"K": _Val("agent_name", agent.lower() if form == "spoken" else agent)})
    else:
        val, variant = _MAKERS[category](lang, form, rng)
        template = rng.choice(FRAMES[category][lang])
    pieces = pre + _split(template, {"V": val})
    if rng.random() < 0.4:
        kt, kv = _keep(lang, form, rng)
        pieces += [" "] + _split(kt, {"K": kv})
    text, pii, keep = _assemble(pieces, form, KEEP_KINDS)
    return PiiCase(cid, lang, form, text, tuple(pii), tuple(keep), names, variant)


def _keep_case(cid: str, lang: str, form: str, rng: random.Random) -> PiiCase:
    pieces: list[str | _Val] = []
    for i in range(rng.choice((1, 1, 2))):
        kt, kv = _keep(lang, form, rng)
        pieces += ([" "] if i else []) + _split(kt, {"K": kv})
    text, pii, keep = _assemble(pieces, form, KEEP_KINDS)
    return PiiCase(cid, lang, form, text, tuple(pii), tuple(keep), (), "look-alike")


def generate(seed: int = 0, scale: float = 1.0) -> list[PiiCase]:
    """The whole set, deterministic for `seed`; `scale` multiplies every count (tests use a small one)."""
    rng = random.Random(seed)
    cases: list[PiiCase] = []
    for lang in LANGS:
        for fi, form in enumerate(FORMS):
            for cat in CATEGORIES:
                for i in range(max(1, round(PER_LANG[cat][fi] * scale))):
                    cases.append(_case(f"{lang}-{form}-{cat}-{i:03d}", lang, form, cat, rng))
            for i in range(max(1, round(KEEP_ONLY[fi] * scale))):
                cases.append(_keep_case(f"{lang}-{form}-keep-{i:03d}", lang, form, rng))
    return cases
