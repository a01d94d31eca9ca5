"""Diarizers: who spoke when. A small base class, a registry, and the result record.

A diarizer is fed the recording window by window (`add_window`) and answers at the end
(`finish`), so an hours-long call is never held in memory; a backend that needs the whole file
(pyannote) reads it itself from `path`.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from transcription.options import TranscribeOptions
from transcription.vad import Region


@dataclass(frozen=True)
class SpeakerSegment:
    start: float  # seconds from the start of the recording
    end: float
    speaker: str  # diarizer label: "ch0"/"ch1" (channels) or "S0", "S1", ...


@dataclass(frozen=True)
class Diarization:
    method: str
    segments: tuple[SpeakerSegment, ...]
    # Mean voice embedding per label (unit norm), where the diarizer has them (for enrolment).
    centroids: dict[str, np.ndarray] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    # Overlapped speech the diarizer found: (start, end, labels talking at once). `segments`
    # stay one speaker at a time (words go to one speaker); turns are widened over these.
    overlaps: tuple[tuple[float, float, tuple[str, ...]], ...] = ()

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(sorted({s.speaker for s in self.segments}))

    def speech_time(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for s in self.segments:
            out[s.speaker] = out.get(s.speaker, 0.0) + (s.end - s.start)
        return out

    def first_start(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for s in self.segments:
            out[s.speaker] = min(out.get(s.speaker, np.inf), s.start)
        return out


class Diarizer(ABC):
    name: ClassVar[str]
    stereo: ClassVar[bool] = False  # True: wants both channels, speakers are channels

    def __init__(self, options: TranscribeOptions, path: Path) -> None:
        self.options = options
        self.path = path

    @abstractmethod
    def add_window(self, start_s: float, samples: np.ndarray, regions: list[list[Region]]) -> None:
        """`samples` (C, n) float32 16 kHz; `regions[c]` speech regions of channel c (window time)."""

    @abstractmethod
    def finish(self) -> Diarization: ...


DIARIZER_REGISTRY: dict[str, type[Diarizer]] = {}


def register_diarizer(cls: type[Diarizer]) -> type[Diarizer]:
    DIARIZER_REGISTRY[cls.name] = cls
    return cls


def create_diarizer(name: str, options: TranscribeOptions, path: Path) -> Diarizer:
    from transcription.diarization import channels, embedding, pyannote_backend  # noqa: F401

    if name not in DIARIZER_REGISTRY:
        raise ValueError(f"unknown diarizer {name!r}; known: {sorted(DIARIZER_REGISTRY)}")
    return DIARIZER_REGISTRY[name](options, path)
