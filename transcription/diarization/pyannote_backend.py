"""pyannote.audio pipelines, when the user points at one (`--diarization pyannote
--pyannote-pipeline DIR|HUB_ID`).

`DIR` is a local pipeline: a directory holding `config.yaml` (pyannote 4: `$model/segmentation`,
`$model/embedding`, `$model/plda` beside it), or the `config.yaml` itself. `HUB_ID` is a Hugging
Face hub id (e.g. `pyannote/speaker-diarization-community-1`), read from the local hub cache; to
fetch it once, run with `HF_HUB_OFFLINE=0` and a token (`--pyannote-token` or `$HF_TOKEN`).
Install with `pip install 'meeluister[pyannote]'` and `python scripts/torchaudio_without_native.py`
(`make install` does both; docs/transcription.md says why).

Before pyannote is imported: usage telemetry off (`PYANNOTE_METRICS_ENABLED=false`) and the hub
offline (`HF_HUB_OFFLINE=1`, unless the environment already says otherwise). The decoded 16 kHz
mono signal is kept (about 230 MB per hour of audio) and handed over in memory as
`{"waveform": (channel, time) tensor, "sample_rate": 16000}`, so pyannote needs no audio decoder
(torchcodec does not load on a CPU torch) and every format our decoder reads works here too.
"""
from __future__ import annotations

import logging
import os
import sys
import time
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from transcription.audio import SAMPLE_RATE
from transcription.diarization.base import Diarization, Diarizer, SpeakerSegment, register_diarizer
from transcription.vad import Region

logger = logging.getLogger(__name__)


class PyannoteUnavailable(RuntimeError):
    """pyannote.audio is not installed, or the pipeline named cannot be loaded."""


def _offline_and_quiet() -> None:
    os.environ["PYANNOTE_METRICS_ENABLED"] = "false"
    offline = os.environ.setdefault("HF_HUB_OFFLINE", "1").strip().lower() not in ("0", "false", "no")
    hub = sys.modules.get("huggingface_hub.constants")
    if hub is not None:  # imported earlier (faster-whisper does): its constant was read at import
        hub.HF_HUB_OFFLINE = offline


@lru_cache(maxsize=2)
def load_pyannote_pipeline(checkpoint: str, token: str | None = None, threads: int = 2) -> Any:
    """`pyannote.audio.Pipeline.from_pretrained` on a local path or hub id, on CPU, offline."""
    _offline_and_quiet()
    try:
        import torch
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torchcodec's "could not load" warning: audio comes in memory
            from pyannote.audio import Pipeline
    except ImportError as exc:
        raise PyannoteUnavailable(
            "pyannote.audio is not installed: pip install 'meeluister[pyannote]' and run "
            "scripts/torchaudio_without_native.py (see docs/transcription.md)") from exc
    torch.set_num_threads(threads)
    token = token or os.environ.get("HF_TOKEN")
    local = Path(checkpoint).expanduser()
    if not local.exists() and (checkpoint.count("/") != 1 or checkpoint.startswith((".", "/", "~"))):
        raise PyannoteUnavailable(f"pyannote pipeline {checkpoint}: no such directory or file "
                                  "(and not a hub id of the form owner/name)")
    if local.is_dir() and not (local / "config.yaml").is_file():
        raise PyannoteUnavailable(f"pyannote pipeline {checkpoint}: the directory has no config.yaml")
    source = str(local) if local.exists() else checkpoint
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                pipeline = Pipeline.from_pretrained(source, token=token)  # pyannote.audio >= 4
            except TypeError:
                pipeline = Pipeline.from_pretrained(source, use_auth_token=token)  # pyannote.audio 3.x
    except Exception as exc:  # pyannote raises many kinds (hub, yaml, checkpoint): name the pipeline
        raise PyannoteUnavailable(f"pyannote pipeline {checkpoint}: cannot be loaded: "
                                  f"{type(exc).__name__}: {exc}".splitlines()[0]) from exc
    if pipeline is None:
        raise PyannoteUnavailable(f"pyannote pipeline {checkpoint}: not loaded (gated model without "
                                  "a token, or not in the local hub cache with HF_HUB_OFFLINE=1)")
    return pipeline


def annotation_segments(output: Any, labels: dict[str, str] | None = None) -> list[SpeakerSegment]:
    """Segments from a pyannote 3 `Annotation` or a pyannote 4 `DiarizeOutput`; `labels` (pyannote
    label -> S0, S1, ...) is filled in order of appearance."""
    ann = getattr(output, "exclusive_speaker_diarization", None) or getattr(
        output, "speaker_diarization", output)
    labels = {} if labels is None else labels
    segs = []
    for turn, _, label in ann.itertracks(yield_label=True):
        name = labels.setdefault(label, f"S{len(labels)}")
        segs.append(SpeakerSegment(float(turn.start), float(turn.end), name))
    return sorted(segs, key=lambda s: s.start)


def overlap_regions(output: Any, labels: dict[str, str]) -> list[tuple[float, float, tuple[str, ...]]]:
    """Where the (non-exclusive) diarization has two or more speakers at once, and which.

    pyannote 4's `speaker_diarization` keeps overlapped speech (its powerset segmentation model
    is trained for it); a pyannote 3 `Annotation` may hold overlaps too."""
    ann = getattr(output, "speaker_diarization", output)
    if not hasattr(ann, "get_overlap"):
        return []
    out = []
    for seg in ann.get_overlap():
        who = sorted({labels.setdefault(lab, f"S{len(labels)}") for lab in ann.crop(seg).labels()})
        if len(who) >= 2:
            out.append((round(float(seg.start), 3), round(float(seg.end), 3), tuple(who)))
    return out


@register_diarizer
class PyannoteDiarizer(Diarizer):
    name = "pyannote"

    def __init__(self, options, path) -> None:  # type: ignore[no-untyped-def]
        super().__init__(options, path)
        self._pipeline = load_pyannote_pipeline(options.pyannote_pipeline, options.pyannote_token,
                                                options.cpu_threads)
        self._parts: list[np.ndarray] = []

    def add_window(self, start_s: float, samples: np.ndarray, regions: list[list[Region]]) -> None:
        self._parts.append(samples.mean(axis=0).astype(np.float32))

    def finish(self) -> Diarization:
        import torch

        audio = np.concatenate(self._parts) if self._parts else np.zeros(0, np.float32)
        self._parts = []
        t0 = time.perf_counter()
        with torch.inference_mode():
            output = self._pipeline({"waveform": torch.from_numpy(audio)[None, :],
                                     "sample_rate": SAMPLE_RATE})
        labels: dict[str, str] = {}
        segs = annotation_segments(output, labels)
        overlaps = overlap_regions(output, labels)
        return Diarization(self.name, tuple(segs), overlaps=tuple(overlaps),
                           info={"pipeline": self.options.pyannote_pipeline,
                                 "pipeline_s": round(time.perf_counter() - t0, 3),
                                 "overlap_s": round(sum(e - s for s, e, _ in overlaps), 3),
                                 "speakers_found": len({s.speaker for s in segs}),
                                 "speakers_estimated": len({s.speaker for s in segs})})
