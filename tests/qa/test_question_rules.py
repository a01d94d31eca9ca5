"""Where a question starts in unpunctuated speech, and how one sentence is cut into questions
(qa/questions.py), on the shipped lexicons: each kind of cue after a boundary word starts a new
question, a cue after any other word does not, the boundary word opens the next question, a wh-word
closing a sentence of three words, a statement's inversion skipped for a later cue. Own wording;
more cases in test_rules_after_set_e.py."""
from __future__ import annotations

import pytest

from qa.lexicon import load_lexicon
from qa.questions import question_spans, question_start
from qa.text import Sentence, normalise


def _norm(text: str) -> str:
    return f" {normalise(text)} "


def asks_from(lang: str, text: str) -> str | None:
    """The sentence from where `question_start` says the question starts, or None."""
    norm = _norm(text)
    at = question_start(Sentence(0, 0, text, norm, False, True), load_lexicon(lang))
    return None if at is None else norm[at:]


def spans(lang: str, text: str, start_word: str | None = None) -> list[str]:
    norm = _norm(text)
    at = 1 if start_word is None else norm.index(f" {start_word} ") + 1
    return question_spans(norm, at, load_lexicon(lang))


@pytest.mark.parametrize("lang,text,first,second", [
    ("en", "are you at home and do you have the box", " are you at home ", " and do you have the box "),  # a cue
    ("en", "are you at home and since when is it broken", " are you at home ",
     " and since when is it broken "),  # a cue of question_cues_more ("when" alone follows "since")
    ("en", "are you at home and were you there", " are you at home ", " and were you there "),  # an opener
    ("nl", "bent u thuis en stond de fiets op slot", " bent u thuis ", " en stond de fiets op slot "),  # verb first
    ("en", "are you moving for work and could you tell me your student number", " are you moving for work ",
     " and could you tell me your student number "),
])
def test_a_cue_after_a_boundary_word_starts_the_next_question(lang, text, first, second):
    assert spans(lang, text) == [first, second]


def test_a_cue_after_another_word_does_not_cut():
    assert spans("en", "do you know when it arrives") == [" do you know when it arrives "]


def test_spans_start_at_the_question_not_at_the_boundary_before_it():
    assert spans("en", "okay thanks and could you tell me the number", "could") == [" could you tell me the number "]


def test_a_wh_word_closing_a_sentence_of_three_words():
    assert asks_from("en", "sent it when") == "sent it when "
    assert asks_from("en", "it when") is None


def test_an_opener_at_the_start_wins_over_a_later_cue():
    assert asks_from("en", "how did it break are you at home") == "how did it break are you at home "


def test_a_multi_word_cue_after_a_single_word_cue_in_mid_clause():
    assert asks_from("en", "the thing is how it works do you know") == "do you know "


def test_a_cue_after_a_boundary_even_when_a_preposition_precedes_the_boundary():
    # "voor" is a separable verb part here, "en" opens the question
    assert asks_from("nl", "dat stel ik voor en kunt u mij uw postcode geven") == "kunt u mij uw postcode geven "
    assert asks_from("nl", "dat stel ik voor en kunt u me zeggen of heeft u liever een andere dag") == \
        "kunt u me zeggen of heeft u liever een andere dag "


def test_an_inversion_is_skipped_for_a_later_cue():
    assert asks_from("nl", "dan kunt u het zelf doen heeft u dat al geprobeerd") == "heeft u dat al geprobeerd "
