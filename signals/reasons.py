"""Contact reasons: one or more reasons of a taxonomy per contact, with evidence and a confidence.

Customer turns first: each customer sentence is matched against the taxonomy's cues for the
contact's language (stems, compounds, fuzzy; `signals.taxonomy`), earlier customer turns weigh
more (the opening says why they called), agent turns count at `agent_weight` (an agent's summary
"u belt over uw paspoort" helps when the customer's words were lost to recognition). When no cue
of the contact's language matches, the other languages' cues are tried at `other_language_weight`
(code-switching, "visa" in a Dutch sentence). A reason scores its best cue per sentence plus a
share of the others; reasons within `secondary_ratio` of the best are kept beside it (at most
`max_reasons`); below `min_score` the contact is "other".

With `model` (the default) and a shipped taxonomy, these cue scores are features of the trained
model (`signals.reason_model`, blended in `signals.reason_blend`), which then decides; a taxonomy
of one's own, `model=False` or a model file that fails its sha256 check leave the cues alone.
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from meeluister.records import ContactReason, Evidence, Transcript
from signals.taxonomy import OTHER, STATUS_INQUIRY, Cue, Taxonomy, load_taxonomy
from signals.text import LANGUAGES, fold, sentences, stem, words

logger = logging.getLogger(__name__)
NEAR_CACHE = 200_000  # words kept per cue index with their compound and fuzzy matches


@dataclass(frozen=True)
class ReasonOptions:
    """Every default of the reason classifier (the CLI reads them from here)."""

    taxonomy: str = "auto"  # a shipped name, a TOML file, or "auto": by the contact's organisation
    default_taxonomy: str = "municipality"  # "auto" when no taxonomy names the organisation
    min_score: float = 0.6  # below: "other"
    secondary_ratio: float = 0.6  # a second reason is kept when it scores this share of the best
    max_reasons: int = 3
    agent_weight: float = 0.35
    turn_decay: float = 0.3  # k-th customer turn weighs 1 / (1 + decay * k)
    other_language_weight: float = 0.8
    compound_weight: float = 0.7  # a cue word found inside a longer word (Dutch compounds)
    fuzzy_weight: float = 0.8
    fuzzy_cutoff: float = 88.0  # rapidfuzz ratio for a misspelt cue word (words of >= 6 letters)
    others_share: float = 0.3  # share of a sentence's further cues of the same reason
    max_turns: int = 12  # only the first turns decide (the reason is stated early)
    phrase_gap: int = 2  # a phrase's words lie within len(phrase) + gap words of each other
    model: bool = True  # blend the trained model (signals/data/reason_model) with the cues; False: cues only
    model_file: str = ""  # another model.json (signals.reason_train); "": the shipped one
    model_secondary: float = 0.25  # with the model: a further reason needs this probability
    status_first: float = 0.3  # with the model: a status inquiry this probable leads, its case beside it
    case_share: float = 0.5  # ... the case: the reason with this share of what the status inquiry leaves
    status_cue: float = 2.0  # with the model: ... or one the cues score this high (see reason_blend) ...
    status_cue_floor: float = 0.1  # ... while the model gives it at least this probability
    other_margin: float = 0.1  # with the model: "other" leads only this far ahead of the best reason


class _Index:
    """A taxonomy's cues of one language, ready for matching."""

    def __init__(self, cues: tuple[Cue, ...]) -> None:
        self.cues = cues
        self.words = frozenset(s for c in cues for s, ex in zip(c.stems, c.exact) if not ex)
        self.long_words = sorted(w for w in self.words if len(w) >= 6)
        inner = sorted((w for w in self.words if len(w) >= 5), key=len, reverse=True)
        self.inner = re.compile("|".join(map(re.escape, inner))) if inner else None
        # cue word -> the cues that need it (a sentence only tries cues one of its words can start)
        self.by_word: dict[str, list[int]] = {}
        self.near: dict[tuple[str, str, float], tuple[tuple[str, bool], ...]] = {}
        for i, c in enumerate(cues):
            for s, ex in zip(c.stems, c.exact):
                self.by_word.setdefault(s, []).append(i)


@lru_cache(maxsize=64)
def _index(tax: Taxonomy, language: str) -> _Index:
    return _Index(tax.cues(language))


def _word_hits(sent_stems: list[str], sent_words: list[str], idx: _Index, o: ReasonOptions) -> dict[str, float]:
    """cue word -> match strength (1 exact stem, compound_weight, fuzzy_weight)."""
    hits = dict.fromkeys(idx.words.intersection(sent_stems).union(idx.words.intersection(sent_words)), 1.0)
    for tok, st in zip(sent_words, sent_stems):
        if st in hits or tok in hits or (len(tok) < 8 and len(st) < 6):
            continue
        for w, compound in _near_words(tok, st, idx, o.fuzzy_cutoff):
            hits.setdefault(w, o.compound_weight if compound else o.fuzzy_weight)
    return hits


def _near_words(tok: str, st: str, idx: _Index, cutoff: float) -> tuple[tuple[str, bool], ...]:
    """The cue words inside `tok` (compound, True) and near `st` in spelling (fuzzy, False), in
    that order; kept per index (a word seen once is seen again: the rapidfuzz search is the
    cue rules' costliest step)."""
    key = (tok, st, cutoff)
    got = idx.near.get(key)
    if got is not None:
        return got
    out: list[tuple[str, bool]] = []
    if idx.inner is not None and len(tok) >= 8:
        # a cue word inside a longer word: Dutch compounds ("afvalcontainer", "parkeervergunning")
        for m in idx.inner.finditer(tok):
            w = m.group(0)
            if len(tok) > len(w) + 2:
                out.append((w, True))
    if len(st) >= 6 and idx.long_words:
        for w, _score, _i in process.extract(st, idx.long_words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=2):
            if w[0] == st[0] and abs(len(w) - len(st)) <= 2:
                out.append((w, False))
    if len(idx.near) >= NEAR_CACHE:
        idx.near.clear()
    got = idx.near[key] = tuple(out)
    return got


def _match_sentence(text: str, language: str, idx: _Index, o: ReasonOptions) -> dict[str, tuple[float, Cue]]:
    """reason -> (score in this sentence, the best cue).

    A phrase matches when each of its words is found (stem, compound or fuzzy) and all of them lie
    within a span of len(phrase) + `phrase_gap` words, in any order ("paspoort gestolen" and
    "gestolen ... paspoort" meet; "en ... que ... estado" across a long sentence does not)."""
    ws = words(text)
    if not ws:
        return {}
    ss = [stem(w, language) for w in ws]
    hits = _word_hits(ss, ws, idx, o)
    if not hits:
        return {}
    positions: dict[str, list[int]] | None = None
    per: dict[str, list[tuple[float, Cue]]] = {}
    cand = {i for w in list(hits) + [x for x in ws if x in idx.by_word] for i in idx.by_word.get(w, ())}
    for i in sorted(cand):
        c = idx.cues[i]
        strength = 1.0
        for s, ex in zip(c.stems, c.exact):
            h = (1.0 if s in ws else 0.0) if ex else hits.get(s, 0.0)
            if h == 0.0:
                break
            strength = min(strength, h)
        else:
            if len(c.stems) > 1:
                if positions is None:
                    positions = _positions(ss, ws, hits)
                if not _within(c.stems, positions, len(c.stems) + o.phrase_gap):
                    continue
            per.setdefault(c.reason, []).append((c.weight * strength, c))
    out = {}
    for r, lst in per.items():
        lst.sort(key=lambda x: -x[0])
        out[r] = (lst[0][0] + o.others_share * sum(x[0] for x in lst[1:]), lst[0][1])
    return out


def _positions(ss: list[str], ws: list[str], hits: dict[str, float]) -> dict[str, list[int]]:
    """cue word -> the positions in the sentence where it was found."""
    pos: dict[str, list[int]] = {}
    for w in hits:
        pos[w] = [i for i, (s, tok) in enumerate(zip(ss, ws)) if s == w or tok == w or w in tok
                  or (len(w) >= 6 and abs(len(s) - len(w)) <= 2 and s[:1] == w[:1])]
    return pos


def _within(stems: tuple[str, ...], positions: dict[str, list[int]], span: int) -> bool:
    """Is there one position per word with max - min < span?"""
    lists = [positions.get(s) or [] for s in stems]
    if any(not x for x in lists):
        # exact (`=`) words are not in `hits`; they were checked present: accept them anywhere
        lists = [x for x in lists if x]
        if not lists:
            return True
    for anchor in lists[0]:
        if all(any(abs(p - anchor) < span for p in lst) for lst in lists[1:]):
            return True
    return False


def _resolve(t: Transcript, o: ReasonOptions) -> Taxonomy:
    if o.taxonomy != "auto":
        return load_taxonomy(o.taxonomy)
    return load_taxonomy(_auto_name(t.organisation or "", o.default_taxonomy))


@lru_cache(maxsize=1024)
def _auto_name(organisation: str, default: str) -> str:
    import tomllib

    from signals.taxonomy import TAXONOMY_ROOT, shipped_taxonomies

    org = f" {fold(organisation)} "
    for name in shipped_taxonomies():
        meta = tomllib.loads((TAXONOMY_ROOT / f"{name}.toml").read_text(encoding="utf-8")).get("taxonomy", {})
        if any(f" {fold(p)} " in org or (len(p) > 4 and fold(p) in org) for p in meta.get("organisations", [])):
            return name
    return default


def rule_scores(t: Transcript, tax: Taxonomy, o: ReasonOptions) -> tuple[dict[str, float], dict[str, tuple[float, int, str, str]]]:
    """The cue rules' score per reason and, per reason, its evidence (rank, turn, sentence, cue)."""
    lang = t.language if t.language in LANGUAGES else "nl"
    langs = [lang] + [x for x in LANGUAGES if x != lang]
    scores: dict[str, float] = {}
    best: dict[str, tuple[float, int, str, str]] = {}  # reason -> (contribution, turn, quote, term)
    for pass_no, language in enumerate(langs):
        if pass_no == 1 and scores:
            break  # the contact's own language decided
        lw = 1.0 if pass_no == 0 else o.other_language_weight
        idx = _index(tax, language)
        k = 0
        for ti, turn in enumerate(t.turns[: o.max_turns]):
            if turn.speaker == "customer":
                tw = 1.0 / (1.0 + o.turn_decay * k)
                k += 1
            elif turn.speaker == "agent":
                tw = o.agent_weight
            else:
                continue
            # per turn: a reason's best sentence plus a share of its others (a long e-mail that
            # names its subject in every paragraph does not outweigh a clear second reason)
            turn_scores: dict[str, list[float]] = {}
            for sent in sentences(turn.text) or [turn.text]:
                for r, (sc, cue) in _match_sentence(sent, language, idx, o).items():
                    turn_scores.setdefault(r, []).append(sc)
                    # evidence: the customer's sentence wins over an agent's, then the larger share
                    rank = sc * tw * lw + (100.0 if turn.speaker == "customer" else 0.0)
                    if r not in best or rank > best[r][0]:
                        best[r] = (rank, ti, sent, cue.text)
            for r, lst in turn_scores.items():
                lst.sort(reverse=True)
                scores[r] = scores.get(r, 0.0) + tw * lw * (lst[0] + o.others_share * sum(lst[1:]))
    return scores, best


def classify(t: Transcript, taxonomy: Taxonomy | str | None = None,
             options: ReasonOptions | None = None) -> list[ContactReason]:
    """The contact's reasons, best first; `[other]` when none fits."""
    o = options or ReasonOptions()
    tax = load_taxonomy(taxonomy) if taxonomy is not None else _resolve(t, o)
    scores, best = rule_scores(t, tax, o)
    if o.model:
        from signals.reason_model import model_for

        model = model_for(tax, o.model_file)
        if model is not None:
            from signals.reason_blend import blended

            return blended(t, tax, model, scores, best, o)
    return from_rules(t, tax, scores, best, o)


def from_rules(t: Transcript, tax: Taxonomy, scores: dict[str, float],
                best: dict[str, tuple[float, int, str, str]], o: ReasonOptions) -> list[ContactReason]:
    ranked = sorted(scores.items(), key=lambda x: (-x[1], x[0]))
    if not ranked or ranked[0][1] < o.min_score:
        top = ranked[0][1] if ranked else 0.0
        conf = round(1.0 - 0.5 * min(1.0, top / o.min_score), 3)
        return [ContactReason(t.contact_id, OTHER, conf, (), tax.id)]
    total = sum(s for _, s in ranked)
    # a status inquiry is about a case: it does not push the case's own reason out, so the others
    # are compared with the best reason beside it
    case_best = max((s for r, s in ranked if r != STATUS_INQUIRY), default=0.0)
    out = []
    for r, s in ranked:
        if len(out) == o.max_reasons:
            break
        ref = ranked[0][1] if r == STATUS_INQUIRY else case_best
        if s < o.min_score or s < o.secondary_ratio * ref:
            continue
        _, ti, quote, term = best[r]
        turn = t.turns[ti]
        conf = (1.0 - math.exp(-1.2 * s)) * (0.5 + 0.5 * s / total)
        out.append(ContactReason(t.contact_id, r, round(conf, 3),
                                 (Evidence(ti, turn.start, turn.end, quote, term),), tax.id))
    return out
