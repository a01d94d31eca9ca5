"""The bundled model: built once, verified, and the same weights for openai-whisper."""
from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from meeluister.io import SAMPLE_RATE
from transcription.models import BUNDLED_SHA256, bundled_ct2_model, model_sha256


def test_bundled_model_is_built_once_and_verified(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MEELUISTER_CACHE", str(tmp_path))
    d = bundled_ct2_model()
    assert d.parent == tmp_path / "models"
    assert {p.name for p in d.iterdir()} >= {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    assert model_sha256(d) == BUNDLED_SHA256
    mtime = (d / "model.bin").stat().st_mtime_ns
    assert bundled_ct2_model() == d and (d / "model.bin").stat().st_mtime_ns == mtime


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("whisper") is None, reason="openai-whisper not installed")
def test_ct2_weights_map_onto_every_whisper_parameter() -> None:
    import whisper
    from whisper.model import ModelDimensions, Whisper

    from transcription.ct2_convert import ct2_whisper_state_dict, read_ct2_variables

    v = read_ct2_variables(bundled_ct2_model() / "model.bin")
    sd = ct2_whisper_state_dict(v, 512)
    dims = ModelDimensions(80, 1500, 512, 8, 6, 51865, 448, 512, 8, 6)
    model = Whisper(dims)
    missing, unexpected = model.load_state_dict(sd, strict=False)
    assert not unexpected and not [m for m in missing if not m.endswith("alignment_heads")]
    # fused q/k/v split correctly: the key slice of the fused bias is all zeros in Whisper
    b = v["encoder/layer_0/self_attention/linear_0/bias"].astype(np.float32)
    assert np.all(b[512:1024] == 0) and np.any(b[:512] != 0)
    assert whisper is not None


@pytest.mark.slow
def test_both_engines_agree_on_the_same_english_clip(short_call) -> None:  # type: ignore[no-untyped-def]
    from transcription.evaluation import normalised_wer
    from transcription.options import TranscribeOptions
    from transcription.pipeline import transcribe_recording

    texts = {}
    for engine in ("faster-whisper", "openai-whisper"):
        t = transcribe_recording(short_call.stereo, TranscribeOptions(engine=engine, language="en"))
        assert t.extra["recognition"]["model_sha256"] == BUNDLED_SHA256
        texts[engine] = " ".join(turn.text for turn in t.turns)
    assert normalised_wer(texts["openai-whisper"], texts["faster-whisper"]) <= 0.15, texts


@pytest.mark.slow
def test_language_detection_encoder_pass_is_reused_by_transcription(short_call) -> None:  # type: ignore[no-untyped-def]
    from transcription.audio import read_audio
    from transcription.engines.base import get_engine
    from transcription.options import TranscribeOptions

    engine = get_engine(TranscribeOptions())
    audio = read_audio(short_call.stereo)[0, : 12 * SAMPLE_RATE]  # the agent's opening, 12 s
    plain = engine.transcribe(audio, "en")  # nothing kept: encodes itself
    lang, prob = engine.detect_language(audio, ("nl", "en", "fr", "es"))
    assert lang == "en" and prob > 0.5
    assert len(engine._encoded) == 1  # detection kept its encoder output ...
    reused = engine.transcribe(audio, "en")
    assert not engine._encoded  # ... and transcribing the same audio took it (a cache hit)
    assert [(s.text, [w.start for w in s.words]) for s in reused] == \
        [(s.text, [w.start for w in s.words]) for s in plain]
