"""Diarizers (registry in `base`): channels (stereo), resemblyzer (mono, offline), pyannote."""
from __future__ import annotations

from transcription.diarization.base import (
    DIARIZER_REGISTRY,
    Diarization,
    Diarizer,
    SpeakerSegment,
    create_diarizer,
    register_diarizer,
)

__all__ = ["DIARIZER_REGISTRY", "Diarization", "Diarizer", "SpeakerSegment", "create_diarizer",
           "register_diarizer"]
