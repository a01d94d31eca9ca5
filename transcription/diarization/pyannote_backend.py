"""pyannote.audio pipelines, when the user points at one (`--diarization pyannote --pyannote PATH|ID`).

`PATH` is a local pipeline: a directory holding `config.yaml` (pyannote 4) or the `config.yaml`
itself (pyannote 3), with the model checkpoints it names stored locally. `ID` is a Hugging Face hub
id (e.g. `pyannote/speaker-diarization-community-1`) read from the local hub cache or fetched with
the token (`--pyannote-token` or `$HF_TOKEN`). pyannote's usage telemetry is switched off
(`PYANNOTE_METRICS_ENABLED=0`) before the package is imported. pyannote.audio is not a dependency
of meeluister (it pins its own torchaudio); install it yourself next to a matching torch.

The decoded 16 kHz mono signal is kept for pyannote (about 230 MB per hour of audio) and handed
over in memory, so every format the decoder reads works here too.
"""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from transcription.audio import SAMPLE_RATE
from transcription.diarization.base import Diarization, Diarizer, SpeakerSegment, register_diarizer
from transcription.vad import Region

logger = logging.getLogger(__name__)


class PyannoteUnavailable(RuntimeError):
    pass


@lru_cache(maxsize=2)
def load_pyannote_pipeline(checkpoint: str, token: str | None = None) -> Any:
    """`pyannote.audio.Pipeline.from_pretrained` on a local path or hub id, on CPU, telemetry off."""
    os.environ["PYANNOTE_METRICS_ENABLED"] = "0"
    try:
        from pyannote.audio import Pipeline
    except ImportError as exc:
        raise PyannoteUnavailable(
            "pyannote.audio is not installed; install it (with a torchaudio matching your torch) "
            "to use --diarization pyannote"
        ) from exc
    token = token or os.environ.get("HF_TOKEN")
    local = Path(checkpoint).expanduser()
    source = str(local) if local.exists() else checkpoint
    try:
        pipeline = Pipeline.from_pretrained(source, token=token)  # pyannote.audio >= 4
    except TypeError:
        pipeline = Pipeline.from_pretrained(source, use_auth_token=token)  # pyannote.audio 3.x
    if pipeline is None:
        raise PyannoteUnavailable(f"pyannote pipeline {checkpoint!r} could not be loaded "
                                  "(gated model without a token, or not in the local cache)")
    return pipeline


def annotation_segments(output: Any) -> list[SpeakerSegment]:
    """Segments from a pyannote 3 `Annotation` or a pyannote 4 `DiarizeOutput`."""
    ann = getattr(output, "exclusive_speaker_diarization", None) or getattr(
        output, "speaker_diarization", output)
    labels: dict[str, str] = {}
    segs = []
    for turn, _, label in ann.itertracks(yield_label=True):
        name = labels.setdefault(label, f"S{len(labels)}")
        segs.append(SpeakerSegment(float(turn.start), float(turn.end), name))
    return sorted(segs, key=lambda s: s.start)


@register_diarizer
class PyannoteDiarizer(Diarizer):
    name = "pyannote"

    def __init__(self, options, path) -> None:  # type: ignore[no-untyped-def]
        super().__init__(options, path)
        self._pipeline = load_pyannote_pipeline(options.pyannote_pipeline, options.pyannote_token)
        self._parts: list[np.ndarray] = []

    def add_window(self, start_s: float, samples: np.ndarray, regions: list[list[Region]]) -> None:
        self._parts.append(samples.mean(axis=0).astype(np.float32))

    def finish(self) -> Diarization:
        import torch

        audio = np.concatenate(self._parts) if self._parts else np.zeros(0, np.float32)
        self._parts = []
        output = self._pipeline({"waveform": torch.from_numpy(audio)[None, :],
                                 "sample_rate": SAMPLE_RATE})
        return Diarization(self.name, tuple(annotation_segments(output)),
                           info={"pipeline": self.options.pyannote_pipeline})
