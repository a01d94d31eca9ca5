"""next_steps: the agent says what happens next AND when, or confirms the matter is settled.

People forget after about a week and a half and call again (seed 004). Judged over the whole
contact: pass when an agent sentence gives a concrete timeframe ("binnen vijf werkdagen",
"uiterlijk morgen", "within the next hour", "d'ici un quart d'heure", "en los próximos diez
minutos"), or a day/date together with a commitment ("dat heeft u vrijdag in de bus"), or states
that the matter is settled. Vague promises ("zo snel mogelijk", "er wordt contact met u
opgenomen") and referrals to a website are not next steps. Hold announcements, turns that fill
in for the customer (a guessed, wrong need), the opening script before the customer speaks, and
rights within a period ("u kunt het binnen 14 dagen retourneren", the `policy` list before the
timeframe, and options the customer has within a period) do not count, nor does a frequency
("cada seis horas"). After set E also a day with a clock time said in words ("hoy a las cinco")
and the agent doing it now, in the call ("je clôture votre location maintenant", `done_now`).

After set I: a duration said with its noun ("le délai reste d'environ huit semaines",
`duration_heads`) or a quantity, a unit and "later"/"before" ("vijf werkdagen later",
`deadline_posts`); adjacent day words are one date ("donderdag acht januari"); a clock time
with a commitment ("je vous mets une boîte de côté jusqu'à 19 h"); in unpunctuated speech a
right far before the deadline belongs to another clause ("vous pouvez contester l'amende je
l'enregistre ... traitée sous trente jours"); what the customer must do by a date
(`obligation`: "tiene que solicitarlo antes del quince") and a sentence that sends the customer
to the website (`referral`) are no next step.
"""
from __future__ import annotations

import re

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, register
from qa.lexicon import Lexicon, PhraseMatcher
from qa.text import PreparedTurn, Sentence, normalise

_DEADLINE_CACHE: dict[int, re.Pattern[str] | None] = {}
# a clock time: 9:30, 10.15, 14h30, 10h, 10 uur, 3 pm
_CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2} ?(?:h|uur|am|pm|heures?)\b", re.I)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _deadline_rx(lex: Lexicon) -> re.Pattern[str] | None:
    key = id(lex)
    if key not in _DEADLINE_CACHE:
        def norm(k: str) -> list[str]:
            return [n for n in (normalise(x) for x in lex.raw("next_steps", k)) if n]
        preps, units, posts = norm("deadline_preps"), norm("time_units"), norm("deadline_posts")
        preps2, units2 = norm("deadline_preps_more"), norm("time_units_more")
        heads, dunits = norm("duration_heads"), norm("duration_units")
        if preps and units:
            # preposition, up to three words, a time unit: "binnen vijf werkdagen"; or a quantity, a
            # unit and a following "after": "drie weken na de afspraak", "trois semaines apres"
            parts = [rf"(?<= )(?:{_alt(preps)})(?: \S+){{0,3}} (?:{_alt(units)})(?= )"]
            if posts:
                parts.append(rf"(?<= )\S+ (?:{_alt(units)}) (?:{_alt(posts)})(?= )")
            if heads and dunits:
                # a duration noun or verb, up to five words, a unit: "le délai reste d'environ huit
                # semaines", "la tramitación tarda unos diez días", "de behandeltijd is zes weken"
                parts.append(rf"(?<= )(?:{_alt(heads)})(?: \S+){{0,5}} (?:{_alt(dunits)})(?= )")
            if preps2:
                # a deadline preposition, up to four words, a day or a period: "voor het eind van de
                # week", "d'ici mardi", "antes del viernes", "by Friday"
                parts.append(rf"(?<= )(?:{_alt(preps2)})(?: \S+){{0,4}} (?:{_alt(units + units2)})(?= )")
            _DEADLINE_CACHE[key] = re.compile("|".join(parts))
        else:
            _DEADLINE_CACHE[key] = None
    return _DEADLINE_CACHE[key]


def _dates(matches: list[re.Match[str]], norm: str, ranges: frozenset[str]) -> int:
    """How many dates the day words make: words a short gap apart are one date ("donderdag acht
    januari", "lundi 3 mars"), unless a range word stands between ("de lunes a viernes": hours)."""
    n, end = 0, -100
    for m in matches:
        gap = norm[end:m.start()] if end >= 0 else ""
        if end < 0 or m.start() - end > 12 or ranges.intersection(gap.split()):
            n += 1
        end = m.end()
    return n


def _pending(turns: list[PreparedTurn], pt: PreparedTurn, s: Sentence, done: re.Match[str],
             commit: PhraseMatcher, vague: PhraseMatcher) -> bool:
    """Something done now, but the agent goes on to promise more ("i've blocked the card ... and
    we'll mail you a new card", "le he dado de baja ... y le llamarán", a later "a replacement SIM
    will be sent"): the matter is not settled. Questions ("heeft u nog vragen?") promise nothing."""
    rest = [s.norm[done.end():]]
    rest += [x.norm for x in pt.sentences[s.index + 1:] if not (x.question and pt.punctuated)]
    for later in turns[pt.index + 1:]:
        if later.speaker == "agent":
            rest += [x.norm for x in later.sentences if not (x.question and later.punctuated)]
    return any(commit.search(" " + r.strip() + " ") or vague.search(" " + r.strip() + " ") for r in rest)


_CLAUSE_WORDS = 6


def _same_clause(norm: str, rule: re.Match[str], deadline: re.Match[str] | None) -> re.Match[str] | None:
    """In unpunctuated speech a turn is one sentence: a right or an obligation more than a few
    words before the deadline belongs to an earlier clause, and does not make it a rule."""
    if deadline is None or rule.start() >= deadline.start():
        return rule
    return rule if len(norm[rule.end():deadline.start()].split()) <= _CLAUSE_WORDS else None


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
        markers = lex.phrases_of("next_steps", "deadline_markers", "deadline_markers_more")
        policy = lex.phrases_of("next_steps", "policy", "policy_e", "obligation")
        referral = lex.phrases("next_steps", "referral")
        frequency = lex.phrases("next_steps", "frequency")
        spoken_clock = lex.phrases("next_steps", "spoken_clock")
        done_now = lex.phrases("next_steps", "done_now")
        immediate = lex.phrases("next_steps", "immediate")
        days = lex.phrases("next_steps", "day_words")
        ranges = lex.wordset("next_steps", "range_words")
        commit = lex.phrases("next_steps", "commitment")
        settled = lex.phrases("next_steps", "settled")
        vague = lex.phrases("next_steps", "vague")
        hold = lex.phrases("hold", "permission")
        fills = ctx.findings.fills
        vague_hit = None
        spoke = False  # the agent's opening script, before the customer says anything, is no next step
        for pt in ctx.p.turns:
            if pt.speaker == "customer":
                spoke = True
            if pt.speaker != "agent" or pt.index in fills or not spoke:
                continue
            for s in pt.sentences:
                if (s.question and pt.punctuated) or hold.search(s.norm) or referral.search(s.norm):
                    continue
                n = s.norm
                m = deadline.search(n) if deadline else None
                if m is not None and frequency.search(" " + m.group(0) + " "):
                    m = None  # "cada seis horas", "every six hours": how often, not by when
                term = m.group(0) if m else None
                rule = policy.first(n)
                if rule is not None and not pt.punctuated:
                    rule = _same_clause(n, rule, m)
                if m is not None and rule is not None and rule.start() < m.start():
                    term = None  # "u kunt het binnen 14 dagen terugsturen": a rule, not what happens next
                basis = "deadline"
                if term is None:
                    mk = markers.first(n)
                    if mk is not None and not (rule is not None and rule.start() < mk.start()):
                        term, basis = mk.group(0), "marker"
                if term is None and days.search(n) and commit.search(n):
                    term, basis = days.search(n), "day"
                if term is None and immediate.search(n) and commit.search(n):
                    term, basis = immediate.search(n), "day"
                dates = _dates(days.finditer(n), n, ranges)
                if term is None and dates == 1 and _CLOCK.search(s.text):
                    # a day and a clock time: "el martes 24 a las 9:30", "dinsdag om 10.15 uur"
                    term, basis = f"{days.search(n)} {_CLOCK.search(s.text).group(0)}", "day"
                if term is None and _CLOCK.search(s.text) and commit.search(n) and dates <= 1:
                    term, basis = _CLOCK.search(s.text).group(0), "day"  # "jusqu'à 19 h" with a commitment
                if term is None and dates == 1 and spoken_clock.search(n):
                    # ... said in words: "hoy a las cinco y media", "vendredi à dix heures"
                    term, basis = f"{days.search(n)} {spoken_clock.search(n)}", "day"
                done = done_now.first(n) if term is None else None
                if done is not None and not _pending(ctx.p.turns, pt, s, done, commit, vague):
                    term, basis = done.group(0), "settled"  # "je clôture votre location maintenant"
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
