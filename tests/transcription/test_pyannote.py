"""pyannote.audio backend: exercised only where pyannote.audio is installed."""
from __future__ import annotations

import importlib.util
import os

import pytest

from transcription.options import TranscribeOptions


def test_pyannote_mode_requires_a_pipeline() -> None:
    with pytest.raises(ValueError, match="pyannote_pipeline"):
        TranscribeOptions(diarization="pyannote")
    assert "pyannote_token" not in TranscribeOptions(diarization="pyannote", pyannote_pipeline="x", pyannote_token="s").to_dict()


@pytest.mark.skipif(importlib.util.find_spec("pyannote.audio") is None, reason="pyannote.audio not installed")
def test_pyannote_loading_turns_telemetry_off_and_reports_missing_pipeline(tmp_path) -> None:
    from transcription.diarization.pyannote_backend import load_pyannote_pipeline

    with pytest.raises(Exception):
        load_pyannote_pipeline(str(tmp_path / "no-such-pipeline"))
    assert os.environ["PYANNOTE_METRICS_ENABLED"] == "0"
