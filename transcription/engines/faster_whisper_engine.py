"""faster-whisper (CTranslate2) engine: the default, int8 on CPU."""
from __future__ import annotations

import hashlib
import logging
import threading
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


def _key(features: np.ndarray) -> bytes:
    """Digest of a (n_mels, 3000) feature window (about 1 ms for 960 kB)."""
    a = np.ascontiguousarray(features)
    return hashlib.blake2b(a.tobytes(), digest_size=16).digest() + str(a.shape).encode()


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
                device=options.device,
                compute_type=options.compute_type,
                cpu_threads=options.cpu_threads,
                # two model replicas: the two channels of a stereo call decode in parallel
                num_workers=2 if options.parallel_channels else 1,
                local_files_only=True,  # never download at run time
            )
        except Exception as exc:  # faster-whisper raises several types for a missing model
            raise ModelError(f"cannot load faster-whisper model {options.model!r} offline: {exc}") from exc
        self._info = EngineInfo(self.name, options.model, str(path or options.model), sha,
                                options.compute_type, options.device)
        # Language detection encodes the first 30 s window of the first piece, and transcribing
        # that piece encodes the very same window again: keep the encoder output from detection
        # (keyed by the features' bytes) so the second pass is a lookup. One entry, used once.
        self._encoded: dict[bytes, object] = {}
        self._lock = threading.Lock()
        encode = self._model.encode

        def cached_encode(features: np.ndarray):  # type: ignore[no-untyped-def]
            with self._lock:
                hit = self._encoded.pop(_key(features), None) if self._encoded else None
            return hit if hit is not None else encode(features)

        self._model.encode = cached_encode  # type: ignore[method-assign]
        self._raw_encode = encode

    @property
    def info(self) -> EngineInfo:
        return self._info

    def detect_language(self, audio: np.ndarray, candidates: tuple[str, ...]) -> tuple[str, float]:
        from faster_whisper.audio import pad_or_trim

        # The first window exactly as `transcribe(audio)` will cut it (features of the whole
        # piece, its first <= 3000 frames, padded), so the encoder output can be reused there.
        model = self._model
        features = model.feature_extractor(audio)
        frames = min(model.feature_extractor.nb_max_frames, features.shape[-1] - 1)
        segment = pad_or_trim(features[:, :frames])
        encoded = self._raw_encode(segment)
        probs = model.model.detect_language(encoded)[0]  # [(token "<|xx|>", probability)]
        with self._lock:
            self._encoded = {_key(segment): encoded}
        return pick_language({tok[2:-2]: p for tok, p in probs}, candidates)

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
