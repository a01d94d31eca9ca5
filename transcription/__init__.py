"""Transcription stage: recordings in, speaker-attributed `meeluister.transcript/1` out (docs/transcription.md)."""
from __future__ import annotations

from transcription.options import TranscribeOptions


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    # heavy modules load on first use, so `import transcription` stays light
    if name == "transcribe_recording":
        from transcription.pipeline import transcribe_recording
        return transcribe_recording
    if name in ("transcribe_batch", "BatchResult"):
        from transcription import batch
        return getattr(batch, name)
    if name == "make_sample_calls":
        from transcription.synthetic import make_sample_calls
        return make_sample_calls
    raise AttributeError(name)


__all__ = ["BatchResult", "TranscribeOptions", "make_sample_calls", "transcribe_batch",
           "transcribe_recording"]
