"""Speech regions (silero VAD, shipped inside faster-whisper) and speech-only audio for the engines."""
from __future__ import annotations

from dataclasses import dataclass, replace

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
    """Speech cut out of a window and joined into one signal, with the table that maps times back.

    Chunk i occupies `audio[starts[i] : starts[i] + lengths[i]]` (seconds) and came from channel
    `channels[i]` of the source, at `offsets[i]`. Chunks are joined back to back (one channel) or
    with a short silence between them (both channels interleaved in time order).
    """

    audio: np.ndarray  # float32 (n,)
    starts: np.ndarray  # (k,) chunk start in the joined audio, s
    offsets: np.ndarray  # (k,) chunk start in the source, s
    lengths: np.ndarray  # (k,) chunk length, s
    channels: np.ndarray  # (k,) int, source channel of each chunk
    # (k, 2) the speech the VAD found inside chunk i (first region start, last region end), in
    # joined time: the chunk minus the context padding around it
    speech: np.ndarray | None = None

    def _chunk(self, t: float) -> int:
        return max(0, int(np.searchsorted(self.starts, t, side="right")) - 1)

    def to_source(self, t: float) -> float:
        i = self._chunk(t)
        return float(self.offsets[i] + (t - self.starts[i]))

    def locate(self, start: float, end: float) -> tuple[int, float, float]:
        """(chunk, source start, source end) of a word the engine timed at [start, end] (joined time).

        The word belongs to the chunk holding its midpoint (the nearer chunk when the midpoint falls
        in a silence between chunks) and its times are clipped to that chunk, so a word never
        stretches over removed silence (a 20 s hold, say) or into the other party's chunk.
        """
        mid = (start + end) / 2
        i = self._chunk(mid)
        if i + 1 < len(self.starts):  # in the silence after chunk i: the nearer neighbour
            gap_from = self.starts[i] + self.lengths[i]
            if mid > gap_from and self.starts[i + 1] - mid < mid - gap_from:
                i += 1
        if self.speech is not None:  # Whisper stretches edge words into the padding: not speech
            lo, hi = float(self.speech[i, 0]), float(self.speech[i, 1])
        else:
            lo, hi = float(self.starts[i]), float(self.starts[i] + self.lengths[i])
        s, e = min(max(start, lo), hi), min(max(end, lo), hi)
        return i, self.to_source_in(i, s), self.to_source_in(i, max(e, s))

    def to_source_in(self, i: int, t: float) -> float:
        return float(self.offsets[i] + (t - self.starts[i]))

    def span_to_source(self, start: float, end: float) -> tuple[float, float]:
        """A word's span in source time (see `locate`)."""
        _, s, e = self.locate(start, end)
        return s, e


_Span = tuple[float, float, int, float, float]  # start, end, channel, speech start, speech end (s)


def _padded_spans(audio: np.ndarray, regions: list[Region], pad_s: float,
                  channel: int = 0) -> list[_Span]:
    """Regions widened by `pad_s` (context for the recogniser) and merged where they touch."""
    spans: list[list[float]] = []
    dur = audio.shape[-1] / SAMPLE_RATE
    for r in regions:
        s, e = max(0.0, r.start - pad_s), min(dur, r.end + pad_s)
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
            spans[-1][3] = max(spans[-1][3], r.end)
        else:
            spans.append([s, e, r.start, r.end])
    return [(s, e, channel, max(s, cs), min(e, ce)) for s, e, cs, ce in spans]


def _join(audio: np.ndarray, spans: list[_Span], gap_s: float) -> SpeechChunks:
    """`audio` (C, n); spans in the order they are joined."""
    gap = np.zeros(int(round(gap_s * SAMPLE_RATE)), np.float32)
    pieces, starts, offsets, lengths, channels, speech, pos = [], [], [], [], [], [], 0
    for s, e, ch, cs, ce in spans:
        a, b = int(s * SAMPLE_RATE), int(e * SAMPLE_RATE)
        if pieces and gap.size:
            pieces.append(gap)
            pos += gap.size
        pieces.append(audio[ch, a:b])
        starts.append(pos / SAMPLE_RATE)
        offsets.append(a / SAMPLE_RATE)
        lengths.append((b - a) / SAMPLE_RATE)
        channels.append(ch)
        speech.append((starts[-1] + cs - offsets[-1], starts[-1] + ce - offsets[-1]))
        pos += b - a
    joined = np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)
    return SpeechChunks(joined, np.asarray(starts), np.asarray(offsets), np.asarray(lengths),
                        np.asarray(channels, dtype=int), np.asarray(speech).reshape(-1, 2))


def _group(audio: np.ndarray, spans: list[_Span], max_s: float, gap_s: float) -> list[SpeechChunks]:
    """Consecutive spans joined into pieces of at most `max_s` seconds (gaps included)."""
    groups: list[list[_Span]] = []
    total = 0.0
    for span in spans:
        length = span[1] - span[0]
        if groups and total + gap_s + length <= max_s:
            groups[-1].append(span)
            total += gap_s + length
        else:
            groups.append([span])
            total = length
    return [_join(audio, g, gap_s) for g in groups]


def join_speech(audio: np.ndarray, regions: list[Region], pad_s: float = 0.3) -> SpeechChunks:
    """Regions widened by `pad_s`, merged where they touch, joined into one speech-only signal."""
    return _join(audio.reshape(1, -1), _padded_spans(audio, regions, pad_s), 0.0)


def speech_chunks(audio: np.ndarray, regions: list[Region], max_s: float,
                  pad_s: float = 0.3, channel: int = 0) -> list[SpeechChunks]:
    """Speech-only pieces of at most `max_s` seconds of one channel (n,), cut only at pauses the VAD found.

    Each piece is recognised on its own (no text carried over), so a decoder that derails on one
    piece (a repetition loop on overlapped speech, say) cannot drag the next one with it, and every
    piece starts at the start of an utterance instead of wherever the decoder's 30 s window ended.
    A single region longer than `max_s` stays whole (the engine windows it itself). `channel` is
    recorded in the chunk table.
    """
    pieces = _group(audio.reshape(1, -1), _padded_spans(audio, regions, pad_s), max_s, 0.0)
    return [replace(p, channels=np.full_like(p.channels, channel)) for p in pieces]


def interleaved_chunks(audio: np.ndarray, regions: list[list[Region]], max_s: float,
                       pad_s: float = 0.3, gap_s: float = 0.4) -> list[SpeechChunks]:
    """Both channels' speech (`audio` (C, n)) in one signal: every channel's speech chunks in order of
    their start time, `gap_s` of silence between chunks, grouped into pieces of at most `max_s`.

    One recognition then covers both parties (a stereo call costs what a mono one does), while
    speech that overlaps in time is still recognised for each party from its own channel; the
    chunk table (`SpeechChunks.locate`) gives each word back its channel and source time.
    """
    spans = sorted((span for ch, regs in enumerate(regions)
                    for span in _padded_spans(audio[ch], regs, pad_s, ch)),
                   key=lambda x: (x[0], x[2]))
    return _group(audio, spans, max_s, gap_s)
