"""Telephone-line test calls (synth.telephone): band, rate, companding, noise level, and one call
through the pipeline at 8 kHz A-law with noise."""
from __future__ import annotations

import numpy as np
import pytest

from synth.telephone import (
    LINE_RATE,
    LineSpec,
    active_power,
    add_noise,
    line_audio,
    line_variants,
    telephone_band,
)
from meeluister.io import SAMPLE_RATE
from transcription.audio import probe, read_audio


def _band_power(x: np.ndarray, rate: int, lo: float, hi: float) -> float:
    spec = np.abs(np.fft.rfft(x)) ** 2
    f = np.fft.rfftfreq(x.size, 1 / rate)
    return float(spec[(f >= lo) & (f < hi)].sum())


def test_the_line_passes_300_to_3400_hz_and_stops_the_rest() -> None:
    rate = SAMPLE_RATE
    t = np.arange(rate * 2) / rate
    tones = {100: None, 1000: None, 3000: None, 5000: None}
    for f in tones:
        y = telephone_band(np.sin(2 * np.pi * f * t).astype(np.float32), rate)[rate // 2:]
        tones[f] = float(np.sqrt(np.mean(y ** 2)) / np.sqrt(0.5))  # gain
    assert tones[1000] > 0.95 and tones[3000] > 0.8
    assert tones[100] < 0.1 and tones[5000] < 0.1


def test_noise_is_added_at_the_asked_snr_of_active_speech() -> None:
    rate = SAMPLE_RATE
    rng = np.random.default_rng(1)
    speech = np.zeros(rate * 6, np.float32)
    speech[rate: rate * 3] = 0.3 * np.sin(2 * np.pi * 440 * np.arange(2 * rate) / rate)  # 2 s "speech", 4 s silence
    for snr in (15.0, 5.0):
        noisy = add_noise(speech, rate, snr, rng)
        noise = noisy - speech
        measured = 10 * np.log10(active_power(speech, rate) / np.mean(noise.astype(np.float64) ** 2))
        assert measured == pytest.approx(snr, abs=0.3)
    # the silence does not dilute the speech level (P.56-style active level)
    assert active_power(speech, rate) == pytest.approx(0.045, rel=0.02)


def test_line_audio_mono_sums_the_legs_at_8k() -> None:
    rate = SAMPLE_RATE
    rng = np.random.default_rng(2)
    stereo = rng.normal(0, 0.1, (rate, 2)).astype(np.float32)
    mono = line_audio(stereo, rate, LineSpec("ulaw", mono=True))
    assert mono.shape == (LINE_RATE, 1)
    st = line_audio(stereo, rate, LineSpec("ulaw"))
    assert st.shape == (LINE_RATE, 2)
    # nothing above the band survives the line (the band-pass, then the 8 kHz anti-alias filter)
    assert _band_power(st[:, 0], LINE_RATE, 3700, 4000) < 0.01 * _band_power(st[:, 0], LINE_RATE, 500, 3000)


def test_variants_are_g711_files_the_decoder_reads(short_call, tmp_path) -> None:  # type: ignore[no-untyped-def]
    specs = [LineSpec("ulaw"), LineSpec("alaw", mono=True), LineSpec("alaw", snr_db=10)]
    out = line_variants(short_call.stereo, tmp_path, specs)
    assert sorted(out) == ["alaw8k.mono", "alaw8k.stereo.snr10", "ulaw8k.stereo"]
    info = {k: probe(p) for k, p in out.items()}
    assert info["ulaw8k.stereo"].codec == "pcm_mulaw" and info["ulaw8k.stereo"].channels == 2
    assert info["alaw8k.mono"].codec == "pcm_alaw" and info["alaw8k.mono"].channels == 1
    assert all(i.sample_rate == LINE_RATE for i in info.values())
    ref = read_audio(short_call.stereo)
    tel = read_audio(out["ulaw8k.stereo"])  # back at 16 kHz for the recogniser
    assert abs(tel.shape[1] - ref.shape[1]) < 160
    # the agent stays left; noise raises the floor of the silent stretches
    n = min(tel.shape[1], ref.shape[1])
    assert np.corrcoef(np.abs(tel[0, :n]), np.abs(ref[0, :n]))[0, 1] > 0.5
    noisy = read_audio(out["alaw8k.stereo.snr10"])
    m = min(ref.shape[1], noisy.shape[1], tel.shape[1]) // 320 * 320

    def frame_rms(x: np.ndarray) -> np.ndarray:  # 20 ms frames
        return np.sqrt((x[:m].astype(np.float64) ** 2).reshape(-1, 320).mean(axis=1))

    quiet = frame_rms(ref[0]) < 1e-3  # the agent is silent (the customer speaks, or nobody)
    assert quiet.sum() > 50
    assert np.median(frame_rms(noisy[0])[quiet]) > 10 * np.median(frame_rms(tel[0])[quiet])


@pytest.mark.slow
def test_an_8k_alaw_noisy_stereo_call_keeps_words_and_roles(short_call, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from transcription.evaluation import normalised_wer
    from transcription.options import TranscribeOptions
    from transcription.pipeline import transcribe_recording

    path = line_variants(short_call.stereo, tmp_path, [LineSpec("alaw", snr_db=15)])["alaw8k.stereo.snr15"]
    t = transcribe_recording(path, TranscribeOptions(language="en"))
    ref = json.loads(short_call.reference.read_text())
    assert t.extra["recognition"]["audio"]["codec"] == "pcm_alaw"
    for role in ("agent", "customer"):
        hyp = " ".join(x.text for x in t.turns if x.speaker == role)
        rtext = " ".join(x["text"] for x in ref["turns"] if x["speaker"] == role)
        assert normalised_wer(rtext, hyp) < 0.35, (role, hyp)
