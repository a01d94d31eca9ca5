"""A contact's recording: where it is, and the silenced copy that is the only form anyone hears.

Where: the warehouse's `audio` column (the transcript's recording, stored on ingest) when that
file exists, else a folder of recordings named by contact id (`--recordings DIR`:
DIR/<contact_id>.wav, .mp3, ...), else the `audio` field of the original transcript
(`--transcripts DIR`, relative to that file).

Silenced: `silenced_audio(path, silence, start, end)` reads [start, end] of the recording with
every span of `silence` (`warehouse.audio_silence`: the words redaction replaced) set to exact
zeros; example clips (coaching/examples.py) and the dashboard's /audio route both play only this.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np

import pandas as pd

AUDIO_EXT = (".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a")


def resolve_audio(contact_id: str, audio: Any, recordings: str | Path | None = None,
                  transcripts: str | Path | None = None) -> str | None:
    stored = None if audio is None or (isinstance(audio, float) and pd.isna(audio)) or not str(audio) else str(audio)
    if stored is not None and (Path(stored).exists() or (recordings is None and transcripts is None)):
        return stored
    if recordings is not None:
        for ext in AUDIO_EXT:
            p = Path(recordings) / f"{contact_id}{ext}"
            if p.exists():
                return str(p.resolve())
    if transcripts is not None:
        p = Path(transcripts) / f"{contact_id}.json"
        if p.exists():
            try:
                a = json.loads(p.read_text(encoding="utf-8")).get("audio")
            except (OSError, ValueError):
                return None
            if a:
                ap = Path(a) if Path(a).is_absolute() else (p.parent / a)
                return str(ap.resolve()) if ap.exists() else None
    return stored


def fill_audio(contacts: pd.DataFrame, recordings: str | Path | None, transcripts: str | Path | None) -> pd.DataFrame:
    """`contacts` with its `audio` column resolved as above (a copy)."""
    if recordings is None and transcripts is None:
        return contacts
    c = contacts.copy()
    c["audio"] = [resolve_audio(cid, a, recordings, transcripts) for cid, a in zip(c["contact_id"], c["audio"])]
    return c


def silenced_audio(path: str | Path, silence: Sequence[tuple[float, float]], start: float = 0.0,
                   end: float | None = None) -> tuple[np.ndarray, int, float]:
    """Samples [start, end] of the recording at `path` (float32, frames x channels), with every
    `silence` span zeroed; (samples, sample rate, seconds silenced inside the range). A span
    covers every sample whose time lies in [s, e]: from floor(s * sr) to ceil(e * sr)."""
    import soundfile as sf

    info = sf.info(str(path))
    sr = info.samplerate
    a = max(0.0, float(start))
    b = info.duration if end is None else min(info.duration, float(end))
    first = int(a * sr)
    x, _ = sf.read(str(path), start=first, stop=max(first, int(np.ceil(b * sr))), dtype="float32", always_2d=True)
    silenced = 0.0
    for s, e in silence:
        lo, hi = max(float(s), a), min(float(e), b)
        if hi > lo:
            x[max(0, int(np.floor(lo * sr)) - first): max(0, int(np.ceil(hi * sr)) - first)] = 0.0
            silenced += hi - lo
    return x, sr, round(silenced, 3)


def silenced_wav(path: str | Path, silence: Sequence[tuple[float, float]], start: float = 0.0,
                 end: float | None = None) -> bytes:
    """`silenced_audio` as a 16-bit PCM WAV file's bytes."""
    import soundfile as sf

    x, sr, _ = silenced_audio(path, silence, start, end)
    buf = io.BytesIO()
    sf.write(buf, x, sr, subtype="PCM_16", format="WAV")
    return buf.getvalue()
