"""concise_opening: a short, unambiguous opening, no long-winded script (seed 004, tip 3).

Measured on the agent's first turn: words, and seconds where there is timing. Text channels get
their own word limit (a first chat message often answers the question too, so only its opening
sentences up to the first question or the agent's name count). An announcement, promotion or
self-service plug (`opening.announcements`: "this call may be recorded", "le recuerdo que",
"in onze app") makes it a script whatever its length (after set E).
"""
from __future__ import annotations

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, first_agent_turn, register


@register
class ConciseOpening(Criterion):
    id = "concise_opening"
    defaults = {
        "max_words": 25,  # spoken opening
        "max_seconds": 10.0,
        "max_words_text": 40,  # chat / WhatsApp opening sentences
        "text_channels": ["chat", "whatsapp", "social"],
        "na_channels": ["email", "webform"],
    }

    def evaluate(self, ctx: Context) -> CriterionResult:
        t = ctx.t
        prm = ctx.params
        if t.channel in prm["na_channels"]:
            return self.na(ctx, f"not judged on {t.channel}", basis="structural")
        first = first_agent_turn(ctx)
        if first is None:
            return self.na(ctx, "no agent turn", basis="structural")
        text_channel = t.channel in prm["text_channels"]
        if text_channel:
            sents = []
            for s in first.sentences:
                sents.append(s)
                if s.question:
                    break
            words = sum(len(s.norm.split()) for s in sents)
            limit = prm["max_words_text"]
            secs = None
        else:
            sents = first.sentences
            words = first.words
            limit = prm["max_words"]
            secs = first.turn.duration
        measures = {"words": float(words), "seconds": secs}
        too_long_s = secs is not None and secs > prm["max_seconds"]
        margin = abs(words - limit) / max(1, limit)
        if secs is not None:
            margin = min(margin, abs(secs - prm["max_seconds"]) / max(1e-9, prm["max_seconds"]))
        basis = ("text" if text_channel else "spoken") + ("-near" if margin < 0.2 else "")
        announce = ctx.lex.phrases("opening", "announcements") if ctx.lex is not None else None
        for s in first.sentences:
            hit = announce.search(s.norm) if announce else None
            if hit:  # a recording notice, a promotion or an app plug: a script, however short
                return self.result(ctx, "fail", reason=f"the opening makes an announcement ({hit!r})",
                                   measures=measures, evidence=[ctx.evidence(s, term=hit)], basis="announcement")
        if words > limit or too_long_s:
            why = f"opening of {words} words" + (f" / {secs:.1f} s" if secs is not None else "")
            why += f" exceeds the scorecard's {limit} words" + ("" if text_channel else f" / {prm['max_seconds']} s")
            return self.result(ctx, "fail", reason=why, measures=measures,
                               evidence=[ctx.evidence(s) for s in sents[:1]], basis=basis)
        return self.result(ctx, "pass", reason=f"opening of {words} words", measures=measures, basis=basis)
