"""Generated audio shared by the transcription tests (espeak-ng; built once per session)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")


@pytest.fixture(scope="session")
def calls_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("calls")


@pytest.fixture(scope="session")
def calls(calls_dir: Path):  # type: ignore[no-untyped-def]
    """One scripted call per language (overlap + 20 s hold), stereo and mono mixes."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed")
    from synth.calls import LANGUAGES, make_call

    return {lang: make_call(calls_dir, lang, contact_id=f"t-{lang}", seed=i)
            for i, lang in enumerate(LANGUAGES)}


@pytest.fixture(scope="session")
def short_call(calls_dir: Path):  # type: ignore[no-untyped-def]
    """A short English call (first three turns, ~15 s) for format and batch tests."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed")
    from synth.calls import make_call

    return make_call(calls_dir / "short", "en", contact_id="short-en", max_turns=3)


@pytest.fixture(scope="session")
def stereo_en(calls):  # type: ignore[no-untyped-def]
    """The English stereo call through the default pipeline (interleaved stereo recognition)."""
    from transcription.options import TranscribeOptions
    from transcription.pipeline import transcribe_recording

    return transcribe_recording(calls["en"].stereo, TranscribeOptions())


def reference(call) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(Path(call.reference).read_text(encoding="utf-8"))
