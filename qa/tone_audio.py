"""Tone measures from the recording: pitch range, speech rate and energy of the agent's speech.

librosa is heavy, so it is imported inside `measure_agent_audio` only. Measures are taken on the
agent's segments (the transcript's agent turn times; the agent's channel when the file is stereo,
channel 0 by default as contact-centre recorders write agent left):

* `pitch_range_st`: spread of F0 (pyin, 65-400 Hz) as the 10th-90th percentile range in semitones,
  comparable across voices; a small range sounds monotonous.
* `speech_rate_syl_s`: syllable nuclei per second of speech: voiced peaks of the smoothed
  intensity contour with >= 2 dB prominence (after de Jong & Wempe's syllable-nuclei method).
* `energy_db`: median RMS energy in dBFS of voiced frames; `energy_range_db` its 10-90 spread.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import numpy as np

from meeluister.io import SAMPLE_RATE  # analysis sample rate (Hz)

logger = logging.getLogger(__name__)


def measure_agent_audio(
    path: str | Path,
    segments: Sequence[tuple[float, float]] | None,
    *,
    agent_channel: int = 0,
    max_seconds: float = 600.0,
) -> dict[str, float]:
    """Measure the agent's voice in `path` over `segments` ((start, end) seconds); {} if no speech."""
    import librosa  # lazy: heavy import

    y, sr = librosa.load(str(path), sr=SAMPLE_RATE, mono=False, duration=max_seconds)
    if y.ndim == 2:  # (channels, samples): stereo recording, agent on its own channel
        y = y[min(agent_channel, y.shape[0] - 1)]
    if segments:
        parts = [y[int(s * sr): int(e * sr)] for s, e in segments if e > s]
        parts = [p for p in parts if p.size > sr // 10]
        if not parts:
            return {}
        y = np.concatenate(parts)
    if y.size < sr // 2:
        return {}
    hop = 256  # 16 ms frames
    f0, voiced, _ = librosa.pyin(y, fmin=65.0, fmax=400.0, sr=sr, frame_length=1024, hop_length=hop)
    f0v = f0[voiced & ~np.isnan(f0)] if f0 is not None else np.array([])
    out: dict[str, float] = {}
    if f0v.size >= 10:
        st = 12.0 * np.log2(f0v / np.median(f0v))  # semitones around the speaker's own median
        out["pitch_range_st"] = float(np.percentile(st, 90) - np.percentile(st, 10))
        out["pitch_median_hz"] = float(np.median(f0v))
    rms = librosa.feature.rms(y=y, frame_length=1024, hop_length=hop)[0]
    db = 20.0 * np.log10(np.maximum(rms, 1e-6))
    speech = db > (np.max(db) - 35.0)  # frames within 35 dB of the loudest: speech, not silence
    speech_s = float(speech.sum() * hop / sr)
    if speech.any():
        out["energy_db"] = float(np.median(db[speech]))
        out["energy_range_db"] = float(np.percentile(db[speech], 90) - np.percentile(db[speech], 10))
    # syllable nuclei (de Jong & Wempe style): peaks of the smoothed intensity contour that stand
    # out by >= 2 dB from their surroundings, are voiced, and lie within 25 dB of the loudest frame
    from scipy.signal import find_peaks

    smooth = np.convolve(db, np.ones(3) / 3.0, mode="same")
    peaks, _ = find_peaks(smooth, prominence=2.0, distance=4)  # >= 64 ms apart
    n = min(len(voiced), len(smooth)) if voiced is not None else len(smooth)
    peaks = [p for p in peaks if p < n and (voiced is None or voiced[p]) and smooth[p] > np.max(db) - 25.0]
    if speech_s > 0.5:
        out["speech_rate_syl_s"] = float(len(peaks) / speech_s)
        out["speech_s"] = speech_s
    return out
