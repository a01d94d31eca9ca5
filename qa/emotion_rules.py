"""Emotion signals added after set E, used by `qa.findings.Findings`.

* **intensified mild word**: a mild emotion word right after an intensifier ("so annoyed",
  "echt balen", "vraiment agacée", "muy molesta") counts as a strong one.
* **the agent's empathy names the distress**: distress told through the situation alone (a
  child's medicine in lost luggage, a pet at the end of its life) often carries no emotion word
  at all, but an agent who answers it opens with empathy that names a feeling or a loss ("That
  sounds really worrying", "Lo siento mucho", "Wat verdrietig", "Je comprends votre
  inquiétude"). Such an opening, answering a customer turn that tells a situation (at least one
  emotion point, or `echo_min_words` words), makes that turn emotional: the judge then asks
  whether room was given, which the empathy itself answers. Routine courtesy ("sorry for the
  wait", "I understand", "sorry to hear about ...", "we apologise for the inconvenience") is not
  in `empathy_echo`, and a customer who opens as calm ("just a quick question") is not made
  emotional by it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from qa.findings import Emotion, Findings
    from qa.lexicon import Lexicon, PhraseMatcher
    from qa.text import PreparedTurn

ECHO_MIN_WORDS = 25  # a customer turn this long tells a situation


def intensified(norm: str, term: str, lex: Lexicon) -> bool:
    """`term` (a mild phrase found in `norm`) follows an intensifier in `norm`."""
    words = norm.split()
    first = term.split()[0] if term.split() else ""
    intens = lex.wordset("emotion", "intensifiers")
    for i in range(1, len(words)):
        if words[i] == first and words[i - 1] in intens:
            return True
    return False


def echo_phrase(agent_turn: PreparedTurn, lex: Lexicon) -> str | None:
    """The `empathy_echo` phrase in the first two sentences of an agent turn, or None."""
    echo = lex.phrases("emotion", "empathy_echo")
    if not echo:
        return None
    for s in agent_turn.sentences[:2]:
        # in unpunctuated speech the first sentence is the whole turn: only its first words open it
        words = s.norm.split()
        head = " " + " ".join(words[:12]) + " "
        hit = echo.search(head)
        if hit:
            return hit
    return None


def tells_situation(points: int, pt: PreparedTurn, lex: Lexicon) -> bool:
    """A customer turn that tells a situation: an emotion point or `ECHO_MIN_WORDS` words, and
    not opened as calm ("just a quick question", `calm_opening`)."""
    if lex.phrases("emotion", "calm_opening").search(pt.norm):
        return False
    return points >= 1 or pt.words >= ECHO_MIN_WORDS


def modelled_emotion(f: Findings) -> Emotion | None:
    """The first customer sentence (of a turn of at least 5 words) that the trained layer
    (`qa.emotion_model`) scores at or above its threshold, as an emotion named by that sentence
    (term "model p=0.83"); None when none does."""
    from qa.emotion_model import current  # lazy: the weights load on the first contact that needs them
    from qa.findings import Emotion
    model = current()
    for pt in f.p.turns:
        if pt.speaker != "customer" or pt.words < 5 or f.is_backchannel(pt):
            continue
        for s in pt.sentences:
            p = model.probability(s.norm)
            if p >= model.threshold:
                pts, terms = f.emotion_points(pt)
                return Emotion(pt, pts, (f"model p={p:.2f}", *terms), sentence=s)
    return None


# moved from qa.findings: misspelt strong words and old age ------------------------------------
@lru_cache(maxsize=100_000)
def misspelt(word: str, choices: tuple[str, ...]) -> str | None:
    """The strong emotion word that `word` is a misspelling of ("unaceptable"), or None."""
    if len(word) < 8 or word in choices:
        return None
    hit = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=88)
    return hit[0] if hit else None


_OLD = ("zeventig", "tachtig", "negentig", "seventy", "eighty", "ninety", "soixante dix", "quatre vingt",
        "setenta", "ochenta", "noventa")


def old_age(norm: str, intro: PhraseMatcher) -> str | None:
    """"ik ben 84", "she's ninety", "j'ai quatre-vingt-deux ans": an age of 65+ after an intro."""
    for m in intro.finditer(norm):
        nxt = norm[m.end():].split()[:3]
        if not nxt:
            continue
        w = nxt[0]
        if (w.isdigit() and 65 <= int(w) <= 110) or any(" ".join(nxt).startswith(o) or w.endswith(o) for o in _OLD):
            return f"{m.group(0)} {w}"
    return None


def long_words(lex: Lexicon) -> tuple[str, ...]:
    """The lexicon's single strong emotion words of 8+ letters (targets for misspellings)."""
    key = id(lex)
    hit = _LONG.get(key)
    if hit is None:
        words = [w for w in lex.wordset("emotion", "strong") | lex.wordset("emotion", "strong_more")
                 if " " not in w and len(w) >= 8]
        hit = _LONG[key] = tuple(sorted(words))
    return hit


_LONG: dict[int, tuple[str, ...]] = {}


# after sets F and G ---------------------------------------------------------------------------
def without_hedges(norm: str, lex: Lexicon) -> str:
    """`norm` without fear words used as a hedge ("ik ben bang dat we ...", "I'm afraid we can't",
    "me temo que", `fear_hedge`): "afraid that" tells an expectation, not fear. Returns `norm`
    itself when there is none."""
    return without_matches(norm, lex.phrases("emotion", "fear_hedge").finditer(norm))


def without_matches(norm: str, hits: list[re.Match[str]]) -> str:
    """`norm` with the matched spans `hits` cut out and the spaces closed up (the normalised
    " word word " form); `norm` itself when there is none."""
    if not hits:
        return norm
    parts, pos = [], 0
    for m in hits:
        parts.append(norm[pos:m.start()])
        pos = m.end()
    parts.append(norm[pos:])
    return " " + " ".join("".join(parts).split()) + " "


def response_turns(turns: list[PreparedTurn], start: int, is_backchannel, limit: int = 2) -> list[PreparedTurn]:
    """The agent's turns from index `start` on until the customer speaks again (at most `limit`):
    in chat an agent often sends a greeting ("Hi Sarah, it's Connor") and the empathy in the
    next message, and both answer the same customer turn."""
    out: list[PreparedTurn] = []
    for pt in turns[start:]:
        if is_backchannel(pt):
            continue
        if pt.speaker != "agent" or len(out) >= limit:
            break
        out.append(pt)
    return out


def evaluative_ack(norm: str, lex: Lexicon) -> str | None:
    """An acknowledgement that judges the customer's situation: a copula or exclamative head
    (`evaluative_heads`: "het is", "that's", "c'est", "es") in the first words of the sentence,
    then at most two words, then a distress adjective (`distress_adjectives`: heftig, hard,
    dur, duro): "Het is heel heftig als er ineens ...", "That's really tough", "C'est très dur"."""
    heads = lex.phrases("emotion", "evaluative_heads")
    adjectives = lex.wordset("emotion", "distress_adjectives")
    if not heads or not adjectives:
        return None
    for m in heads.finditer(norm):
        if len(norm[:m.start()].split()) > 3:
            break
        after = norm[m.end():].split()[:3]
        for k, w in enumerate(after):
            if w in adjectives:
                return " ".join([m.group(0), *after[:k + 1]])
    return None


def defends_at_once(agent_turn: PreparedTurn, lex: Lexicon, bare: frozenset[str]) -> str | None:
    """The agent's answer opens with a bare word ("ja.", "okay", "d'accord", "bueno"; `bare`) and
    goes straight to a defence of the procedure ("maar ik moet eerst ... dat is de procedure",
    "c'est la règle de la clinique"): the phrase of the defence, or None. Only an explicit rule,
    procedure or policy (`defence_anywhere`, `defence_more`) counts, never a bare "but"/"alors"."""
    words = agent_turn.norm.split()
    k = 0
    while k < min(2, len(words)) and words[k] in bare:
        k += 1
    if k == 0:
        return None
    rest = " " + " ".join(words[k:k + 30]) + " "
    hit = lex.phrases_of("emotion", "defence_anywhere", "defence_more").first(rest)
    return hit.group(0) if hit is not None else None
