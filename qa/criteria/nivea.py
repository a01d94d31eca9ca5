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
recorded for room_for_emotion. Works without timing (chat, e-mail) on the text signals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, is_backchannel, register
from qa.lexicon import PhraseMatcher
from qa.text import PreparedTurn, Sentence, ends_with_ellipsis, starts_with_ellipsis


@dataclass
class Fill:
    turn: int
    sentence: Sentence
    kind: str  # completion | assumption | self-answer
    term: str


@dataclass
class NiveaAnalysis:
    fills: dict[int, Fill] = field(default_factory=dict)  # agent turn index -> first fill in it
    interruptions: list[tuple[int, int, float]] = field(default_factory=list)  # (agent, customer, s)


def starts_with(m: PhraseMatcher, norm: str) -> str | None:
    for hit in m.finditer(norm):
        if hit.start() == 1:
            return hit.group(0)
        break
    return None


def _content_words(text: str) -> list[str]:
    return [w for w in text.split() if len(w) >= 4 and not w.isdigit()]


def analyse(ctx: Context) -> NiveaAnalysis:
    """Find every fill once per contact; other criteria (clarifying, next_steps) reuse it."""
    cached = ctx.p.cache.get("nivea")
    if cached is not None:
        return cached
    res = NiveaAnalysis()
    ctx.p.cache["nivea"] = res
    lex = ctx.lex
    if lex is None:
        return res
    overlap_min = float(ctx.all_params.get("nivea", Nivea.defaults)["overlap_s"])
    assuming = lex.phrases_of("nivea", "assuming", "assuming_composed")
    intent = lex.phrases("nivea", "assuming_intent")
    tags = lex.phrases("nivea", "confirm_tags")
    summary = lex.phrases("nivea", "summary")
    openers = lex.phrases("nivea", "interrupt_openers")
    self_openers = lex.phrases("nivea", "self_answer_openers")
    procedural = lex.phrases("common", "procedural_questions")
    trailing = lex.wordset("nivea", "trailing_words")
    word_search = lex.phrases("nivea", "word_search")
    customer_said: list[str] = []  # normalised customer text so far

    for pt in ctx.p.turns:
        if pt.speaker == "customer":
            customer_said.append(pt.norm)
            continue
        if pt.speaker != "agent" or not pt.norm.strip() or is_backchannel(ctx, pt):
            continue
        prev = _previous_customer(ctx, pt)
        first = pt.sentences[0]
        # 1. completion of the customer's unfinished sentence
        if prev is not None:
            last_word = prev.norm.split()[-1] if prev.norm.split() else ""
            ellipsis = ends_with_ellipsis(prev.turn.text)
            # spoken and transcribed with punctuation, but the turn has no final mark: it broke off
            stops = ctx.t.channel == "phone" and prev.punctuated and not _FINAL.search(prev.turn.text)
            weak = ellipsis or last_word in trailing or stops
            searching = word_search.search(prev.sentences[-1].norm) is not None
            asks = prev.turn.text.rstrip().endswith("?")  # "..., of...?" is a question to answer
            strong = not asks and ((ellipsis and last_word in trailing) or (searching and weak))
            ov = 0.0
            if ctx.p.timed and prev.end is not None and pt.start is not None:
                ov = prev.end - pt.start
            opener = starts_with(openers, first.norm)
            if not prev.punctuated and ov >= overlap_min:
                weak = True  # speech recognition shows no trailing off: cutting in is the signal
            if ov >= overlap_min:
                res.interruptions.append((pt.index, prev.index, ov))
            filled = False
            if weak and starts_with_ellipsis(pt.turn.text):
                filled = True
            elif weak and ov >= overlap_min and opener is None:
                filled = True
            elif strong and opener is None and len(first.norm.split()) <= 8 and not first.question:
                filled = True
            if filled:
                res.fills[pt.index] = Fill(pt.index, first, "completion", "completes the customer's sentence")
                continue
        # 2. assuming phrases, unless the customer had already said it (then it is a summary)
        said = " ".join(customer_said)
        for s in pt.sentences:
            if summary.search(s.norm):
                continue
            hits = assuming.finditer(s.norm)
            stop = len(s.norm)
            if not hits and s.question:
                tag = tags.finditer(s.norm)
                if tag:  # "U wilt opzeggen, toch?": an intent plus a confirming tag
                    hits, stop = intent.finditer(s.norm)[:1], tag[0].start()
            for m in hits:
                after = _content_words(s.norm[m.end():stop])[:4]
                if after and all(_said(w, said) for w in after):
                    continue  # restating what the customer said
                res.fills[pt.index] = Fill(pt.index, s, "assumption", m.group(0))
                break
            if pt.index in res.fills:
                break
        if pt.index in res.fills:
            continue
        # 3. the agent answers their own question
        sents = pt.sentences
        for j, s in enumerate(sents[:-1]):
            if not s.question or procedural.search(s.norm):
                continue
            nxt = sents[j + 1]
            if nxt.question:
                continue
            hit = starts_with(self_openers, nxt.norm)
            if hit:
                res.fills[pt.index] = Fill(pt.index, nxt, "self-answer", hit)
                break
    return res


_FINAL = re.compile(r"[.!?…»\"')\]]\s*$")


def _said(word: str, said: str) -> bool:
    stem = word[:5]
    return f" {stem}" in said


def _previous_customer(ctx: Context, pt: PreparedTurn) -> PreparedTurn | None:
    """The customer's substantive turn just before this agent turn (in turn order)."""
    for prev in reversed(ctx.p.turns[: pt.index]):
        if prev.speaker == "customer":
            if is_backchannel(ctx, prev):
                continue
            return prev
        if prev.speaker == "agent" and not is_backchannel(ctx, prev):
            return None  # the agent already spoke after the customer
    return None


@register
class Nivea(Criterion):
    id = "nivea"
    defaults = {
        "max_fills": 0,
        "overlap_s": 0.5,  # an agent turn starting this many seconds before the customer stops cuts in
    }

    def evaluate(self, ctx: Context) -> CriterionResult:
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}")
        if not any(t.speaker == "agent" for t in ctx.p.turns):
            return self.na(ctx, "no agent turn")
        a = analyse(ctx)
        fills = sorted(a.fills.values(), key=lambda f: f.turn)
        evidence = [ctx.evidence(f.sentence, term=f.term) for f in fills]
        measures = {
            "fills": float(len(fills)),
            "interruptions": float(len({i for i, _, _ in a.interruptions})),
        }
        if len(fills) > ctx.params["max_fills"]:
            kinds = ", ".join(sorted({f.kind for f in fills}))
            return self.result(ctx, "fail", count=len(fills), evidence=evidence, measures=measures,
                               reason=f"the agent fills in for the customer {len(fills)}x ({kinds})")
        return self.result(ctx, "pass", count=0, measures=measures,
                           reason="the agent lets the customer say it themselves")
