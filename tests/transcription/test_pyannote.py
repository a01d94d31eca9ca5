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


def test_pipeline_output_becomes_speaker_segments_for_pyannote_3_and_4() -> None:
    """pyannote 3 returns an `Annotation`; pyannote 4 a `DiarizeOutput` whose exclusive
    diarization (one speaker at a time) is the one to use. Labels become S0, S1 in order of
    appearance and segments come out sorted by start, whatever order they were added in."""
    from dataclasses import dataclass

    from pyannote.core import Annotation, Segment

    from transcription.diarization.pyannote_backend import annotation_segments

    ann = Annotation()
    ann[Segment(5.0, 7.5)] = "SPEAKER_01"
    ann[Segment(0.5, 4.0)] = "SPEAKER_00"
    ann[Segment(8.0, 9.0)] = "SPEAKER_00"
    segs = annotation_segments(ann)
    assert [(s.start, s.end, s.speaker) for s in segs] == [
        (0.5, 4.0, "S0"), (5.0, 7.5, "S1"), (8.0, 9.0, "S0")]

    overlapping = Annotation()
    overlapping[Segment(0.0, 6.0)] = "A"
    overlapping[Segment(5.0, 9.0)] = "B"
    exclusive = Annotation()
    exclusive[Segment(0.0, 5.0)] = "A"
    exclusive[Segment(5.0, 9.0)] = "B"

    @dataclass
    class DiarizeOutput:  # the shape pyannote.audio 4 returns
        speaker_diarization: Annotation
        exclusive_speaker_diarization: Annotation

    segs4 = annotation_segments(DiarizeOutput(overlapping, exclusive))
    assert [(s.start, s.end, s.speaker) for s in segs4] == [(0.0, 5.0, "S0"), (5.0, 9.0, "S1")]
