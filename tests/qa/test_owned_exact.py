"""Exact results (outcome, basis, evidence order, reason, measures) of the criteria changed after
set D, so that a one-token change in a rule, a basis name or a threshold turns a test red (the
mutation-testing round of docs/evaluation.md)."""
from __future__ import annotations

from meeluister.records import Transcript, Turn
from qa import score
from qa_helpers import convo


def basis(res, crit):
    return dict(zip((r.criterion for r in res.results), res.bases))[crit]


def test_nivea_bases_counts_and_evidence_order():
    clean = score(convo([("agent", "Goedemiddag, met Iris."), ("customer", "Ik wil een afspraak maken."),
                         ("agent", "Dat kan. Wanneer komt het u uit?")], channel="chat"))
    r = clean.result("nivea")
    assert (r.outcome, r.count, basis(clean, "nivea")) == ("pass", 0, "clean")
    assert r.measures == {"fills": 0.0, "interruptions": 0.0} and r.reason == "the agent lets the customer say it themselves"
    cut = score(convo([("agent", 0.0, 1.0, "Goedemiddag."), ("customer", 1.2, 6.0, "Ik wil graag mijn adres wijzigen want ik ben verhuisd."),
                       ("agent", 5.0, 7.0, "Sorry, mag ik eerst uw postcode?")]))
    assert basis(cut, "nivea") == "interrupted" and cut.result("nivea").measures["interruptions"] == 1.0
    two = score(convo([("agent", "Goedemiddag."), ("customer", "Ik wil graag weten of"),
                       ("agent", "of u korting krijgt, ja dat krijgt u."), ("customer", "Nee, ik bel over de"),
                       ("agent", "U belt zeker over de rekening?")], channel="chat"))
    r = two.result("nivea")
    assert r.outcome == "fail" and r.count == 2 and [e.turn for e in r.evidence] == [2, 4]
    assert basis(two, "nivea") == "assumption+completion-multi"
    assert r.reason == "the agent fills in for the customer 2x (assumption, completion)"
    one = score(convo([("agent", "Goedemiddag."), ("customer", "Ik bel over de"), ("agent", "U belt zeker over de rekening?")],
                      channel="chat"))
    assert basis(one, "nivea") == "assumption" and one.result("nivea").count == 1


def test_nivea_evidence_sorted_by_turn_whatever_the_kind():
    res = score(convo([("agent", "Goedemiddag."), ("customer", "Hallo."), ("agent", "U belt zeker over de aanslag?"),
                       ("customer", "Nee, over mijn kinder... kinder..."), ("agent", "De kinderbijslag.")], channel="chat"))
    assert [e.turn for e in res.result("nivea").evidence] == [2, 4]


def test_no_lexicon_and_no_agent_are_structural():
    t = Transcript(contact_id="x", channel="chat", language="de", turns=(Turn("customer", 0.0, 1.0, "Hallo"),
                                                                        Turn("agent", 1.5, 2.0, "Guten Tag")))
    res = score(t)
    for crit in ("nivea", "clarifying_questions", "next_steps", "room_for_emotion", "no_repeat_questions"):
        r = res.result(crit)
        assert r.outcome == "n/a" and basis(res, crit) == "structural" and "'de'" in r.reason, crit
    only_customer = score(convo([("customer", "Hallo, is daar iemand?")], channel="chat"))
    for crit in ("nivea", "next_steps"):
        r = only_customer.result(crit)
        assert (r.outcome, basis(only_customer, crit), r.reason) == ("n/a", "structural", "no agent turn"), crit
