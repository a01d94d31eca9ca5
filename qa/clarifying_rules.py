"""Rules of clarifying_questions added after set I (qa/criteria/clarifying_questions.py uses them).

* Where the agent's questions start counting: the customer's first words, also when that first
  turn is short and only names the topic ("tengo un problema con la tarjeta", 7 words), so the
  agent's question right after it is a question about the need.
  The agent's own first turn (the opening script, "¿En qué te podemos ayudar?") never counts.
* Not the solution: a sentence that states a rule or explains a charge (`not_solution`: "c'est la
  règle de la clinique", "dat is normaal, ..."), and a solution phrase right after a negation
  (`negations`: "no tiene que pedir perdón", "you don't need to apologise").
* A punctuated question that joins two questions with "and"/"et"/"y"/"en" is judged part by part
  (parts of at least three words): "vous partez dans quel pays, et vous gardez un numéro ...".
* An identification word after a preposition (`identification_preps`, optionally with a
  determiner between, `determiners`) names a place or a holder, not the identifier asked for:
  "is there anyone else living with you at the address", "la póliza ... a su nombre". A phrase
  that holds a wh-word ("à quelle adresse") still identifies.
* A request cut off and filled in by the agent ("ik wil graag mijn, eh, hoe heet het, die..." /
  "Bezoekersvergunning?") continues in the customer's next turn: explicitness is judged there,
  and an identifier in either turn makes it trivial; not when the customer corrects the guess
  (`correction_openers`: "nee, niet afgewezen ..."): the agent assumed instead of asking.
* A yes/no question for one fact (`one_fact_openers`: "Can I send my partner to collect it?",
  "¿Se puede pagar a plazos?") is explicit like a wh-question.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.criteria.base import Context
    from qa.lexicon import Lexicon, PhraseMatcher
    from qa.text import PreparedTurn

MIN_PART_WORDS = 3
FIRST_TURN_WORDS = 3


def scan_start(ctx: Context, opening: PreparedTurn) -> int:
    """The turn index from which agent questions count: the first customer turn of a few words
    (it may be shorter than the opening request that triviality is judged on), and never the
    agent's first turn before the opening request."""
    first_agent = next((pt.index for pt in ctx.p.turns if pt.speaker == "agent"), opening.index)
    for pt in ctx.p.turns[:opening.index]:
        if pt.speaker == "customer" and pt.words >= FIRST_TURN_WORDS:
            return min(max(pt.index, first_agent + 1), opening.index)
    return opening.index


def continued_request(ctx: Context, opening: PreparedTurn) -> PreparedTurn:
    """The customer turn that holds the request: the opening, or, when the agent's next turn fills
    in for a customer who had not finished (a completion), the customer's next turn of a few words."""
    turns = ctx.p.turns
    nxt = next((pt for pt in turns[opening.index + 1:] if pt.speaker == "agent"), None)
    fill = ctx.findings.fills.get(nxt.index) if nxt is not None else None
    if fill is None or fill.kind != "completion":
        return opening
    corrections = ctx.lex.wordset("clarifying", "correction_openers") if ctx.lex else frozenset()
    for pt in turns[nxt.index + 1:]:  # type: ignore[union-attr]
        if pt.speaker == "customer" and pt.words >= FIRST_TURN_WORDS:
            # "Nee, niet afgewezen ...": the agent guessed wrong, the request was not explicit
            return opening if corrections.intersection(pt.norm.split()[:3]) else pt
    return opening


def one_fact_question(lex: Lexicon, pt: PreparedTurn) -> bool:
    """A yes/no question that asks one fact ("kan ik ...", "puis-je ...", "is it possible ...")."""
    openers = lex.phrases("clarifying", "one_fact_openers")
    if not openers:
        return False
    for s in pt.sentences:
        if not s.question:
            continue
        m = openers.first(s.norm)
        if m is not None and len(s.norm[:m.start()].split()) <= 2:
            return True
    return False


def not_solution(lex: Lexicon, norm: str, sol: re.Match[str]) -> bool:
    """A solution phrase that is a rule, an explanation, or negated."""
    if lex.phrases("clarifying", "not_solution").search(norm):
        return True
    before = norm[:sol.start()].split()
    return bool(before) and before[-1] in lex.wordset("clarifying", "negations")


def punctuated_parts(lex: Lexicon, text: str) -> list[str]:
    """A punctuated question cut where a conjunction joins a second question; short parts stay
    with the part before them."""
    joins = lex.wordset("clarifying", "question_joins")
    words = text.split()
    parts: list[list[str]] = [[]]
    for w in words:
        if w in joins and len(parts[-1]) >= MIN_PART_WORDS:
            parts.append([])
            continue
        parts[-1].append(w)
    if len(parts) > 1 and len(parts[-1]) < MIN_PART_WORDS:
        tail = parts.pop()
        parts[-1] += tail
    return [" " + " ".join(p) + " " for p in parts if p]


def identifies(lex: Lexicon, ident: PhraseMatcher, asked: str) -> bool:
    """An identification phrase in the question that asks for the identifier, not one that names
    a place or holder after a preposition."""
    preps = lex.wordset("clarifying", "identification_preps")
    dets = lex.wordset("clarifying", "determiners")
    wh = lex.wordset("common", "wh_words")
    for m in ident.finditer(asked):
        before = asked[:m.start()].split()
        if before and before[-1] in dets:
            before = before[:-1]
        if preps and before and before[-1] in preps and not wh.intersection(m.group(0).split()):
            continue  # "at the address", "a su nombre": where, or in whose name
        return True
    return False
