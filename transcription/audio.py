"""Audio decoding: any container/codec PyAV (FFmpeg) reads, to 16 kHz float32 per channel, streamed.

`probe(path)` checks a recording before any model runs and raises `InputError` with a clear cause
(empty, not audio, corrupt, unsupported codec). `iter_windows(path)` yields the recording in windows
of about `window_s` seconds, shape (channels, samples) float32 at 16 kHz, each cut in the quietest
stretch near its end so no word is split; a multi-hour file never sits in memory whole.
`read_audio(path)` returns the whole file (for short clips, tests and enrolment).
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from meeluister.errors import InputError
from meeluister.io import SAMPLE_RATE  # the one owner of the rate; re-exported for the stage

logger = logging.getLogger(__name__)

SILENCE_PEAK = 10 ** (-60 / 20)  # peak below -60 dBFS over the whole file: silent


@dataclass(frozen=True)
class AudioInfo:
    path: str
    container: str
    codec: str
    sample_rate: int  # of the source, Hz
    channels: int  # of the source
    duration_s: float | None  # from the container; None when it does not say


@dataclass(frozen=True)
class AudioWindow:
    start_s: float  # offset of the first sample in the recording, seconds
    samples: np.ndarray  # (channels, n) float32 at SAMPLE_RATE, channels 1 or 2


def _open(path: Path):  # type: ignore[no-untyped-def]
    import av

    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a directory, not a recording")
    if path.stat().st_size == 0:
        raise InputError(path, "empty file (0 bytes)")
    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except av.error.InvalidDataError:
        raise InputError(path, "unsupported or corrupt: not a recognised audio format") from None
    except (av.error.FFmpegError, OSError) as exc:
        raise InputError(path, f"cannot open as audio: {exc}") from None
    if not container.streams.audio:
        container.close()
        raise InputError(path, "unsupported: the file has no audio stream")
    return container


def probe(path: str | Path) -> AudioInfo:
    path = Path(path)
    container = _open(path)
    try:
        stream = container.streams.audio[0]
        ctx = stream.codec_context
        duration = None
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        return AudioInfo(
            path=str(path),
            container=container.format.name,
            codec=ctx.name,
            sample_rate=int(ctx.sample_rate or 0),
            channels=int(ctx.channels or 0),
            duration_s=duration,
        )
    finally:
        container.close()


def _decode_blocks(path: Path, channels: int) -> Iterator[np.ndarray]:
    """Decoded, resampled blocks (channels, n) float32; raises InputError on a corrupt stream."""
    import av

    container = _open(path)
    layout = "stereo" if channels == 2 else "mono"
    resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
    stream = container.streams.audio[0]
    got_any = False
    try:
        try:
            for frame in container.decode(stream):
                frame.pts = None  # let the resampler count samples, not trust odd timestamps
                for out in resampler.resample(frame):
                    got_any = True
                    yield out.to_ndarray().reshape(channels, -1).astype(np.float32, copy=False)
            for out in resampler.resample(None):
                yield out.to_ndarray().reshape(channels, -1).astype(np.float32, copy=False)
        except av.error.FFmpegError as exc:
            if not got_any:
                raise InputError(path, f"corrupt audio, nothing decodable: {exc}") from None
            # a truncated tail (recording cut off): keep what decoded, say so
            logger.warning("%s: audio stream ends in corrupt data, kept what decoded: %s", path, exc)
    finally:
        container.close()
    if not got_any:
        raise InputError(path, "no audio samples (empty stream)")


def _quiet_cut(block: np.ndarray, search: int) -> int:
    """Index in the last `search` samples of `block` (C, n) with the lowest 100 ms energy."""
    n = block.shape[1]
    lo = max(0, n - search)
    seg = np.abs(block[:, lo:]).mean(axis=0)
    hop = SAMPLE_RATE // 10
    if seg.size < hop * 2:
        return n
    frames = seg[: seg.size // hop * hop].reshape(-1, hop).mean(axis=1)
    return lo + int(np.argmin(frames)) * hop + hop // 2


def iter_windows(
    path: str | Path, *, window_s: float = 300.0, search_s: float = 20.0, channels: int | None = None
) -> Iterator[AudioWindow]:
    """The recording in windows of about `window_s` seconds; peak memory ~ one window."""
    path = Path(path)
    if channels is None:
        channels = 2 if probe(path).channels >= 2 else 1
    target = int(window_s * SAMPLE_RATE)
    search = int(search_s * SAMPLE_RATE)
    pending: list[np.ndarray] = []
    n_pending = 0
    offset = 0  # samples already emitted
    peak = 0.0
    for block in _decode_blocks(path, channels):
        pending.append(block)
        n_pending += block.shape[1]
        if n_pending >= target + search:
            buf = np.concatenate(pending, axis=1)
            cut = _quiet_cut(buf[:, :target + search], search * 2)
            peak = max(peak, float(np.abs(buf[:, :cut]).max(initial=0.0)))
            yield AudioWindow(offset / SAMPLE_RATE, buf[:, :cut])
            offset += cut
            rest = buf[:, cut:]
            pending, n_pending = [rest], rest.shape[1]
    if n_pending:
        buf = np.concatenate(pending, axis=1)
        peak = max(peak, float(np.abs(buf).max(initial=0.0)))
        if offset == 0 and peak < SILENCE_PEAK:
            raise InputError(path, f"silent recording (peak level {_dbfs(peak):.0f} dBFS)")
        yield AudioWindow(offset / SAMPLE_RATE, buf)
    elif offset == 0:
        raise InputError(path, "no audio samples (empty stream)")
    if offset and peak < SILENCE_PEAK:
        raise InputError(path, f"silent recording (peak level {_dbfs(peak):.0f} dBFS)")


def _dbfs(peak: float) -> float:
    return 20 * np.log10(max(peak, 1e-10))


def read_audio(path: str | Path, *, channels: int | None = None) -> np.ndarray:
    """The whole recording (channels, n) float32 at 16 kHz. For short files only."""
    parts = [w.samples for w in iter_windows(path, window_s=3600.0, channels=channels)]
    return np.concatenate(parts, axis=1)
