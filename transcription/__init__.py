"""Transcription stage: recordings in, speaker-attributed `meeluister.transcript/1` out (docs/transcription.md)."""
from __future__ import annotations

from transcription.options import TranscribeOptions


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    # heavy modules load on first use, so `import transcription` stays light
    if name in ("transcribe_recording", "load_models"):
        from transcription import pipeline
        return getattr(pipeline, name)
    if name in ("transcribe_batch", "BatchResult"):
        from transcription import batch
        return getattr(batch, name)
    if name == "make_sample_calls":
        from transcription.synthetic import make_sample_calls
        return make_sample_calls
    raise AttributeError(name)


__all__ = ["BatchResult", "TranscribeOptions", "load_models", "make_sample_calls",
           "transcribe_batch", "transcribe_recording"]
