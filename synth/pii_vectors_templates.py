"""Contact-centre sentences for the third-party vector set (`synth.pii_vectors`), in nl/en/fr/es.

`{pii}` is the vector, `{la}` a look-alike that must stay readable; for addresses `{pc}` is the
postcode and `{hn}`, `{street}`, `{city}` the rest of the address (allowed to be masked, not
required). Written from how callers speak, not from the redactor's context words.
"""
from __future__ import annotations

PII: dict[str, dict[str, tuple[str, ...]]] = {
    "bsn": {
        "nl": ("Mijn BSN is {pii}.", "Het burgerservicenummer is {pii}, klopt dat?", "{pii}, dat is mijn BSN.",
               "Ja hoor, mijn burgerservicenummer is {pii}.", "Kunt u het BSN bevestigen? Ja, {pii}.",
               "Voor de toeslag heeft u mijn BSN nodig, dat is {pii}.", "{pii} is mijn burgerservicenummer."),
        "en": ("My BSN is {pii}.", "My citizen service number is {pii}.", "{pii} is my BSN.",
               "The BSN on the letter is {pii}.", "Sure, my BSN, it's {pii}."),
        "fr": ("Mon numéro BSN est le {pii}.", "Mon numéro de service citoyen est {pii}.", "Le BSN, c'est {pii}.",
               "{pii}, c'est mon BSN."),
        "es": ("Mi número BSN es {pii}.", "Mi número de ciudadano, el BSN, es {pii}.", "El BSN es {pii}, sí.",
               "{pii} es mi BSN."),
    },
    "iban": {
        "nl": ("Mijn IBAN is {pii}.", "Het rekeningnummer is {pii}.",
               "U kunt het terugstorten op {pii}, dat is mijn rekening.", "Het geld moet naar {pii} graag.",
               "Mijn rekeningnummer, even kijken, {pii}."),
        "en": ("My IBAN is {pii}.", "Please refund it to account {pii}.", "The account number is {pii} yes.",
               "You can pay it back into {pii} thanks."),
        "fr": ("Mon IBAN est {pii}.", "Le remboursement sur le compte {pii} svp.", "Mon numéro de compte est {pii}.",
               "Vous pouvez virer sur {pii} merci."),
        "es": ("Mi IBAN es {pii}.", "La cuenta es {pii} gracias.", "Mi número de cuenta es {pii}.",
               "Hagan la devolución a {pii} por favor."),
    },
    "phone": {
        "nl": ("U kunt me bereiken op {pii}.", "Mijn telefoonnummer is {pii}.", "Bel me terug op {pii} na vijven.",
               "Mijn mobiele nummer is {pii}.", "Het nummer is {pii}, dat is mijn werk."),
        "en": ("You can reach me on {pii}.", "My phone number is {pii}.", "Call me back at {pii} tomorrow.",
               "My mobile is {pii}."),
        "fr": ("Vous pouvez me joindre au {pii}.", "Mon numéro de téléphone est le {pii}.",
               "Rappelez-moi au {pii} demain.", "Mon portable, c'est le {pii}."),
        "es": ("Me puede llamar al {pii}.", "Mi número de teléfono es el {pii}.", "Llámeme al {pii} mañana.",
               "Mi móvil es el {pii}."),
    },
    "email": {
        "nl": ("Mijn e-mailadres is {pii}.", "Stuur het maar naar {pii}.", "Het mailadres is {pii}, met kleine letters.",
               "U kunt mailen naar {pii}."),
        "en": ("My email is {pii}.", "Send it to {pii} please.", "The email address is {pii}.",
               "You can email me at {pii}."),
        "fr": ("Mon adresse e-mail est {pii}.", "Envoyez-le à {pii}.", "Mon courriel, c'est {pii}.",
               "Écrivez-moi à {pii} s'il vous plaît."),
        "es": ("Mi correo es {pii}.", "Envíelo a {pii} por favor.", "Mi correo electrónico es {pii}.",
               "Puede escribirme a {pii}."),
    },
    "dob": {
        "nl": ("Mijn geboortedatum is {pii}.", "Ik ben geboren op {pii}.", "Geboren {pii}, klopt.",
               "{pii} is mijn geboortedatum.", "Mijn geboortedatum, dat is {pii}."),
        "en": ("My date of birth is {pii}.", "I was born on {pii}.", "Date of birth {pii}.",
               "{pii} is my date of birth."),
        "fr": ("Ma date de naissance est le {pii}.", "Je suis né le {pii}.", "Née le {pii}, oui.",
               "Ma date de naissance, c'est le {pii}."),
        "es": ("Mi fecha de nacimiento es el {pii}.", "Nací el {pii}.", "Fecha de nacimiento {pii}.",
               "Nacido el {pii}, sí."),
    },
}

ADDRESS: dict[str, tuple[str, ...]] = {
    "nl": ("Mijn postcode is {pc} en het huisnummer is {hn}.", "Postcode {pc} {hn}.",
           "Ik woon op {street} {hn}, {pc} {city}.", "Het pakket moet naar {pc}, nummer {hn}.",
           "{pc} {hn}, dat is mijn adres."),
    "en": ("My postcode is {pc}, house number {hn}.", "The address is {street} {hn}, {pc} {city}.",
           "Postcode {pc} {hn}.", "It's {pc}, number {hn}."),
    "fr": ("Mon code postal est {pc}, numéro {hn}.", "J'habite {street} {hn}, {pc} {city}.",
           "Le code postal, c'est {pc} {hn}."),
    "es": ("Mi código postal es {pc}, número {hn}.", "Vivo en {street} {hn}, {pc} {city}.",
           "El código postal es {pc} {hn}."),
}

LOOKALIKE: dict[str, dict[str, tuple[str, ...]]] = {
    "amount": {
        "nl": ("Het bedrag van {la} is afgeschreven.", "Ik betaal nu {la} per maand.", "Er staat een openstaand bedrag van {la}."),
        "en": ("The amount of {la} was taken from my account.", "I now pay {la} a month.", "There is {la} outstanding."),
        "fr": ("Le montant de {la} a été prélevé.", "Je paie {la} par mois.", "Il reste {la} à payer."),
        "es": ("Me cobraron {la}.", "Pago {la} al mes.", "Queda un importe de {la} pendiente."),
    },
    "time": {
        "nl": ("De monteur komt om {la}.", "Ik heb om {la} al gebeld.", "Vanaf {la} ben ik thuis."),
        "en": ("The engineer comes at {la}.", "I already called at {la}.", "I'm home from {la}."),
        "fr": ("Le technicien passe à {la}.", "J'ai déjà appelé à {la}.", "Je suis chez moi à partir de {la}."),
        "es": ("El técnico viene a las {la}.", "Ya llamé a las {la}.", "Estoy en casa desde las {la}."),
    },
    "date": {
        "nl": ("De afspraak staat op {la}.", "De factuur van {la} klopt niet.", "Vandaag is het {la}.",
               "Het contract loopt af op {la}."),
        "en": ("The appointment is on {la}.", "The invoice of {la} is wrong.", "Today is {la}.",
               "The contract ends on {la}."),
        "fr": ("Le rendez-vous est le {la}.", "La facture du {la} est fausse.", "Aujourd'hui, c'est le {la}."),
        "es": ("La cita es el {la}.", "La factura del {la} está mal.", "Hoy es {la}."),
    },
    "since": {
        "nl": ("Ik ben al klant sinds {la}.", "Ik zit sinds {la} bij jullie.", "Het abonnement loopt sinds {la}."),
        "en": ("I've been a customer since {la}.", "I've been with you since {la}."),
        "fr": ("Je suis client depuis le {la}.", "L'abonnement court depuis le {la}."),
        "es": ("Soy cliente desde el {la}.", "Tengo el contrato desde el {la}."),
    },
    "reference": {
        "nl": ("Mijn ordernummer is {la}.", "Het dossiernummer is {la}.", "Zaaknummer {la}, die heb ik gekregen.",
               "Het factuurnummer is {la}.", "Het betalingskenmerk is {la}."),
        "en": ("My order number is {la}.", "The case number is {la}.", "The ticket number is {la}.",
               "The payment reference is {la}."),
        "fr": ("Mon numéro de commande est {la}.", "Le numéro de dossier est {la}.", "La référence de paiement est {la}."),
        "es": ("Mi número de pedido es {la}.", "El número de caso es {la}.", "La referencia del pago es {la}."),
    },
    "dosage": {
        "nl": ("Ik slik {la} paracetamol per dag.", "De dokter schreef {la} voor.", "Het is een tablet van {la}."),
        "en": ("I take {la} of paracetamol a day.", "The doctor prescribed {la}."),
        "fr": ("Je prends {la} de paracétamol par jour.", "Le médecin a prescrit {la}."),
        "es": ("Tomo {la} de paracetamol al día.", "El médico me recetó {la}."),
    },
}

# Clauses added after some sentences with personal data: a look-alike next to the vector.
TAIL: dict[str, tuple[str, ...]] = {
    "nl": (" Het gaat om {la}.", " Mijn ordernummer is {la}.", " Ik bel om {la} terug."),
    "en": (" It's about {la}.", " My order number is {la}.", " I'll call back at {la}."),
    "fr": (" Il s'agit de {la}.", " Mon numéro de commande est {la}.", " Je rappelle à {la}."),
    "es": (" Se trata de {la}.", " Mi número de pedido es {la}.", " Vuelvo a llamar a las {la}."),
}
TAIL_KIND = ("amount", "reference", "time")

AMOUNTS = {
    "nl": ("€ 1.250,00", "49,95 euro", "€ 312,50", "1999 euro", "€12,99", "250 euro",
           "twaalfhonderdvijftig euro", "negenenveertig euro vijfennegentig"),
    "en": ("€1,250.00", "49.95 euros", "£312.50", "1999 euros", "$12.99", "250 pounds",
           "twelve hundred and fifty euros", "forty-nine ninety-five"),
    "fr": ("1 250,00 €", "49,95 euros", "312,50 €", "1999 euros", "12,99 €", "250 euros",
           "mille deux cent cinquante euros", "quarante-neuf euros quatre-vingt-quinze"),
    "es": ("1.250,00 €", "49,95 euros", "312,50 €", "1999 euros", "12,99 €", "250 euros",
           "mil doscientos cincuenta euros", "cuarenta y nueve euros con noventa y cinco"),
}
TIMES = {
    "nl": ("14:30", "9.15 uur", "half drie", "kwart over elf", "08:45", "kwart voor vijf", "veertien uur dertig"),
    "en": ("2:30 pm", "9:15", "half past two", "quarter past eleven", "08:45", "quarter to five", "fourteen thirty"),
    "fr": ("14h30", "9h15", "deux heures et demie", "onze heures et quart", "08:45", "cinq heures moins le quart",
           "quatorze heures trente"),
    "es": ("14:30", "9:15", "dos y media", "once y cuarto", "08:45", "cinco menos cuarto", "catorce y treinta"),
}
