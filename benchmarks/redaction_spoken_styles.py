"""The redactor on spoken BSN, IBAN, phone numbers and e-mail addresses in many ASR styles (issue 9).

    python benchmarks/redaction_spoken_styles.py [--seed 0] [--n 4] [--misses N] [--json OUT]

A development set written here (not third-party vectors): values made from the formats'
definitions (11-proef, mod 97, libphonenumber's example numbers of 40 regions, e-mail grammar),
each said in every style a transcript may write it, in nl/en/fr/es, in frames with a cue before,
a cue after or none ("alors euh le ... voilà"); and spoken look-alikes that must stay readable
(invalid BSN and IBAN checksums, order and case numbers dictated, amounts, times, appointment
dates). Styles: digit by digit (with "double"/"triple", English "oh"), pairs as numbers (tens and
units split as ASR writes them: "thirty four", "trente quatre", "vier en dertig"), triples as
hundreds, groups as written with commas between them, words and numerals mixed; "plus" with the
country code said as a number or digit by digit, "double zero"; IBAN letters spelled, check digits
as a number, groups with commas; e-mail local parts spelled letter by letter, digits said, dots,
dashes and underscores said, subdomains, country top levels.

Scoring as in `benchmarks/redaction_vectors.py`: a value is caught when every letter and digit of
it is masked; a look-alike survives when nothing of it is masked; precision over masked letters
and digits. Prints recall per kind x style and language, survival per look-alike kind.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import phonenumbers  # noqa: E402

from synth import pii_values as pv  # noqa: E402
from synth import pii_vectors_speech as say  # noqa: E402

LANGS = ("nl", "en", "fr", "es")
_UNITS = {lang: [say.number(i, lang) for i in range(10)] for lang in LANGS}
OH = {"nl": "nul", "en": "oh", "fr": "zéro", "es": "cero"}
TRIPLE = {"nl": "driedubbel", "en": "triple", "fr": "triple", "es": "triple"}
REGIONS = ("NL", "BE", "DE", "FR", "ES", "GB", "IT", "PT", "PL", "CH", "AT", "SE", "NO", "DK", "IE", "US",
           "CA", "MX", "BR", "AR", "MA", "TR", "ZA", "AU", "IN", "JP", "EG", "SR", "CW", "LU", "GR", "RO",
           "CZ", "HU", "FI", "IL", "AE", "NG", "CO", "CL")


def pair_words(n: int, lang: str, split: bool) -> str:
    """10-99 as a number; `split`: tens and unit as two words where ASR writes them so."""
    w = say.number(n, lang)
    if not split or n % 10 == 0 or n < 20:
        return w
    if lang == "en" or lang == "fr":
        return w.replace("-", " ").replace(" et ", " ")
    if lang == "nl":
        t, u = divmod(n, 10)
        return f"{_UNITS['nl'][u]} en {say.number(t * 10, 'nl')}"
    return w  # Spanish "treinta y cuatro" is already words


def digits(ds: str, lang: str, rep: bool = False, oh: bool = False) -> str:
    out, i = [], 0
    while i < len(ds):
        if rep and i + 2 < len(ds) and ds[i] == ds[i + 1] == ds[i + 2]:
            out.append(f"{TRIPLE[lang]} {_UNITS[lang][int(ds[i])]}")
            i += 3
            continue
        if rep and i + 1 < len(ds) and ds[i] == ds[i + 1]:
            out.append(f"{say.DOUBLE[lang]} {_UNITS[lang][int(ds[i])]}")
            i += 2
            continue
        out.append(OH[lang] if oh and ds[i] == "0" else _UNITS[lang][int(ds[i])])
        i += 1
    return " ".join(out)


def pairs(ds: str, lang: str, split: bool) -> str:
    out = []
    lead = 1 if len(ds) % 2 else 0
    if lead:
        out.append(_UNITS[lang][int(ds[0])])
    for i in range(lead, len(ds), 2):
        p = ds[i:i + 2]
        out.append(digits(p, lang) if p[0] == "0" else pair_words(int(p), lang, split))
    return " ".join(out)


def triples(ds: str, lang: str) -> str:
    out = []
    for i in range(0, len(ds), 3):
        p = ds[i:i + 3]
        out.append(digits(p, lang) if p[0] == "0" or len(p) < 3 else say.number(int(p), lang))
    return " ".join(out)


def group_words(g: str, lang: str, split: bool) -> str:
    if len(g) == 2 and g[0] != "0":
        return pair_words(int(g), lang, split)
    if len(g) == 3 and g[0] != "0" and lang in ("en", "es"):
        return say.number(int(g), lang)
    return digits(g, lang)


def say_digits(ds: str, groups: list[str], lang: str, style: str) -> str:
    """A digit string in one style (groups: as written)."""
    if style == "digits":
        return digits(ds, lang)
    if style == "double":
        return digits(ds, lang, rep=True, oh=lang == "en")
    if style == "pairs":
        return pairs(ds, lang, False)
    if style == "pairs-split":
        return pairs(ds, lang, True)
    if style == "triples":
        return triples(ds, lang)
    if style == "groups-commas":
        return ", ".join(group_words(g, lang, True) for g in groups)
    if style == "mixed":
        return " ".join([digits(groups[0], lang)] + groups[1:]) if len(groups) > 1 else digits(ds[:3], lang) + " " + ds[3:]
    raise ValueError(style)


STYLES = ("digits", "double", "pairs", "pairs-split", "triples", "groups-commas", "mixed")
PHONE_FRAMES = {
    "nl": ("mijn nummer is {v}", "u kunt me bellen op {v}", "eh {v} daar ben ik bereikbaar", "ja dat is {v} hoor",
           "noteer maar {v} dat is mijn mobiele nummer"),
    "en": ("my number is {v}", "you can call me on {v}", "uh it's {v} that's my cell", "ok so {v} yeah",
           "the best number to reach me is {v}"),
    "fr": ("mon numéro c'est le {v}", "vous pouvez m'appeler au {v}", "alors euh le {v} voilà",
           "c'est le {v} mon portable", "oui donc {v} voilà"),
    "es": ("mi número es el {v}", "me puede llamar al {v}", "pues eh el {v} ese es mi teléfono", "apunte {v} vale",
           "sí el {v}"),
}
BSN_FRAMES = {"nl": ("mijn bsn is {v}", "het burgerservicenummer is eh {v}", "{v} dat is mijn bsn"),
              "en": ("my bsn is {v}", "the citizen service number is uh {v}"),
              "fr": ("mon numéro bsn c'est le {v}", "le bsn euh {v}"),
              "es": ("mi bsn es el {v}", "el número bsn eh {v}")}
IBAN_FRAMES = {"nl": ("mijn iban is {v}", "het rekeningnummer is eh {v}", "stort het maar op {v}"),
               "en": ("my iban is {v}", "the account number is uh {v}"),
               "fr": ("mon iban c'est {v}", "le numéro de compte euh {v}"),
               "es": ("mi iban es {v}", "el número de cuenta eh {v}")}
MAIL_FRAMES = {"nl": ("mijn mailadres is {v}", "stuur het maar naar {v}", "het is {v} ja"),
               "en": ("my email is {v}", "send it to {v} please", "it's {v}"),
               "fr": ("mon adresse mail c'est {v}", "envoyez-le à {v} s'il vous plaît", "c'est {v}"),
               "es": ("mi correo es {v}", "mándelo a {v} por favor", "es {v}")}


def phone_values(rng: random.Random) -> list[tuple[str, str, str]]:
    """(region, international, national) example numbers: fixed line and mobile."""
    out = []
    for r in REGIONS:
        for t in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            n = phonenumbers.example_number_for_type(r, t)
            if n is None:
                continue
            out.append((r, phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                        phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.NATIONAL)))
    rng.shuffle(out)
    return out


def say_phone(written: str, lang: str, style: str, cc_style: int) -> str:
    head, body = "", written
    if body.startswith("+"):
        cc, _, body = body[1:].partition(" ")
        if cc_style == 0 and len(cc) == 2:
            head = f"{say.PLUS[lang]} {pair_words(int(cc), lang, True)} "
        elif cc_style == 1:
            head = f"{say.PLUS[lang]} {digits(cc, lang)} "
        elif cc_style == 2:
            head = f"{say.DOUBLE[lang]} {_UNITS[lang][0]} {digits(cc, lang)} "
        else:
            head = f"{say.PLUS[lang]} {say.number(int(cc), lang)} "
    groups = [g for g in "".join(c if c.isdigit() else " " for c in body).split()]
    return head + say_digits("".join(groups), groups, lang, style)


LETTER_NAMES = None  # letters are spelled as ASR writes them: lower case, one by one


def say_iban(compact: str, lang: str, style: str, commas: bool, check_style: int) -> str:
    cc, check, bban = compact[:2].lower(), compact[2:4], compact[4:]
    check_said = (say.number(int(check), lang) if check_style == 0 else digits(check, lang))
    parts = [" ".join(cc), check_said]
    for i in range(0, len(bban), 4):
        g = bban[i:i + 4]
        if g.isdigit():
            parts.append(say_digits(g, [g], lang, style if style != "mixed" else "digits"))
        else:
            parts.append(" ".join(c.lower() if c.isalpha() else _UNITS[lang][int(c)] for c in g))
    return (", " if commas else " ").join(parts)


def say_email(address: str, lang: str, style: int) -> str:
    local, _, domain = address.rpartition("@")
    at = say.AT[lang][style % len(say.AT[lang])]
    dot = say.DOT[lang]

    def part(p: str, spell: bool) -> str:
        out = []
        for tok in p.replace(".", f" {dot} ").replace("-", f" {say.DASH[lang]} ").replace(
                "_", f" {say.UNDERSCORE[lang]} ").split():
            if tok.isdigit():
                out.append(digits(tok, lang))
            elif spell and tok.isalpha() and len(tok) <= 6 and tok not in (dot, say.DASH[lang]):
                out.append(" ".join(tok))
            else:
                out.append(tok)
        return " ".join(out)
    return f"{part(local, style == 1)} {at} {part(domain, False)}".lower()


def email_values(rng: random.Random) -> list[str]:
    firsts = ("jan", "marie", "piet", "ana", "tom", "lucia", "kees", "sofie", "bob", "eva")
    lasts = ("jansen", "dupont", "devries", "garcia", "smit", "martin", "bakker", "lopez")
    doms = ("gmail.com", "hotmail.nl", "ziggo.nl", "orange.fr", "yahoo.es", "outlook.be", "mail.example.co.uk",
            "telenet.be", "kpnmail.nl", "free.fr", "proton.me", "web.de", "example.org", "bigpond.com.au",
            "uni-utrecht.nl", "correo.ugr.es", "icloud.com", "live.ca")
    out = []
    for i in range(24):
        f, la, d = rng.choice(firsts), rng.choice(lasts), rng.choice(doms)
        shape = i % 6
        local = (f, f"{f}.{la}", f"{f[0]}.{la}", f"{f}{rng.randint(1, 99)}", f"{f}_{la}", f"{f}-{la}{rng.randint(1, 9)}")[shape]
        out.append(f"{local}@{d}")
    return out


def cases(seed: int, n: int) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []

    def add(kind: str, style: str, lang: str, frame: str, value: str, look: bool = False) -> None:
        text = frame.replace("{v}", value)
        start = text.index(value)
        out.append({"kind": kind, "style": style, "lang": lang, "text": text, "start": start,
                    "end": start + len(value), "lookalike": look})

    phones = phone_values(rng)
    for lang in LANGS:
        for k, (region, intl, natl) in enumerate(phones):
            for style in STYLES:
                frame = PHONE_FRAMES[lang][(k + STYLES.index(style)) % len(PHONE_FRAMES[lang])]
                if region == "NL" or k % 3 == 0:
                    add("phone", f"national/{style}", lang, frame, say_phone(natl, lang, style, 0))
                add("phone", f"intl/{style}", lang, frame, say_phone(intl, lang, style, (k + len(style)) % 4))
        for i in range(n * 6):
            b = pv.make_bsn(rng)
            for style in ("digits", "pairs-split", "triples", "groups-commas", "mixed", "double"):
                frame = rng.choice(BSN_FRAMES[lang])
                groups = [b[:3], b[3:6], b[6:]] if style != "pairs-split" else [b[:4], b[4:6], b[6:]]
                add("bsn", style, lang, frame, say_digits(b, groups, lang, style))
            bad = pv.make_not_bsn(rng)
            add("bad_bsn", "digits", lang, rng.choice(BSN_FRAMES[lang]), digits(bad, lang), look=True)
            add("bad_bsn", "groups-commas", lang, rng.choice(BSN_FRAMES[lang]),
                say_digits(bad, [bad[:3], bad[3:6], bad[6:]], lang, "groups-commas"), look=True)
        for i in range(n * 3):
            for country in ("NL", "BE", "DE", "FR", "ES", "GB"):
                iban = pv.make_iban(country, rng)
                style = ("digits", "pairs", "pairs-split", "digits")[i % 4]
                add("iban", f"{style}{'-commas' if i % 2 else ''}/check{i % 3 % 2}", lang,
                    rng.choice(IBAN_FRAMES[lang]), say_iban(iban, lang, style, bool(i % 2), i % 3 % 2))
                if i % 3 == 0:
                    bad = pv.make_bad_iban(country, rng)
                    add("bad_iban", style, lang, rng.choice(IBAN_FRAMES[lang]), say_iban(bad, lang, style, False, 0),
                        look=True)
        for i, address in enumerate(email_values(rng)):
            add("email", ("words", "spelled")[i % 2], lang, MAIL_FRAMES[lang][i % 3], say_email(address, lang, i % 2))
        for i in range(n * 3):
            ref = pv.random_digits(rng, rng.choice((8, 9, 10)))
            frame = rng.choice({
                "nl": ("mijn ordernummer is {v}", "het gaat over dossier {v}", "uw klantnummer is eh {v}",
                       "factuurnummer {v} ja"),
                "en": ("the order number is {v}", "it's about case {v}", "my customer number is uh {v}",
                       "invoice number {v} yeah"),
                "fr": ("le numéro de commande c'est le {v}", "c'est pour le dossier {v}", "mon numéro client c'est le {v}",
                       "la facture {v} voilà"),
                "es": ("el número de pedido es el {v}", "es sobre el expediente {v}", "mi número de cliente es {v}",
                       "la factura {v} vale")}[lang])
            add("reference", "digits", lang, frame, digits(ref, lang), look=True)
            amount = rng.choice((rng.randint(120, 9999), rng.randint(10_000, 99_999)))
            frame = {"nl": "dat wordt dan {v} euro", "en": "that comes to {v} pounds",
                     "fr": "ça fait {v} euros", "es": "son {v} euros"}[lang]
            add("amount", "words", lang, frame, say.number(amount, lang), look=True)
            hh, mm = rng.randint(8, 18), rng.choice((15, 30, 45))
            frame = {"nl": "ik bel u terug om {v}", "en": "i'll call you back at {v}",
                     "fr": "je vous rappelle à {v}", "es": "le llamo a las {v}"}[lang]
            sep = {"nl": " uur ", "en": " ", "fr": " heures ", "es": " y "}[lang]
            add("time", "words", lang, frame, f"{say.number(hh, lang)}{sep}{say.number(mm, lang)}", look=True)
    return out


def score(items: list[dict]) -> dict:
    from meeluister.redaction import redact
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    good = total = 0
    for it in items:
        text = it["text"]
        spans = redact(text).spans
        masked = {i for s in spans for i in range(s.start, s.end) if text[i].isalnum()}
        chars = {i for i in range(it["start"], it["end"]) if text[i].isalnum()}
        ok = not (chars & masked) if it["lookalike"] else chars <= masked
        if not it["lookalike"]:
            good += len(masked & chars)
        total += len(masked)
        for key in ((it["kind"], "all"), (it["kind"], it["style"]), (it["kind"], it["lang"])):
            tally[key][0] += ok
            tally[key][1] += 1
        if not ok:
            misses.append(it | {"out": redact(text).text})
    return {"tally": tally, "misses": misses, "precision": good / total if total else 1.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=2)
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--kind", default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    items = cases(args.seed, args.n)
    if args.kind:
        items = [i for i in items if i["kind"] == args.kind]
    res = score(items)
    rows = sorted(res["tally"].items())
    for (kind, facet), (hit, n) in rows:
        print(f"{kind:10} {facet:28} {hit / n:6.3f} {hit:>4}/{n}")
    print(f"precision (masked letters/digits inside a value) {res['precision']:.3f}; {len(items)} sentences")
    for m in res["misses"][:args.misses]:
        print(f"- {m['kind']} {m['style']} {m['lang']}\n  in:  {m['text']}\n  out: {m['out']}")
    if args.json:
        args.json.write_text(json.dumps({f"{k}/{f}": [h, n] for (k, f), (h, n) in rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
