"""Each kind of personal data, in the forms the issue lists as missed, and the look-alikes that
must stay (false alarms). Values are built from the formats' definitions here (11-proef, mod 97,
numbering plans), not taken from the benchmark set."""
from __future__ import annotations

import random

import pytest
from stdnum import iban as stdnum_iban

from meeluister.redaction import RedactionOptions, redact
from meeluister.redaction.spoken import normalise


def bsn_from(first8: str) -> str:
    """A valid BSN: the 9th digit makes sum(d_i * (9..2)) - d9 divisible by 11."""
    s = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1)))
    check = s % 11
    assert check < 10, first8
    return first8 + str(check)


def iban_for(country: str, bban: str) -> str:
    return country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban


NL_IBAN = iban_for("NL", "ABNA0417164300")  # NL91ABNA0417164300
DE_IBAN = iban_for("DE", "370400440532013000")  # DE89...


def test_value_builders_follow_the_definitions():
    assert bsn_from("11122233") == "111222333" and NL_IBAN == "NL91ABNA0417164300"
    assert DE_IBAN == "DE89370400440532013000" and stdnum_iban.is_valid(DE_IBAN)


# --- spoken numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize("said, digits", [
    ("nul zes twaalf vierendertig zesenvijftig achtenzeventig", "0612345678"),
    ("nul zes een twee drie vier vijf zes zeven acht", "0612345678"),
    ("zero six one two double three four five six seven", "0612334567"),
    ("zero six twelve thirty four fifty-six seventy-eight", "0612345678"),
    ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", "0612345678"),
    ("zéro un soixante et onze quatre-vingt-douze quatre-vingts dix-sept", "0171928017"),
    ("cero seis doce treinta y cuatro cincuenta y seis setenta y ocho", "0612345678"),
    ("nul zes dubbel een drie vier vijf zes zeven acht", "06113456 78".replace(" ", "")),
    ("plus drie een zes een twee drie vier vijf zes zeven acht", "+31612345678"),
    ("negentienvierentachtig", "1984"),
    ("nineteen eighty-four", "1984"),
    ("tweeduizend vijf", "2005"),
    ("two thousand and five", "2005"),
    ("dos mil cinco", "2005"),
    ("mil novecientos ochenta y cuatro", "1984"),
    ("negentienhonderd vierentachtig", "1984"),
    ("vijfhonderdvijfenvijftig", "555"),
    ("septante-trois nonante-neuf", "7399"),
    ("veintidós veintitrés", "2223"),
])
def test_spoken_numbers_become_the_digits_dictated(said, digits):
    n = normalise(said)
    assert n.text == digits
    assert n.to_original(0, len(n.text)) == (0, len(said))


def test_what_is_not_a_dictated_number_stays_as_written():
    for text in ("ik heb een vraag", "een", "kamer 12", "06 12 34 56 78", "the second time", "un café"):
        assert normalise(text).text == text
    assert normalise("een 06-nummer").text == "een 06-nummer"  # the article stays an article
    assert normalise("drie maart").text == "3 maart"  # a lone digit word before a month is a day
    assert normalise("april sixth").text == "april 6"
    assert normalise("the twenty third of march").text == "the 23 of march"
    # an ordinal is a day: it never runs into the year after it
    assert normalise("september twentieth nineteen ninety").text == "september 20 1990"
    # a phrase never ends inside a hyphenated number: 40 92, not 44 20 12
    assert normalise("quarante quatre-vingt-douze").text == "4092"
    # a comma between written digits and a word ends the run
    assert normalise("bestelling 12345, vier stuks").text == "bestelling 12345, vier stuks"


def test_offsets_map_back_to_the_words_said():
    text = "bel nul zes twaalf nu"
    n = normalise(text)
    assert n.text == "bel 0612 nu"
    assert n.to_original(4, 8) == (4, 18)  # the whole number
    assert n.to_original(6, 8) == (12, 18)  # "12" is "twaalf"
    assert n.to_original(9, 11) == (19, 21) and text[19:21] == "nu"  # after it: shifted


# --- BSN ---------------------------------------------------------------------------------------

BSN = bsn_from("12345678")  # 123456782


@pytest.mark.parametrize("written", [
    BSN, f"{BSN[:3]} {BSN[3:6]} {BSN[6:]}", f"{BSN[:3]}.{BSN[3:6]}.{BSN[6:]}", f"{BSN[:3]}-{BSN[3:6]}-{BSN[6:]}",
    f"{BSN[:4]} {BSN[4:6]} {BSN[6:]}", f"{BSN[:4]}.{BSN[4:6]}.{BSN[6:]}", " ".join(BSN),
])
def test_bsn_in_every_grouping_with_context_before_or_after(written):
    assert redact(f"Mijn BSN is {written}.").text == "Mijn BSN is [BSN]."
    assert redact(f"{written} is mijn burgerservicenummer").text == "[BSN] is mijn burgerservicenummer"


def test_bsn_spoken_digit_by_digit_and_in_other_languages():
    said = "een twee drie vier vijf zes zeven acht twee"
    assert redact(f"mijn bsn is {said}").text == "mijn bsn is [BSN]"
    assert redact("my citizen service number is one two three four five six seven eight two").counts == {"bsn": 1}
    assert redact("mon numéro BSN est le 123 456 782").counts == {"bsn": 1}
    assert redact("mi número BSN es 123456782").counts == {"bsn": 1}
    assert redact("BSN 012345672").counts == {"bsn": 1}  # eight significant digits, zero padded


def test_bsn_needs_the_eleven_test_context_and_no_reference_word_between():
    bad = BSN[:-1] + str((int(BSN[-1]) + 1) % 10)
    assert redact(f"BSN {bad}").counts == {}
    assert redact(f"Ordernummer {BSN} is verzonden.").counts == {}  # no context
    # the context word belongs to another number: a reference word stands between
    assert redact(f"BSN gecontroleerd, ordernummer {BSN}").counts == {}
    assert redact(f"ordernummer {BSN} en BSN gecontroleerd").counts == {}
    far = "BSN " + "x" * 80 + " " + BSN
    assert redact(far).counts == {} and redact(far, RedactionOptions(context_chars=120)).counts == {"bsn": 1}


# --- IBAN --------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    NL_IBAN, "NL91 ABNA 0417 1643 00", "NL 91 ABNA 0417 1643 00", "NL-91-ABNA-0417-1643-00", "NL91-ABNA-0417-1643-00",
    "nl91abna0417164300", "nl91 abna 0417 1643 00", DE_IBAN, "DE89 3704 0044 0532 0130 00", "BE71 0961 2345 6769",
    "FR14 2004 1010 0505 0001 3M02 606",
])
def test_iban_with_any_spacing_and_case(written):
    assert redact(f"Rekening {written}, graag.").text == "Rekening [IBAN], graag."


def test_iban_never_swallows_a_short_word_after_it():
    for word in ("en", "ok", "graag", "is", "AB", "de"):
        r = redact(f"het is {NL_IBAN} {word} dank u")
        assert r.text == f"het is [IBAN] {word} dank u", word
        assert r.counts == {"iban": 1}


def test_iban_said_and_spelled():
    said = "n l eenennegentig a b n a nul vier een zeven een zes vier drie nul nul"
    assert redact(f"mijn iban is {said}").text == "mijn iban is [IBAN]"
    assert redact("NL eenennegentig ABNA nul vier zeventien zestien drieënveertig nul nul").counts == {"iban": 1}


def test_iban_with_a_wrong_check_stays_whole():
    wrong = "NL92 ABNA 0417 1643 00"
    assert redact(f"oude brief: {wrong}, bel 0612345678").text == f"oude brief: {wrong}, bel [PHONE]"


# --- phone ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [
    "0612345678", "06-12345678", "06 12 34 56 78", "020-1234567", "020 123 4567", "(020) 123 4567", "010-7654321",
    "0591-123456", "+31 6 12345678", "+31 (0)6 1234 5678", "+31(0)20 123 4567", "0031 6 12345678", "+32 470 12 34 56",
    "+44 20 7946 0958", "+33 1 75 58 39 35", "+34 612 345 678", "+49 30 123456", "+1 (212) 555-0123",
    "+1 212-555-0123",
])
def test_phone_numbers_dutch_and_international(number):
    assert redact(f"Bel {number} na vijven.").text == "Bel [PHONE] na vijven."


def test_phone_numbers_said():
    for said in ("nul zes twaalf vierendertig zesenvijftig achtenzeventig",
                 "plus drie een zes een twee drie vier vijf zes zeven acht",
                 "zero two zero one two three four five six seven",
                 "cero seis uno dos tres cuatro cinco seis siete ocho"):
        assert redact(f"mijn nummer is {said}").text == "mijn nummer is [PHONE]", said


def test_national_numbers_of_other_countries_need_a_phone_word():
    assert redact("call me on (212) 555-0123").text == "call me on [PHONE]"
    assert redact("call me on 07400 123456 please").text == "call me on [PHONE] please"  # UK mobile
    assert redact("mi móvil es 612 345 678").text == "mi móvil es [PHONE]"  # Spanish mobile
    assert redact("vous pouvez me joindre au 01 75 58 39 35").counts == {"phone": 1}
    assert redact("the box says 612345678").counts == {}  # no phone word: a number


def test_phone_look_alikes_stay():
    for text in ("op 01-02-2026 om 12 uur", "bestelling 061234567", "ordernummer 0612345678",
                 "dossier 0201234567 is gesloten", "bel 0800-1234 gratis", "het kost 1.250,00 euro",
                 "om 10:30 uur", "ticket 2026/123456", "meterstand 012345678"):
        r = redact(text)
        assert "phone" not in r.counts, text
    assert redact("bel 0612345678 of 0201234567").counts == {"phone": 2}  # two in a row: both
    assert redact("0612345678 0201234567").counts == {"phone": 2}


# --- e-mail ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("address", [
    "j.de.vries@example.nl", "a.b+c@x-y.example.com", "james.o'brien+shop@mail.example.co.uk", "x_y@z.eu",
])
def test_written_email(address):
    assert redact(f"mail {address}.").text == "mail [EMAIL]."


@pytest.mark.parametrize("said", [
    "jan punt jansen at gmail punt com",
    "jan punt jansen apenstaartje ziggo punt nl",
    "jan streepje jansen apenstaartje mail punt example punt co punt uk",
    "jan underscore jansen at hotmail dot com",
    "marie point dupont arobase orange point fr",
    "marie tiret dupont arobase laposte point net",
    "juan punto garcia arroba gmail punto es",
    "jan punt jansen plus nieuws apenstaartje kpn punt nl",
    "jan jansen twaalf at gmail dot com",
])
def test_spelled_email(said):
    r = redact(f"mijn e-mail is {said} toch")
    assert r.text == "mijn e-mail is [EMAIL] toch"
    assert r.counts == {"email": 1}


def test_spelled_email_takes_no_conjunction_before_it():
    for conj in ("of", "or", "ou", "o", "en", "and", "et", "y"):
        r = redact(f"bel me {conj} jan punt jansen at gmail punt com")
        assert r.text == f"bel me {conj} [EMAIL]", conj


def test_spelled_email_needs_a_domain_with_a_known_top_level():
    for text in ("I looked at it point blank", "we meet at school. Tomorrow", "at home dot", "twitter @gemeente"):
        assert redact(text).counts == {}, text


# --- postcode ----------------------------------------------------------------------------------------

def test_postcode_with_house_number():
    assert redact("Ik woon op 3511 AB 12a.").text == "Ik woon op [POSTCODE]."
    assert redact("postcode 3511AB, huisnummer 12").text == "postcode [POSTCODE]"
    assert redact("postcode 3511 ab").text == "postcode [POSTCODE]"
    assert redact("mijn postcode is vier acht een een a b").text == "mijn postcode is [POSTCODE]"
    assert redact("Postcode 1234 SS of 1234 SA en 1234AB").text == "Postcode 1234 SS of 1234 SA en [POSTCODE]"
    assert redact("postcode 0123 AB").counts == {}


def test_dosages_and_lower_case_words_are_not_postcodes():
    for text in ("Neem 1250 MG per dag", "een fles van 500 ML", "telefoon met 128 GB", "in 1992 is het adres veranderd",
                 "het adres: 2000 en nog wat", "bestel 1000 mg"):
        assert "postcode" not in redact(text).counts, text
    assert redact("adres: 1250 MG Amsterdam").counts == {"postcode": 1}  # an address word right before decides
    assert redact("Ik woon op 3511 AB 12. Ik slik 1000 mg per dag.").text == "Ik woon op [POSTCODE]. Ik slik 1000 mg per dag."
    assert redact("code postal: 4067 we 182a").text == "code postal: [POSTCODE]"  # address word and house number
    assert redact("postcode 1992 is veranderd").counts == {}


# --- dates of birth -------------------------------------------------------------------------------------

@pytest.mark.parametrize("date", [
    "12-03-1984", "12/3/84", "12.03.1984", "1984-03-12", "12 maart 1984", "12 mrt. 1984", "12 mrt '84", "March 12, 1984",
    "12th of March 1984", "12 mars 1984", "12 de marzo de 1984", "12 Sept. 1984", "1er mars 1984",
    "twaalf maart negentienvierentachtig", "twelfth of march nineteen eighty four",
    "doce de marzo de mil novecientos ochenta y cuatro", "douze mars mille neuf cent quatre-vingt-quatre",
])
def test_dates_of_birth_with_a_birth_word(date):
    assert redact(f"geboren op {date}, klopt").text == "geboren op [DOB], klopt"
    assert redact(f"{date} is mijn geboortedatum").text == "[DOB] is mijn geboortedatum"


def test_other_dates_stay():
    assert redact("klant sinds 1 januari 2009").counts == {}
    assert redact("customer since 3 March 2001").counts == {}
    assert redact("client depuis le 2 juin 2005").counts == {}
    assert redact("Uw afspraak is op 12-03-2026 om 10 uur.").counts == {}
    assert redact("La cita es el 23 de abril de 2003").counts == {}
    assert redact("op 12-03-84").counts == {}  # a two-digit year needs a birth word
    assert redact("geboren 32-01-1984").counts == {}  # no such day
    assert redact("geboren 13-13-1984").counts == {}  # no such month in either order


def test_a_birth_word_before_the_other_kind_of_date_wins():
    r = redact("klant sinds 1 januari 2009, geboren op 12 maart 1984")
    assert r.text == "klant sinds 1 januari 2009, geboren op [DOB]"


def test_dob_years_without_context_follow_the_options():
    assert redact("op 1-1-1950").text == "op [DOB]"
    assert redact("op 1-1-2016").text == "op 1-1-2016"
    assert redact("op 1-1-2016", RedactionOptions(dob_year_max=2020)).counts == {"dob": 1}
    assert redact("op 1-1-1950", RedactionOptions(dob_year_min=1960)).counts == {}


# --- names -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Mijn naam is Jan de Vries.", "Mijn naam is [NAME]."),
    ("mijn naam is jan de vries en ik bel over", "mijn naam is [NAME] en ik bel over"),
    ("Hallo, met Jan de Vries, ik bel over mijn paspoort.", "Hallo, met [NAME], ik bel over mijn paspoort."),
    ("goedemiddag met wim dekker", "goedemiddag met [NAME]"),
    ("Ik heet Fatima.", "Ik heet [NAME]."),
    ("My name is John Smith and I'm calling about", "My name is [NAME] and I'm calling about"),
    ("Hello, it's James O'Brien here.", "Hello, it's [NAME] here."),
    ("Je m'appelle Claire Dubois.", "Je m'appelle [NAME]."),
    ("Bonjour, je suis Madame Dupont.", "Bonjour, je suis Madame [NAME]."),
    ("bonjour c'est pierre martin à l'appareil", "bonjour c'est [NAME] à l'appareil"),
    ("Me llamo María García López.", "Me llamo [NAME]."),
    ("Hola, soy Lucía.", "Hola, soy [NAME]."),
    ("Mi apellido es Navarro.", "Mi apellido es [NAME]."),
    ("Dank u wel, meneer Jansen.", "Dank u wel, meneer [NAME]."),
    ("Mevrouw de Vries, klopt dat?", "Mevrouw [NAME], klopt dat?"),
    ("Thank you Mrs Smith.", "Thank you Mrs [NAME]."),
    ("Gracias, señora García.", "Gracias, señora [NAME]."),
])
def test_names_said_or_addressed(text, expected):
    assert redact(text, speaker="customer").text == expected


def test_the_agents_own_name_in_the_greeting_stays():
    for text in ("Goedemorgen, u spreekt met Sanne van de gemeente Breda.", "You're speaking with Tom, how can I help?",
                 "Bonjour, vous parlez avec Claire.", "Buenos días, le atiende Lucía."):
        assert redact(text).text == text
    assert redact("Goedemorgen, met Sanne van de gemeente.", speaker="agent").counts == {}
    assert redact("Mijn naam is Sanne.", speaker="agent").counts == {}
    assert redact("Mijn naam is Sanne.", speaker="customer").counts == {"name": 1}
    off = RedactionOptions(own_name_greeting=False)
    assert redact("Mijn naam is Sanne.", off, speaker="agent").counts == {"name": 1}
    # addressing the customer is the customer's name, whoever speaks
    assert redact("Dag meneer Jansen.", speaker="agent").text == "Dag meneer [NAME]."


def test_names_stop_at_function_words_and_workplaces():
    assert redact("Hoi Kevin, met Nadia Bouzid van Finance.").text == "Hoi Kevin, met [NAME] van Finance."
    assert redact("ik ben geboren op een dinsdag").counts == {}
    assert redact("ja met mijn zoon").counts == {}
    assert redact("I'm Sorry about that").counts == {}
    assert redact("c'est mon portable").counts == {}


def test_known_names_from_metadata():
    r = redact("Ja, Jan hier. De Vries met een v.", known_names=("Jan de Vries",))
    assert r.text == "Ja, [NAME] hier. [NAME] met een v." and r.counts == {"name": 2}
    assert redact("jan de vries belde", known_names=("Jan de Vries",)).text == "[NAME] belde"
    assert redact("right thompson we'll send it", known_names=("Sarah Thompson",)).text == "right [NAME] we'll send it"
    # a capitalised part only as capitalised, in text that has capitals: "Bakker" the name, not "bakker"
    assert redact("Ik ga naar de bakker.", known_names=("Piet Bakker",)).counts == {}
    assert redact("Dag Bakker.", known_names=("Piet Bakker",)).counts == {"name": 1}
    assert redact("Dag Bakker.").counts == {}


# --- everything together, and what stays ---------------------------------------------------------------

def test_amounts_times_appointments_and_reference_numbers_stay():
    keep = ("Dat kost € 1.250,00, de afspraak is op 3 december 2026 om 14:30. Zaaknummer Z-2026-12345, "
            "order ORD-2026-004512, ticket #483920, 2026/1234, kenmerk KQ-WRB, 1250 MG per dag.")
    assert redact(keep).text == keep


def test_random_look_alike_numbers_survive():
    rng = random.Random(9)
    for _ in range(200):
        n = str(rng.randrange(10_000_000, 999_999_999))
        if int(n[0]) == 0:
            continue
        text = f"Het artikelnummer is {n} en de prijs 12,50."
        assert redact(text).text == text, n
