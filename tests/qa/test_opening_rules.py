"""concise_opening, rule by rule: the basis each result is decided on (spoken or text channel, and
"-near" when the opening is within 20 % of a limit, in words or in seconds), which is the key of
the result's confidence. The outcomes and reasons are in test_criteria_exact.py."""
from __future__ import annotations

import pytest
from qa_helpers import convo
from rule_helpers import card, decide

CRIT = "concise_opening"


def opening(words, secs, channel="phone", scorecard=None, lang="nl"):
    text = " ".join(["woord"] * words)
    return decide(convo([("agent", 0.0, secs, text)], channel=channel, lang=lang), CRIT, scorecard)


@pytest.mark.parametrize("words,secs,outcome,basis", [
    (10, 3.0, "pass", "spoken"),        # 15 words and 7 s below the limits (25 words, 10 s)
    (20, 3.0, "pass", "spoken"),        # 5 words below 25: a margin of exactly 20 % is not near
    (21, 3.0, "pass", "spoken-near"),   # 4 below: 16 %
    (5, 8.5, "pass", "spoken-near"),    # 1.5 s below 10 s: 15 %
    (5, 8.0, "pass", "spoken"),         # 2 s below: 20 %
    (28, 3.0, "fail", "spoken-near"),   # 3 words over
    (40, 5.0, "fail", "spoken"),        # 15 words over, 5 s under
    (5, 14.0, "fail", "spoken"),        # 4 s over: 40 %
])
def test_spoken_opening_basis(words, secs, outcome, basis):
    r, b = opening(words, secs)
    assert (r.outcome, b) == (outcome, basis)


@pytest.mark.parametrize("lang", ["nl", "en", "fr", "es"])
@pytest.mark.parametrize("words,outcome,basis", [
    (10, "pass", "text"), (33, "pass", "text-near"), (32, "pass", "text"), (45, "fail", "text-near"),
    (60, "fail", "text"),
])
def test_chat_opening_basis_counts_words_only(lang, words, outcome, basis):
    # 40 words allowed in a chat; a chat message's seconds never count
    r, b = opening(words, 120.0, channel="chat", lang=lang)
    assert (r.outcome, r.measures["seconds"], b) == (outcome, None, basis)


def test_the_seconds_margin_is_relative_to_the_limit():
    # 0.15 s over a 0.5 s limit is 30 % (not near), though it is under 0.2 of a second
    sc = card(CRIT, max_seconds=0.5, max_words=100)
    r, b = opening(5, 0.65, scorecard=sc)
    assert (r.outcome, b) == ("fail", "spoken")
    r, b = opening(5, 0.55, scorecard=sc)
    assert (r.outcome, b) == ("fail", "spoken-near")


@pytest.mark.parametrize("t,reason", [
    (convo([("customer", "Vraag"), ("agent", "Antwoord")], channel="email"), "not judged on email"),
    (convo([("customer", "Hallo?")]), "no agent turn"),
])
def test_na_is_structural(t, reason):
    r, b = decide(t, CRIT)
    assert (r.outcome, r.reason, b) == ("n/a", reason, "structural")
