"""The criterion base (qa/criteria/base.py) as the author of a new criterion uses it: register a
class, enable it in a scorecard, and read its results (contact, scorecard, evidence with timing,
basis, confidence); the shared helpers (overlap of two turns, the other party's turn before,
the first agent turn)."""
from __future__ import annotations

from typing import ClassVar

import pytest

from meeluister.records import Transcript, Turn
from qa import score
from qa.confidence import Calibration
from qa.criteria import REGISTRY, Context, Criterion, register
from qa.criteria.base import first_agent_turn, overlap_s, preceding_other
from qa.findings import Findings
from qa.lexicon import load_lexicon
from qa.scorecard import scorecard_from_dict
from qa.text import prepare


@pytest.fixture()
def plugin():
    @register
    class LongReply(Criterion):
        """Test-only criterion: fails when the agent's first turn has more than `max_words` words."""

        id = "long_reply_test"
        defaults: ClassVar[dict] = {"max_words": 5}

        def evaluate(self, ctx):
            first = first_agent_turn(ctx)
            if first is None:
                return self.na(ctx, "no agent turn")
            ev = [ctx.evidence(first), ctx.evidence(first.sentences[-1], term="last")]
            outcome = "fail" if first.words > ctx.params["max_words"] else "pass"
            return self.result(ctx, outcome, reason=f"{first.words} words", evidence=ev)

    yield LongReply
    REGISTRY.pop("long_reply_test", None)


def _call(*turns, cid="c-9"):
    return Transcript(contact_id=cid, channel="phone", language="nl", turns=tuple(Turn(*t) for t in turns))


def test_a_registered_criterion_is_scored_from_a_scorecard(plugin):
    sc = scorecard_from_dict({"name": "eigen", "version": "3", "criteria": {"long_reply_test": {"max_words": 6}}})
    t = _call(("customer", 0.0, 2.0, "Hallo?"), ("agent", 2.5, 6.0, "  Goedemiddag. U spreekt met Bram van Ede. "))
    cs = score(t, sc)
    (r,) = cs.results
    assert (r.contact_id, r.criterion, r.outcome, r.score, r.reason) == ("c-9", "long_reply_test", "fail", 0.0,
                                                                        "7 words")
    assert r.scorecard == "eigen@3" and cs.scorecard == "eigen@3"
    # a turn is quoted whole (stripped), a sentence on its own; both with the turn's timing
    assert [(e.turn, e.start, e.end, e.quote, e.term) for e in r.evidence] == [
        (1, 2.5, 6.0, "Goedemiddag. U spreekt met Bram van Ede.", None),
        (1, 2.5, 6.0, "U spreekt met Bram van Ede.", "last")]
    assert cs.bases == ("",)  # no basis given: the empty key, not an invented one
    na = score(_call(("customer", 0.0, 1.0, "Hallo?")), sc)
    assert (na.results[0].outcome, na.results[0].score, na.bases) == ("n/a", None, ("",))


def _ctx(t, calibration=None, style="text", review_below=0.0):
    lex = load_lexicon(t.language, ())
    p = prepare(t, frozenset(), None)
    return Context(p, lex, {"max_words": 5}, "p@1", None, Findings(p, lex), calibration, style, review_below)


def test_without_a_calibration_there_is_no_confidence_and_no_review(plugin):
    t = _call(("agent", 0.0, 1.0, "Goedemiddag."))
    r = plugin().evaluate(_ctx(t, calibration=None, review_below=0.9))
    assert (r.outcome, r.confidence, r.needs_review) == ("pass", None, False)


def test_confidence_comes_from_the_table_row_of_the_text_style(plugin):
    cal = Calibration(counts={"long_reply_test|pass": (50, 45), "long_reply_test|pass||asr": (40, 8)})
    t = _call(("agent", 0.0, 1.0, "Goedemiddag."))
    asr = plugin().evaluate(_ctx(t, cal, style="asr", review_below=0.5))
    text = plugin().evaluate(_ctx(t, cal, style="text", review_below=0.5))
    assert asr.confidence == cal.confidence("long_reply_test", "pass", "", "asr") < 0.5
    assert text.confidence == cal.confidence("long_reply_test", "pass", "", "text") > 0.8
    assert (asr.needs_review, text.needs_review) == (True, False)


@pytest.mark.parametrize("a,b,seconds", [
    ((0.0, 2.0), (1.5, 3.0), 0.5), ((1.5, 3.0), (0.0, 2.0), 0.5), ((0.0, 4.0), (1.0, 2.0), 1.0),
    ((0.0, 1.0), (2.0, 3.0), 0.0),  # apart: no negative overlap
    ((None, 2.0), (1.5, 3.0), 0.0), ((0.0, None), (1.5, 3.0), 0.0),
    ((0.0, 2.0), (None, 3.0), 0.0), ((0.0, 2.0), (1.5, None), 0.0),
])
def test_overlap_of_two_turns(a, b, seconds):
    p = prepare(_call(("agent", *a, "Een."), ("customer", *b, "Twee.")), frozenset(), None)
    assert overlap_s(p.turns[0], p.turns[1]) == pytest.approx(seconds)


def test_the_other_partys_turn_before_skips_backchannels_and_other_speakers():
    t = _call(("agent", 0.0, 1.0, "Goedemiddag, met Bram."),
              ("customer", 1.5, 4.0, "Mijn pas is kwijt."),
              ("agent", 4.2, 4.5, "Ja."),                         # agent's own turn
              ("customer", 4.6, 4.9, "ja"),                       # a backchannel
              ("other", 5.0, 6.0, "Dit gesprek wordt opgenomen."),  # not a party
              ("agent", 6.5, 9.0, "Dan vraag ik een nieuwe voor u aan."),
              ("customer", 9.5, 10.0, "Dank u."))
    ctx = _ctx(t)
    turns = ctx.p.turns
    assert preceding_other(ctx, turns[5]).index == 1
    assert preceding_other(ctx, turns[6]).index == 5
    assert preceding_other(ctx, turns[1]).index == 0
    assert preceding_other(ctx, turns[0]) is None
