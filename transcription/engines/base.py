"""Speech recognition engines: a small base class and a registry keyed by `--engine` name.

An engine receives speech-only audio (the pipeline has already removed silence with the VAD, so
both engines hear exactly the same samples) as float32 mono at 16 kHz, and returns segments with
word timings relative to that audio.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from transcription.options import TranscribeOptions


@dataclass(frozen=True)
class RecognisedWord:
    text: str  # as the engine spells it, leading space included
    start: float  # seconds in the audio given to `transcribe`
    end: float
    probability: float


@dataclass(frozen=True)
class RecognisedSegment:
    start: float
    end: float
    text: str
    words: tuple[RecognisedWord, ...]
    avg_logprob: float | None = None
    no_speech_prob: float | None = None


@dataclass(frozen=True)
class EngineInfo:
    engine: str
    model: str  # the name or path asked for
    model_path: str  # what was loaded
    model_sha256: str | None
    compute_type: str
    device: str = "cpu"


class AsrEngine(ABC):
    name: ClassVar[str]
    # True when `transcribe` may run from two threads at once on one loaded model (stereo
    # recordings then recognise both channels concurrently).
    concurrent: ClassVar[bool] = False

    def __init__(self, options: TranscribeOptions) -> None:
        self.options = options

    @property
    @abstractmethod
    def info(self) -> EngineInfo: ...

    @abstractmethod
    def detect_language(self, audio: np.ndarray, candidates: tuple[str, ...]) -> tuple[str, float]:
        """Most probable language among `candidates` (probability renormalised over them)."""

    @abstractmethod
    def transcribe(self, audio: np.ndarray, language: str,
                   options: TranscribeOptions | None = None) -> list[RecognisedSegment]:
        """Segments with word timings; `audio` is float32 (n,) at 16 kHz.

        Decoding settings come from `options` (default: the options the engine was loaded with), so
        one loaded model serves any decoding settings; sampling is seeded with `options.seed`.
        """


ENGINE_REGISTRY: dict[str, type[AsrEngine]] = {}
_LOADED: dict[tuple, AsrEngine] = {}


def register_engine(cls: type[AsrEngine]) -> type[AsrEngine]:
    ENGINE_REGISTRY[cls.name] = cls
    return cls


def get_engine(options: TranscribeOptions) -> AsrEngine:
    """One loaded engine per process and configuration (a model loads once per worker)."""
    from transcription.engines import faster_whisper_engine, openai_whisper_engine  # noqa: F401

    key = (options.engine, options.model, options.compute_type, options.cpu_threads,
           options.parallel_channels, options.device)
    if key not in _LOADED:
        if options.engine not in ENGINE_REGISTRY:
            raise ValueError(f"unknown engine {options.engine!r}; known: {sorted(ENGINE_REGISTRY)}")
        _LOADED[key] = ENGINE_REGISTRY[options.engine](options)
    return _LOADED[key]


def decoding_settings(options: TranscribeOptions) -> dict[str, object]:
    """The decoding settings both engines receive, under faster-whisper's names."""
    return {
        "beam_size": options.beam_size,
        "best_of": options.best_of,
        "temperature": list(options.temperatures),
        "compression_ratio_threshold": options.compression_ratio_threshold,
        "log_prob_threshold": options.log_prob_threshold,
        "no_speech_threshold": options.no_speech_threshold,
        "condition_on_previous_text": options.condition_on_previous_text,
        "word_timestamps": True,
    }


def pick_language(probs: dict[str, float], candidates: tuple[str, ...]) -> tuple[str, float]:
    sub = {c: probs.get(c, 0.0) for c in candidates}
    total = sum(sub.values())
    best = max(sub, key=sub.__getitem__)
    return best, (sub[best] / total if total > 0 else 0.0)
