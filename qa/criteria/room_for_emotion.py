"""room_for_emotion: an upset customer may talk and is acknowledged before the practical part.

"Laat ze praten en uitrazen" (seed 000). n/a when no customer turn carries strong emotion (the
emotion lexicon scores strong words 2 points and mild signals 1; the scorecard's
`findings.emotion_min_points` makes a turn emotional; clarifying_questions reads the same finding). Judged at the agent's response to the first emotional turn, which is its first
practical move: pass if the agent did not cut the customer off (an interruption or a sentence
completion during that turn) and acknowledged the emotion (acknowledgement lexicon) in the agent's
turns before the customer speaks again. Empathy later in the contact does not repair a fail.
"""
from __future__ import annotations

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, is_backchannel, register
from qa.text import PreparedTurn


@register
class RoomForEmotion(Criterion):
    id = "room_for_emotion"
    defaults = {}

    def evaluate(self, ctx: Context) -> CriterionResult:
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}", basis="structural")
        turns = ctx.p.turns
        f = ctx.findings
        found = f.first_emotion()
        if found is None:
            weak = any(pt.speaker == "customer" and f.emotion_points(pt)[0] > 0 for pt in turns)
            return self.na(ctx, "the customer shows no strong emotion", basis="weak-signal" if weak else "none")
        emo, terms = found.turn, list(found.terms)
        measures = {"emotion_turn": float(emo.index)}
        emo_ev = ctx.evidence(found.sentence or _sentence_with_term(emo, terms), term=terms[0] if terms else None)
        # cut off while venting: an interruption of, or a completion right after, the emotional turn
        for agent_i, cust_i, ov in f.interruptions:
            if cust_i == emo.index:
                ev = ctx.evidence(turns[agent_i].sentences[0], term=f"interrupts {ov:.1f} s early")
                return self.result(ctx, "fail", evidence=[emo_ev, ev], measures={**measures, "overlap_s": ov},
                                   reason="the agent cuts in while the customer is venting", basis="cut-in")
        for fill in f.fills.values():
            if fill.kind == "completion" and f.previous_customer_index(fill.turn) == emo.index:
                ev = ctx.evidence(fill.sentence, term="completes the customer's sentence")
                return self.result(ctx, "fail", evidence=[emo_ev, ev], measures=measures,
                                   reason="the agent finishes the upset customer's sentence", basis="completion")
        # the agent's response: its turns after the emotional one, until the customer speaks again
        response = []
        for pt in turns[emo.index + 1:]:
            if pt.speaker == "customer" and not is_backchannel(ctx, pt):
                if response:
                    break
                continue
            if pt.speaker == "agent" and not is_backchannel(ctx, pt):
                response.append(pt)
        if not response:
            return self.na(ctx, "the agent does not respond after the emotional turn", basis="no-response")
        found_ack = f.acknowledgement([s for pt in response for s in pt.sentences])
        if found_ack:
            s, hit = found_ack
            return self.result(ctx, "pass", evidence=[emo_ev, ctx.evidence(s, term=hit)],
                               measures=measures, reason="the agent acknowledges the emotion first",
                               basis="ack")
        ev = ctx.evidence(response[0].sentences[0])
        return self.result(ctx, "fail", evidence=[emo_ev, ev], measures=measures,
                           reason="the agent goes to the practical part without acknowledging the emotion",
                           basis="no-ack")


def _sentence_with_term(pt: PreparedTurn, terms: list[str]):
    for s in pt.sentences:
        if terms and f" {terms[0]} " in s.norm:
            return s
    return pt.sentences[0]
