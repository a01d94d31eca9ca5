"""Files written beside each transcript: WebVTT captions (with voice tags) and RTTM speaker turns."""
from __future__ import annotations

from pathlib import Path

from meeluister.records import Transcript


def _ts(t: float) -> str:
    ms = int(round(max(0.0, t) * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(t: Transcript) -> str:
    lines = ["WEBVTT", f"NOTE contact {t.contact_id} ({t.language})", ""]
    for i, turn in enumerate(t.turns, start=1):
        if turn.start is None or turn.end is None:
            continue
        lines += [str(i), f"{_ts(turn.start)} --> {_ts(max(turn.end, turn.start + 0.001))}",
                  f"<v {turn.speaker}>{_escape(turn.text)}", ""]
    return "\n".join(lines)


def to_rttm(t: Transcript) -> str:
    """One SPEAKER line per turn: file id, channel 1, onset, duration, speaker role."""
    file_id = t.contact_id.replace(" ", "_")
    out = []
    for turn in t.turns:
        if turn.start is None or turn.end is None:
            continue
        out.append(f"SPEAKER {file_id} 1 {turn.start:.3f} {turn.end - turn.start:.3f} "
                   f"<NA> <NA> {turn.speaker} <NA> <NA>")
    return "\n".join(out) + ("\n" if out else "")


def write_atomic(path: Path, text: str) -> Path:
    """Temp file + rename (meeluister.io.write_atomic): a killed batch never leaves half a file."""
    from meeluister.io import write_atomic as _write

    return _write(path, text)
