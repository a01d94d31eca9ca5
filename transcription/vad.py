"""Speech regions (silero VAD, shipped inside faster-whisper) and speech-only audio for the engines."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from transcription.audio import SAMPLE_RATE
from transcription.options import TranscribeOptions


@dataclass(frozen=True)
class Region:
    start: float  # seconds
    end: float


def speech_regions(audio: np.ndarray, options: TranscribeOptions) -> list[Region]:
    """Speech regions of float32 (n,) audio at 16 kHz, in seconds from its first sample."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if audio.size < SAMPLE_RATE // 10:
        return []
    vad = VadOptions(
        threshold=options.vad_threshold,
        min_speech_duration_ms=int(options.min_speech_s * 1000),
        min_silence_duration_ms=int(options.min_silence_s * 1000),
        speech_pad_ms=100,
    )
    stamps = get_speech_timestamps(audio, vad)
    return [Region(s["start"] / SAMPLE_RATE, s["end"] / SAMPLE_RATE) for s in stamps]


@dataclass(frozen=True)
class SpeechChunks:
    """Speech cut out of a window and joined; `to_source(t)` maps times back (seconds)."""

    audio: np.ndarray  # float32 (n,)
    starts: np.ndarray  # (k,) chunk start in the joined audio
    offsets: np.ndarray  # (k,) chunk start in the source

    def _chunk(self, t: float) -> int:
        return max(0, int(np.searchsorted(self.starts, t, side="right")) - 1)

    def to_source(self, t: float) -> float:
        i = self._chunk(t)
        return float(self.offsets[i] + (t - self.starts[i]))

    def span_to_source(self, start: float, end: float) -> tuple[float, float]:
        """A word's span in source time; a word straddling a cut stays on the side holding most of it
        (otherwise it would stretch over the removed silence, e.g. a 20 s hold)."""
        i, j = self._chunk(start), self._chunk(end)
        if i == j:
            return self.to_source(start), self.to_source(end)
        cut = float(self.starts[j])
        if cut - start >= end - cut:
            return self.to_source(start), float(self.offsets[i] + (cut - self.starts[i]))
        return float(self.offsets[j]), self.to_source(end)


def _padded_spans(audio: np.ndarray, regions: list[Region], pad_s: float) -> list[list[float]]:
    """Regions widened by `pad_s` (context for the recogniser) and merged where they touch."""
    spans: list[list[float]] = []
    dur = audio.size / SAMPLE_RATE
    for r in regions:
        s, e = max(0.0, r.start - pad_s), min(dur, r.end + pad_s)
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    return spans


def _join(audio: np.ndarray, spans: list[list[float]]) -> SpeechChunks:
    pieces, starts, offsets, pos = [], [], [], 0
    for s, e in spans:
        a, b = int(s * SAMPLE_RATE), int(e * SAMPLE_RATE)
        pieces.append(audio[a:b])
        starts.append(pos / SAMPLE_RATE)
        offsets.append(a / SAMPLE_RATE)
        pos += b - a
    joined = np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)
    return SpeechChunks(joined, np.asarray(starts), np.asarray(offsets))


def join_speech(audio: np.ndarray, regions: list[Region], pad_s: float = 0.3) -> SpeechChunks:
    """Regions widened by `pad_s`, merged where they touch, joined into one speech-only signal."""
    return _join(audio, _padded_spans(audio, regions, pad_s))


def speech_chunks(audio: np.ndarray, regions: list[Region], max_s: float,
                  pad_s: float = 0.3) -> list[SpeechChunks]:
    """Speech-only pieces of at most `max_s` seconds, cut only at pauses the VAD found.

    Each piece is recognised on its own (no text carried over), so a decoder that derails on one
    piece (a repetition loop on overlapped speech, say) cannot drag the next one with it, and every
    piece starts at the start of an utterance instead of wherever the decoder's 30 s window ended.
    A single region longer than `max_s` stays whole (the engine windows it itself).
    """
    groups: list[list[list[float]]] = []
    total = 0.0
    for span in _padded_spans(audio, regions, pad_s):
        length = span[1] - span[0]
        if groups and total + length <= max_s:
            groups[-1].append(span)
            total += length
        else:
            groups.append([span])
            total = length
    return [_join(audio, g) for g in groups]
