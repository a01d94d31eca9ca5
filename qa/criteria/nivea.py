"""nivea: *niet invullen voor een ander* — the agent does not fill in for the customer (seed 004).

A fill is one of:
* completion: the agent finishes the customer's unfinished sentence (or supplies the word they are
  searching for): the customer's turn trails off ("...", a trailing "de"/"the"/"que") and the
  agent's turn continues it (starts with "...", or cuts in more than `overlap_s` before the
  customer stops, or is a short phrase right after a customer searching for a word);
* assumption: an assuming phrase ("u belt zeker over", "you must be calling about",
  "c'est sûrement", "..., seguro") whose content the customer had not said (if they had, it is a
  summary: good practice);
* self-answer: the agent asks a question and answers it in the same turn ("Waar wilt u het doen?
  Nou, Vancouver is het dichtst bij, dus ...").
Backchannels ("ja", "hm-hm") and interruptions that fill nothing in are not fills; interruptions are
recorded for room_for_emotion. Works without timing (chat, e-mail) on the text signals. The fills
are found once per contact by `qa.findings.Findings` (clarifying_questions, next_steps and
room_for_emotion read the same ones); the cut-in threshold is the scorecard's `findings.overlap_s`.
"""
from __future__ import annotations

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, register


@register
class Nivea(Criterion):
    id = "nivea"
    defaults = {
        "max_fills": 0,
    }

    def evaluate(self, ctx: Context) -> CriterionResult:
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}", basis="structural")
        if not any(t.speaker == "agent" for t in ctx.p.turns):
            return self.na(ctx, "no agent turn", basis="structural")
        a = ctx.findings.fill_analysis()
        fills = sorted(a.fills.values(), key=lambda f: f.turn)
        evidence = [ctx.evidence(f.sentence, term=f.term) for f in fills]
        measures = {
            "fills": float(len(fills)),
            "interruptions": float(len({i for i, _, _ in a.interruptions})),
        }
        if len(fills) > ctx.params["max_fills"]:
            kinds = ", ".join(sorted({f.kind for f in fills}))
            return self.result(ctx, "fail", count=len(fills), evidence=evidence, measures=measures,
                               reason=f"the agent fills in for the customer {len(fills)}x ({kinds})",
                               basis=kinds.replace(", ", "+") + ("-multi" if len(fills) > 1 else ""))
        return self.result(ctx, "pass", count=0, measures=measures,
                           reason="the agent lets the customer say it themselves",
                           basis="interrupted" if a.interruptions else "clean")
