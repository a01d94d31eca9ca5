"""clarifying_questions: the agent asks about the question behind the question before solving.

"Blijf doorvragen tot je de vraag helder hebt" (seeds 002, 004). Pass when the agent asks at
least one question about the customer's need before the first sentence that gives the solution.
These never count: identification questions (postcode, customer number, address), procedural
questions (hold permission, "anything else?", "klopt dat?", offers), questions inside a turn that
fills in for the customer (see nivea). n/a when the request is explicit and trivial: the
customer's opening states a request with an identifier (customer number, postcode, street and
number) and reports no fault and no strong emotion.

After set I (qa/clarifying_rules.py): the questions count from the customer's first words on, also
when that first turn is short ("tengo un problema con la tarjeta"); a rule or an explanation
("c'est la règle de la clinique", "c'est normal, elle est calculée sur ...") and a negated
obligation ("no tiene que pedir perdón") are not the solution; a punctuated question that joins
two questions ("vous partez dans quel pays, et vous gardez un numéro ...") is judged part by part,
and an identifier after a preposition ("anyone else living with you at the address", "a su nombre") is a place, not a
request for the identifier.
"""
from __future__ import annotations

import re

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, is_backchannel, register
from qa.clarifying_rules import continued_request, identifies, not_solution, one_fact_question, punctuated_parts, scan_start
from qa.questions import question_spans
from qa.text import PreparedTurn, Sentence, ends_with_ellipsis

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
    if ctx.lex.phrases("clarifying", "vague_request").search(pt.norm):
        return False  # "ik heb een vraag over een pakket": the topic, not the request
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


def is_explicit_request(ctx: Context, pt: PreparedTurn) -> bool:
    """The opening asks for one simple action in so many words ("ik wil graag mijn adres
    wijzigen", "could you please resend the invoice") and reports no fault, no strong emotion
    and is not just a topic ("a question about ..."); short enough to hold one request. A fault
    followed by the remedy asked in so many words ("ik ben de codes kwijt ... ik wil graag nieuwe
    codes aanvragen") is explicit (after set I)."""
    assert ctx.lex is not None
    lex = ctx.lex
    if pt.words > ctx.params["explicit_max_words"]:
        return False
    problem = lex.phrases("clarifying", "problem").finditer(pt.norm)
    asked = lex.phrases("clarifying", "request").finditer(pt.norm)
    if problem and not (asked and asked[-1].start() > problem[-1].end()):
        return False  # a fault report, unless the customer then asks for the remedy in so many words
    if lex.phrases("clarifying", "vague_request").search(pt.norm) or ctx.findings.is_emotional(pt):
        return False
    if lex.phrases("clarifying", "not_simple").search(pt.norm) or ends_with_ellipsis(pt.turn.text):
        return False
    if lex.phrases_of("clarifying", "request", "not_received").search(pt.norm) is not None:
        return True
    # or it asks for one fact straight out: "Wat moet ik meenemen?", "¿Por qué ha subido el precio?"
    wh = lex.wordset("common", "wh_words")
    if any(s.question and any(w in wh for w in s.norm.split()[:5]) for s in pt.sentences):
        return True
    return one_fact_question(lex, pt)


def _confirms_then_asks(s: Sentence, rest: list[Sentence], confirm: frozenset[str], punctuated: bool) -> bool:
    """A short sentence that opens with "yes" (confirming what the customer concluded) and is
    followed by a question in the same turn: the agent has not solved anything yet."""
    words = s.norm.split()
    return punctuated and bool(words) and words[0] in confirm and len(words) <= 10 and any(r.question for r in rest)


def _confirms_then_asks_spoken(s: Sentence, q_at: int | None, confirm: frozenset[str]) -> bool:
    """The same in unpunctuated speech, where both halves are one sentence: at most six words
    before the question, the first a confirming word ("vale necesita cita sí | vive usted ...")."""
    if q_at is None:
        return False
    head = s.norm[:q_at].split()
    return bool(head) and head[0] in confirm and len(head) <= 6


@register
class ClarifyingQuestions(Criterion):
    id = "clarifying_questions"
    defaults = {"min_questions": 1, "explicit_max_words": 45}  # longer openings hold more than one request

    def evaluate(self, ctx: Context) -> CriterionResult:
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}", basis="structural")
        opening = opening_request(ctx)
        if opening is None:
            return self.na(ctx, "no customer request found", basis="no-request")
        request = continued_request(ctx, opening)
        trivial = is_trivial_request(ctx, request) or (request is not opening and is_trivial_request(ctx, opening))
        lex = ctx.lex
        ident = lex.phrases_of("clarifying", "identification", "identification_more", "identification_d")
        suffixes = lex.wordset("clarifying", "identification_suffixes")
        need_verbs = lex.wordset("clarifying", "need_verbs")
        procedural = lex.phrases_of("common", "procedural_questions", "procedural_questions_more")
        solution = lex.phrases_of("clarifying", "solution", "solution_more", "solution_offer")
        fills = ctx.findings.fills
        confirm = lex.wordset("nivea", "confirm_words_more") | lex.wordset("clarifying", "confirm_openers")
        found = []
        solved_at = None
        for pt in ctx.p.turns[scan_start(ctx, opening):]:
            if pt.speaker != "agent" or is_backchannel(ctx, pt):
                continue
            in_fill = pt.index in fills
            sents = pt.sentences
            for j, s in enumerate(sents):
                sol = solution.first(s.norm)
                if sol is not None and not_solution(lex, s.norm, sol):
                    sol = None
                q_at = ctx.findings.question_at(s, pt.punctuated)
                if sol is not None and (q_at is None or sol.start() < q_at) and not (
                        not pt.punctuated and not in_fill and _confirms_then_asks_spoken(s, q_at, confirm)):
                    if not in_fill and _confirms_then_asks(s, sents[j + 1:], confirm, pt.punctuated):
                        continue  # "Oui, avant douze ans c'est la Kids-ID. Et votre carte ... ?"
                    solved_at = s  # a solution offered for a guessed need (a fill) solves too
                    break
                if q_at is None or in_fill:
                    continue  # a question inside a fill asks about the guess, not the need
                # unpunctuated speech: one sentence may hold several questions, each judged alone
                spans = punctuated_parts(lex, s.norm[q_at:]) if pt.punctuated else question_spans(s.norm, q_at, lex)
                for asked in spans:
                    ids = identifies(lex, ident, asked) or any(x in w for x in suffixes for w in asked.split())
                    if ids and need_verbs.intersection(asked.split()):
                        ids = False  # "... ou vous voulez changer votre adresse": the need itself
                    if not (ids or procedural.search(asked)):
                        found.append(s)  # not identification ("pasnummer") nor procedure
                        break
            if solved_at is not None or len(found) >= ctx.params["min_questions"]:
                break
        measures = {"questions_before_solution": float(len(found))}
        if trivial and not found:
            # an identifier given, no fault, no emotion, and the agent needs no question: explicit
            return self.na(ctx, "explicit, trivial request with everything needed given", basis="trivial")
        if not found and is_explicit_request(ctx, request):
            # one simple action asked for in so many words, and the agent does it at once
            return self.na(ctx, "explicit request the agent could act on at once", basis="explicit")
        if len(found) >= ctx.params["min_questions"]:
            return self.result(ctx, "pass", evidence=[ctx.evidence(s) for s in found[:1]], measures=measures,
                               reason="the agent asks about the need before solving", basis="question")
        ev = [ctx.evidence(solved_at)] if solved_at is not None else []
        return self.result(ctx, "fail", evidence=ev, measures=measures,
                           reason="the agent solves without asking about the need first",
                           basis="solution" if solved_at is not None else "no-question")
