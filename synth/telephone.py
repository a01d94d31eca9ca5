"""Generated calls as a telephone exchange delivers them: 8 kHz G.711, band-limited, with noise.

A generated call (16 kHz stereo WAV, agent left, customer right; see the call generator) goes
through what a PSTN/contact-centre line does to it:

1. optional background noise per channel at a given signal-to-noise ratio (pink noise, i.e. the
   1/f hum and rumble of a room or a car; SNR against that channel's *active* speech power, the
   way ITU-T P.56 measures speech level, so silence does not dilute it);
2. the telephone band 300-3400 Hz (ITU-T G.712's pass band): Butterworth high-pass (4th order)
   and low-pass (10th order), causal as in an exchange;
3. resampling to 8 kHz (polyphase, anti-aliased);
4. companding: the WAV is written as G.711 mu-law (North America, Japan) or A-law (Europe, so
   also the Netherlands) by libsndfile's real encoder: 8 bits per sample, logarithmic segments.

Mono recordings are the two legs summed before the line (what a recorder on a trunk hears).
The reference turns of the source call stay valid: the filter delays speech by about a
millisecond. Nothing here is real audio; numpy, scipy and soundfile only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

LINE_RATE = 8_000
BAND_HZ = (300.0, 3400.0)
LAWS = {"ulaw": "ULAW", "alaw": "ALAW"}
ACTIVE_DB = -35.0  # a 20 ms frame within this of the loudest counts as active speech


@dataclass(frozen=True)
class LineSpec:
    law: str = "alaw"  # ulaw | alaw
    mono: bool = False  # sum both legs into one channel
    snr_db: float | None = None  # background noise per channel; None: none

    def __post_init__(self) -> None:
        if self.law not in LAWS:
            raise ValueError(f"law: {self.law!r} is not one of {', '.join(LAWS)}")

    @property
    def tag(self) -> str:
        """File-name tag, e.g. `alaw8k.stereo` or `ulaw8k.mono.snr10`."""
        noise = "" if self.snr_db is None else f".snr{self.snr_db:g}"
        return f"{self.law}8k.{'mono' if self.mono else 'stereo'}{noise}"


def active_power(x: np.ndarray, rate: int) -> float:
    """Mean power of the 20 ms frames within `ACTIVE_DB` of the loudest frame (speech level)."""
    hop = max(1, rate // 50)
    n = x.size // hop * hop
    if n == 0:
        return 0.0
    frames = (x[:n].astype(np.float64) ** 2).reshape(-1, hop).mean(axis=1)
    top = frames.max()
    if top <= 0:
        return 0.0
    return float(frames[frames >= top * 10 ** (ACTIVE_DB / 10)].mean())


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-power 1/f noise (white noise shaped in the frequency domain)."""
    spec = np.fft.rfft(rng.normal(size=n))
    f = np.arange(spec.size, dtype=np.float64)
    f[0] = 1.0
    spec[0] = 0.0  # no DC: the noise's power is its variance
    x = np.fft.irfft(spec / np.sqrt(f), n)
    return (x / (x.std() + 1e-12)).astype(np.float32)


def add_noise(x: np.ndarray, rate: int, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    """`x` (n,) plus pink noise at `snr_db` below its active speech power."""
    p = active_power(x, rate)
    if p <= 0:
        return x
    return (x + pink_noise(x.size, rng) * np.sqrt(p / 10 ** (snr_db / 10))).astype(np.float32)


def telephone_band(x: np.ndarray, rate: int) -> np.ndarray:
    """Causal band-pass 300-3400 Hz along the first axis: 4th-order Butterworth high-pass,
    10th-order low-pass (G.712 wants >= 14 dB at 4 kHz; this gives about 17 dB)."""
    from scipy.signal import butter, sosfilt

    hp = butter(4, BAND_HZ[0], btype="highpass", fs=rate, output="sos")
    lp = butter(10, BAND_HZ[1], btype="lowpass", fs=rate, output="sos")
    return sosfilt(np.vstack([hp, lp]), x, axis=0).astype(np.float32)


def line_audio(audio: np.ndarray, rate: int, spec: LineSpec, seed: int = 0) -> np.ndarray:
    """(n, C) float audio at `rate` -> (m, C or 1) float32 at 8 kHz, as the line carries it
    (before the 8-bit companding, which happens when the WAV is written)."""
    from scipy.signal import resample_poly

    x = audio.reshape(audio.shape[0], -1).astype(np.float32)
    if spec.mono:
        x = x.sum(axis=1, keepdims=True)
    rng = np.random.default_rng(seed)
    if spec.snr_db is not None:
        x = np.stack([add_noise(x[:, c], rate, spec.snr_db, rng) for c in range(x.shape[1])], axis=1)
    x = telephone_band(x, rate)
    g = np.gcd(rate, LINE_RATE)
    x = resample_poly(x, LINE_RATE // g, rate // g, axis=0).astype(np.float32)
    return x * (0.7 / max(1e-6, float(np.abs(x).max())))  # a line level with headroom


def write_line_call(src: str | Path, dst: str | Path, spec: LineSpec, seed: int = 0) -> Path:
    """Read a generated call's WAV, put it through the line, write 8 kHz G.711 WAV to `dst`."""
    import soundfile as sf

    audio, rate = sf.read(str(src), dtype="float32", always_2d=True)
    out = line_audio(audio, rate, spec, seed)
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(dst), out, LINE_RATE, subtype=LAWS[spec.law], format="WAV")
    return dst


def line_variants(stereo_wav: str | Path, out_dir: str | Path, specs: list[LineSpec],
                  seed: int = 0) -> dict[str, Path]:
    """`<stem>.<tag>.wav` per spec, from one generated stereo call (`<stem>.stereo.wav`)."""
    stem = Path(stereo_wav).name.split(".")[0]
    return {s.tag: write_line_call(stereo_wav, Path(out_dir) / f"{stem}.{s.tag}.wav", s, seed)
            for s in specs}


# The benchmark's telephone rows: both laws, stereo and mono, and noise at two SNRs.
BENCH_SPECS = (
    LineSpec("ulaw"), LineSpec("alaw"), LineSpec("ulaw", mono=True), LineSpec("alaw", mono=True),
    LineSpec("alaw", snr_db=15.0), LineSpec("alaw", snr_db=5.0),
    LineSpec("alaw", mono=True, snr_db=15.0), LineSpec("alaw", mono=True, snr_db=5.0),
)
