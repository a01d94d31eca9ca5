"""Forms the third-party test vectors showed missing (issue 9, docs/evaluation.md "after development
on the dev half"), each as a kind of form written from its definition, with the look-alikes that
must stay. The sentences are made here; none is copied from eval/pii-vectors."""
from __future__ import annotations

import pytest
from stdnum import iban as stdnum_iban

from meeluister.redaction import redact


def iban_for(country: str, bban: str) -> str:
    n = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - n % 97:02d}{bban}"


# --- dates of birth -------------------------------------------------------------------------------------

@pytest.mark.parametrize("date", [
    "19840312",  # yyyymmdd
    "12 03 1984", "1984 03 12",  # separated by spaces only
    "12-03-'84", "12/03/’84",  # two-digit year with an apostrophe
    "12-Mar-1984", "12-maart-1984", "12-marzo-1984", "12-Mrt.-1984", "12- mrt 1984",  # month names between dashes
    "1984 MAART 12", "1984.mrt.12", "1984- maart 12", "'84 maart 12",  # year first
    "3/25/1984", "3-25-1984", "3/25/84",  # month first (the US), told by a day above 12
    "12 maart 1899",  # an old year, with a birth word
    "12 maart 84", "12-mrt-84",  # a two-digit year after a month name
])
def test_dates_of_birth_in_more_forms_with_a_birth_word(date):
    assert redact(f"mijn geboortedatum is {date}, klopt").text == "mijn geboortedatum is [DOB], klopt", date
    assert redact(f"{date} is my date of birth").text == "[DOB] is my date of birth", date


def test_forms_that_need_a_birth_word_stay_without_one():
    for text in ("factuur 19840312 is betaald", "de stand was 12 03 1984 gisteren", "op 1984 03 12",
                 "op 12 maart 1899"):
        assert "dob" not in redact(text).counts, text
    assert redact("op 12 maart 84 euro betaald").counts == {}
    assert redact("geboren 13-13-1984").counts == {}  # no month 13 in either order
    far = "Ik ben in Utrecht geboren, " + "en daarna ben ik vaak verhuisd, " * 3 + "factuur 19840312"
    assert redact(far).counts == {}  # the birth word too far from it
    assert redact("geboren 19841312").counts == {}  # no month 13


@pytest.mark.parametrize("text", [
    "Vandaag is het 4 jan 1950.", "Het is vandaag 12 maart 1984.", "Het contract loopt af op 4 JAN 1999.",
    "Mijn contract verloopt op 12-03-1984.", "Today is 3 March 1984.", "The contract expires on 12 March 1984.",
    "Aujourd'hui c'est le 12 mars 1984.", "Hoy es el 12 de marzo de 1984.",
    "Het contract loopt af op eenendertig mei negentienvierentachtig.",
])
def test_todays_date_and_a_contracts_end_are_no_birth_dates(text):
    assert redact(text).counts == {}, text


def test_a_birth_word_closer_than_today_still_wins():
    assert redact("Vandaag belt u, maar geboren bent u op 4 jan 1950?").counts == {"dob": 1}


# --- e-mail ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("address", [
    "user+mailbox/department=shipping@example.org",  # RFC 5322 atext
    "!#$%&'*+-/=?^_`{|}~@example.org",
    '"john..doe"@example.org', '"escaped \\" quote"@example.org',  # quoted local parts
    "jan@[192.0.2.1]",  # an address literal
])
def test_written_addresses_per_rfc_5322(address):
    assert redact(f"Mail naar {address} graag.").text == "Mail naar [EMAIL] graag.", address


def test_spelled_punycode_and_any_top_level_with_a_strong_cue():
    assert redact("envoyez à marie arobase xn tiret tiret bcher tiret kva point com").text == "envoyez à [EMAIL]"
    assert redact("escriba a luis arroba xn guion guion p1ai punto es").text == "escriba a [EMAIL]"
    assert redact("jan apenstaartje voorbeeld punt test").text == "[EMAIL]"  # not "at": any top level
    assert redact("my email is jan at example dot test").text == "my email is [EMAIL]"  # "at" with a mail word
    for text in ("meet me at noon dot sharp", "I looked at it point blank", "we are at home dot"):
        assert redact(text).counts == {}, text  # "at" and an unknown top level, no mail word
    far = "I sent the email yesterday, " + "and then I waited for an answer for a long time, " * 2 + "meet me at noon dot sharp"
    assert redact(far).counts == {}  # the mail word too far from it


# --- postcode ----------------------------------------------------------------------------------------

def test_postcode_forms_with_a_prefix_or_a_house_number_word():
    assert redact("Adres: Dorpsstraat 3, NL-3511AB Utrecht").counts == {"postcode": 1}
    assert "NL-3511AB" not in redact("Adres: Dorpsstraat 3, NL-3511AB Utrecht").text
    assert redact("It's 3511ab, number 12.").text == "It's [POSTCODE]."
    assert redact("Het is 3511 MG, huisnummer 4.").text == "Het is [POSTCODE]."  # unit letters, house-number word
    assert redact("Neem 1250 MG per dag, nummer twee op de lijst").counts == {}  # no house number after it


def test_a_said_postcode_after_a_said_house_number():
    assert redact("ik woon op de Dorpsstraat vijf, vijfendertig elf a b").text == "ik woon op de Dorpsstraat vijf, [POSTCODE]"
    assert redact("I live at Main Street one, three five one one A B").text == "I live at Main Street one, [POSTCODE]"
    assert redact("j'habite rue Haute cinq, trente-cinq onze A B Utrecht").text == "j'habite rue Haute cinq, [POSTCODE] Utrecht"
    assert redact("vivo en la calle Mayor uno, tres cinco uno uno a b").text == "vivo en la calle Mayor uno, [POSTCODE]"
    assert redact("het pakket gaat naar vijfendertig elf A B, nummer twaalf").text == "het pakket gaat naar [POSTCODE]"
    assert redact("mijn postcode is vijfendertig elf m g").text == "mijn postcode is [POSTCODE]"  # spelled, no unit
    # written digits are one number: letters after a longer one are no postcode
    assert redact("mijn adres staat bij artikel 123511 AB").counts == {}


# --- phone -------------------------------------------------------------------------------------------

def test_national_numbers_of_any_plan_need_a_phone_word():
    assert redact("mon portable, c'est le 138 0013 8000").counts == {"phone": 1}  # a Chinese mobile
    assert redact("my mobile is 0532 123 45 67").text == "my mobile is [PHONE]"  # Turkish, whole
    assert redact("het artikel is 138 0013 8000").counts == {}  # no phone word: a number


def test_an_eight_digit_number_only_when_it_is_the_speakers_own():
    assert redact("u kunt mij bereiken op 0800 4567").text == "u kunt mij bereiken op [PHONE]"
    assert redact("mijn nummer is nul acht nul nul vijfenveertig zevenenzestig").text == "mijn nummer is [PHONE]"
    assert redact("bel 0800-4567 gratis").counts == {}  # the organisation's service number
    assert redact("call me on 12-30").counts == {}  # four digits


def test_a_leading_double_and_seven_at_a_sentence_end():
    assert redact("bel me op dubbel nul drie twee vier zeven nul een twee drie vier vijf zes").text == "bel me op [PHONE]"
    assert redact("Appelez-moi au zéro six un deux trois quatre cinq six huit sept.").text == "Appelez-moi au [PHONE]."
    assert redact("geboren op twaalf sept. negentienvierentachtig").counts == {"dob": 1}  # "sept." still a month
    assert redact("mon portable est le zéro six un deux trois quatre cinq six sept huit").text == "mon portable est le [PHONE]"


# --- IBAN --------------------------------------------------------------------------------------------

def test_iban_grouped_with_dots():
    v = iban_for("NO", "86011117947")
    assert stdnum_iban.is_valid(v)
    dotted = f"{v[:4]} {v[4:8]}.{v[8:10]}.{v[10:]}"
    assert redact(f"Rekening {dotted}. Dank u.").text == "Rekening [IBAN]. Dank u."
    assert redact(f"Rekening {v[:4]}.{v[4:8]}.{v[8:10]}.{v[10:]} graag").text == "Rekening [IBAN] graag"


def test_iban_check_digits_below_ten_said_as_one_number():
    v = iban_for("DE", "370400440000123505")
    assert stdnum_iban.is_valid(v) and v[2] == "0"
    ones = "nul een twee drie vier vijf zes zeven acht negen".split()
    said = "D E " + " ".join(ones[int(d)] for d in v[3:])  # "02" said as "twee"
    assert redact(f"mijn IBAN is {said}").text == "mijn IBAN is [IBAN]"
    wrong = "D E " + " ".join(ones[int(d)] for d in str(int(v[3]) + 1) + v[4:])
    assert "iban" not in redact(f"mijn IBAN is {wrong}").counts
