"""Spoken and written forms found by the vector sets and the spoken-styles set (issue 9, branch
pii9): each rule with sentences and values written here, positive cases and the look-alikes that
must stay readable. Values: 111222333, 123456782 and 100090102 pass the 11-proef, 123456789 does
not; NL91ABNA0417164300 and NL09INGB0001234571 pass mod 97, NL92ABNA0417164300 does not; the phone
numbers are valid in their plan per libphonenumber (checked below)."""
from __future__ import annotations

import re

import phonenumbers
import pytest
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from meeluister.redaction import CANDIDATE_PATTERN, redact
from meeluister.redaction.spoken import alternatives, normalise


def test_the_values_are_what_their_definitions_say():
    assert all(std_bsn.is_valid(v) for v in ("111222333", "123456782", "100090102"))
    assert not std_bsn.is_valid("123456789")
    assert std_iban.is_valid("NL91ABNA0417164300") and std_iban.is_valid("NL09INGB0001234571")
    assert not std_iban.is_valid("NL92ABNA0417164300")
    for number, region in (("+20 100 123 4567", None), ("01 75 58 39 35", "FR"), ("0131 496 0537", "GB"),
                           ("+31 6 12345678", None), ("691 234 5678", "GR")):
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, region))


# --- a second reading of spoken numbers --------------------------------------------------------

def test_tens_and_a_unit_said_apart_are_also_read_as_two_numbers():
    doc = normalise("plus twenty one zero zero one two three four five six seven")
    assert doc.text == "+21001234567"  # first reading: "twenty one" is 21
    assert [a.text for a in alternatives(doc)] == ["+201001234567"]
    assert not alternatives(normalise("plus twenty-one zero zero"))  # a hyphen: only 21


@pytest.mark.parametrize("text, expected", [
    ("uh it's plus twenty one zero zero one two three four five six seven that's my cell",
     "uh it's [PHONE] that's my cell"),  # +20 100 123 4567, Egypt
    ("mon portable c'est le plus vingt un zéro zéro un deux trois quatre cinq six sept",
     "mon portable c'est le [PHONE]"),
    ("my bsn is one zero zero zero ninety one zero two", "my bsn is [BSN]"),  # 1000 90 102
])
def test_the_second_reading_finds_what_the_first_misses(text, expected):
    assert redact(text).text == expected


def test_a_lone_digit_word_between_spelled_letters_is_a_digit_there():
    text = "the account number is n l nine i n g b zero zero zero one two three four five seven one"
    assert redact(text).text == "the account number is [IBAN]"  # NL09 INGB 0001 2345 71
    # an article between words stays a word: no second reading at all
    assert not normalise("ik heb een vraag over mijn rekening").ambiguous


# --- IBAN ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "mijn iban is n l, eenennegentig, a b n a, nul vier een zeven, een zes vier drie, nul nul",
    "my iban is n l, ninety one, a b n a, zero four one seven, one six four three, zero zero",
    "NL91, ABNA, 0417, 1643, 00 is mijn rekening",
])
def test_an_iban_said_in_groups_apart_by_commas(text):
    assert "[IBAN]" in redact(text).text and "abna" not in redact(text).text.lower()


def test_an_invalid_iban_in_groups_stays_readable_and_is_no_phone():
    text = "mijn iban is n l, tweeënnegentig, a b n a, nul vier een zeven, een zes vier drie, nul nul"
    assert redact(text).text == text
    text = "stort het maar op b e zeventig drie en zeventig vier en vijftig vier en veertig nul zes vier en veertig"
    assert redact(text).text == text  # BE70 7354 4406 44 fails mod 97; "b e" before it says IBAN


# --- number words ------------------------------------------------------------------------------

def test_a_spanish_ciento_is_never_multiplied_and_sept_before_digits_is_seven():
    assert normalise("cero cinco uno ciento noventa y tres").text == "051193"
    assert normalise("dos mil ciento veinte").text == "2120"
    assert redact("le bsn euh un un un 222 333").text == "le bsn euh [BSN]"  # "un un un" then numerals
    assert normalise("cinq cinq sept 695 971").text == "557695971"
    assert normalise("né le 12 sept. 1984").text == "né le 12 sept. 1984"  # the month before a year


# --- BSN and phone cues ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "mon numéro bsn c'est le un deux trois quatre cinq six sept huit neuf",  # invalid BSN
    "my sofi number is one two three four five six seven eight nine",
    "een twee drie vier vijf zes zeven acht negen dat is mijn bsn",
    "el número de la seguridad social es uno dos tres cuatro cinco seis siete ocho nueve",
])
def test_an_invalid_bsn_with_its_word_is_no_phone_number(text):
    assert redact(text).text == text


def test_a_valid_bsn_after_the_same_words_is_a_bsn():
    assert redact("mon numéro bsn c'est le un deux trois quatre cinq six sept huit deux").text \
        == "mon numéro bsn c'est le [BSN]"


@pytest.mark.parametrize("text, expected", [
    ("Mijn vaste nummer is gewijzigd, het is nu 1234 5678.", "Mijn vaste nummer is gewijzigd, het is nu [PHONE]."),
    ("u kunt me bellen op negen vijf een acht een twee drie vier", "u kunt me bellen op [PHONE]"),
    ("Agente: anoto el 35831647 como teléfono de contacto.", "Agente: anoto el [PHONE] como teléfono de contacto."),
    ("eh nul zes een twee drie vier vijf zes zeven acht daar ben ik altijd bereikbaar",
     "eh [PHONE] daar ben ik altijd bereikbaar"),
])
def test_the_speakers_own_number_with_the_cue_further_away(text, expected):
    assert redact(text).text == expected


def test_the_service_number_of_an_organisation_stays():
    assert redact("Bel ons gratis op 0800-1234.").text == "Bel ons gratis op 0800-1234."
    assert redact("De klantenservice is bereikbaar, bel 0800 1234.").text == "De klantenservice is bereikbaar, bel 0800 1234."


# --- phone numbers without a cue word -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Agent: dus 01 75 58 39 35, klopt dat?", "Agent: dus [PHONE], klopt dat?"),  # French, trunk 0
    ("Customer: 0131 496 0537 yes", "Customer: [PHONE] yes"),  # British
    ("alors euh le plus vingt zéro zéro un deux trois quatre cinq six sept voilà", "alors euh le [PHONE] voilà"),
    ("Dat is +20 1001234567.", "Dat is [PHONE]."),
    ("alors euh le trois un six un deux trois quatre cinq six sept huit voilà", "alors euh le [PHONE] voilà"),
    ("ok so six nine one two three four five six seven eight yeah", "ok so [PHONE] yeah"),  # Greek, dictated
])
def test_a_phone_number_without_a_cue(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "Dat is +999 1234 5678.",  # no such country code
    "Uw ordernummer is 0175583935.",  # a reference word
    "het gaat over dossier zes negen een twee drie vier vijf zes zeven acht",
    "mijn klantnummer is een twee drie vier vijf zes zeven acht negen",
    "dat wordt dan twaalfduizend vijfhonderd euro",
    "le montant est de deux cent trente mille quatre cent euros",
    "het zijn een twee drie vier vijf zes zeven acht stuks",  # eight digits: too short without a cue
    "Artikel 612 345 678 is op.",  # written without a trunk 0: needs a phone word
    "De factuur van 01-02-2026 is betaald.",
])
def test_numbers_without_a_cue_that_stay(text):
    assert redact(text).text == text


# --- e-mail addresses said ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("stuur het maar naar j o h n at example dot net", "stuur het maar naar [EMAIL]"),
    ("send it to p i e t dot j a n s e n at telenet dot be please", "send it to [EMAIL] please"),
    ("envoyez-le à a b c at google point com s'il vous plaît", "envoyez-le à [EMAIL] s'il vous plaît"),
    ("mon adresse mail c'est n a m e at domain point tld", "mon adresse mail c'est [EMAIL]"),
    ("mijn mailadres is bob apenstaartje try een negen acht negen punt com", "mijn mailadres is [EMAIL]"),
    ("het emailadres is eh d dot j at server een dot proseware dot com", "het emailadres is eh [EMAIL]"),
    ("envoyez-le à x at x point au s'il vous plaît", "envoyez-le à [EMAIL] s'il vous plaît"),
    ("mi correo es foo arroba bar punto com punto au", "mi correo es [EMAIL]"),
    ("my email is name at pro dot photography", "my email is [EMAIL]"),
])
def test_an_address_said_with_letters_numbers_and_any_top_level(text, expected):
    assert redact(text).text == expected


def test_the_preposition_before_a_said_address_stays():
    assert redact("Puede escribirme a a punto b punto c arroba example punto es.").text \
        == "Puede escribirme a [EMAIL]."
    assert redact("Écrivez-moi à j o h n at example point fr").text == "Écrivez-moi à [EMAIL]"


@pytest.mark.parametrize("text", [
    "I looked at it point blank",
    "we zijn at home geweest, punt",
    "she stayed at the hotel dot dot dot",
])
def test_at_and_dot_in_ordinary_speech_stay(text):
    assert redact(text).text == text


# --- the bulk pre-filter passes all of it ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Mijn geboortedatum is twee februari negentienhonderdzesenzeventig.",
    "het emailadres is eh d dot j at server een dot proseware dot com",
    "ok so six nine one two three four five six seven eight yeah",
])
def test_the_prefilter_passes_what_is_redacted(text):
    assert redact(text).spans and re.search(CANDIDATE_PATTERN, text)


# --- hesitations and "drie keer" inside a number said ------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("mijn bsn is een twee drie, eh, vier vijf zes, zeven acht twee", "mijn bsn is [BSN]"),
    ("my bsn is one two three uh four five six seven eight two", "my bsn is [BSN]"),
    ("mijn nummer is nul zes eh twaalf vierendertig zesenvijftig achtenzeventig", "mijn nummer is [PHONE]"),
    ("mijn bsn is drie keer een drie keer twee drie keer drie", "mijn bsn is [BSN]"),
    ("mon bsn c'est le trois fois un trois fois deux trois fois trois", "mon bsn c'est le [BSN]"),
])
def test_a_hesitation_or_a_repeat_word_inside_a_number(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "ik heb drie keer gebeld en twee keer een mail gestuurd",
    "eh twee eh",
    "j'ai appelé trois fois un lundi",
])
def test_repeat_words_and_hesitations_in_ordinary_speech_stay(text):
    assert normalise(text).text == text


# --- further phone rules --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("eh zeven vier een twee drie vier vijf dat is mijn mobiel", "eh [PHONE] dat is mijn mobiel"),  # own, after
    ("ja dat is nul nul twee zeven een twee drie vier vijf zes zeven acht hoor", "ja dat is [PHONE] hoor"),
])
def test_a_short_number_with_the_own_cue_after_and_a_00_said(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "een twee drie vier vijf zes zeven acht negen nul is mijn ordernummer",
    "het zaaknummer is eh even kijken hoor een twee drie vier vijf zes zeven acht negen",
    "zeven vier een twee drie vier vijf",  # seven digits, no cue
])
def test_a_dictated_number_with_a_reference_word_near_stays(text):
    assert redact(text).text == text


# --- addresses written to fool harvesters ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Mail me op jan[at]gmail[dot]com", "Mail me op [EMAIL]"),
    ("email: jan (at) gmail (dot) com", "email: [EMAIL]"),
    ("mail naar jan @ gmail . com", "mail naar [EMAIL]"),
])
def test_an_address_with_the_at_and_dot_in_brackets_or_apart(text, expected):
    assert redact(text).text == expected
    assert re.search(CANDIDATE_PATTERN, text)


@pytest.mark.parametrize("text", ["De prijs (at) is 5 euro.", "Zie punt 3 (at) en punt 4.", "Kijk op de site . Com is duur"])
def test_brackets_and_dots_in_ordinary_text_stay(text):
    assert redact(text).text == text
