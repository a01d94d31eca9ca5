"""room_for_emotion: an upset customer may talk and is acknowledged before the practical part.

"Laat ze praten en uitrazen" (seed 000). n/a when no customer turn carries strong emotion (the
emotion lexicon scores strong words 2 points and mild signals 1; `min_points` makes a turn
emotional). Judged at the agent's response to the first emotional turn, which is its first
practical move: pass if the agent did not cut the customer off (an interruption or a sentence
completion during that turn) and acknowledged the emotion (acknowledgement lexicon) in the agent's
turns before the customer speaks again. Empathy later in the contact does not repair a fail.
"""
from __future__ import annotations

from meeluister.records import CriterionResult
from qa.criteria import nivea
from qa.criteria.base import Context, Criterion, is_backchannel, register
from qa.text import PreparedTurn


def without_intensifiers(ctx: Context, norm: str) -> str:
    """`norm` without words that only strengthen ("wat ontzettend vervelend" -> "wat vervelend"), so
    a lexicon phrase also matches its intensified forms. Returns `norm` itself when there is none."""
    assert ctx.lex is not None
    hits = ctx.lex.phrases("emotion", "intensifiers").finditer(norm)
    if not hits:
        return norm
    parts, pos = [], 0
    for m in hits:
        parts.append(norm[pos:m.start()])
        pos = m.end()
    parts.append(norm[pos:])
    return " " + " ".join("".join(parts).split()) + " "


def emotion_points(ctx: Context, pt: PreparedTurn) -> tuple[int, list[str]]:
    assert ctx.lex is not None
    strong = ctx.lex.phrases("emotion", "strong")
    mild = ctx.lex.phrases("emotion", "mild")
    terms: list[str] = []
    points = 0
    for s in pt.sentences:
        plain = without_intensifiers(ctx, s.norm)
        for weight, matcher in ((2, strong), (1, mild)):
            found = [m.group(0) for m in matcher.finditer(s.norm)]
            if plain is not s.norm:  # "lig er echt wakker van": the phrase without "echt"
                found += [t for t in (m.group(0) for m in matcher.finditer(plain)) if t not in found]
            points += weight * len(found)
            terms.extend(found)
    return points, terms


@register
class RoomForEmotion(Criterion):
    id = "room_for_emotion"
    defaults = {"min_points": 2}

    def evaluate(self, ctx: Context) -> CriterionResult:
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}")
        turns = ctx.p.turns
        emo: PreparedTurn | None = None
        terms: list[str] = []
        for pt in turns:
            if pt.speaker == "customer":
                pts, terms = emotion_points(ctx, pt)
                if pts >= ctx.params["min_points"]:
                    emo = pt
                    break
        if emo is None:
            return self.na(ctx, "the customer shows no strong emotion")
        a = nivea.analyse(ctx)
        measures = {"emotion_turn": float(emo.index)}
        emo_ev = ctx.evidence(_sentence_with_term(emo, terms), term=terms[0] if terms else None)
        # cut off while venting: an interruption of, or a completion right after, the emotional turn
        for agent_i, cust_i, ov in a.interruptions:
            if cust_i == emo.index:
                ev = ctx.evidence(turns[agent_i].sentences[0], term=f"interrupts {ov:.1f} s early")
                return self.result(ctx, "fail", evidence=[emo_ev, ev], measures={**measures, "overlap_s": ov},
                                   reason="the agent cuts in while the customer is venting")
        for f in a.fills.values():
            if f.kind == "completion" and _previous_customer_index(ctx, f.turn) == emo.index:
                ev = ctx.evidence(f.sentence, term="completes the customer's sentence")
                return self.result(ctx, "fail", evidence=[emo_ev, ev], measures=measures,
                                   reason="the agent finishes the upset customer's sentence")
        # the agent's response: its turns after the emotional one, until the customer speaks again
        ack = ctx.lex.phrases("emotion", "acknowledge")
        response = []
        for pt in turns[emo.index + 1:]:
            if pt.speaker == "customer" and not is_backchannel(ctx, pt):
                if response:
                    break
                continue
            if pt.speaker == "agent" and not is_backchannel(ctx, pt):
                response.append(pt)
        if not response:
            return self.na(ctx, "the agent does not respond after the emotional turn")
        for pt in response:
            for s in pt.sentences:
                hit = ack.search(s.norm) or ack.search(without_intensifiers(ctx, s.norm))
                if hit:
                    return self.result(ctx, "pass", evidence=[emo_ev, ctx.evidence(s, term=hit)],
                                       measures=measures, reason="the agent acknowledges the emotion first")
        ev = ctx.evidence(response[0].sentences[0])
        return self.result(ctx, "fail", evidence=[emo_ev, ev], measures=measures,
                           reason="the agent goes to the practical part without acknowledging the emotion")


def _sentence_with_term(pt: PreparedTurn, terms: list[str]):
    for s in pt.sentences:
        if terms and f" {terms[0]} " in s.norm:
            return s
    return pt.sentences[0]


def _previous_customer_index(ctx: Context, agent_turn: int) -> int | None:
    for prev in reversed(ctx.p.turns[:agent_turn]):
        if prev.speaker == "customer" and not is_backchannel(ctx, prev):
            return prev.index
    return None
