"""clarifying_questions: the agent asks about the question behind the question before solving.

"Blijf doorvragen tot je de vraag helder hebt" (seeds 002, 004). Pass when the agent asks at
least one question about the customer's need before the first sentence that gives the solution.
These never count: identification questions (postcode, customer number, address), procedural
questions (hold permission, "anything else?", "klopt dat?", offers), questions inside a turn that
fills in for the customer (see nivea). n/a when the request is explicit and trivial: the
customer's opening states a request with an identifier (customer number, postcode, street and
number) and reports no fault and no strong emotion.
"""
from __future__ import annotations

import re

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, is_backchannel, register
from qa.text import PreparedTurn

_DIGITS = re.compile(r"\d[\d ]{3,}\d|\d{4,}")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")  # NL, UK
_NUMBER_WORDS = {
    "nl": "nul een één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
          "twintig dertig veertig vijftig zestig zeventig tachtig negentig honderd",
    "en": "zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty",
    "fr": "zero un deux trois quatre cinq six sept huit neuf dix onze douze vingt trente quarante cinquante",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce veinte treinta cuarenta",
}


def _numeric(word: str, lang: str) -> bool:
    if word.isdigit():
        return True
    parts = _NUMBER_WORDS.get(lang, "").split()
    return any(word.startswith(p) or word.endswith(p) for p in parts if len(p) >= 3) or word in parts


def opening_request(ctx: Context) -> PreparedTurn | None:
    """The customer's first substantive turn (at least `min_words` words)."""
    for pt in ctx.p.turns:
        if pt.speaker == "customer" and pt.words >= 8:
            return pt
    return None


def is_trivial_request(ctx: Context, pt: PreparedTurn) -> bool:
    assert ctx.lex is not None
    lang = ctx.t.language
    if ctx.lex.phrases("clarifying", "problem").search(pt.norm):
        return False
    if ctx.findings.is_emotional(pt):
        return False
    text = pt.turn.text
    if _DIGITS.search(text) or _POSTCODE.search(text):
        return True
    words = pt.norm.split()
    keys = ctx.lex.wordset("clarifying", "id_keywords")
    for i, w in enumerate(words):
        # "abonneenummer vijf vijf twee", "nummer eenenveertig", "Lindenlaan veertien"
        # up to two words between: "account number is five five ...", "nummer is drie"
        if (w in keys or w.endswith(("nummer", "number", "straat", "laan", "weg", "plein"))) and \
                any(_numeric(x, lang) for x in words[i + 1:i + 4]):
            return True
    return False


@register
class ClarifyingQuestions(Criterion):
    id = "clarifying_questions"
    defaults = {"min_questions": 1}

    def evaluate(self, ctx: Context) -> CriterionResult:
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}", basis="structural")
        opening = opening_request(ctx)
        if opening is None:
            return self.na(ctx, "no customer request found", basis="no-request")
        trivial = is_trivial_request(ctx, opening)
        lex = ctx.lex
        ident = lex.phrases_of("clarifying", "identification", "identification_more")
        procedural = lex.phrases("common", "procedural_questions")
        solution = lex.phrases("clarifying", "solution")
        fills = ctx.findings.fills
        question_cue = lex.phrases_of("common", "question_cues", "question_cues_more")
        found = []
        solved_at = None
        for pt in ctx.p.turns[opening.index:]:
            if pt.speaker != "agent" or is_backchannel(ctx, pt) or pt.index in fills:
                continue
            for s in pt.sentences:
                sol = solution.first(s.norm)
                if s.question and sol is not None and not pt.punctuated:
                    # unpunctuated speech: one "sentence" holds both; whichever comes first decides
                    cue = question_cue.first(s.norm) if question_cue else None
                    if cue is None or sol.start() < cue.start():
                        solved_at = s
                        break
                if s.question:
                    if ident.search(s.norm) or procedural.search(s.norm):
                        continue
                    found.append(s)
                elif sol is not None:
                    solved_at = s
                    break
            if solved_at is not None or len(found) >= ctx.params["min_questions"]:
                break
        measures = {"questions_before_solution": float(len(found))}
        if trivial and not found:
            # an identifier given, no fault, no emotion, and the agent needs no question: explicit
            return self.na(ctx, "explicit, trivial request with everything needed given", basis="trivial")
        if len(found) >= ctx.params["min_questions"]:
            return self.result(ctx, "pass", evidence=[ctx.evidence(s) for s in found[:1]], measures=measures,
                               reason="the agent asks about the need before solving", basis="question")
        ev = [ctx.evidence(solved_at)] if solved_at is not None else []
        return self.result(ctx, "fail", evidence=ev, measures=measures,
                           reason="the agent solves without asking about the need first",
                           basis="solution" if solved_at is not None else "no-question")
