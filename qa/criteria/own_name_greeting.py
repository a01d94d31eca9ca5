"""own_name_greeting: the agent opens with their own name, not the organisation's (seed 003).

Judged on the agent's first turn only. With the roster name (`agent_name`) a fuzzy word match
(rapidfuzz) finds the name even when speech recognition misspells it ('sane' for Sanne). Without a
roster name, an introduction phrase ("u spreekt met", "my name is", "le atiende", ...) must be
followed by a name-like word that is not an organisation word or part of the organisation's name
("u spreekt met Merel Abonnementen", "met de gemeente Breda" fail; "mevrouw Kuipers" passes).
"""
from __future__ import annotations

from rapidfuzz import fuzz

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, first_agent_turn, register
from qa.text import normalise

_PARTICLES = {"de", "van", "der", "den", "het", "ter", "ten", "te", "la", "le", "du", "des", "del", "el",
              "da", "di", "dos", "y", "von", "op", "in", "t"}


@register
class OwnNameGreeting(Criterion):
    id = "own_name_greeting"
    defaults = {
        "name_match_threshold": 85,  # rapidfuzz ratio 0..100 for roster name vs spoken word
        "na_channels": ["email", "webform"],
        "max_opening_seconds": 15.0,  # only the first ~15 s of a phone opening count
    }

    def evaluate(self, ctx: Context) -> CriterionResult:
        t = ctx.t
        if t.channel in ctx.params["na_channels"]:
            return self.na(ctx, f"not judged on {t.channel}", basis="structural")
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {t.language!r}", basis="structural")
        first = first_agent_turn(ctx)
        if first is None:
            return self.na(ctx, "no agent turn", basis="structural")
        words = first.norm.split()
        if ctx.p.timed and first.turn.words and first.start is not None:
            # phone: only the words said in the opening seconds
            limit = first.start + ctx.params["max_opening_seconds"]
            timed = [w for w in first.turn.words if w.start is None or w.start <= limit]
            words = normalise(" ".join(w.w for w in timed)).split() or words
        org_tokens = set(normalise(t.organisation or "").split())
        org_words = ctx.lex.wordset("greeting", "org_words")
        sent = first.sentences[0] if first.sentences else None

        def is_org(i: int) -> bool:
            w = words[i]
            if w in org_words:
                return True
            nxt = words[i + 1] if i + 1 < len(words) else ""
            prv = words[i - 1] if i > 0 else ""
            # a word of the organisation's own name ("Merel" in "Uitgeverij Merel") counts as
            # the organisation when it stands next to another organisation word
            return w in org_tokens and (nxt in org_words or nxt in org_tokens or prv in org_words or prv in org_tokens)

        roster = [p for p in normalise(t.agent_name or "").split() if p not in _PARTICLES and len(p) >= 2]
        if roster:
            thr = ctx.params["name_match_threshold"]
            for i, w in enumerate(words):
                if len(w) < 3 and len(roster[0]) > 3:
                    continue
                best = max(fuzz.ratio(w, r) for r in roster)
                if best >= thr and not is_org(i):
                    ev = ctx.evidence(_sentence_with(first, w) or sent or first, term=w)
                    return self.result(ctx, "pass", reason=f"agent gives their name ({w!r})",
                                       evidence=[ev], measures={"name_match": float(best)},
                                       basis="roster" if best >= thr + 8 else "roster-near")
        name = self._intro_name(ctx, words, is_org)
        if name:
            ev = ctx.evidence(_sentence_with(first, name) or sent or first, term=name)
            return self.result(ctx, "pass", reason=f"agent introduces themself as {name!r}", evidence=[ev],
                               basis="intro-roster" if roster else "intro")
        ev = ctx.evidence(sent or first)
        org = any(is_org(i) for i in range(len(words)))
        why = "the opening names the organisation, not the agent" if org else "the opening gives no agent name"
        return self.result(ctx, "fail", reason=why, evidence=[ev],
                           basis=("org" if org else "noname") + ("-roster" if roster else ""))

    def _intro_name(self, ctx: Context, words: list[str], is_org) -> str | None:
        lex = ctx.lex
        assert lex is not None
        norm = " " + " ".join(words) + " "
        not_names = lex.wordset("greeting", "not_names") | lex.wordset("common", "backchannel_words")
        titles = lex.wordset("greeting", "titles")
        for m in lex.phrases("greeting", "intro").finditer(norm):
            idx = len(norm[: m.end()].split())  # index of the first word after the phrase
            j = idx
            while j < len(words) and words[j] in titles:
                j += 1
            if j >= len(words):
                continue
            w = words[j]
            if w in not_names or w.isdigit() or is_org(j) or len(w) < 2:
                continue
            return w
        for m in lex.phrases("greeting", "intro_after").finditer(norm):
            idx = len(norm[: m.start()].split()) - 1  # the word before the phrase
            if idx >= 0:
                w = words[idx]
                if w not in not_names and not is_org(idx) and not w.isdigit():
                    return w
        return None


def _sentence_with(pt, word: str):
    for s in pt.sentences:
        if f" {word} " in s.norm:
            return s
    return None
