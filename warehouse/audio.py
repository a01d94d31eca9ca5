"""A contact's recording in the warehouse: where it is (`t_audio`) and which stretches of it must be
silenced because redaction replaced what was said there (`t_silence`).

Both are written by the transcript ingest (warehouse/sources.py, `read_transcripts`):

* `resolve_audio(transcript_path, audio)`: the transcript's `audio` field as an absolute path (a
  relative one is relative to the transcript's directory, as the contract says);
* `transcript_silence(transcript)`: (turn, start_s, end_s) spans to silence, from the one
  redaction of personal data (`meeluister.redaction.redact_transcript`, with the customer names
  the transcript carries): the words it replaced; a turn whose text it changed but that has no
  word timings is silenced whole (any speaker: an agent reading back an IBAN says personal data
  too).

A lake row loaded by the bulk path may have no `t_silence`; `warehouse.audio_silence` then
silences every timed turn whose redacted text holds a redaction tag.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Sequence

from meeluister.records import Transcript

Span = tuple[int, float, float]


def resolve_audio(transcript_path: str | Path, audio: str | None) -> str | None:
    """The recording's absolute path (None when the transcript names none)."""
    if not audio or not str(audio).strip():
        return None
    p = Path(str(audio))
    if not p.is_absolute():
        p = Path(transcript_path).resolve().parent / p
    return str(p.resolve())


def transcript_silence(t: Transcript) -> list[Span]:
    """(turn index, start_s, end_s) of every stretch of `t`'s recording to silence: the one
    redaction's own answer (`meeluister.redaction.redact_transcript(...).silence`: the words it
    replaced; a turn with redactions but no word timings, whole)."""
    from meeluister.redaction import redact_transcript

    return [(int(i), float(s), float(e)) for i, s, e in redact_transcript(t).silence]


def silence_json(spans: Sequence[Span]) -> str:
    """Spans as JSON, to the millisecond rounded outwards (a span never shrinks)."""
    return json.dumps([[int(i), math.floor(float(s) * 1000 + 1e-6) / 1000, math.ceil(float(e) * 1000 - 1e-6) / 1000]
                       for i, s, e in spans])


def parse_silence(text: Any) -> list[Span] | None:
    """The lake's `t_silence` JSON as spans; None when the row has none (bulk path)."""
    if text is None or (isinstance(text, float) and text != text) or text == "":
        return None
    return [(int(i), float(s), float(e)) for i, s, e in json.loads(text)]
