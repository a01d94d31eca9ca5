"""The redactor's misses found by mutation testing and review (docs/mutation.md, findings), each
fixed by a general rule: a test per rule, with the look-alikes that must stay readable."""
from __future__ import annotations

import pytest

from meeluister.redaction import redact


# --- a known name's part inside a longer said name ------------------------------------------

def test_a_known_names_part_does_not_hide_the_first_name_of_a_said_name():
    r = redact("Mijn naam is Piet Smit, bel me.", known_names=["Anna Smit"])
    assert r.text == "Mijn naam is [NAME], bel me."
    assert r.counts == {"name": 1}


def test_a_known_name_alone_and_a_said_name_holding_its_part_both_go():
    text = "Smit hier. Mijn naam is Piet Smit, bel me. Anna?"
    r = redact(text, known_names=["Anna Smit"])
    assert r.text == "[NAME] hier. Mijn naam is [NAME], bel me. [NAME]?"
    assert r.counts == {"name": 3}


@pytest.mark.parametrize("text, expected", [
    ("Je m'appelle Jean Dupont.", "Je m'appelle [NAME]."),
    ("Me llamo Ana Dupont y llamo por la factura.", "Me llamo [NAME] y llamo por la factura."),
])
def test_the_said_name_is_taken_whole_in_other_languages(text, expected):
    assert redact(text, known_names=["Marie Dupont"]).text == expected


# --- a month word glued to its day or year ---------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("geboren 12maart 1984", "geboren [DOB]"),
    ("geboren op 12maart1984", "geboren op [DOB]"),
    ("born 3March1984", "born [DOB]"),
    ("née le 3mars 1984", "née le [DOB]"),
    ("nacido el 12marzo de 1984", "nacido el [DOB]"),
])
def test_a_date_of_birth_with_the_month_glued_to_a_number(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", ["afspraak op 12maart 2027 om 10.00", "klant sinds 12maart 2009",
                                  "de marsreep kost 2 euro", "ik bel 12 maarten terug"])
def test_glued_appointment_dates_and_month_like_words_stay(text):
    assert redact(text).text == text


# --- a phone number after a list dash ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("-0612345678\nok", "-[PHONE]\nok"),
    ("nummers:\n-0612345678\n-0201234567", "nummers:\n-[PHONE]\n-[PHONE]"),
    ("bel - 0612345678", "bel - [PHONE]"),
    ("mijn nummer -0612345678", "mijn nummer -[PHONE]"),
])
def test_a_phone_number_after_a_list_dash(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", ["code 2026-0612345678", "ref A-0612345678", "zaak 12-0612345678"])
def test_a_dash_inside_a_code_keeps_the_code_whole(text):
    assert redact(text).text == text


# --- a foreign national number after "het nummer is" -----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Het nummer is 1 23 45 67 89, dat is mijn werk.", "Het nummer is [PHONE], dat is mijn werk."),  # FR
    ("The number is 030 12345678.", "The number is [PHONE]."),  # DE, Berlin
    ("Le numéro est 020 7946 0958.", "Le numéro est [PHONE]."),  # GB, London
    ("El número es 0470 12 34 56.", "El número es [PHONE]."),  # BE, mobile
    ("number: 612 34 56 78", "number: [PHONE]"),  # ES
])
def test_a_national_number_of_another_plan_after_the_number_is(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "Het ordernummer is 1 23 45 67 89.",
    "The case number is 030 12345678.",
    "Het nummer 111 22 23 34 staat op de brief.",  # no "is": a number, not said to be a phone
    "Het nummer is 12, dat is mijn huis.",
])
def test_a_reference_or_a_bare_number_stays(text):
    assert redact(text).text == text


# --- a local number (no area code) as the speaker's own ---------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("You can reach me on 56-12-34.", "You can reach me on [PHONE]."),
    ("bel me op 561234", "bel me op [PHONE]"),
    ("mon numéro, c'est le 555 1234", "mon numéro, c'est le [PHONE]"),
    ("mi teléfono es el 56 12 34", "mi teléfono es el [PHONE]"),
])
def test_a_six_or_seven_digit_local_number_as_the_speakers_own(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "bel me op 12-03-26",  # a date
    "call me about the 1.250.000 euro",  # an amount
    "call me about the 125 000 euro",
    "het nummer is 561234",  # not said to be theirs
    "bel 56-12-34",  # a phone word, but not the speaker's own number
    "bel me om 14.30",  # a time
])
def test_short_numbers_that_are_no_local_phone_stay(text):
    assert redact(text).text == text


# --- a spelled address whose local part holds a particle ------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("j punt de vries at hotmail dot com", "[EMAIL]"),
    ("mijn mail is j punt de vries at hotmail dot com", "mijn mail is [EMAIL]"),
    ("mijn e-mail is jan punt van der berg apenstaartje ziggo punt nl", "mijn e-mail is [EMAIL]"),
    ("c'est marie tiret de la tour arobase orange point fr", "c'est [EMAIL]"),
    ("es juan guion de la cruz arroba gmail punto com", "es [EMAIL]"),
])
def test_a_said_local_part_joined_by_a_separator_word_is_taken_whole(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text, expected", [
    ("en nog eens a@b.nl", "en nog eens [EMAIL]"),  # a written address takes no words before it
    ("stuur het naar jan punt jansen at gmail punt com alstublieft", "stuur het naar [EMAIL] alstublieft"),
    ("ja dat is het of jorien punt bakker at ziggo punt nl", "ja dat is het of [EMAIL]"),
])
def test_the_words_before_an_address_stay(text, expected):
    assert redact(text).text == expected


# --- a lower-case particle-led surname after a title ----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("dag mevrouw de vries", "dag mevrouw [NAME]"),
    ("bedankt meneer van dijk en tot ziens", "bedankt meneer [NAME] en tot ziens"),
    ("mevrouw de vries, hoe kan ik helpen", "mevrouw [NAME], hoe kan ik helpen"),
    ("ik heb mevrouw de vries.", "ik heb mevrouw [NAME]."),
    ("merci madame de la fontaine pour votre appel", "merci madame [NAME] pour votre appel"),
    ("gracias señora de la cruz", "gracias señora [NAME]"),
    ("thank you mrs van dijk", "thank you mrs [NAME]"),
])
def test_a_lower_case_particle_led_surname_where_someone_is_addressed(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "ik zag meneer op de hoek staan",
    "ik heb mevrouw de brief gestuurd",
    "ik heb mevrouw de brief gestuurd.",
    "je vais envoyer à madame la facture demain",
])
def test_an_article_or_preposition_after_a_title_is_no_name(text):
    assert redact(text).text == text
