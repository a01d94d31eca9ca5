"""Name rules at their edges: the known-name pattern (full name and surname tail in any case,
single parts of three letters or more only as capitalised, particles never alone), the metadata
fields names are read from and blanked in, and the end of a said name (punctuation, function
words)."""
from __future__ import annotations

from meeluister.redaction import known_names_from, redact
from meeluister.redaction.names import known_name_pattern, without_names


def test_known_name_pattern_parts_only_as_capitalised_unless_any_case():
    p = known_name_pattern(["Jan Smit"])
    assert p.search("Jan") and p.search("JAN SMIT") and p.search("jan smit")
    assert p.search("jan") is None and p.search("smit") is None
    assert known_name_pattern(["Jan Smit"], any_case=True).search("jan")
    assert known_name_pattern(["Jan Smit"], True).search("ik zag smit")


def test_known_name_pattern_skips_empty_names_and_needs_one():
    assert known_name_pattern([]) is None and known_name_pattern([""]) is None
    assert known_name_pattern([None, "  "]) is None  # type: ignore[list-item]
    p = known_name_pattern(["", "Jan Smit"])
    assert p is not None and p.search("meneer Smit").group(0) == "Smit"


def test_known_name_pattern_with_only_short_parts_matches_the_full_name_only():
    p = known_name_pattern(["Bo Li"])
    assert p.search("xyz") is None and p.search("Bo") is None and p.search("ok?") is None and p.search("") is None
    assert p.search("ik ben bo li").group(0) == "bo li"


def test_known_names_tails_only_from_a_particle_and_parts_never_a_particle():
    names = ["Jan Peter Smit"]
    # "Peter Smit" is not a tail from the surname: in a text with capitals its lower-case form stays
    assert redact("Ik zag peter smit gisteren.", known_names=names).text == "Ik zag peter smit gisteren."
    assert redact("Ik zag Peter Smit gisteren.", known_names=names).text == "Ik zag [NAME] [NAME] gisteren."
    names = ["Jan van Dijk"]
    assert redact("Ik bel van huis uit, Van Dijk.", known_names=names).text == "Ik bel van huis uit, [NAME]."
    assert redact("ik bel van huis uit over van dijk", known_names=names).text == \
        "ik bel van huis uit over [NAME]"
    # a name cut off after its particle does not make every particle a name
    assert redact("Ik kom de auto halen.", known_names=["Eva de"]).text == "Ik kom de auto halen."
    # two-letter parts alone are not matched ("An" is also a word); the full name is
    assert redact("An belde over An de Wit.", known_names=["An de Wit"]).text == "An belde over [NAME]."


def test_known_names_from_lists_and_the_customer_record():
    meta = {"customer_names": ["Jan de Vries", "", 3, " Piet Smit "], "customer": {"name": " Anna Bos "}}
    assert known_names_from(meta) == ("Jan de Vries", "Piet Smit", "Anna Bos")
    assert known_names_from({"customer": {"name": 5}}) == ()
    assert known_names_from({"customer": {"name": "  "}}) == ()
    assert known_names_from({"customer": "Anna Bos"}) == ()  # not a record
    assert known_names_from({"klantnaam": "Anna Bos", "customer": {"name": "Anna Bos"}}) == ("Anna Bos",)


def test_without_names_blanks_every_name_field_and_keeps_the_rest():
    meta = {"customer_names": ["Jan", "Piet"], "customer_name": "Jan", "customer": {"name": "Jan", "id": 7},
            "team": "A", "caller_name": ""}
    out = without_names(meta)
    assert out == {"customer_names": ["[NAME]", "[NAME]"], "customer_name": "[NAME]",
                   "customer": {"name": "[NAME]", "id": 7}, "team": "A", "caller_name": ""}
    assert meta["customer"] == {"name": "Jan", "id": 7} and meta["customer_names"] == ["Jan", "Piet"]
    assert without_names({"customer": {"id": 7}}) == {"customer": {"id": 7}}


def test_a_said_name_ends_at_a_function_word_even_with_punctuation_on_it():
    assert redact("ik heet jan en, eh, ik bel over de brief").text == "ik heet [NAME] en, eh, ik bel over de brief"


def test_letters_of_a_name_are_never_taken_for_punctuation():
    # "Xu" is a surname; no letter of it is stripped before the function-word test
    assert redact("Mijn naam is Wei Xu.").text == "Mijn naam is [NAME]."


def test_a_name_ends_at_its_punctuation():
    assert redact("Mijn naam is Jan, ik bel over de brief.").text == "Mijn naam is [NAME], ik bel over de brief."


def test_a_particle_at_the_end_of_a_said_name_is_cut_off():
    assert redact("ik heet jan van en ik bel over de brief").text == "ik heet [NAME] van en ik bel over de brief"


def test_a_surname_with_two_particles():
    assert redact("Mijn naam is Jan de la Cruz.").text == "Mijn naam is [NAME]."


def test_a_lower_case_surname_that_starts_with_a_particle():
    assert redact("mijn naam is van dijk").text == "mijn naam is [NAME]"
    assert redact("mijn naam is van").text == "mijn naam is van"  # a particle alone is no name


def test_a_lower_case_name_after_a_full_title():
    assert redact("Goedemiddag, spreek ik met meneer jansen?").text == "Goedemiddag, spreek ik met meneer [NAME]?"
    assert redact("dag mevrouw de Vries").text == "dag mevrouw [NAME]"
    # a function word after the title is no name
    assert redact("Is meneer er niet?").text == "Is meneer er niet?"
    assert redact("is meneer er niet").text == "is meneer er niet"


def test_a_rejected_introduction_does_not_hide_a_later_one():
    text = "I'm Happy to help. This is John Smith calling."
    assert redact(text).text == "I'm Happy to help. This is [NAME] calling."
    text = "I'm Happy to help. This is John Smith."  # no closing word: only the first-person pass
    assert redact(text).text == "I'm Happy to help. This is [NAME]."


def test_the_agents_own_greeting_after_the_greeting_phrase_stays():
    assert redact("Buenos días, le habla Lucía.").text == "Buenos días, le habla Lucía."
    assert redact("Buenos días, habla Lucía.").text == "Buenos días, habla [NAME]."
    assert redact("Le habla Lucía, buenos días.").text == "Le habla Lucía, buenos días."  # at the very start
    # the agent's name kept does not stop the pass: the customer's name after it goes
    text = "Buenos días, le habla Lucía. ¿Habla Pedro García?"
    assert redact(text).text == "Buenos días, le habla Lucía. ¿Habla [NAME]?"
