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

SLOTS = ("name", "postcode", "birthdate", "number", "subject", "address")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")  # NL, UK
# a number of 5+ digits, also written in groups ("77-3310-45", "KP 2291 0078") or with letters
_LONG_NUMBER = re.compile(r"(?:\d[\d .\-/]*){5,}|\b[A-Z]{1,5}[\- ]?\d{4,}")
# a street address: a number beside a street word ("14 Orchard Close", "Kerkstraat 21", "12 rue des ...")
_STREET = re.compile(r"\b\d{1,4}\s+(?:[a-z]+\s){0,2}(?:close|road|street|lane|avenue|drive|way|rue|avenue|calle|avenida|plaza)\b"
                     r"|\b\w+(?:straat|laan|weg|plein|gracht|dijk|kade|singel|hof)\s+\d{1,4}\b"
                     r"|\b(?:rue|avenue|boulevard|calle|avenida|plaza|chemin)\s+(?:\S+\s){0,3}?\d{1,4}\b", re.I)
_SPOKEN_DIGITS = {
    "nl": "nul een twee drie vier vijf zes zeven acht negen", "en": "zero oh one two three four five six seven eight nine",
    "fr": "zero un deux trois quatre cinq six sept huit neuf", "es": "cero uno dos tres cuatro cinco seis siete ocho nueve"}


def _spoken_number(norm: str, lang: str) -> bool:
    """Four or more digits said one by one ("drie een een acht zes"), as speech recognition writes them."""
    digits = set(_SPOKEN_DIGITS.get(lang, "").split())
    run = 0
    for w in norm.split():
        run = run + 1 if (w in digits or w.isdigit()) else 0
        if run >= 4:
            return True
    return False


def _checks_back(s, lex) -> bool:
    """A sentence that restates a value to check it: it holds a number and a confirming tag."""
    return any(ch.isdigit() for ch in s.text) and lex.phrases("nivea", "confirm_tags").search(s.norm) is not None


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
                    hit = lex.phrases_of("repeat", f"given_{slot}", f"given_{slot}_more").search(pt.norm)
                    if slot == "postcode" and _POSTCODE.search(pt.turn.text):
                        hit = hit or "postcode"
                    if slot == "number" and (_LONG_NUMBER.search(pt.turn.text) or _spoken_number(pt.norm, ctx.t.language)):
                        hit = hit or "number"
                    if slot == "address" and _STREET.search(pt.turn.text):
                        hit = hit or "address"
                    if slot == "subject" and pt.words >= 12:
                        hit = hit or "subject"
                    if hit:
                        given[slot] = pt.index
            elif pt.speaker == "agent":
                for s in pt.sentences:
                    # unpunctuated speech has no "?": an asking phrase is the question
                    if not s.question and pt.punctuated:
                        continue
                    if _checks_back(s, lex):
                        continue  # "Dat was 3512 AB, klopt dat?": reading the value back, not asking
                    for slot in SLOTS:
                        hit = lex.phrases_of("repeat", f"ask_{slot}", f"ask_{slot}_more").search(s.norm)
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
