"""diminutives: the agent avoids minimising diminutives ("momentje", "vraagje", "probleempje").

Dutch: a word ending in -je/-tje/-pje/-kje/-etje (plural -jes) is a productive diminutive when the
OpenTaal hunspell dictionary (Debian hunspell-nl, read with spylls) derives it from a noun stem
with one of its diminutive suffix flags, and does NOT list it as a whole entry of its own
(lexicalised: "meisje", "tientje"). A curated stop list beside it holds lexicalised words that
hunspell still derives ("beetje" = beet+je, "koekje", "toetje", "streepje", "eventjes").
Spanish: -ito/-ita/-cito forms, minus a stop list of words that merely end that way
("requisito", "cita", "necesita", "bonito", "gratuita", "escrito").
After sets F and G: Spanish -illo/-illa words are lexicalised far more often than minimising
("sencillo", "bolsillo", "ventanilla", "pastilla") and no longer count; an -ito word right after
a clitic or "yo" (`verb_markers`: "se lo tramito", "le facilito") is a verb. Dutch diminutives
of kinship and person nouns ("uw zoontje", `kinship_stems`) are affectionate, not minimising, and
adverbs in -jes (`adverbs`: "netjes", "zachtjes") are no diminutive nouns.
French and English have no morphological diminutive: minimising phrases from the lexicon
("petite question", "just a quick"). Only the agent's turns count.
"""
from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, register
from qa.text import normalise

logger = logging.getLogger(__name__)

HUNSPELL_NL = Path("/usr/share/hunspell/nl")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_NL_DIM = re.compile(r"(?:je|jes|tje|tjes|pje|pjes|kje|kjes)$")
_NL_STRIP = re.compile(r"(?:etjes|etje|tjes|tje|pjes|pje|kjes|kje|jes|je)$")
_SPLIT_SUFFIX = frozenset({"je", "jes", "tje", "tjes", "pje", "pjes", "kje", "kjes", "etje", "etjes"})
_ES_DIM = re.compile(r"(?:ecit|cit|it)(?:o|a|os|as)$")


class _DutchDictionary:
    """Lazily loaded hunspell-nl (spylls takes ~6 s to load, so once per process), cached per word."""

    _lock = threading.Lock()

    def __init__(self, base: Path = HUNSPELL_NL) -> None:
        self.base = base
        self._dic = None
        self._flags: frozenset[str] = frozenset()
        self._failed = False

    def _load(self) -> bool:
        if self._dic is not None or self._failed:
            return not self._failed
        with self._lock:
            if self._dic is not None or self._failed:
                return not self._failed
            aff = self.base.with_suffix(".aff")
            if not aff.exists():
                logger.warning("hunspell-nl not found at %s: Dutch diminutives by suffix and stop list only",
                               aff)
                self._failed = True
                return False
            from spylls.hunspell import Dictionary  # lazy: slow to import and load

            flags = set()
            for line in aff.read_text(encoding="utf-8", errors="replace").splitlines():
                parts = line.split()
                # "SFX Yb 0 jes/CaCbCp [^m]": a suffix rule whose addition is a diminutive ending
                if len(parts) >= 4 and parts[0] == "SFX":
                    add = parts[3].split("/")[0].rstrip("-")
                    if _NL_DIM.search(add):
                        flags.add(parts[1])
            self._flags = frozenset(flags)
            self._dic = Dictionary.from_files(str(self.base))
        return True

    def analyse(self, word: str) -> bool | None:
        """True: productive diminutive; False: lexicalised or not one; None: dictionary missing."""
        if not self._load():
            return None
        return _analyse_cached(self, word)

    def _analyse(self, word: str) -> bool:
        dic = self._dic
        forms = list(dic.lookuper.good_forms(word))
        if not forms:
            # unknown word (a new compound, a misrecognition): diminutive if its stem is a word
            stem = _NL_STRIP.sub("", word)
            cands = {stem, stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem}
            if stem.endswith(("oo", "aa", "uu")):
                cands.add(stem[:-1])
            return len(stem) >= 3 and any(dic.lookup(c) for c in cands)
        dim = False
        for f in forms:
            last = f.parts[-1] if hasattr(f, "parts") else f
            suffix = getattr(last, "suffix", None)
            prefix = getattr(last, "prefix", None)
            if not hasattr(f, "parts") and suffix is None and prefix is None:
                return False  # a whole dictionary entry of its own: lexicalised
            if suffix is not None and suffix.flag in self._flags:
                dim = True
        return dim


@lru_cache(maxsize=100_000)
def _analyse_cached(d: _DutchDictionary, word: str) -> bool:
    return d._analyse(word)


_NL = _DutchDictionary()


def dutch_diminutive(word: str, stoplist: frozenset[str]) -> bool:
    w = word.lower()
    if len(w) < 5 or not _NL_DIM.search(w) or w in stoplist:
        return False
    hit = _NL.analyse(w)
    if hit is None:  # no dictionary: suffix rule only
        return len(w) >= 6
    return hit


def spanish_diminutive(word: str, stoplist: frozenset[str]) -> bool:
    w = normalise(word)
    if len(w) < 6 or " " in w or w in stoplist or not _ES_DIM.search(w):
        return False
    stem = _ES_DIM.sub("", w)
    return len(stem) >= 3


@register
class Diminutives(Criterion):
    id = "diminutives"
    defaults = {
        "max_count": 0,  # more findings than this fails
        "penalty_per_finding": 0.25,  # score = max(0, 1 - penalty * findings)
    }

    def evaluate(self, ctx: Context) -> CriterionResult:
        lang = ctx.t.language
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {lang!r}", basis="structural")
        evidence = []
        minimising = ctx.lex.phrases("diminutives", "minimising")
        stop = ctx.lex.words("diminutive_stoplist")
        common = ctx.lex.words("diminutive_common")
        check = {"nl": dutch_diminutive, "es": spanish_diminutive}.get(lang)
        # lexicalised by kind (after sets F and G): kinship nouns, adverbs, a verb after a clitic
        kin = ctx.lex.wordset("diminutives", "kinship_stems")
        stop = stop | ctx.lex.wordset("diminutives", "adverbs")
        verb_markers = ctx.lex.wordset("diminutives", "verb_markers")
        words_seen = 0
        for pt in ctx.p.turns:
            if pt.speaker != "agent":
                continue
            for s in pt.sentences:
                if check is not None:
                    prev = None
                    for m in _WORD.finditer(s.text):
                        words_seen += 1
                        w = m.group(0)
                        if lang == "nl" and prev is not None and w.lower() in _SPLIT_SUFFIX:
                            # speech recognition split the diminutive in two ("moment je", "mail tje")
                            joined = (prev + w).lower()
                            # "je"/"jes" alone is mostly the pronoun: rejoin only a known diminutive
                            known = w.lower() not in ("je", "jes") or joined in common
                            if known and check(joined, stop):
                                evidence.append(ctx.evidence(s, term=f"{prev} {w}"))
                            prev = None
                            continue
                        before, prev = prev, w
                        if lang == "es" and w[0].isupper() and m.start() > 2:
                            continue  # a capitalised word inside a sentence is a name (Anita)
                        if before is not None and before.lower() in verb_markers:
                            continue  # "se lo tramito": a verb in -ito after a clitic
                        if kin and _NL_STRIP.sub("", w.lower()) in kin:
                            continue  # "uw zoontje": a kinship word, not a minimising one
                        if check(w, stop):
                            evidence.append(ctx.evidence(s, term=w))
                if minimising:
                    for hit in minimising.finditer(s.norm):
                        evidence.append(ctx.evidence(s, term=hit.group(0)))
        n = len(evidence)
        score = max(0.0, 1.0 - ctx.params["penalty_per_finding"] * n)
        basis = {"nl": "dict", "es": "suffix"}.get(lang, "phrase") + ("-none" if n == 0 else "-one" if n == 1 else "-several")
        if n > ctx.params["max_count"]:
            terms = ", ".join(dict.fromkeys(e.term or "" for e in evidence))
            return self.result(ctx, "fail", score=score, count=n, evidence=evidence,
                               reason=f"{n} minimising diminutive(s): {terms}", measures={"count": float(n)},
                               basis=basis)
        return self.result(ctx, "pass", score=score, count=n, evidence=evidence,
                           reason="no minimising diminutives" if n == 0 else f"{n} within the allowed number",
                           measures={"count": float(n)}, basis=basis)
