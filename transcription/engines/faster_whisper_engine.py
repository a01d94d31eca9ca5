"""faster-whisper (CTranslate2) engine: the default, int8 on CPU."""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

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
    bundled_ct2_model,
    model_sha256,
)
from transcription.options import TranscribeOptions

logger = logging.getLogger(__name__)


@register_engine
class FasterWhisperEngine(AsrEngine):
    name = "faster-whisper"
    # CTranslate2 releases the GIL and, with num_workers=2, runs two generate() calls in parallel.
    concurrent = True

    def __init__(self, options: TranscribeOptions) -> None:
        super().__init__(options)
        from faster_whisper import WhisperModel

        if options.model == BUNDLED_NAME:
            path, sha = bundled_ct2_model(), BUNDLED_SHA256
        elif Path(options.model).is_dir():
            path = Path(options.model)
            sha = model_sha256(path)
        else:
            path, sha = None, None  # a model name: only from the local Hugging Face cache
        try:
            self._model = WhisperModel(
                str(path) if path else options.model,
                device="cpu",
                compute_type=options.compute_type,
                cpu_threads=options.cpu_threads,
                # two model replicas: the two channels of a stereo call decode in parallel
                num_workers=2 if options.parallel_channels else 1,
                local_files_only=True,  # never download at run time
            )
        except Exception as exc:  # faster-whisper raises several types for a missing model
            raise ModelError(f"cannot load faster-whisper model {options.model!r} offline: {exc}") from exc
        self._info = EngineInfo(self.name, options.model, str(path or options.model), sha,
                                options.compute_type)

    @property
    def info(self) -> EngineInfo:
        return self._info

    def detect_language(self, audio: np.ndarray, candidates: tuple[str, ...]) -> tuple[str, float]:
        _, _, all_probs = self._model.detect_language(audio=audio[: 30 * 16_000])
        return pick_language(dict(all_probs), candidates)

    def transcribe(self, audio: np.ndarray, language: str,
                   options: TranscribeOptions | None = None) -> list[RecognisedSegment]:
        import ctranslate2

        opts = options or self.options
        ctranslate2.set_random_seed(opts.seed)  # fallback sampling: same audio, same words
        segments, _ = self._model.transcribe(
            audio,
            language=language,
            vad_filter=False,  # the pipeline already cut the audio to speech
            **decoding_settings(opts),  # type: ignore[arg-type]
        )
        out = []
        for s in segments:  # a generator: decoding happens here
            words = tuple(
                RecognisedWord(w.word, float(w.start), float(w.end), float(w.probability))
                for w in (s.words or ())
            )
            out.append(RecognisedSegment(float(s.start), float(s.end), s.text, words,
                                         float(s.avg_logprob), float(s.no_speech_prob)))
        return out
