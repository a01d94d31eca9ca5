"""next_steps: the agent says what happens next AND when, or confirms the matter is settled.

People forget after about a week and a half and call again (seed 004). Judged over the whole
contact: pass when an agent sentence gives a concrete timeframe ("binnen vijf werkdagen",
"uiterlijk morgen", "within the next hour", "d'ici un quart d'heure", "en los próximos diez
minutos"), or a day/date together with a commitment ("dat heeft u vrijdag in de bus"), or states
that the matter is settled. Vague promises ("zo snel mogelijk", "er wordt contact met u
opgenomen") and referrals to a website are not next steps. Hold announcements and turns that fill
in for the customer (a guessed, wrong need) do not count.
"""
from __future__ import annotations

import re

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, register
from qa.lexicon import Lexicon
from qa.text import normalise

_DEADLINE_CACHE: dict[int, re.Pattern[str] | None] = {}


def _deadline_rx(lex: Lexicon) -> re.Pattern[str] | None:
    key = id(lex)
    if key not in _DEADLINE_CACHE:
        preps = [normalise(p) for p in lex.raw("next_steps", "deadline_preps")]
        units = [normalise(u) for u in lex.raw("next_steps", "time_units")]
        posts = [normalise(p) for p in lex.raw("next_steps", "deadline_posts")]
        if preps and units:
            alt_p = "|".join(re.escape(p) for p in sorted(preps, key=len, reverse=True))
            alt_u = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
            # preposition, up to three words, a time unit: "binnen vijf werkdagen"; or a quantity, a
            # unit and a following "after": "drie weken na de afspraak", "trois semaines apres"
            rx = rf"(?<= )(?:{alt_p})(?: \S+){{0,3}} (?:{alt_u})(?= )"
            if posts:
                alt_a = "|".join(re.escape(p) for p in sorted(posts, key=len, reverse=True))
                rx += rf"|(?<= )\S+ (?:{alt_u}) (?:{alt_a})(?= )"
            _DEADLINE_CACHE[key] = re.compile(rx)
        else:
            _DEADLINE_CACHE[key] = None
    return _DEADLINE_CACHE[key]


@register
class NextSteps(Criterion):
    id = "next_steps"
    defaults = {}

    def evaluate(self, ctx: Context) -> CriterionResult:
        lex = ctx.lex
        if lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}", basis="structural")
        if not any(t.speaker == "agent" for t in ctx.p.turns):
            return self.na(ctx, "no agent turn", basis="structural")
        deadline = _deadline_rx(lex)
        markers = lex.phrases("next_steps", "deadline_markers")
        days = lex.phrases("next_steps", "day_words")
        commit = lex.phrases("next_steps", "commitment")
        settled = lex.phrases("next_steps", "settled")
        vague = lex.phrases("next_steps", "vague")
        hold = lex.phrases("hold", "permission")
        fills = ctx.findings.fills
        vague_hit = None
        for pt in ctx.p.turns:
            if pt.speaker != "agent" or pt.index in fills:
                continue
            for s in pt.sentences:
                if (s.question and pt.punctuated) or hold.search(s.norm):
                    continue
                n = s.norm
                term = deadline.search(n).group(0) if deadline and deadline.search(n) else None
                basis = "deadline"
                if term is None:
                    term, basis = markers.search(n), "marker"
                if term is None and days.search(n) and commit.search(n):
                    term, basis = days.search(n), "day"
                if term is None:
                    term, basis = settled.search(n), "settled"
                if term is not None:
                    return self.result(ctx, "pass", evidence=[ctx.evidence(s, term=term)],
                                       reason="the agent says what happens next and when", basis=basis)
                if vague_hit is None:
                    v = vague.search(n)
                    if v:
                        vague_hit = (s, v)
        ev = [ctx.evidence(vague_hit[0], term=vague_hit[1])] if vague_hit else []
        return self.result(ctx, "fail", evidence=ev,
                           reason="no timeframe for what happens next" + (" (only a vague promise)" if ev else ""),
                           basis="vague" if ev else "none")
