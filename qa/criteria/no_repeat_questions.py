"""no_repeat_questions: the agent does not ask again for what the customer already said (seed 003).

Slots (name, postcode, date of birth, customer/case number, subject): the customer gives one when a
customer turn contains a `given_<slot>` phrase (or, for postcodes and numbers, the value itself);
the agent asks for it when an agent question contains an `ask_<slot>` phrase. Asking after the
customer gave it is a repeat. Reading a value back to check it ("klopt dat?") is not asking.
"""
from __future__ import annotations

import re

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, register

SLOTS = ("name", "postcode", "birthdate", "number", "subject")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")
_LONG_NUMBER = re.compile(r"\d{5,}")


@register
class NoRepeatQuestions(Criterion):
    id = "no_repeat_questions"
    defaults = {"max_repeats": 0}

    def evaluate(self, ctx: Context) -> CriterionResult:
        lex = ctx.lex
        if lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}", basis="structural")
        given: dict[str, int] = {}
        evidence = []
        asked_any = False
        for pt in ctx.p.turns:
            if pt.speaker == "customer":
                for slot in SLOTS:
                    if slot in given:
                        continue
                    hit = lex.phrases("repeat", f"given_{slot}").search(pt.norm)
                    if slot == "postcode" and _POSTCODE.search(pt.turn.text):
                        hit = hit or "postcode"
                    if slot == "number" and _LONG_NUMBER.search(pt.turn.text):
                        hit = hit or "number"
                    if slot == "subject" and pt.words >= 12:
                        hit = hit or "subject"
                    if hit:
                        given[slot] = pt.index
            elif pt.speaker == "agent":
                for s in pt.sentences:
                    if not s.question:
                        continue
                    for slot in SLOTS:
                        hit = lex.phrases("repeat", f"ask_{slot}").search(s.norm)
                        if hit:
                            asked_any = True
                            if slot in given:
                                evidence.append(ctx.evidence(s, term=hit))
        n = len(evidence)
        if n > ctx.params["max_repeats"]:
            return self.result(ctx, "fail", count=n, evidence=evidence,
                               reason=f"the agent asks {n}x for something the customer already gave",
                               basis="repeat" + ("-multi" if n > 1 else ""))
        return self.result(ctx, "pass", count=n, evidence=evidence,
                           reason="no repeated questions" if asked_any else "the agent asks nothing twice",
                           basis="asked" if asked_any else "not-asked")
