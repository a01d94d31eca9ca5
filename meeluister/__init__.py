"""meeluister: listens along to every contact the way a good coach would.

This package holds what every stage shares: the record contracts (`records`), input errors and the
quarantine report (`errors`), generic input helpers (`io`: encodings, CSV delimiters, time zones,
file hashes, the sample rate), call metadata (`metadata`), PII redaction (`redaction`, and its
command `redaction_cli`), the
progress hook (`progress`) and the one CLI (`cli`). It imports no stage. The stages live in their
own top-level packages: `transcription`, `qa`, `surveys`, `warehouse`, `coaching`, and the
dashboard in `dash_app`; the data generators in `synth`, and the demo above them all in `demo`.
"""
from __future__ import annotations

from meeluister.errors import InputError, Quarantine, QuarantineEntry
from meeluister.progress import ProgressHook, null_hook
from meeluister.records import (
    CHANNELS,
    SPEAKERS,
    TRANSCRIPT_SCHEMA,
    ContactReason,
    CriterionResult,
    Evidence,
    ReviewedOutcome,
    Transcript,
    Turn,
    Word,
    dump_transcript,
    load_transcript,
    transcript_from_dict,
    transcript_to_dict,
)

__version__ = "0.1.0"

__all__ = [
    "CHANNELS",
    "SPEAKERS",
    "TRANSCRIPT_SCHEMA",
    "ContactReason",
    "CriterionResult",
    "Evidence",
    "InputError",
    "ProgressHook",
    "Quarantine",
    "QuarantineEntry",
    "ReviewedOutcome",
    "Transcript",
    "Turn",
    "Word",
    "dump_transcript",
    "load_transcript",
    "null_hook",
    "transcript_from_dict",
    "transcript_to_dict",
]
