from __future__ import annotations

import pytest

from qa import score
from qa.criteria.diminutives import dutch_diminutive, spanish_diminutive
from qa.lexicon import load_lexicon
from qa_helpers import convo

pytestmark = pytest.mark.skipif(
    not __import__("pathlib").Path("/usr/share/hunspell/nl.aff").exists(), reason="hunspell-nl not installed")


def dims(t):
    return [e.term.lower() for e in score(t).result("diminutives").evidence]


def test_dictionary_separates_productive_from_lexicalised():
    assert dutch_diminutive("notitietje", frozenset()) or dutch_diminutive("berichtje", frozenset())
    assert dutch_diminutive("foldertje", frozenset())
    assert dutch_diminutive("klusje", frozenset())
    assert not dutch_diminutive("meisje", frozenset())  # a whole dictionary entry
    assert not dutch_diminutive("tientje", frozenset())
    assert not dutch_diminutive("garage", frozenset())
    # hunspell derives "beetje" from "beet": that is why the stop list exists
    stop = load_lexicon("nl").words("diminutive_stoplist")
    assert dutch_diminutive("beetje", frozenset()) and not dutch_diminutive("beetje", stop)


def test_only_agent_diminutives_count_and_lexicalised_do_not():
    t = convo([
        ("agent", "Goedemiddag, met Bram."),
        ("customer", "Ik heb een klein vraagje over een briefje."),
        ("agent", "Dat is een klusje van niks. Ik stuur u een foldertje, het kost een beetje tijd."),
        ("agent", "Mijn collega, een aardig meisje, belt u terug met een praatje."),
    ])
    assert dims(t) == ["klusje", "foldertje"]
    r = score(t).result("diminutives")
    assert r.outcome == "fail" and r.count == 2 == len(r.evidence)
    assert r.evidence[0].quote == "Dat is een klusje van niks."


def test_spanish_forms_and_look_alikes():
    stop = load_lexicon("es").words("diminutive_stoplist")
    assert spanish_diminutive("ratito", stop) and spanish_diminutive("cafecito", stop)
    for w in ("requisito", "necesita", "gratuita", "escrito", "bolsillo", "cita", "bonito"):
        assert not spanish_diminutive(w, stop), w
    t = convo([("agent", "Espere un ratito, por favor. La visita es gratuita y el requisito es sencillo.")], lang="es")
    assert dims(t) == ["ratito"]


@pytest.mark.parametrize("lang,text,term", [
    ("en", "I just need you to fill in a quick form and a little form for the claim.", "a little form"),
    ("fr", "J'ai une petite question pour vous.", "petite question"),
])
def test_minimising_phrases_in_english_and_french(lang, text, term):
    assert term in dims(convo([("agent", text)], lang=lang))


def test_asr_lowercase_without_punctuation_still_found():
    t = convo([("agent", "eh ik stuur u straks een foldertje met uh de uitleg en een beetje meer info")])
    assert dims(t) == ["foldertje"]


def test_kinship_words_and_spanish_illa_nouns_are_not_diminutives():
    t = convo([("agent", "Uw zusje mag ook bellen, en uw neefje ook. Ik stuur u een mailtje.")])
    assert dims(t) == ["mailtje"]
    t = convo([("agent", "Traiga la mascarilla y las zapatillas, espere un momentito.")], lang="es")
    assert dims(t) == ["momentito"]


def test_a_diminutive_split_in_two_by_speech_recognition_is_found():
    t = convo([("agent", "een moment je ik stuur u een mail tje met de link")])
    assert dims(t) == ["moment je", "mail tje"]
    assert dims(convo([("agent", "ik geef het je straks")])) == []
