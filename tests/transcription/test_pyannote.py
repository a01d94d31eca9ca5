"""pyannote.audio backend: options, output conversion, and (where pyannote.audio is installed, as
`make test` does) the project's real backend end to end on a locally built random-weight pipeline."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from transcription.options import TranscribeOptions

ROOT = Path(__file__).resolve().parents[2]
needs_pyannote = pytest.mark.skipif(importlib.util.find_spec("pyannote.audio") is None,
                                    reason="pyannote.audio not installed (pip install 'meeluister[pyannote]')")


def test_pyannote_mode_requires_a_pipeline() -> None:
    with pytest.raises(ValueError, match="pyannote_pipeline"):
        TranscribeOptions(diarization="pyannote")
    assert "pyannote_token" not in TranscribeOptions(diarization="pyannote", pyannote_pipeline="x", pyannote_token="s").to_dict()


def test_pipeline_output_becomes_speaker_segments_for_pyannote_3_and_4() -> None:
    """pyannote 3 returns an `Annotation`; pyannote 4 a `DiarizeOutput` whose exclusive
    diarization (one speaker at a time) is the one to use. Labels become S0, S1 in order of
    appearance and segments come out sorted by start, whatever order they were added in."""
    from dataclasses import dataclass

    from pyannote.core import Annotation, Segment

    from transcription.diarization.pyannote_backend import annotation_segments, overlap_regions

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

    out = DiarizeOutput(overlapping, exclusive)
    labels: dict[str, str] = {}
    segs4 = annotation_segments(out, labels)
    assert [(s.start, s.end, s.speaker) for s in segs4] == [(0.0, 5.0, "S0"), (5.0, 9.0, "S1")]
    # the overlapped second (5-6 s) is kept, for both speakers, under the same labels
    assert overlap_regions(out, labels) == [(5.0, 6.0, ("S0", "S1"))]
    assert overlap_regions(DiarizeOutput(exclusive, exclusive), labels) == []


def test_torchaudio_works_without_its_native_libraries() -> None:
    """What `make install` leaves: torchaudio imports, kaldi fbank and resample run."""
    if importlib.util.find_spec("torchaudio") is None:
        pytest.skip("torchaudio not installed")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "torchaudio_without_native.py"),
                          "--check-only"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "fbank (98, 80)" in out.stdout and "resample (1, 8000)" in out.stdout


@needs_pyannote
def test_missing_pipeline_is_named_in_one_line(tmp_path: Path) -> None:
    from transcription.diarization.pyannote_backend import PyannoteUnavailable, load_pyannote_pipeline

    with pytest.raises(PyannoteUnavailable, match="no-such-pipeline: no such directory"):
        load_pyannote_pipeline(str(tmp_path / "no-such-pipeline"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(PyannoteUnavailable, match="has no config.yaml"):
        load_pyannote_pipeline(str(tmp_path / "empty"))
    assert os.environ["PYANNOTE_METRICS_ENABLED"] == "false"
    assert os.environ["HF_HUB_OFFLINE"] == "1"


@pytest.fixture(scope="module")
def random_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local pipeline of the real architectures with random weights, built by the repo's script
    (5 s segmentation windows, hop 0.5: coarser than the real 10 s / 0.1, to keep the test short)."""
    out = tmp_path_factory.mktemp("pyannote") / "random-pipeline"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_random_pyannote_pipeline.py"),
                    str(out), "--chunk-s", "5", "--step", "0.5"], check=True, capture_output=True,
                   env={**os.environ, "HF_HUB_OFFLINE": "1", "PYANNOTE_METRICS_ENABLED": "false"})
    return out


@needs_pyannote
@pytest.mark.slow
def test_real_pyannote_backend_end_to_end_on_a_random_weight_pipeline(random_pipeline: Path,
                                                                     short_call, tmp_path: Path) -> None:
    """Plumbing only (random weights say nothing about who spoke): the pipeline loads from the
    local folder (segmentation, embedding and PLDA all local, nothing fetched), gets the audio in
    memory, and its answer becomes roles, turns, an RTTM and timings in the transcript."""
    import yaml

    from transcription.batch import transcribe_batch

    cfg = yaml.safe_load((random_pipeline / "config.yaml").read_text())
    assert cfg["pipeline"]["params"]["plda"] == "$model/plda"
    assert (random_pipeline / "segmentation" / "pytorch_model.bin").is_file()

    opts = TranscribeOptions(diarization="pyannote", pyannote_pipeline=str(random_pipeline),
                             language="en")
    result = transcribe_batch([short_call.mono], tmp_path / "out", opts)
    assert not result.failed, result.failed
    doc = json.loads(result.done[0].read_text())
    rec = doc["recognition"]
    assert rec["diarizer"]["method"] == "pyannote"
    assert rec["diarizer"]["pipeline"] == str(random_pipeline)
    assert rec["diarizer"]["pipeline_s"] > 0 and rec["timings"]["diarization_s"] >= rec["diarizer"]["pipeline_s"]
    assert doc["turns"], "words must reach turns whatever the random diarizer said"
    assert {t["speaker"] for t in doc["turns"]} <= {"agent", "customer", "other"}
    assert set(rec["roles"]["mapping"].values()) <= {"agent", "customer", "other"}
    words = " ".join(t["text"] for t in doc["turns"]).lower()
    assert "help" in words  # the short call's agent asks how she can help
    rttm = (tmp_path / "out" / f"{doc['contact_id']}.rttm").read_text().splitlines()
    assert len(rttm) == len(doc["turns"]) and all(line.startswith("SPEAKER ") for line in rttm)
    assert {line.split()[7] for line in rttm} <= {"agent", "customer", "other"}
