"""Customer names said without a cue, as the answer to the agent's question (issue 9): redacted by
`redact_transcript` with the turn before as the cue; ordinary answers stay."""
from __future__ import annotations

import pytest

from meeluister.records import Transcript, Turn, Word
from meeluister.redaction import RedactionOptions, redact, redact_transcript
from meeluister.redaction.answers import answer_spans, is_name_question


def _call(lang: str, *turns: tuple[str, str]) -> Transcript:
    return Transcript(contact_id="c1", channel="phone", language=lang,
                      turns=tuple(Turn(sp, float(i), float(i) + 0.9, text) for i, (sp, text) in enumerate(turns)))


QUESTIONS = {
    "nl": ["Mag ik uw naam?", "Wat is uw achternaam?", "Met wie spreek ik?", "Hoe spel ik dat?"],
    "en": ["What's your name please?", "Could I have your surname?", "Who am I speaking with?",
           "How do you spell that?"],
    "fr": ["Votre nom ?", "Vous vous appelez comment ?", "Et votre prénom ?", "Comment ça s'écrit ?"],
    "es": ["¿Me dice su nombre?", "¿Cómo se llama?", "¿Su apellido, por favor?", "¿Cómo se escribe?"],
}
ANSWERS = {
    "nl": [("Daan Kramer.", "[NAME]."), ("daan kramer", "[NAME]"), ("Ja, met Fleur de Wit.", "Ja, met [NAME]."),
           ("mevrouw van der Berg", "mevrouw [NAME]"), ("K R A M E R", "[NAME]"), ("Kramer, ja.", "[NAME], ja.")],
    "en": [("John Smith.", "[NAME]."), ("john smith", "[NAME]"), ("It's Sarah O'Connor.", "It's [NAME]."),
           ("S-M-I-T-H", "[NAME]"), ("Mrs Patel", "Mrs [NAME]")],
    "fr": [("Claire Dubois.", "[NAME]."), ("euh, jean-pierre martin", "euh, [NAME]"), ("C'est Dupont.", "C'est [NAME]."),
           ("D, U, P, O, N, T.", "[NAME].")],
    "es": [("María García López.", "[NAME]."), ("Sí, Javier Ruiz.", "Sí, [NAME]."), ("g a r c í a", "[NAME]"),
           ("Es Navarro.", "Es [NAME].")],
}
ORDINARY = {
    "nl": ["Ja hoor.", "ja", "Dat klopt.", "Momentje.", "Sorry?", "Het is voor mijn moeder.", "nee dat weet ik niet",
           "Daar bel ik over.", "06 12 34 56 78"],
    "en": ["That's right.", "yes", "One moment please.", "Sorry, what?", "I'm calling about my order.", "Sure."],
    "fr": ["Oui.", "oui oui", "D'accord.", "Un instant.", "Pardon ?", "C'est pour ma mère."],
    "es": ["Vale.", "sí", "Claro.", "Un momento.", "¿Perdón?", "Es para mi madre."],
}


@pytest.mark.parametrize("lang", ["nl", "en", "fr", "es"])
def test_a_name_given_as_the_answer_is_redacted(lang):
    for q in QUESTIONS[lang]:
        assert is_name_question(q), q
        for said, expected in ANSWERS[lang]:
            r = redact_transcript(_call(lang, ("agent", q), ("customer", said)))
            assert r.transcript.turns[1].text == expected, (q, said)
            assert r.transcript.turns[0].text == q
            assert r.counts == {"name": 1}
            assert r.silence == ((1, 1.0, 1.9),)  # no word timings: the whole answer turn
        assert redact(ANSWERS[lang][0][0]).counts == {}  # without the question no rule applies


@pytest.mark.parametrize("lang", ["nl", "en", "fr", "es"])
def test_ordinary_answers_to_the_question_stay(lang):
    for q in QUESTIONS[lang]:
        for said in ORDINARY[lang]:
            r = redact_transcript(_call(lang, ("agent", q), ("customer", said)))
            assert "name" not in r.counts, (q, said)
            if not any(ch.isdigit() for ch in said):
                assert r.transcript.turns[1].text == said


def test_no_question_no_name_and_other_questions_are_no_cue():
    for q in ("Wat is uw postcode?", "What's your order number?", "Quel est votre numéro ?", "¿En qué puedo ayudarle?",
              "Waar kan ik u mee helpen?"):
        assert not is_name_question(q), q
        r = redact_transcript(_call("nl", ("agent", q), ("customer", "Daan Kramer.")))
        assert r.transcript.turns[1].text == "Daan Kramer.", q


def test_the_agents_own_name_as_an_answer_stays_with_the_greeting_rule():
    t = _call("nl", ("customer", "Wat is uw naam?"), ("agent", "Sanne."))
    assert redact_transcript(t).transcript.turns[1].text == "Sanne."
    off = RedactionOptions(own_name_greeting=False)
    assert redact_transcript(t, off).transcript.turns[1].text == "[NAME]."


def test_the_cue_reaches_over_the_customers_own_short_turn_and_not_further():
    t = _call("nl", ("agent", "Mag ik uw naam?"), ("customer", "Ja."), ("customer", "Daan Kramer."))
    assert redact_transcript(t).transcript.turns[2].text == "[NAME]."
    far = _call("nl", ("agent", "Mag ik uw naam?"), ("customer", "Momentje."), ("agent", "Geen probleem."),
                ("customer", "Daan Kramer."))
    assert redact_transcript(far).transcript.turns[3].text == "Daan Kramer."
    two = _call("nl", ("agent", "Mag ik uw naam?"), ("customer", "Ja."), ("customer", "Momentje."),
                ("customer", "Daan Kramer."))
    assert redact_transcript(two).transcript.turns[3].text == "Daan Kramer."  # two turns back at most


def test_the_name_given_is_known_in_later_turns_and_the_category_can_be_off():
    t = _call("nl", ("agent", "Mag ik uw naam?"), ("customer", "Daan Kramer."),
              ("agent", "Dank u, ik zie hier Kramer staan en het adres."))
    r = redact_transcript(t)
    assert r.transcript.turns[2].text == "Dank u, ik zie hier [NAME] staan en het adres."
    none = redact_transcript(t, RedactionOptions(categories=frozenset({"bsn", "iban", "phone", "email"})))
    assert none.transcript.turns[1].text == "Daan Kramer."


def test_words_of_the_answer_are_tagged_and_silenced():
    words = (Word("daan", 3.0, 3.4), Word("kramer", 3.5, 4.0))
    t = Transcript(contact_id="c1", channel="phone", language="nl",
                   turns=(Turn("agent", 0.0, 2.0, "mag ik uw naam"), Turn("customer", 3.0, 4.0, "daan kramer", words)))
    r = redact_transcript(t)
    assert [w.w for w in r.transcript.turns[1].words] == ["[NAME]", "[NAME]"]
    assert r.silence == ((1, 3.0, 4.0),)


def test_answer_spans_refuse_sentences_and_long_answers():
    assert answer_spans("Daan Jan Piet Kees Kramer") == []  # five name words: not an answer with a name
    assert answer_spans("Ik weet het niet") == []
    assert answer_spans("Kramer 12") == []
    assert answer_spans("") == []
    assert answer_spans("daan kramer graag") == [(0, 11)]  # ordinary words after the name end it
    assert answer_spans("Kramer & Zn") == []


def test_a_spelled_or_lower_case_answer_is_known_as_written_later():
    t = _call("en", ("agent", "How do you spell that?"), ("customer", "K R A M E R"),
              ("agent", "Thank you, Mr Kramer. So Kramer with a K."), ("agent", "kramer noted"))
    r = redact_transcript(t)
    assert r.transcript.turns[2].text == "Thank you, Mr [NAME]. So [NAME] with a K."
    lower = _call("nl", ("agent", "mag ik uw naam"), ("customer", "daan kramer"), ("agent", "Dank u, Kramer."))
    assert redact_transcript(lower).transcript.turns[2].text == "Dank u, [NAME]."
    from meeluister.redaction import answered_names
    assert set(answered_names(lower)) == {"daan kramer", "Daan Kramer"}
    assert answered_names(_call("nl", ("agent", "Mag ik uw naam?"), ("customer", "Ja hoor."))) == ()
