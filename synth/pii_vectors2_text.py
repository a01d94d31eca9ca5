"""Sentences and spoken renderings for the second third-party vector set (`synth.pii_vectors2`).

New wording, not the first set's templates: agent and customer turns, chat lines and ASR-style
lowercase transcripts (no punctuation, fillers) in nl/en/fr/es. `{v}` is the personal value,
`{la}` a look-alike that must stay readable, `{hn}`/`{street}`/`{city}` address parts.
Spoken renderings add styles the first set did not use: groups said as written (with the
commas ASR puts between them), pairs counted from the end, English "oh" and "triple", numbers
in hundreds, and ASR output that mixes words and numerals. Number words come from the language
grammar in `synth.pii_vectors_speech` (`number`, `year`, `digits`).
"""
from __future__ import annotations

import re

from synth import pii_vectors_speech as say

W = "written"
S = "spoken"

PII: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "phone": {
        "nl": {W: ("Klant: u kunt mij terugbellen op {v}.", "Mijn mobiele nummer is {v}, liefst na vijven.",
                   "Agent: ik noteer {v} als uw terugbelnummer, klopt dat?", "Chat: bel me maar even op {v}",
                   "Mijn vaste nummer is gewijzigd, het is nu {v}.", "Ik ben overdag bereikbaar via {v}."),
               S: ("ja eh mijn nummer is {v}", "u kunt me bellen op {v} dat is mijn mobiel",
                   "het terugbelnummer is {v} ja", "eh nou {v} daar ben ik altijd bereikbaar")},
        "en": {W: ("Customer: you can call me back on {v}.", "My mobile is {v}, text me if I don't pick up.",
                   "Agent: I have {v} as your contact number, is that right?", "Chat: my number is {v}",
                   "Please update my phone number to {v}.", "Best to reach me at {v} during the day."),
               S: ("yeah my number is {v}", "you can reach me on {v} that's my cell",
                   "the best number for me is {v}", "uh it's {v} that's my home phone")},
        "fr": {W: ("Client : vous pouvez me rappeler au {v}.", "Mon portable, c'est le {v}.",
                   "Conseiller : je note le {v} comme numéro de rappel, c'est bien ça ?",
                   "Chat : appelez-moi au {v}", "Mon nouveau numéro de téléphone est le {v}.",
                   "Je suis joignable en journée au {v}."),
               S: ("oui mon numéro c'est le {v}", "vous pouvez m'appeler au {v} c'est mon portable",
                   "alors euh le {v} voilà", "mon fixe c'est le {v}")},
        "es": {W: ("Cliente: me pueden devolver la llamada al {v}.", "Mi móvil es el {v}.",
                   "Agente: anoto el {v} como teléfono de contacto, ¿correcto?", "Chat: llámame al {v}",
                   "Mi número de teléfono nuevo es {v}.", "Estoy localizable por la mañana en el {v}."),
               S: ("sí mi número es el {v}", "me puede llamar al {v} es mi móvil",
                   "pues eh el {v} ese es mi teléfono", "el fijo de casa es el {v}")},
    },
    "bsn": {
        "nl": {W: ("Klant: mijn burgerservicenummer is {v}.", "Agent: kunt u uw BSN bevestigen? Klant: {v}.",
                   "BSN van de verzekerde: {v}", "Het BSN van mijn dochter is {v}."),
               S: ("mijn bsn is eh {v}", "het burgerservicenummer is {v}", "bsn {v} ja dat is van mij")},
        "en": {W: ("Customer: my Dutch citizen service number (BSN) is {v}.", "Agent: and your BSN? Customer: {v}.",
                   "BSN of the policy holder: {v}"),
               S: ("my bsn is {v}", "the citizen service number is uh {v}")},
        "fr": {W: ("Client : mon BSN néerlandais est le {v}.", "Numéro BSN de l'assuré : {v}"),
               S: ("mon numéro bsn c'est le {v}", "le bsn euh {v}")},
        "es": {W: ("Cliente: mi número BSN holandés es {v}.", "BSN del asegurado: {v}"),
               S: ("mi bsn es el {v}", "el número bsn eh {v}")},
    },
    "iban": {
        "nl": {W: ("Klant: het geld mag naar {v}.", "Mijn rekeningnummer is {v}, op naam van mij.",
                   "Agent: ik lees het IBAN even voor: {v}. Klopt dat?", "IBAN voor de terugbetaling: {v}"),
               S: ("mijn iban is {v}", "het rekeningnummer is eh {v}", "stort het maar op {v}")},
        "en": {W: ("Customer: please refund it to {v}.", "My bank account (IBAN) is {v}.",
                   "Agent: so that's {v} for the direct debit?"),
               S: ("my iban is {v}", "the account number is uh {v}")},
        "fr": {W: ("Client : vous pouvez rembourser sur le compte {v}.", "Mon IBAN est {v}."),
               S: ("mon iban c'est {v}", "le numéro de compte euh {v}")},
        "es": {W: ("Cliente: el reembolso a la cuenta {v}, por favor.", "Mi IBAN es {v}."),
               S: ("mi iban es {v}", "el número de cuenta eh {v}")},
    },
    "email": {
        "nl": {W: ("Klant: stuur de bevestiging naar {v}.", "Mijn e-mailadres is {v}.",
                   "Agent: ik heb {v} genoteerd, klopt dat?", "Chat: mail me op {v} aub"),
               S: ("mijn mailadres is {v}", "stuur het maar naar {v}", "het emailadres is eh {v}")},
        "en": {W: ("Customer: send the confirmation to {v}.", "My email address is {v}.",
                   "Agent: I've got {v} on file, is that still right?", "Chat: email me at {v} pls"),
               S: ("my email is {v}", "send it to {v} please", "the address is uh {v}")},
        "fr": {W: ("Client : envoyez la confirmation à {v}.", "Mon adresse mail est {v}.",
                   "Conseiller : j'ai {v} dans le dossier, c'est toujours bon ?"),
               S: ("mon adresse mail c'est {v}", "envoyez-le à {v} s'il vous plaît")},
        "es": {W: ("Cliente: mande la confirmación a {v}.", "Mi correo electrónico es {v}.",
                   "Agente: tengo {v} en la ficha, ¿sigue siendo correcto?"),
               S: ("mi correo es {v}", "mándelo a {v} por favor")},
    },
    "dob": {
        "nl": {W: ("Klant: mijn geboortedatum is {v}.", "Ik ben geboren op {v}.",
                   "Agent: ter controle, uw geboortedatum? Klant: {v}.", "Mijn zoon is geboren op {v}."),
               S: ("ik ben geboren op {v}", "geboortedatum {v}", "eh mijn geboortedatum is {v}")},
        "en": {W: ("Customer: my date of birth is {v}.", "I was born on {v}.",
                   "Agent: for security, your date of birth? Customer: {v}.", "My daughter was born {v}."),
               S: ("i was born on {v}", "date of birth {v}", "my birthday is uh {v}")},
        "fr": {W: ("Client : ma date de naissance est le {v}.", "Je suis né le {v}.",
                   "Conseiller : votre date de naissance ? Client : {v}."),
               S: ("je suis née le {v}", "date de naissance {v}")},
        "es": {W: ("Cliente: mi fecha de nacimiento es {v}.", "Nací el {v}.",
                   "Agente: ¿su fecha de nacimiento? Cliente: {v}."),
               S: ("nací el {v}", "fecha de nacimiento {v}")},
    },
    "postcode": {
        "nl": {W: ("Klant: ik woon op {street} {hn}, {v} {city}.", "Mijn postcode is {v}, huisnummer {hn}.",
                   "Agent: dus {v} {hn}, klopt dat?", "Nieuw adres: {street} {hn} {v}"),
               S: ("mijn postcode is {v} huisnummer {hn}", "ik woon op {street} {hn} postcode {v}",
                   "postcode {v} nummer {hn}")},
        "en": {W: ("Customer: my address is {street} {hn}, {v} {city}.", "Postcode {v}, house number {hn}."),
               S: ("my postcode is {v} number {hn}", "it's {street} {hn} postcode {v}")},
        "fr": {W: ("Client : j'habite {street} {hn}, {v} {city}.", "Code postal {v}, numéro {hn}."),
               S: ("mon code postal c'est {v} numéro {hn}", "j'habite au {hn} {street} code postal {v}")},
        "es": {W: ("Cliente: vivo en {street} {hn}, {v} {city}.", "Código postal {v}, número {hn}."),
               S: ("mi código postal es {v} número {hn}", "vivo en {street} {hn} código postal {v}")},
    },
}

# Second clauses carrying a look-alike that must stay readable.
TAILS: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {"amount": (" Het openstaande bedrag is {la}.",), "time": (" Ik bel u terug om {la}.",),
           "reference": (" Dit gaat over dossier {la}.",), "date": (" De monteur komt op {la}.",)},
    "en": {"amount": (" The balance due is {la}.",), "time": (" I'll call you back at {la}.",),
           "reference": (" This is about case {la}.",), "date": (" The engineer is booked for {la}.",)},
    "fr": {"amount": (" Le montant dû est de {la}.",), "time": (" Je vous rappelle à {la}.",),
           "reference": (" C'est pour le dossier {la}.",), "date": (" Le technicien passe le {la}.",)},
    "es": {"amount": (" El importe pendiente es {la}.",), "time": (" Le llamo a las {la}.",),
           "reference": (" Es sobre el expediente {la}.",), "date": (" El técnico va el {la}.",)},
}

LOOKALIKE: dict[str, dict[str, tuple[str, ...]]] = {
    "amount": {"nl": ("Agent: het totaal komt op {la}.", "dat is dan {la} per maand"),
               "en": ("Agent: that comes to {la} in total.", "so that's {la} a month"),
               "fr": ("Conseiller : cela fait {la} au total.", "ça fait {la} par mois"),
               "es": ("Agente: en total son {la}.", "eso son {la} al mes")},
    "time": {"nl": ("De afspraak is om {la}.", "ik ben er om {la}"), "en": ("The slot is at {la}.", "i'll be in at {la}"),
             "fr": ("Le rendez-vous est à {la}.", "je passe à {la}"), "es": ("La cita es a las {la}.", "llego a las {la}")},
    "date": {"nl": ("Agent: de monteur komt op {la}.", "uw contract loopt af op {la}"),
             "en": ("Agent: the engineer visit is on {la}.", "your contract ends on {la}"),
             "fr": ("Conseiller : le technicien passe le {la}.", "votre contrat se termine le {la}"),
             "es": ("Agente: el técnico irá el {la}.", "su contrato termina el {la}")},
    "since": {"nl": ("Ik ben al klant sinds {la}.",), "en": ("I've been a customer since {la}.",),
              "fr": ("Je suis client depuis le {la}.",), "es": ("Soy cliente desde el {la}.",)},
    "reference": {"nl": ("Uw ordernummer is {la}.", "het zaaknummer is {la}"),
                  "en": ("Your order number is {la}.", "the ticket number is {la}"),
                  "fr": ("Votre numéro de commande est {la}.", "le numéro de ticket c'est {la}"),
                  "es": ("Su número de pedido es {la}.", "el número de incidencia es {la}")},
    "invalid_iban": {"nl": ("Dat rekeningnummer {la} wordt door het systeem geweigerd.",),
                     "en": ("The system rejects the account number {la} as invalid.",),
                     "fr": ("Le système refuse le numéro {la}, il est invalide.",),
                     "es": ("El sistema rechaza el número {la} por no ser válido.",)},
}

OH = {"nl": "nul", "en": "oh", "fr": "zéro", "es": "cero"}
TRIPLE = {"nl": "drie keer", "en": "triple", "fr": "triple", "es": "triple"}


def _group(g: str, lang: str, style: int) -> str:
    """One written group of digits as said."""
    if style == 0 and len(g) == 2 and g[0] != "0":
        return say.number(int(g), lang)
    if style == 0 and len(g) == 3 and g[0] != "0" and lang in ("es", "en"):
        return say.number(int(g), lang)
    words = say.digits(g, lang)
    return words.replace("zero", "oh") if lang == "en" and style == 1 else words


def _triple(words: list[str], lang: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 2 < len(words) and words[i] == words[i + 1] == words[i + 2]:
            out.append(f"{TRIPLE[lang]} {words[i]}")
            i += 3
        else:
            out.append(words[i])
            i += 1
    return out


def phone(value: str, lang: str, style: int, cc_len: int | None = None) -> tuple[str, str]:
    """A written number as said; returns (text, variant). Styles: 0 groups as written (two-digit
    groups as numbers, commas between groups), 1 digit by digit with 'oh'/'triple', 2 pairs counted
    from the end, 3 ASR mixing words (prefix) and numerals (rest). `cc_len`: digits of the country
    code when the number has one (from libphonenumber), else guessed."""
    head, body = "", value.strip()
    cc = f"{{{cc_len}}}" if cc_len else "{1,3}"
    m = re.match(rf"\(?\+(\d{cc})\)?[\s-]*|\(?00\s?(\d{cc})\)?[\s-]*", body)
    if m:
        cc = m.group(1) or m.group(2)
        lead = say.PLUS[lang] if m.group(1) else f"{say.digits('00', lang)}"
        head = f"{lead} {say.number(int(cc), lang) if style in (0, 2) and len(cc) < 3 else say.digits(cc, lang)} "
        body = body[m.end():]
    groups = re.findall(r"\d+", body)
    if style == 0:
        return head + ", ".join(_group(g, lang, 0) for g in groups), "groups"
    if style == 1:
        words = say.digits("".join(groups), lang).split()
        if lang == "en":
            return head + " ".join(_triple(["oh" if w == "zero" else w for w in words], lang)), "digits-oh-triple"
        return head + say.digits("".join(groups), lang, double=True), "digits-double"
    ds = "".join(groups)
    if style == 2:
        lead = 1 if ds.startswith("0") else 0
        rest = ds[lead:]
        cut = len(rest) % 2
        parts = ([say.digits(ds[:lead], lang)] if lead else []) + ([say.digits(rest[:cut], lang)] if cut else [])
        parts += [say.digits(p, lang) if p[0] == "0" else say.number(int(p), lang)
                  for p in (rest[i:i + 2] for i in range(cut, len(rest), 2))]
        return head + " ".join(parts), "pairs-from-end"
    if len(groups) > 1:
        return head + " ".join([say.digits(groups[0], lang)] + groups[1:]), "mixed-words-numerals"
    return head + say.digits(ds[:2], lang) + " " + ds[2:], "mixed-words-numerals"


def bsn(digits: str, lang: str, style: int) -> tuple[str, str]:
    """Nine digits as said: 3-3-3 with commas, 4-2-3 with pairs, or ASR numerals in threes."""
    if style == 0:
        return ", ".join(say.digits(digits[a:b], lang) for a, b in ((0, 3), (3, 6), (6, 9))), "groups-333"
    if style == 1:
        return f"{say.digits(digits[:4], lang)} {_group(digits[4:6], lang, 0)} {say.digits(digits[6:], lang)}", "groups-423"
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}", "asr-numerals"


def iban(compact: str, lang: str, style: int) -> tuple[str, str]:
    """An IBAN as said: letters lowercase as ASR writes them, check digits as a number, the rest in
    groups of four (digit by digit, or two pairs)."""
    letters = lambda s: " ".join(c.lower() for c in s)  # noqa: E731
    head = f"{letters(compact[:2])} {say.number(int(compact[2:4]), lang)}"
    out = []
    for i in range(4, len(compact), 4):
        grp = compact[i:i + 4]
        if grp.isalpha():
            out.append(letters(grp))
        elif grp.isdigit() and style == 1 and len(grp) == 4:
            out.append(" ".join(_group(grp[j:j + 2], lang, 0) for j in (0, 2)))
        else:
            out.append(" ".join(c.lower() if c.isalpha() else say.digits(c, lang) for c in grp))
    return head + " " + " ".join(out), ("groups-digits", "groups-pairs")[style]


AT = {"nl": ("apenstaartje", "at"), "en": ("at", "at sign"), "fr": ("arobase", "at"), "es": ("arroba", "arroba")}
DOT = {"nl": ("punt", "dot"), "en": ("dot", "dot"), "fr": ("point", "point"), "es": ("punto", "punto")}
DASH = {"nl": "min", "en": "hyphen", "fr": "tiret", "es": "guion"}
PLUS_SIGN = {"nl": "plus", "en": "plus", "fr": "plus", "es": "más"}


def email(address: str, lang: str, style: int) -> tuple[str, str]:
    """An address as said: 0 words ('punt', 'arobase'), 1 short local part spelled letter by letter."""
    local, _, domain = address.rpartition("@")
    at, dot = AT[lang][style % 2], DOT[lang][style % 2]

    def words(part: str) -> str:
        part = part.replace(".", f" {dot} ").replace("-", f" {DASH[lang]} ").replace("+", f" {PLUS_SIGN[lang]} ")
        part = re.sub(r"\d+", lambda m: f" {say.digits(m.group(), lang)} ", part.replace("_", " underscore "))
        return " ".join(part.split())

    if style == 1 and local.isalpha() and len(local) <= 6:
        return f"{' '.join(local.lower())} {at} {words(domain).lower()}", "spelled-local"
    return f"{words(local)} {at} {words(domain)}".lower(), "words"


def postcode(pc: str, lang: str, style: int) -> tuple[str, str]:
    """'2548AE' as said: two pairs and the letters, or digit by digit, letters lowercase."""
    d, letters = pc[:4], " ".join(c.lower() for c in pc[4:] if c.isalpha())
    if style == 0:
        return f"{say.number(int(d[:2]), lang)} {say.number(int(d[2:]), lang) if d[2] != '0' else say.digits(d[2:], lang)} {letters}", "pairs"
    return f"{say.digits(d, lang)} {letters}", "digits"


MONTH_ABBR = {"nl": "jan feb mrt apr mei jun jul aug sep okt nov dec", "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
              "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
              "es": "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic."}


def date_written(y: int, m: int, d: int, lang: str, style: int) -> tuple[str, str]:
    """Written forms of a date: numeric with different separators, month names, abbreviations."""
    month = say.MONTHS[lang][m - 1]
    abbr = MONTH_ABBR[lang].split()[m - 1]
    forms = [(f"{d:02d}-{m:02d}-{y}", "dd-mm-yyyy"), (f"{d}/{m}/{y}", "d/m/yyyy"), (f"{d:02d}.{m:02d}.{y}", "dd.mm.yyyy"),
             (f"{d} {month} {y}" if lang != "es" else f"{d} de {month} de {y}", "d month yyyy"),
             (f"{d} {abbr} {y}", "d mon yyyy"), (f"{d:02d}/{m:02d}/{y % 100:02d}", "dd/mm/yy")]
    if lang == "en":
        forms[3] = (f"{month} {d}, {y}", "month d, yyyy")
    return forms[style % len(forms)]


def date_spoken(y: int, m: int, d: int, lang: str, style: int) -> tuple[str, str]:
    """Dates as ASR writes them: words, or day and year as numerals with the month word."""
    month = say.MONTHS[lang][m - 1].lower()
    if style == 1:
        return (f"{d} {month} {y}" if lang != "es" else f"{d} de {month} de {y}"), "asr-numerals"
    if lang == "en":
        return f"{month} {say.ordinal_day(d, 'en')} {say.year(y, 'en')}", "words"
    if lang == "es":
        return f"{say.number(d, 'es')} de {month} de{'l' if y >= 2000 else ''} {say.year(y, 'es')}", "words"
    return f"{say.ordinal_day(d, lang)} {month} {say.year(y, lang, 1)}", "words"
