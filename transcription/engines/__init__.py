"""ASR engines (registry in `base`); backends import their heavy libraries only when loaded."""
from __future__ import annotations

from transcription.engines.base import (
    ENGINE_REGISTRY,
    AsrEngine,
    EngineInfo,
    RecognisedSegment,
    RecognisedWord,
    get_engine,
    register_engine,
)

__all__ = ["ENGINE_REGISTRY", "AsrEngine", "EngineInfo", "RecognisedSegment", "RecognisedWord",
           "get_engine", "register_engine"]
