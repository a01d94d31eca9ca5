"""next_steps, rule by rule: the basis of each pass (a deadline, a marker, a day with a commitment, a
clock time or one said in words, right away with a commitment, the agent doing it now, settled) and
of each fail (a vague promise, nothing), the term quoted, a frequency and a rule that are no next
step, a question before the next step in the same turn, and a language whose lexicon has no
deadline phrases. Own wording; the common cases are in test_criteria_exact.py."""
from __future__ import annotations

import pytest
from qa_helpers import convo
from rule_helpers import decide, ev

from qa.scorecard import scorecard_from_dict

CRIT = "next_steps"
ASK = ("customer", "I ordered a new card last month and it has not arrived yet.")


def judge(*agent: str, lang: str = "en", card=None):
    return decide(convo([ASK, *(("agent", a) for a in agent)], lang=lang), CRIT, card)


@pytest.mark.parametrize("said,term,basis", [
    ("You will get it by Friday afternoon.", "by friday afternoon", "deadline"),  # a day of time_units_more
    ("You will receive it by the end of the week or the weekend.", "by the end of the week or the weekend",
     "deadline"),  # the longest preposition first: four words may follow it
    ("Within the next week it arrives.", "within the next week", "deadline"),
    ("I will send it right away.", "right away", "day"),
    ("You will get it on Monday at 10:30.", "monday", "day"),
    ("Your appointment is on Monday at half past.", "monday at half past", "day"),
    ("I'm closing your account.", "i m closing", "settled"),
    ("That's all sorted.", "that s all sorted", "settled"),
])
def test_each_pass_has_its_basis_and_term(said, term, basis):
    r, b = judge(said)
    assert (r.outcome, r.reason, b) == ("pass", "the agent says what happens next and when", basis)
    assert ev(r) == [(1, said, term)]


def test_a_clock_time_with_one_day_is_quoted_with_it():
    r, b = judge("Your appointment is on Monday at 10:30 with the technician.")
    assert (r.outcome, b) == ("pass", "day")
    assert ev(r) == [(1, "Your appointment is on Monday at 10:30 with the technician.", "monday 10:30")]


def test_fails_name_a_vague_promise_or_nothing():
    r, b = judge("We will look into it as soon as possible.")
    assert (r.outcome, r.reason, b) == ("fail", "no timeframe for what happens next (only a vague promise)", "vague")
    assert ev(r) == [(1, "We will look into it as soon as possible.", "as soon as possible")]
    r, b = judge("We will look into it.")
    assert (r.outcome, r.reason, b) == ("fail", "no timeframe for what happens next", "none")
    assert ev(r) == []


def test_a_frequency_is_no_deadline():
    r, b = judge("You'll get a reminder each week after this.")
    assert (r.outcome, b) == ("fail", "none")
    r, b = judge("You can return it, you'll get a reminder each week after this.")  # a rule beside it
    assert (r.outcome, b) == ("fail", "none")
    r, b = judge("You'll get a reminder within a week after this.")
    assert (r.outcome, b) == ("pass", "deadline")


def test_a_question_before_the_next_step_in_the_same_turn():
    r, b = judge("Is that all? You will get it within five days.")
    assert (r.outcome, b) == ("pass", "deadline")
    assert ev(r) == [(1, "You will get it within five days.", "within five days")]


def test_a_language_without_deadline_phrases(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "next_steps.toml").write_text('time_units = ["tagen"]\ndeadline_posts = ["nach"]\nsettled = ["erledigt"]\n',
                                                     encoding="utf-8")
    card = scorecard_from_dict({"name": "p", "version": "1", "lexicon_dirs": [str(tmp_path)],
                                "criteria": {CRIT: {}}})
    t = convo([("customer", "Meine Karte ist nicht angekommen, seit einem Monat warte ich."),
               ("agent", "Sie bekommen die Karte fünf Tagen nach der Zahlung.")], lang="de")
    r, b = decide(t, CRIT, card)
    assert (r.outcome, b) == ("fail", "none")  # no deadline preposition: no deadline at all
    t = convo([("customer", "Meine Karte ist nicht angekommen."), ("agent", "Das ist jetzt erledigt.")], lang="de")
    r, b = decide(t, CRIT, card)
    assert (r.outcome, b) == ("pass", "settled")


def test_a_deadline_beside_the_agent_doing_it_now_is_the_deadline():
    said = "I'm closing your account, you will get the letter within five days."
    r, b = judge(said)
    assert (r.outcome, b) == ("pass", "deadline")
    assert ev(r) == [(1, said, "within five days")]
