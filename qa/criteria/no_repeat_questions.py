"""no_repeat_questions: the agent does not ask again for what the customer already said (seed 003).

Slots (name, postcode, date of birth, customer/case number, subject): the customer gives one when a
customer turn contains a `given_<slot>` phrase (or, for postcodes and numbers, the value itself);
the agent asks for it when an agent question contains an `ask_<slot>` phrase. Asking after the
customer gave it is a repeat. Reading a value back to check it ("klopt dat?") is not asking, nor
is giving a value ("het kenmerk is ..."). A statement that asks ("we need your student ID") asks.
Split compounds ("relatie nummer") match as one word. Two more kinds of repeat: asking whether the
customer already did what they said they did ("heeft u het modem al opnieuw opgestart?"), and
asking when something happened that the customer already put a time on.
"""
from __future__ import annotations

import re

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, is_backchannel, register
from qa.repeat_rules import count_again, says_already_said, since_again, spoken_street

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
    if not any(ch.isdigit() for ch in s.text):
        return False
    return lex.phrases_of("nivea", "confirm_tags").search(s.norm) is not None or \
        lex.phrases("repeat", "check_tags").search(s.norm) is not None


def _joined(norm: str, heads: frozenset[str]) -> str:
    """`norm` with compounds that speech recognition split joined again ("relatie nummer" ->
    "relatienummer"), so the slot phrases match either way. Returns `norm` itself when none."""
    words = norm.split()
    if not heads or not any(w in heads for w in words[1:]):
        return norm
    out: list[str] = []
    for w in words:
        if w in heads and out and len(out[-1]) >= 5:  # "relatie nummer", not "uw naam"
            out[-1] += w
        else:
            out.append(w)
    return " " + " ".join(out) + " "


def _gives_value(s, hit_end: int, lang: str) -> bool:
    """The phrase is followed by the value itself ("het nummer is drie een ...", "la referencia es
    ce dos cuatro siete"): the agent gives or reads out, it does not ask."""
    rest = s.norm[hit_end:]
    return any(ch.isdigit() for ch in rest) or _spoken_number(rest, lang)


def _asks_a_number(norm: str, lex, lang: str) -> str | None:
    """A number word of the customer's ("uw ...nummer", "your member number", "votre numéro") in
    a question, unless it asks for a phone number (a new detail, not the identifier the customer
    gave) or the value follows."""
    marks = lex.wordset("repeat", "number_words")
    if not marks or lex.phrases("repeat", "phone_words").search(norm):
        return None
    words = norm.split()
    owner = lex.wordset("repeat", "possessives")
    for i, w in enumerate(words):
        if any(m in w for m in marks) and owner.intersection(words[max(0, i - 2):i]):
            rest = " ".join(words[i + 1:])
            if any(ch.isdigit() for ch in rest) or _spoken_number(rest, lang):
                return None  # "el número de referencia es ce dos cuatro siete": given, not asked
            return w
    return None


def _last_words_at(norm: str, n: int) -> int:
    """The offset in `norm` where its last `n` words start (0 when it has no more than `n`)."""
    words = norm.split()
    if len(words) <= n:
        return 0
    return len(norm) - len(" ".join(words[-n:])) - 1


_CONJUNCTIONS = frozenset({"and", "but", "en", "maar", "et", "mais", "y", "pero"})


def _clause(words: list[str], n: int = 10) -> list[str]:
    """The first `n` of `words`, stopping before a coordinating conjunction."""
    out: list[str] = []
    for w in words[:n]:
        if w in _CONJUNCTIONS:
            break
        out.append(w)
    return out


def _stem(w: str) -> str:
    return w[:5]


def _already_tried(s, customer_turns, lex) -> str | None:
    """An agent question about whether the customer already did something ("heeft u het modem al
    opnieuw opgestart?") that a customer turn reported doing, with the same words: the matter
    told, asked again. Returns the phrase that asks, or None."""
    m = lex.phrases("repeat", "ask_tried").first(s.norm)
    if m is None:
        return None
    words = [w for w in s.norm.split() if len(w) >= 5 and not w.isdigit()]
    if len(words) < 2:
        return None
    told = lex.phrases("repeat", "given_tried")
    for norm in customer_turns:
        if told.search(norm) is None:
            continue
        stems = {_stem(w) for w in norm.split() if len(w) >= 5}
        if sum(_stem(w) in stems for w in words) >= 2:
            return m.group(0)
    return None


def _asked_when_again(s, customer_turns, lex) -> str | None:
    """"Wanneer heeft u op de link geklikt?" after the customer said when ("gisteravond om negen
    heb ik op die link geklikt"): the same event, with its time already told, in one customer
    sentence (`customer_turns` holds the customer's sentences)."""
    m = lex.phrases_of("repeat", "ask_when", "ask_when_e").first(s.norm)
    if m is None:
        return None
    words = [w for w in s.norm[m.end():].split() if len(w) >= 5 and not w.isdigit()]
    times = lex.phrases_of("repeat", "given_time", "given_time_e")
    for norm in customer_turns:
        for t in times.finditer(norm):
            # the event is told in the time's clause: up to ten words either side of it, not past
            # a conjunction ("... expires in December and I haven't heard about my renewal")
            before = _clause(norm[:t.start()].split()[::-1])
            after_t = _clause(norm[t.end():].split())
            stems = {_stem(w) for w in before + after_t if len(w) >= 5}
            if any(_stem(w) in stems for w in words):
                return m.group(0)
    return None


@register
class NoRepeatQuestions(Criterion):
    id = "no_repeat_questions"
    defaults = {"max_repeats": 0}

    def evaluate(self, ctx: Context) -> CriterionResult:
        lex = ctx.lex
        if lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}", basis="structural")
        lang = ctx.t.language
        heads = lex.wordset("repeat", "compound_heads")
        requests = lex.phrases("repeat", "request_info")
        given: dict[str, int] = {}
        said: list[str] = []  # the customer's turns so far (normalised)
        said_sentences: list[str] = []  # and their sentences
        evidence = []
        asked_any = False
        last_question = None  # the agent's last question sentence, and whether it is already evidence
        for pt in ctx.p.turns:
            if pt.speaker == "customer":
                norm = _joined(pt.norm, heads)
                if last_question is not None and not is_backchannel(ctx, pt):
                    said_it = says_already_said(pt.norm, lex)
                    if said_it and not last_question[1]:
                        evidence.append(ctx.evidence(last_question[0], term=f"customer: {said_it}"))
                    last_question = None
                said.append(pt.norm)
                said_sentences.extend(x.norm for x in pt.sentences)
                for slot in SLOTS:
                    if slot in given:
                        continue
                    hit = lex.phrases_of("repeat", f"given_{slot}", f"given_{slot}_more").search(norm)
                    if slot == "postcode" and _POSTCODE.search(pt.turn.text):
                        hit = hit or "postcode"
                    if slot == "number" and (_LONG_NUMBER.search(pt.turn.text) or _spoken_number(pt.norm, lang)):
                        hit = hit or "number"
                    if slot == "address" and (_STREET.search(pt.turn.text) or spoken_street(pt.norm, lex)):
                        hit = hit or "address"
                    if slot == "subject" and pt.words >= 12:
                        hit = hit or "subject"
                    if hit:
                        given[slot] = pt.index
            elif pt.speaker == "agent":
                for s in pt.sentences:
                    # unpunctuated speech has no "?": an asking phrase is the question; a statement
                    # that asks for information ("we need your student ID") asks too
                    if not s.question and pt.punctuated and requests.search(s.norm) is None:
                        continue
                    if _checks_back(s, lex):
                        continue  # "Dat was 3512 AB, klopt dat?": reading the value back, not asking
                    norm = _joined(s.norm, heads)
                    # unpunctuated speech: only what follows the question's start asks
                    q_at = 0 if pt.punctuated else ctx.findings.question_at(s, False)
                    if q_at is None:  # a question cue among the last words (qa.text) marked it:
                        q_at = _last_words_at(s.norm, 10)  # the question is the turn's end
                    found = None
                    for slot in SLOTS:
                        m = lex.phrases_of("repeat", f"ask_{slot}", f"ask_{slot}_more").first(norm)
                        if m is None or (norm == s.norm and _gives_value(s, m.end(), lang)):
                            continue
                        if q_at and norm == s.norm and m.start() < q_at:
                            continue  # "... aan uw adres gekoppeld is bent u verhuisd": said, then asked
                        asked_any = True
                        if slot in given:
                            found = found or m.group(0)
                    if found is None and "number" in given:
                        found = _asks_a_number(norm, lex, lang)  # "wat was uw burgerservicenummer ook alweer"
                        asked_any = asked_any or found is not None
                    if found is None and (s.question or not pt.punctuated):
                        found = _already_tried(s, said, lex) or _asked_when_again(s, said_sentences, lex) or \
                            since_again(norm, said, lex) or count_again(norm, said, lex)
                        asked_any = asked_any or found is not None
                    if found is not None:
                        evidence.append(ctx.evidence(s, term=found))
                    if s.question or q_at or found is not None:
                        repeat_in_turn = found is not None or (last_question is not None and last_question[1]
                                                               and last_question[2] == pt.index)
                        last_question = (s, repeat_in_turn, pt.index)
        n = len(evidence)
        if n > ctx.params["max_repeats"]:
            return self.result(ctx, "fail", count=n, evidence=evidence,
                               reason=f"the agent asks {n}x for something the customer already gave",
                               basis="repeat" + ("-multi" if n > 1 else ""))
        return self.result(ctx, "pass", count=n, evidence=evidence,
                           reason="no repeated questions" if asked_any else "the agent asks nothing twice",
                           basis="asked" if asked_any else "not-asked")
