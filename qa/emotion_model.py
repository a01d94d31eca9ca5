"""A small trained layer for room_for_emotion: is this customer sentence distressed?

Phrase lists miss distress told through the situation in words nobody listed. This layer is a
logistic regression over hashed word uni/bigrams and character 3-5-grams of one normalised
sentence (`features`), trained by `benchmarks/emotion_model.py` on the labelled development sets
(dev, C, D, E's odd half, text and speech-recognition style) and shipped as a data file inside
the package (`qa/models/emotion_lr.json`, checked against `MODEL_SHA256` in this module when it is loaded,
lazily, the first time a contact needs it). Scoring is pure Python (a dot product over
the sentence's features), and it runs only on candidate sentences: customer sentences of a
contact in which the rules found no emotion (`FindingsOptions.emotion_model`).
"""
from __future__ import annotations

import hashlib
import json
import math
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from meeluister.errors import InputError

MODEL_PATH = Path(__file__).resolve().parent / "models" / "emotion_lr.json"
MODEL_SHA256 = "a3544158fc84e35242cf0aa31a13d9a003a4ac5d5c744a9b5ab94fa116c102e2"  # written by benchmarks/emotion_model.py --ship
DIM = 1 << 18


def features(norm: str) -> dict[int, float]:
    """Hashed features of a normalised sentence: words, word pairs and character 3-5-grams of
    each word with its boundaries, each 1.0, scaled to unit length."""
    words = norm.split()
    keys: set[str] = set()
    for i, w in enumerate(words):
        keys.add("w:" + w)
        if i:
            keys.add("b:" + words[i - 1] + " " + w)
        padded = f"<{w}>"
        for n in (3, 4, 5):
            for j in range(len(padded) - n + 1):
                keys.add("c:" + padded[j:j + n])
    if not keys:
        return {}
    val = 1.0 / math.sqrt(len(keys))
    out: dict[int, float] = {}
    for k in keys:
        h = zlib.crc32(k.encode("utf-8")) % DIM
        out[h] = out.get(h, 0.0) + val
    return out


@dataclass(frozen=True)
class EmotionModel:
    coef: dict[int, float]
    intercept: float
    threshold: float  # probability at or above which a sentence counts as distressed
    trained_on: str = ""

    def probability(self, norm: str) -> float:
        z = self.intercept + sum(self.coef.get(h, 0.0) * v for h, v in features(norm).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"version": 1, "dim": DIM, "intercept": round(self.intercept, 6),
                           "threshold": self.threshold, "trained_on": self.trained_on,
                           "coef": {str(k): round(v, 5) for k, v in sorted(self.coef.items())}},
                          separators=(",", ":"))


def load(path: Path | None = None, sha256: str | None = None) -> EmotionModel:
    """The model in `path` (default: the shipped file), refused when its sha256 is not
    `MODEL_SHA256` (the shipped file) or the one given (another file)."""
    p = path or MODEL_PATH
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read the emotion model: {exc}") from None
    got = hashlib.sha256(raw).hexdigest()
    want = sha256 or (MODEL_SHA256 if path is None else got)
    if got != want:
        raise InputError(p, f"emotion model sha256 {got} does not match {want}")
    data = json.loads(raw)
    if data.get("dim") != DIM:
        raise InputError(p, "emotion model was built for another feature size", where="dim")
    return EmotionModel({int(k): float(v) for k, v in data["coef"].items()}, float(data["intercept"]),
                        float(data["threshold"]), str(data.get("trained_on", "")))


_OVERRIDE: list[EmotionModel] = []


@lru_cache(maxsize=1)
def _shipped() -> EmotionModel:
    return load()


def current() -> EmotionModel:
    """The model in use: the shipped one, or the one `use` set (cross-validation in benchmarks)."""
    return _OVERRIDE[-1] if _OVERRIDE else _shipped()


def use(model: EmotionModel | None) -> None:
    """Score with `model` instead of the shipped file (None: back to the shipped one)."""
    _OVERRIDE.clear()
    if model is not None:
        _OVERRIDE.append(model)
