"""Look-alikes of the third vector set: numbers a redactor must leave readable, and their sentences.

Amounts (Faker's nl/fr/es price formats, filled by the seeded generator, and said), times,
appointment dates, order and case numbers, 9-digit customer numbers that fail the 11-proef,
IBAN-shaped strings that fail mod 97, dosages and years, written and as speech recognition writes
them. `{la}` is the look-alike. The same sentences follow personal values as a second clause.
"""
from __future__ import annotations

import random
import re

from synth import pii_vectors3_speech as sp
from synth import pii_vectors_speech as say

KINDS = ("amount", "time", "date", "reference", "invalid_bsn", "invalid_iban", "dosage", "year")

LOOKALIKE: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "amount": {
        "nl": {"written": ("Er is {la} te veel afgeschreven.", "Het openstaande bedrag is {la}.",
                           "Ik heb {la} betaald maar zie het niet terug."),
               "spoken": ("er is {la} afgeschreven", "ik moet nog {la} betalen", "het ging om {la} geloof ik")},
        "en": {"written": ("I was charged {la} twice.", "The outstanding balance is {la}."),
               "spoken": ("they took {la} off my account", "it was {la} i think")},
        "fr": {"written": ("On m'a prélevé {la} de trop.", "Le montant restant est de {la}."),
               "spoken": ("on m'a prélevé {la}", "c'était {la} je crois")},
        "es": {"written": ("Me han cobrado {la} de más.", "El importe pendiente es de {la}."),
               "spoken": ("me cobraron {la}", "eran {la} creo")},
    },
    "time": {
        "nl": {"written": ("Ik ben er vanaf {la}.", "De monteur komt om {la}."),
               "spoken": ("ik ben thuis vanaf {la}", "bel maar na {la}")},
        "en": {"written": ("The engineer is booked for {la}.", "I'm free after {la}."),
               "spoken": ("call me after {la}", "i'm in from {la}")},
        "fr": {"written": ("Le technicien passe à {la}.", "Je suis disponible après {la}."),
               "spoken": ("rappelez-moi après {la}", "je suis là à partir de {la}")},
        "es": {"written": ("El técnico viene a las {la}.", "Estoy libre después de las {la}."),
               "spoken": ("llámeme después de {la}", "estoy en casa a partir de {la}")},
    },
    "date": {
        "nl": {"written": ("De afspraak is verzet naar {la}.", "Mijn contract loopt af op {la}."),
               "spoken": ("de afspraak is op {la}", "het pakket zou {la} komen")},
        "en": {"written": ("My appointment was moved to {la}.", "The contract ends on {la}."),
               "spoken": ("the appointment is on {la}", "it should arrive {la}")},
        "fr": {"written": ("Le rendez-vous est reporté au {la}.", "Mon contrat se termine le {la}."),
               "spoken": ("le rendez-vous c'est le {la}", "la livraison était prévue le {la}")},
        "es": {"written": ("La cita se ha cambiado al {la}.", "Mi contrato termina el {la}."),
               "spoken": ("la cita es el {la}", "el paquete tenía que llegar el {la}")},
    },
    "reference": {
        "nl": {"written": ("Het gaat om bestelling {la}.", "Mijn zaaknummer is {la}.", "Factuurnummer {la} klopt niet."),
               "spoken": ("het ordernummer is {la}", "het dossiernummer is {la}")},
        "en": {"written": ("This is about order {la}.", "My case number is {la}."),
               "spoken": ("the order number is {la}", "the ticket is {la}")},
        "fr": {"written": ("Il s'agit de la commande {la}.", "Mon numéro de dossier est {la}."),
               "spoken": ("le numéro de commande c'est {la}", "le dossier {la}")},
        "es": {"written": ("Se trata del pedido {la}.", "Mi número de incidencia es {la}."),
               "spoken": ("el número de pedido es {la}", "la incidencia {la}")},
    },
    "invalid_bsn": {
        "nl": {"written": ("Mijn klantnummer is {la}.", "Polisnummer: {la}", "Het ordernummer is {la}, niet mijn BSN."),
               "spoken": ("mijn klantnummer is {la}", "het polisnummer is {la}")},
        "en": {"written": ("My customer number is {la}.", "Policy number: {la}"),
               "spoken": ("my customer number is {la}", "the policy number is {la}")},
        "fr": {"written": ("Mon numéro client est le {la}.", "Numéro de contrat : {la}"),
               "spoken": ("mon numéro client c'est le {la}", "le numéro de contrat {la}")},
        "es": {"written": ("Mi número de cliente es {la}.", "Número de póliza: {la}"),
               "spoken": ("mi número de cliente es {la}", "el número de póliza es {la}")},
    },
    "invalid_iban": {
        "nl": {"written": ("Dit rekeningnummer wordt geweigerd: {la}, klopt dat?", "Op de brief staat {la}, maar dat lijkt fout."),
               "spoken": ("er staat {la} maar dat klopt niet",)},
        "en": {"written": ("The form rejects {la} as an IBAN.", "The letter says {la}, which looks wrong."),
               "spoken": ("it says {la} but that's wrong",)},
        "fr": {"written": ("Le formulaire refuse {la} comme IBAN.", "Sur le courrier il y a {la}, ça semble faux."),
               "spoken": ("il y a {la} mais c'est faux",)},
        "es": {"written": ("El formulario rechaza {la} como IBAN.", "En la carta pone {la}, parece un error."),
               "spoken": ("pone {la} pero está mal",)},
    },
    "dosage": {
        "nl": {"written": ("Ik gebruik {la} per dag.", "De dokter heeft {la} voorgeschreven."),
               "spoken": ("ik neem {la} per dag", "het is {la} twee keer per dag")},
        "en": {"written": ("I take {la} a day.", "The doctor prescribed {la}."),
               "spoken": ("i take {la} twice a day",)},
        "fr": {"written": ("Je prends {la} par jour.", "Le médecin a prescrit {la}."),
               "spoken": ("je prends {la} par jour",)},
        "es": {"written": ("Tomo {la} al día.", "El médico me recetó {la}."),
               "spoken": ("tomo {la} al día",)},
    },
    "year": {
        "nl": {"written": ("Ik ben al klant sinds {la}.", "De auto is van bouwjaar {la}."),
               "spoken": ("ik ben klant sinds {la}", "de ketel is van {la}")},
        "en": {"written": ("I've been a customer since {la}.", "The boiler was installed in {la}."),
               "spoken": ("i've been with you since {la}",)},
        "fr": {"written": ("Je suis client depuis {la}.", "La chaudière date de {la}."),
               "spoken": ("je suis client depuis {la}",)},
        "es": {"written": ("Soy cliente desde {la}.", "La caldera es de {la}."),
               "spoken": ("soy cliente desde {la}",)},
    },
}

MONTHS_SHORT = {"nl": "mrt", "en": "Mar", "fr": "mars", "es": "mar"}
UNITS = {"nl": ("milligram", "milliliter"), "en": ("milligrams", "millilitres"), "fr": ("milligrammes", "millilitres"),
         "es": ("miligramos", "mililitros")}


def fill(fmt: str, rng: random.Random) -> str:
    """Faker's numerify: '#' any digit, '%' a digit 1-9."""
    return "".join(str(rng.randint(0, 9)) if c == "#" else str(rng.randint(1, 9)) if c == "%" else c for c in fmt)


def amount(lang: str, form: str, price_formats: list[str], rng: random.Random) -> str:
    if form == "spoken":
        return sp.amount(rng.randint(2, 950), rng.choice((0, 0, 50, 95, 25)), lang)
    price = fill(rng.choice(price_formats), rng) if price_formats else f"{rng.randint(2, 999)},{rng.randint(0, 99):02d}"
    if lang == "en":
        return rng.choice((f"€{price.replace('.', 'x').replace(',', '.').replace('x', ',')}", f"EUR {price}"))
    return rng.choice((f"€ {price}", f"{price} euro" if lang == "nl" else f"{price} €"))


def time(lang: str, form: str, rng: random.Random) -> str:
    h, m = rng.randint(8, 20), rng.choice((0, 15, 30, 45, 10))
    if form == "spoken":
        return sp.clock(h, m, lang)
    return rng.choice((f"{h}:{m:02d}", f"{h}.{m:02d} uur" if lang == "nl" else f"{h}h{m:02d}" if lang == "fr" else f"{h}:{m:02d}"))


def date(lang: str, form: str, rng: random.Random) -> str:
    y, mo, d = rng.choice((2026, 2027)), rng.randint(1, 12), rng.randint(1, 28)
    month = say.MONTHS[lang][mo - 1]
    if form == "spoken":
        return (f"{say.ordinal_day(d, 'en')} of {month}" if lang == "en" else
                f"{say.number(d, lang)} de {month}" if lang == "es" else f"{say.number(d, lang)} {month}")
    return rng.choice((f"{d}-{mo:02d}-{y}", f"{d} {month} {y}" if lang != "es" else f"{d} de {month} de {y}",
                       f"{d:02d}/{mo:02d}/{y}"))


REFERENCE_FORMATS = ("ORD-2026-######", "ZK-#######", "#%#####-A", "INV/2026/#####", "T-%####-##", "%######",
                     "CS%#######", "2026-%#####")


def reference(lang: str, form: str, rng: random.Random) -> str:
    ref = fill(rng.choice(REFERENCE_FORMATS), rng)
    if form == "spoken":
        return sp.digit_run(re.sub(r"\D", "", ref)[-7:], lang)
    return ref


def dosage(lang: str, form: str, rng: random.Random) -> str:
    mg, ml = rng.choice((5, 10, 20, 40, 50, 100, 250, 400, 500, 1000)), rng.choice((2, 5, 10, 15))
    if form == "spoken":
        return rng.choice((f"{say.number(mg, lang)} {UNITS[lang][0]}", f"{say.number(ml, lang)} {UNITS[lang][1]}"))
    return rng.choice((f"{mg} mg", f"{mg}mg", f"2 x {ml} ml", f"{ml} ml", f"0,5 mg" if lang != "en" else "0.5 mg"))


def year(lang: str, form: str, rng: random.Random) -> str:
    y = rng.randint(1988, 2025)
    return say.year(y, lang) if form == "spoken" else str(y)
