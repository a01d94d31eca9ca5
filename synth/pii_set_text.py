"""The words of `synth.pii_set`: sentence frames, month names, names, spelled e-mail words, per language.

`{V}` marks the personal value, `{K}` the look-alike. Spoken cases use the same frames, lowercased
and without punctuation.
"""
from __future__ import annotations

import random

MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
}
MONTHS_ABBR = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
}
ORD_EN = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
          "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth", "twentieth", "twenty first", "twenty second", "twenty third",
          "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh", "twenty eighth"]

NAMES = {
    "nl": [("Jan", "de Vries"), ("Sanne", "Jansen"), ("Pieter", "Bakker"), ("Fatima", "El Amrani"), ("Anouk", "Visser"),
           ("Daan", "van den Berg"), ("Emma", "Smit"), ("Kees", "Meijer"), ("Ingrid", "Mulder"), ("Mehmet", "Yilmaz"),
           ("Lotte", "de Boer"), ("Bram", "van Dijk"), ("Noor", "Hendriks"), ("Wim", "Dekker")],
    "en": [("Sarah", "Thompson"), ("John", "Smith"), ("Priya", "Patel"), ("Oliver", "Wright"), ("Emily", "Clarke"),
           ("James", "O'Brien"), ("Hannah", "Walker"), ("David", "Evans"), ("Grace", "Robinson"), ("Tom", "Hughes")],
    "fr": [("Marie", "Dubois"), ("Pierre", "Martin"), ("Camille", "Lefèvre"), ("Luc", "Moreau"), ("Sophie", "Laurent"),
           ("Nicolas", "Girard"), ("Chloé", "Bernard"), ("Julien", "Fournier"), ("Élise", "Mercier"), ("Hugo", "Blanc")],
    "es": [("Lucía", "García"), ("Javier", "Fernández"), ("Carmen", "López"), ("Alejandro", "Martínez"), ("Sofía", "Sánchez"),
           ("Pablo", "Romero"), ("Elena", "Navarro"), ("Diego", "Torres"), ("Marta", "Ruiz"), ("Andrés", "Gómez")],
}

FRAMES = {
    "bsn": {
        "nl": ["Mijn BSN is {V}.", "Burgerservicenummer: {V}", "Mijn burgerservicenummer is {V}, klopt dat?", "BSN {V}",
               "{V} is mijn bsn.", "Dat is {V}, mijn burgerservicenummer.", "Het sofinummer is {V}."],
        "en": ["My BSN is {V}.", "My citizen service number is {V}.", "{V} is my BSN.", "Citizen service number (BSN): {V}",
               "The BSN on my letter is {V}."],
        "fr": ["Mon numéro BSN est le {V}.", "Mon numéro de citoyen néerlandais (BSN) est {V}.", "{V}, c'est mon BSN.", "BSN : {V}"],
        "es": ["Mi número BSN es {V}.", "Mi número de ciudadano holandés (BSN) es el {V}.", "{V} es mi BSN.", "BSN: {V}"],
    },
    "iban": {
        "nl": ["Mijn IBAN is {V}.", "Rekeningnummer {V}", "Kunt u het overmaken naar {V} graag?", "Het is {V} ok",
               "{V} is mijn rekeningnummer.", "IBAN: {V} dank u."],
        "en": ["My IBAN is {V}.", "Please refund it to {V} thanks.", "Account number {V}", "{V} is my account.", "It's {V} ok"],
        "fr": ["Mon IBAN est {V}.", "Virez-le sur le compte {V} merci.", "{V}, c'est mon compte.", "RIB : {V}"],
        "es": ["Mi IBAN es {V}.", "La cuenta es {V} vale.", "{V} es mi cuenta bancaria.", "Número de cuenta: {V}"],
    },
    "phone": {
        "nl": ["U kunt me bereiken op {V}.", "Mijn nummer is {V}.", "Bel me terug op {V} alstublieft.", "{V} is mijn mobiele nummer.",
               "Telefoon: {V}", "Mijn vaste nummer is {V}, na zes uur."],
        "en": ["You can reach me on {V}.", "My number is {V}.", "Call me back at {V} please.", "{V} is my mobile.", "Phone: {V}"],
        "fr": ["Vous pouvez me joindre au {V}.", "Mon numéro est le {V}.", "Rappelez-moi au {V} s'il vous plaît.", "{V}, c'est mon portable."],
        "es": ["Puede llamarme al {V}.", "Mi número es el {V}.", "Mi móvil es {V}.", "{V} es mi teléfono."],
    },
    "email": {
        "nl": ["Mijn e-mailadres is {V}.", "Mail het naar {V} alstublieft.", "{V} is mijn mailadres.", "E-mail: {V}", "Stuur de bevestiging naar <{V}>."],
        "en": ["My email is {V}.", "Send it to {V} please.", "{V} is my email address.", "Email: {V}"],
        "fr": ["Mon adresse e-mail est {V}.", "Envoyez-le à {V} s'il vous plaît.", "{V}, c'est mon adresse.", "Courriel : {V}"],
        "es": ["Mi correo es {V}.", "Envíelo a {V} por favor.", "{V} es mi correo electrónico.", "Email: {V}"],
    },
    "postcode": {
        "nl": ["Mijn postcode is {V}.", "Ik woon op {V}.", "Postcode en huisnummer: {V}", "{V}, dat is mijn adres.", "Het adres is {V} in Utrecht."],
        "en": ["My postcode is {V}.", "The address is {V} in Utrecht.", "Postcode and house number: {V}"],
        "fr": ["Mon code postal est {V}.", "J'habite {V} à Rotterdam.", "Code postal : {V}"],
        "es": ["Mi código postal es {V}.", "Vivo en {V}, en Ámsterdam.", "Código postal: {V}"],
    },
    "dob": {
        "nl": ["Ik ben geboren op {V}.", "Geboortedatum: {V}", "Mijn geboortedatum is {V}.", "{V} is mijn geboortedatum.",
               "{V}, dat is mijn geboortedatum."],
        "en": ["Date of birth: {V}", "DOB: {V}", "I was born on {V}.", "{V} is my date of birth.", "My date of birth is {V}."],
        "fr": ["Je suis né le {V}.", "Je suis née le {V}.", "Date de naissance : {V}", "{V}, c'est ma date de naissance."],
        "es": ["Nací el {V}.", "Fecha de nacimiento: {V}", "{V} es mi fecha de nacimiento.", "Mi fecha de nacimiento es el {V}."],
    },
    "name": {  # a customer says their name
        "nl": ["Mijn naam is {V}.", "Goedemiddag, met {V}.", "Ja, met {V}, ik bel over mijn factuur.", "Ik ben {V}, ik heb een vraag."],
        "en": ["My name is {V}.", "Hi, this is {V} calling about my bill.", "Hello, it's {V} here."],
        "fr": ["Je m'appelle {V}.", "Bonjour, c'est {V} à l'appareil.", "Oui, je suis {V}."],
        "es": ["Me llamo {V}.", "Soy {V}, llamo por la factura.", "Mi nombre es {V}."],
    },
    "name_surname": {
        "nl": ["Met mevrouw {V}.", "Met meneer {V}, goedemiddag.", "Mijn achternaam is {V}."],
        "en": ["It's Mrs {V}.", "This is Mr {V}.", "My surname is {V}."],
        "fr": ["Je suis Madame {V}.", "C'est Monsieur {V}.", "Mon nom de famille est {V}."],
        "es": ["Soy la señora {V}.", "Mi apellido es {V}.", "Habla el señor {V}."],
    },
}
_KNOWN = {  # the agent addresses the customer, whose name the metadata holds
    "nl": ["Dank u wel, meneer {V}.", "Mevrouw {V}, ik zet het voor u klaar.", "Goed zo, {V}, dan sturen we het op."],
    "en": ["Thank you, Mr {V}.", "Mrs {V}, I'll set that up for you.", "Right, {V}, we'll send it out."],
    "fr": ["Merci, Monsieur {V}.", "Madame {V}, je vous prépare cela.", "Très bien, {V}, on vous l'envoie."],
    "es": ["Gracias, señor {V}.", "Señora {V}, se lo preparo ahora.", "Muy bien, {V}, se lo enviamos."],
}
GREETING = {  # the agent's own greeting: the agent's name is not the customer's
    "nl": ["Goedemiddag, u spreekt met {K} van de klantenservice.", "U spreekt met {K}, waarmee kan ik u helpen?"],
    "en": ["Good afternoon, you're speaking with {K}.", "Hello, {K} speaking, how can I help?"],
    "fr": ["Bonjour, vous êtes en ligne avec {K}.", "Service client, {K} à votre écoute."],
    "es": ["Buenas tardes, le atiende {K}.", "Atención al cliente, le habla {K}."],
}


def known_frames(lang: str, rng: random.Random) -> list[str]:
    return _KNOWN[lang]


EMAIL_WORDS = {
    "nl": {".": ["punt"], "@": ["apenstaartje", "at"], "-": ["streepje", "min"], "_": ["laag streepje", "underscore"], "+": ["plus"]},
    "en": {".": ["dot"], "@": ["at"], "-": ["dash", "hyphen"], "_": ["underscore"], "+": ["plus"]},
    "fr": {".": ["point"], "@": ["arobase", "at"], "-": ["tiret"], "_": ["tiret bas", "underscore"], "+": ["plus"]},
    "es": {".": ["punto"], "@": ["arroba"], "-": ["guion"], "_": ["guion bajo"], "+": ["más"]},
}
SPOKEN_AMOUNTS = {
    "nl": ("twaalfhonderdvijftig euro", "honderd euro", "drieënveertig euro vijftig", "vijftienhonderd euro"),
    "en": ("twelve hundred and fifty euros", "a hundred pounds", "forty three euros fifty", "fifteen hundred euros"),
    "fr": ("mille deux cent cinquante euros", "cent euros", "quarante-trois euros cinquante", "mille cinq cents euros"),
    "es": ("mil doscientos cincuenta euros", "cien euros", "cuarenta y tres euros con cincuenta", "mil quinientos euros"),
}
SPOKEN_TIMES = {
    "nl": ("half drie", "kwart over vier", "drie uur", "tien voor half elf"),
    "en": ("three pm", "half past two", "ten o'clock", "quarter to four"),
    "fr": ("quatorze heures trente", "trois heures", "dix heures et demie", "midi"),
    "es": ("las tres y media", "las dos", "las diez menos cuarto", "mediodía"),
}

KEEP_FRAMES = {
    "nl": {"amount": ["Het bedrag is {K}.", "Ik heb {K} betaald."], "time": ["Ik bel morgen om {K} terug.", "De monteur komt om {K}."],
           "date": ["De afspraak is op {K}.", "Klant sinds {K}.", "De afspraak is {K}."],
           "case_number": ["Uw ordernummer is {K}.", "Zaaknummer {K}", "Dossier {K}", "Ticket {K} staat open."],
           "dosage": ["Ik slik {K} per dag.", "De dosis is {K}."], "number": ["Het volgnummer op de doos is {K}.", "Op de bon staat {K}."],
           "iban_bad": ["Op de oude brief staat {K}."], "product_code": ["Het gaat om artikel {K}.", "Ik heb model {K} besteld."],
           "year": ["De wasmachine is uit {K}.", "Dat was in {K}."], "quantity": ["Ik wil {K} bestellen.", "Er zijn {K} geleverd."],
           "house_number": ["Het pakket ligt bij nummer {K}.", "Huisnummer {K}, naast de bakker."],
           "meter": ["De meterstand is {K} kWh.", "Meterstand: {K}"]},
    "en": {"amount": ["The amount is {K}.", "I paid {K}."], "time": ["I'll call back at {K}.", "The engineer comes at {K}."],
           "date": ["The appointment is on {K}.", "Customer since {K}."],
           "case_number": ["Your order number is {K}.", "Case {K}", "Ticket {K} is still open."],
           "dosage": ["I take {K} twice a day.", "The dose is {K}."], "number": ["The number on the box is {K}.", "The receipt says {K}."],
           "iban_bad": ["The old letter shows {K}."], "product_code": ["It's about item {K}.", "I ordered model {K}."],
           "year": ["The washing machine is from {K}.", "That was in {K}."], "quantity": ["I'd like {K}.", "They delivered {K}."],
           "house_number": ["The parcel is at number {K}.", "House number {K}, next to the bakery."],
           "meter": ["The meter reading is {K} kWh.", "Meter reading: {K}"]},
    "fr": {"amount": ["Le montant est de {K}.", "J'ai payé {K}."], "time": ["Je rappelle à {K}.", "Le technicien passe à {K}."],
           "date": ["Le rendez-vous est le {K}.", "Client depuis le {K}."],
           "case_number": ["Votre numéro de commande est {K}.", "Dossier {K}", "Le ticket {K} est ouvert."],
           "dosage": ["Je prends {K} par jour.", "La dose est de {K}."], "number": ["Le numéro sur la boîte est {K}.", "Sur le reçu il y a {K}."],
           "iban_bad": ["La vieille lettre indique {K}."], "product_code": ["Il s'agit de l'article {K}.", "J'ai commandé le modèle {K}."],
           "year": ["La machine date de {K}.", "C'était en {K}."], "quantity": ["Je voudrais {K}.", "On a livré {K}."],
           "house_number": ["Le colis est au numéro {K}.", "Numéro {K}, à côté de la boulangerie."],
           "meter": ["Le relevé du compteur est {K} kWh.", "Relevé : {K}"]},
    "es": {"amount": ["El importe es de {K}.", "He pagado {K}."], "time": ["Le llamo a {K}.", "El técnico viene a {K}."],
           "date": ["La cita es el {K}.", "Cliente desde el {K}."],
           "case_number": ["Su número de pedido es {K}.", "Expediente {K}", "El ticket {K} sigue abierto."],
           "dosage": ["Tomo {K} al día.", "La dosis es de {K}."], "number": ["El número de la caja es {K}.", "En el recibo pone {K}."],
           "iban_bad": ["La carta antigua pone {K}."], "product_code": ["Es el artículo {K}.", "Pedí el modelo {K}."],
           "year": ["La lavadora es de {K}.", "Eso fue en {K}."], "quantity": ["Quiero {K}.", "Han entregado {K}."],
           "house_number": ["El paquete está en el número {K}.", "Número {K}, al lado de la panadería."],
           "meter": ["La lectura del contador es {K} kWh.", "Lectura: {K}"]},
}
