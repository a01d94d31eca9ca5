"""openai-whisper (PyTorch) engine, fp32 on CPU, on the same bundled weights by default.

`--model base` loads the checkpoint converted once from the bundled CTranslate2 model
(`transcription.models.bundled_openai_checkpoint`); a path to a `.pt` checkpoint loads that file.
Audio is passed as float32 arrays, so ffmpeg is not needed here.
"""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from meeluister.io import SAMPLE_RATE
from transcription.engines.base import (
    AsrEngine,
    EngineInfo,
    RecognisedSegment,
    RecognisedWord,
    decoding_settings,
    pick_language,
    register_engine,
)
from transcription.models import (
    BUNDLED_NAME,
    BUNDLED_SHA256,
    ModelError,
    bundled_openai_checkpoint,
    model_sha256,
)
from transcription.options import TranscribeOptions

logger = logging.getLogger(__name__)


@register_engine
class OpenAIWhisperEngine(AsrEngine):
    name = "openai-whisper"

    def __init__(self, options: TranscribeOptions) -> None:
        super().__init__(options)
        import torch
        from whisper.model import ModelDimensions, Whisper

        torch.set_num_threads(options.cpu_threads)
        if options.model == BUNDLED_NAME:
            path, sha = bundled_openai_checkpoint(), BUNDLED_SHA256  # sha of the source weights
        elif Path(options.model).is_file():
            path = Path(options.model)
            sha = model_sha256(path)
        else:
            raise ModelError(
                f"openai-whisper model {options.model!r}: give 'base' (bundled) or a local .pt path; "
                "nothing is downloaded at run time"
            )
        # what whisper.load_model does for a path, reading the checkpoint once (not twice)
        ckpt = torch.load(path, map_location="cpu", weights_only=True)
        self._model = Whisper(ModelDimensions(**ckpt["dims"]))
        self._model.load_state_dict(ckpt["model_state_dict"])
        self._model.eval()
        if options.device != "cpu":
            self._model.to(options.device)
        ckpt_extra = ckpt.get("meeluister") or {}
        del ckpt
        heads = ckpt_extra.get("alignment_heads")
        if heads:  # the heads the CTranslate2 model uses for word timing, so both engines agree
            mask = torch.zeros(self._model.dims.n_text_layer, self._model.dims.n_text_head,
                               dtype=torch.bool)
            for layer, head in heads:
                mask[layer, head] = True
            self._model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)
        self._info = EngineInfo(self.name, options.model, str(path), sha, "float32", options.device)

    @property
    def info(self) -> EngineInfo:
        return self._info

    def detect_language(self, audio: np.ndarray, candidates: tuple[str, ...]) -> tuple[str, float]:
        import whisper

        clip = whisper.pad_or_trim(audio[: 30 * SAMPLE_RATE].astype(np.float32))
        mel = whisper.log_mel_spectrogram(clip, self._model.dims.n_mels)
        _, probs = self._model.detect_language(mel)
        return pick_language(dict(probs), candidates)

    def transcribe(self, audio: np.ndarray, language: str,
                   options: TranscribeOptions | None = None) -> list[RecognisedSegment]:
        import torch

        settings = decoding_settings(options or self.options)
        settings["temperature"] = tuple(settings["temperature"])  # type: ignore[arg-type]
        settings["logprob_threshold"] = settings.pop("log_prob_threshold")  # whisper's spelling
        with torch.random.fork_rng():  # seeded fallback sampling without touching global state
            torch.manual_seed((options or self.options).seed)
            result = self._model.transcribe(
                audio.astype(np.float32, copy=False),
                language=language,
                fp16=False,
                verbose=None,
                **settings,
            )
        out = []
        for s in result["segments"]:
            words = tuple(
                RecognisedWord(w["word"], float(w["start"]), float(w["end"]),
                               float(w.get("probability", 0.0)))
                for w in s.get("words") or ()
            )
            out.append(RecognisedSegment(float(s["start"]), float(s["end"]), s["text"], words,
                                         s.get("avg_logprob"), s.get("no_speech_prob")))
        return out
