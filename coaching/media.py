"""Where a contact's recording is: the warehouse's `audio` column when the lake knows it, else a
folder of recordings named by contact id (`--recordings DIR`: DIR/<contact_id>.wav, .mp3, ...),
else the `audio` field of the original transcript (`--transcripts DIR`, relative to that file)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

AUDIO_EXT = (".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a")


def resolve_audio(contact_id: str, audio: Any, recordings: str | Path | None = None,
                  transcripts: str | Path | None = None) -> str | None:
    if audio is not None and not (isinstance(audio, float) and pd.isna(audio)) and str(audio):
        return str(audio)
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
    return None


def fill_audio(contacts: pd.DataFrame, recordings: str | Path | None, transcripts: str | Path | None) -> pd.DataFrame:
    """`contacts` with its `audio` column resolved as above (a copy)."""
    if recordings is None and transcripts is None:
        return contacts
    c = contacts.copy()
    c["audio"] = [resolve_audio(cid, a, recordings, transcripts) for cid, a in zip(c["contact_id"], c["audio"])]
    return c
