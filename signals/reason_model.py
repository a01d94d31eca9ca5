"""The trained layer of the reason classifier: a linear model over words, word pairs, character
n-grams and the cue rules' scores (issue 11).

Features of a contact (`features`), the same in training (`signals.reason_train`) and here:
* `w:` the Snowball stem of every word (accent-folded, the contact's language), `b:` pairs of
  neighbouring stems, `c:` character 3- to 5-grams of each folded word with its boundaries
  (" pasp", "port ": they carry across languages and through misspellings and compounds);
  each group is L2-normalised, then weighted (`word_weight`, ...); customer turns weigh 1 / (1 + decay * k), agent turns
  `agent_feature_weight`;
* `r:<reason>` log(1 + the cue rules' score) for each reason of the contact's taxonomy
  (`signals.reasons.rule_scores`), so the model learns how far to trust the cues.

The weights ship as `signals/data/reason_model/weights.npz` (float32 coefficients and
intercepts, no pickle) beside `model.json` (classes, vocabulary, options and the npz file's
sha256, checked on load). The model scores every class it knows; a contact's taxonomy restricts
them to its own reasons and "other" (a softmax over those only). Loaded once, lazily.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from meeluister.errors import InputError
from meeluister.records import Transcript
from signals.taxonomy import OTHER, Taxonomy
from signals.text import LANGUAGES, sentences, stem, words

logger = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent / "data" / "reason_model"
MODEL_JSON = MODEL_DIR / "model.json"
GROUPS = ("w", "b", "c")


@dataclass(frozen=True)
class FeatureOptions:
    char_min: int = 3
    char_max: int = 5
    turn_decay: float = 0.3
    agent_feature_weight: float = 0.2
    max_turns: int = 12
    rule_features: bool = True
    # each group's weight after its L2 norm (words count more than pairs and n-grams; chosen by
    # the grouped cross-validation, docs/evaluation.md)
    word_weight: float = 1.5
    pair_weight: float = 0.5
    char_weight: float = 1.0
    rule_weight: float = 1.0

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FeatureOptions:
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


def text_features(text: str, language: str, fo: FeatureOptions, weight: float, out: dict[str, dict[str, float]]) -> None:
    """Add one text's words, word pairs and character n-grams (times `weight`) to `out`."""
    ws = words(text)
    if not ws:
        return
    wf, bf, cf = out["w"], out["b"], out["c"]
    prev = ""
    for w in ws:
        s = stem(w, language)
        k = "w:" + s
        wf[k] = wf.get(k, 0.0) + weight
        if prev:
            k = "b:" + prev + "_" + s
            bf[k] = bf.get(k, 0.0) + weight
        prev = s
        if len(w) < 2 or w.isdigit():
            continue
        p = f" {w} "
        n_max = min(fo.char_max, len(p))
        for n in range(fo.char_min, n_max + 1):
            for i in range(len(p) - n + 1):
                k = "c:" + p[i:i + n]
                cf[k] = cf.get(k, 0.0) + weight


def turn_weights(t: Transcript, fo: FeatureOptions) -> list[tuple[int, float]]:
    """(turn index, weight) for the turns that count: customer turns decaying, agent turns low."""
    out = []
    k = 0
    for ti, turn in enumerate(t.turns[: fo.max_turns]):
        if turn.speaker == "customer":
            out.append((ti, 1.0 / (1.0 + fo.turn_decay * k)))
            k += 1
        elif turn.speaker == "agent" and fo.agent_feature_weight > 0:
            out.append((ti, fo.agent_feature_weight))
    return out


def features(t: Transcript, rule: dict[str, float], fo: FeatureOptions,
             vocab: dict[str, int] | frozenset[str] | None = None) -> dict[str, float]:
    """The contact's feature vector as a sparse dict (see the module docstring): the reference
    definition (training uses it; `Encoder` computes the same faster). With `vocab`, features
    outside it are dropped before each group is normalised."""
    lang = t.language if t.language in LANGUAGES else "nl"
    groups: dict[str, dict[str, float]] = {g: {} for g in GROUPS}
    for ti, w in turn_weights(t, fo):
        text_features(t.turns[ti].text, lang, fo, w, groups)
    out: dict[str, float] = {}
    for g, gw in zip(GROUPS, (fo.word_weight, fo.pair_weight, fo.char_weight)):
        d = groups[g] if vocab is None else {k: v for k, v in groups[g].items() if k in vocab}
        norm = math.sqrt(sum(v * v for v in d.values()))
        if norm > 0:
            for k, v in d.items():
                out[k] = gw * v / norm
    if fo.rule_features:
        for r, sc in rule.items():
            if sc > 0 and (vocab is None or "r:" + r in vocab):
                out["r:" + r] = fo.rule_weight * math.log1p(sc)
    return out


class Encoder:
    """`features(..., vocab)` as column indices and values, with each word's stem and character
    n-grams looked up once and kept (the classifier's hot path)."""

    def __init__(self, vocab: dict[str, int], fo: FeatureOptions, cache_size: int = 200_000) -> None:
        self.fo = fo
        self.w = {k[2:]: i for k, i in vocab.items() if k.startswith("w:")}
        self.b = {k[2:]: i for k, i in vocab.items() if k.startswith("b:")}
        self.c = {k[2:]: i for k, i in vocab.items() if k.startswith("c:")}
        self.r = {k[2:]: i for k, i in vocab.items() if k.startswith("r:")}
        self._words: dict[tuple[str, str], tuple[str, int, np.ndarray]] = {}
        self.cache_size = cache_size

    def word(self, w: str, language: str) -> tuple[str, int, np.ndarray]:
        """(stem, stem's column or -1, the columns of its known character n-grams)."""
        key = (w, language)
        got = self._words.get(key)
        if got is None:
            s = stem(w, language)
            grams: list[int] = []
            if len(w) >= 2 and not w.isdigit():
                p = f" {w} "
                c = self.c
                for n in range(self.fo.char_min, min(self.fo.char_max, len(p)) + 1):
                    for j in range(len(p) - n + 1):
                        i = c.get(p[j:j + n])
                        if i is not None:
                            grams.append(i)
            got = (s, self.w.get(s, -1), np.asarray(grams, dtype=np.int64))
            if len(self._words) >= self.cache_size:
                self._words.clear()
            self._words[key] = got
        return got

    def add_text(self, text: str, language: str, weight: float, aw: dict[int, float], ab: dict[int, float],
                 grams: list[np.ndarray], gram_weights: list[float]) -> None:
        b = self.b
        cache = self._words
        prev = ""
        for w in words(text):
            got = cache.get((w, language))
            s, wi, g = got if got is not None else self.word(w, language)
            if wi >= 0:
                aw[wi] = aw.get(wi, 0.0) + weight
            if prev:
                bi = b.get(prev + "_" + s)
                if bi is not None:
                    ab[bi] = ab.get(bi, 0.0) + weight
            prev = s
            if len(g):
                grams.append(g)
                gram_weights.append(weight)

    def encode(self, t: Transcript, rule: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Column indices (each once) and values of the contact's features."""
        fo = self.fo
        lang = t.language if t.language in LANGUAGES else "nl"
        aw: dict[int, float] = {}
        ab: dict[int, float] = {}
        grams: list[np.ndarray] = []
        gram_weights: list[float] = []
        for ti, w in turn_weights(t, fo):
            self.add_text(t.turns[ti].text, lang, w, aw, ab, grams, gram_weights)
        idx: list[np.ndarray] = []
        val: list[np.ndarray] = []
        for d, gw in ((aw, fo.word_weight), (ab, fo.pair_weight)):
            if d:
                v = np.fromiter(d.values(), dtype=np.float64, count=len(d))
                idx.append(np.fromiter(d.keys(), dtype=np.int64, count=len(d)))
                val.append(v * (gw / math.sqrt(float(v @ v))))
        if grams:
            # sum the weights per distinct n-gram column (sorting the contact's few hundred
            # columns, not counting over the whole vocabulary)
            nz, inv = np.unique(np.concatenate(grams), return_inverse=True)
            v = np.bincount(inv, weights=np.repeat(gram_weights, [len(g) for g in grams]), minlength=len(nz))
            idx.append(nz)
            val.append(v * (fo.char_weight / math.sqrt(float(v @ v))))
        if fo.rule_features:
            ri = [(self.r[r], fo.rule_weight * math.log1p(sc)) for r, sc in rule.items() if sc > 0 and r in self.r]
            if ri:
                idx.append(np.asarray([i for i, _ in ri], dtype=np.int64))
                val.append(np.asarray([x for _, x in ri], dtype=np.float64))
        if not idx:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(idx), np.concatenate(val)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class ReasonModel:
    """Coefficients (features x classes), intercepts and the vocabulary of a trained model."""

    def __init__(self, classes: list[str], vocab: dict[str, int], coef: np.ndarray, intercept: np.ndarray,
                 options: FeatureOptions, meta: dict[str, Any]) -> None:
        self.classes = classes
        self.class_index = {c: i for i, c in enumerate(classes)}
        self.vocab = vocab
        self.coef = coef  # (n_features, n_classes), float32
        self.intercept = intercept  # (n_classes,)
        self.options = options
        self.meta = meta
        self._margins: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}
        self._restricted: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}
        self._word_margins: dict[tuple[str, tuple[str, ...]], dict[tuple[str, str], float]] = {}
        self.encoder = Encoder(vocab, options)

    def covers(self, tax: Taxonomy) -> bool:
        return OTHER in self.class_index and all(r in self.class_index for r in tax.reason_ids())

    def restricted(self, allowed: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The coefficients and intercepts of the allowed classes only (kept per class list: a
        contact is scored against its taxonomy's classes, not every class the model knows)."""
        got = self._restricted.get(allowed)
        if got is None:
            cols = [self.class_index[c] for c in allowed]
            got = (np.ascontiguousarray(self.coef[:, cols]), self.intercept[cols].astype(np.float64))
            self._restricted[allowed] = got
        return got

    def logits(self, t: Transcript, rule: dict[str, float], allowed: tuple[str, ...] | None = None) -> np.ndarray:
        """Each class's logit (the allowed classes only, in that order, when given)."""
        if allowed is None:
            coef, intercept = self.coef, self.intercept.astype(np.float64)
        else:
            coef, intercept = self.restricted(allowed)
        idx, val = self.encoder.encode(t, rule)
        if len(idx):
            return intercept + val @ coef[idx]
        return intercept.copy()

    def probabilities(self, t: Transcript, rule: dict[str, float], allowed: list[str]) -> dict[str, float]:
        """Softmax over the allowed classes only (the taxonomy's reasons and "other")."""
        zz = self.logits(t, rule, tuple(allowed))
        e = np.exp(zz - zz.max())
        p = e / e.sum()
        return {c: float(x) for c, x in zip(allowed, p)}

    def margin(self, reason: str, allowed: tuple[str, ...]) -> np.ndarray:
        """Per feature: its weight for `reason` less its mean weight over the allowed classes."""
        key = (reason, allowed)
        m = self._margins.get(key)
        if m is None:
            cols = [self.class_index[c] for c in allowed]
            m = self.coef[:, self.class_index[reason]].astype(np.float64) - self.coef[:, cols].mean(axis=1)
            self._margins[key] = m
        return m

    def evidence(self, t: Transcript, reason: str, allowed: list[str]) -> tuple[int, str, str] | None:
        """The customer sentence (turn, sentence, word) that speaks most for `reason`: each word
        scores the margin of its stem and n-grams for it; a sentence, its words' positive sum."""
        fo = self.options
        lang = t.language if t.language in LANGUAGES else "nl"
        key = (reason, tuple(allowed))
        m = self.margin(*key)
        memo = self._word_margins.setdefault(key, {})  # (word, language) -> its margin for the reason
        if len(memo) >= self.encoder.cache_size:
            memo.clear()
        best: tuple[float, int, str, str] | None = None
        for ti, _w in turn_weights(t, fo):
            if t.turns[ti].speaker != "customer":
                continue
            for sent in sentences(t.turns[ti].text) or [t.turns[ti].text]:
                per_word: list[tuple[float, str]] = []
                for w in words(sent):
                    c = memo.get((w, lang))
                    if c is None:
                        _s, wi, grams = self.encoder.word(w, lang)
                        c = memo[(w, lang)] = (fo.word_weight * float(m[wi]) if wi >= 0 else 0.0) + \
                            fo.char_weight * float(m[grams].sum()) / max(1.0, math.sqrt(len(grams)))
                    per_word.append((c, w))
                if not per_word:
                    continue
                score = sum(max(0.0, c) for c, _ in per_word)
                if best is None or score > best[0]:
                    best = (score, ti, sent, max(per_word)[1])
        if best is None or best[0] <= 0:
            return None
        return best[1], best[2], best[3]


def load_model(path: str | Path = MODEL_JSON) -> ReasonModel:
    """Read model.json and its weights; the weights' sha256 must match the one model.json names."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such reason model")
    meta = json.loads(path.read_text(encoding="utf-8"))
    for k in ("classes", "vocabulary", "weights", "sha256", "options"):
        if k not in meta:
            raise InputError(path, f"missing key {k!r}", where=k)
    wpath = path.parent / meta["weights"]
    if not wpath.exists():
        raise InputError(wpath, "reason model weights missing")
    digest = sha256_file(wpath)
    if digest != meta["sha256"]:
        raise InputError(wpath, f"sha256 {digest} does not match model.json's {meta['sha256']}")
    with np.load(wpath, allow_pickle=False) as z:
        coef = z["coef"].astype(np.float32)
        intercept = z["intercept"].astype(np.float64)
    vocab = {k: i for i, k in enumerate(meta["vocabulary"])}
    classes = list(meta["classes"])
    if coef.shape != (len(vocab), len(classes)) or intercept.shape != (len(classes),):
        raise InputError(wpath, f"weights of shape {coef.shape} do not fit {len(vocab)} features x {len(classes)} classes")
    return ReasonModel(classes, vocab, coef, intercept, FeatureOptions.from_dict(meta["options"]), meta)


@lru_cache(maxsize=8)
def _cached(path: str) -> ReasonModel | None:
    try:
        return load_model(path)
    except InputError as exc:
        logger.warning("reason model not used: %s", exc.line())
        return None


def model_for(tax: Taxonomy, model_file: str = "") -> ReasonModel | None:
    """The model to blend for this taxonomy, or None (no model file, a file that fails its checks,
    or a taxonomy with reasons the model was not trained on: a taxonomy of one's own is classified
    by its cues alone). Loaded once per path and kept (a retrained file needs a new process)."""
    m = _cached(model_file or str(MODEL_JSON))
    if m is None or not m.covers(tax):
        return None
    return m
