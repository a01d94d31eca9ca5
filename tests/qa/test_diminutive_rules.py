"""diminutives, rule by rule, on the criterion's results: the basis (dictionary, suffix or phrase;
none, one or several findings), the length limits of the Dutch and Spanish word rules, the
rejoining of a diminutive that speech recognition split in two, names inside a Spanish sentence,
and the customer's words not counting. Needs hunspell-nl (Debian hunspell-nl) for the Dutch cases."""
from __future__ import annotations

from pathlib import Path

import pytest
from qa_helpers import convo
from rule_helpers import decide

from qa.criteria.diminutives import dutch_diminutive, spanish_diminutive

CRIT = "diminutives"
needs_nl = pytest.mark.skipif(not Path("/usr/share/hunspell/nl.aff").exists(), reason="hunspell-nl not installed")


def found(text, lang="nl", speaker="agent"):
    r, b = decide(convo([(speaker, text)], lang=lang), CRIT)
    return [e.term for e in r.evidence], r, b


@pytest.mark.parametrize("lang,text,terms,basis", [
    pytest.param("nl", "Dank u wel voor het wachten.", [], "dict-none", marks=needs_nl),
    pytest.param("nl", "Een kusje van mij.", ["kusje"], "dict-one", marks=needs_nl),  # five letters is enough
    pytest.param("nl", "Een kusje en een pasje.", ["kusje", "pasje"], "dict-several", marks=needs_nl),
    ("es", "Gracias por esperar.", [], "suffix-none"),
    ("es", "Un momentito, por favor.", ["momentito"], "suffix-one"),
    ("en", "Just a sec, I have a little question.", ["just a sec", "a little question"], "phrase-several"),
    ("fr", "J'ai une petite question.", ["petite question"], "phrase-one"),
    ("fr", "Merci de votre appel.", [], "phrase-none"),
])
def test_findings_and_their_basis_four_languages(lang, text, terms, basis):
    got, r, b = found(text, lang)
    assert (got, b, r.count) == (terms, basis, len(terms))


@pytest.mark.parametrize("lang,text", [
    pytest.param("nl", "Een momentje, ik stuur een mailtje.", marks=needs_nl),
    ("es", "Un momentito, le mando un correito."), ("en", "Just a quick question."),
    ("fr", "Une petite question."),
])
def test_only_the_agents_words_count(lang, text):
    got, r, _ = found(text, lang, speaker="customer")
    assert (got, r.outcome, r.score) == ([], "pass", 1.0)


@needs_nl
def test_a_split_diminutive_is_rejoined_only_after_a_word():
    # "je" after a word that makes a known diminutive; a lone suffix at the start is just a word
    assert found("een vraag je over de aanvraag")[0] == ["vraag je"]
    assert found("tje en dan")[0] == []
    assert found("even de folder tje erbij pakken")[0] == ["folder tje"]
    # after a rejoined pair the next word starts afresh: "tje" does not join "je"
    assert found("een moment je tje")[0] == ["moment je"]


@needs_nl
def test_the_dutch_word_rule_thresholds():
    assert dutch_diminutive("kusje", frozenset())          # five letters with the dictionary
    assert not dutch_diminutive("ukje", frozenset())       # four letters: never
    assert not dutch_diminutive("Kusje", frozenset({"kusje"}))  # the stop list, case-insensitively


def test_the_spanish_word_rule():
    assert spanish_diminutive("ratito", frozenset())
    assert not spanish_diminutive("anillo", frozenset())      # the stem 'an' is too short
    assert not spanish_diminutive("pecito", frozenset())      # the stem 'p'
    assert not spanish_diminutive("un ratito", frozenset())   # one word only


def test_a_capitalised_word_inside_a_spanish_sentence_is_a_name_but_not_at_the_start():
    assert found("Hola, soy Anita, un momentito.", "es")[0] == ["momentito"]
    assert found("Momentito, por favor.", "es")[0] == ["Momentito"]
    assert found("¡Ratito! Ya está.", "es")[0] == ["Ratito"]


def test_na_without_a_lexicon_is_structural():
    r, b = decide(convo([("agent", "Hallo")], lang="de"), CRIT)
    assert (r.outcome, r.reason, b) == ("n/a", "no lexicon for language 'de'", "structural")


@needs_nl
def test_a_lone_pronoun_or_a_lexicalised_join_is_no_split_diminutive():
    # "je" after a word is the pronoun unless the pair is a common diminutive ("boekje" is not listed)
    assert found("Ik stuur u het boek, je krijgt het morgen.")[0] == []
    # "een tje" joins to "eentje", a whole dictionary entry: not a minimising diminutive
    assert found("ik heb er nog een tje")[0] == []


def test_names_inside_a_spanish_sentence_even_when_they_look_like_diminutives():
    assert found("Le atiende Juanito, un momentito.", "es")[0] == ["momentito"]
    assert found("¡ Momentito, ya voy!", "es")[0] == ["Momentito"]  # two characters before: still the start


@needs_nl
def test_findings_within_the_allowed_number_keep_their_evidence_and_count():
    from rule_helpers import card

    t = convo([("agent", "Een momentje, ik stuur een mailtje.")])
    r, b = decide(t, CRIT, card(CRIT, max_count=2))
    assert (r.outcome, r.reason, r.count, r.measures, b) == ("pass", "2 within the allowed number", 2,
                                                               {"count": 2.0}, "dict-several")
    assert [e.term for e in r.evidence] == ["momentje", "mailtje"]
    r, b = decide(t, CRIT)
    assert (r.outcome, r.measures, r.score) == ("fail", {"count": 2.0}, 0.5)
