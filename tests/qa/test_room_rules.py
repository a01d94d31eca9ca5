"""room_for_emotion: the agent who finishes an upset customer's sentence fails, with both sentences
as evidence and the emotional turn as the measure. Own wording; the other outcomes are in
test_criteria_exact.py and test_rules_after_set_e.py."""
from __future__ import annotations

from qa_helpers import convo
from rule_helpers import decide, ev


def test_finishing_the_upset_customers_sentence_fails():
    t = convo([("agent", "Good afternoon, this is Iris."),
               ("customer", "This is unacceptable, I am furious, you sent my parcel to the..."),
               ("agent", "...wrong address, yes, I see it here."),
               ("customer", "Yes."), ("agent", "I will send a new one today.")], lang="en")
    r, b = decide(t, "room_for_emotion")
    assert (r.outcome, r.reason, b) == ("fail", "the agent finishes the upset customer's sentence", "completion")
    assert ev(r) == [(1, "This is unacceptable, I am furious, you sent my parcel to the...", "unacceptable"),
                     (2, "...wrong address, yes, I see it here.", "completes the customer's sentence")]
    assert r.measures == {"emotion_turn": 1.0}


def test_a_completion_of_a_calm_turn_is_not_the_cut_off():
    t = convo([("agent", "Good afternoon, this is Iris."),
               ("customer", "This is unacceptable, I am furious, the parcel is lost."),
               ("agent", "I am so sorry, that is really annoying."),
               ("customer", "It was sent to the..."), ("agent", "...wrong address, I see it.")], lang="en")
    r, b = decide(t, "room_for_emotion")
    assert (r.outcome, b) == ("pass", "ack")


def test_a_completion_before_the_emotional_turn_is_not_the_cut_off():
    t = convo([("agent", "Good afternoon, this is Iris."), ("customer", "My parcel was sent to the..."),
               ("agent", "...wrong address?"),
               ("customer", "Yes, and this is unacceptable, I am furious about it."),
               ("agent", "I am so sorry, that is really annoying.")], lang="en")
    r, b = decide(t, "room_for_emotion")
    assert (r.outcome, b) == ("pass", "ack")


def test_no_agent_response_after_the_emotional_turn():
    t = convo([("agent", "Good afternoon, this is Iris."),
               ("customer", "This is unacceptable, I am furious, the parcel is lost.")], lang="en")
    r, b = decide(t, "room_for_emotion")
    assert (r.outcome, r.reason, b) == ("n/a", "the agent does not respond after the emotional turn", "no-response")
