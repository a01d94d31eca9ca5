"""A contact's recording in the warehouse: where it is (`t_audio`) and which stretches of it must be
silenced because redaction replaced what was said there (`t_silence`).

Both are written by the transcript ingest (warehouse/sources.py, `read_transcripts`):

* `resolve_audio(transcript_path, audio)`: the transcript's `audio` field as an absolute path (a
  relative one is relative to the transcript's directory, as the contract says);
* `transcript_silence(transcript)`: (turn, start_s, end_s) spans to silence. The word-timed spans
  come from the one redaction of personal data (`meeluister.redaction`): the words it replaced.
  A turn whose text redaction changed but that has no word timings is silenced whole (any
  speaker: an agent reading back an IBAN says personal data too).

A lake row loaded by the bulk path may have no `t_silence`; `warehouse.audio_silence` then
silences every timed turn whose redacted text holds a redaction tag.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any, Sequence

from meeluister.records import Transcript, Word

Span = tuple[int, float, float]


def resolve_audio(transcript_path: str | Path, audio: str | None) -> str | None:
    """The recording's absolute path (None when the transcript names none)."""
    if not audio or not str(audio).strip():
        return None
    p = Path(str(audio))
    if not p.is_absolute():
        p = Path(transcript_path).resolve().parent / p
    return str(p.resolve())


def _word_spans(words: Sequence[Word]) -> list[tuple[float, float]]:
    """Time spans of the words that redaction replaces (the turn's text rebuilt from its words)."""
    from meeluister.redaction import redact

    toks = [str(w.w) for w in words]
    text = " ".join(toks)
    red = redact(text).text
    if red == text:
        return []
    offsets, pos = [], 0
    for t in toks:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    hit: set[int] = set()
    for op, a1, a2, _b1, _b2 in difflib.SequenceMatcher(None, text, red, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            hit.update(k for k, (s, e) in enumerate(offsets) if s < a2 and a1 < e)
    return [(float(words[k].start), float(words[k].end)) for k in sorted(hit)  # type: ignore[arg-type]
            if words[k].start is not None and words[k].end is not None]


def transcript_silence(t: Transcript) -> list[Span]:
    """(turn index, start_s, end_s) of every stretch of `t`'s recording to silence."""
    from meeluister.redaction import redact

    out: list[Span] = []
    for i, turn in enumerate(t.turns):
        spans = _word_spans(turn.words) if any(w.start is not None for w in turn.words) else []
        if spans:
            out.extend((i, s, e) for s, e in spans)
        elif turn.start is not None and turn.end is not None and redact(turn.text).text != turn.text:
            out.append((i, float(turn.start), float(turn.end)))
    return out


def silence_json(spans: Sequence[Span]) -> str:
    return json.dumps([[int(i), round(float(s), 3), round(float(e), 3)] for i, s, e in spans])


def parse_silence(text: Any) -> list[Span] | None:
    """The lake's `t_silence` JSON as spans; None when the row has none (bulk path)."""
    if text is None or (isinstance(text, float) and text != text) or text == "":
        return None
    return [(int(i), float(s), float(e)) for i, s, e in json.loads(text)]
