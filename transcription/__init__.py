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
    raise AttributeError(name)


__all__ = ["BatchResult", "TranscribeOptions", "load_models", "transcribe_batch",
           "transcribe_recording"]
