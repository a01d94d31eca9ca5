"""The one options record of the transcription stage; defaults live here and nowhere else."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

ENGINES = ("faster-whisper", "openai-whisper")
DEVICES = ("cpu", "cuda")
LANGUAGE_CHOICES = ("nl", "en", "fr", "es", "auto")
DIARIZATIONS = ("auto", "channels", "mono", "pyannote")
STEREO_RECOGNITIONS = ("interleaved", "per-channel")


@dataclass(frozen=True)
class TranscribeOptions:
    engine: str = "faster-whisper"
    model: str = "base"  # "base" = the bundled multilingual Whisper base; or a name or path
    language: str = "auto"  # nl|en|fr|es|auto; metadata's language wins over auto
    languages: tuple[str, ...] = ("nl", "en", "fr", "es")  # auto-detection picks among these
    diarization: str = "auto"  # auto: channels for true stereo, else the offline mono diarizer
    agent_channel: str = "left"  # stereo: which channel carries the agent
    pyannote_pipeline: str | None = None  # local path or hub id (with token) for --diarization pyannote
    pyannote_token: str | None = field(default=None, repr=False, compare=False)
    agent_voices: str | None = None  # directory of enrolment clips, <agent_id>.<ext>
    # Mono: below this probability that the roles are right, no guess is made (speakers become
    # `other`, the transcript says role_uncertain); see transcription/roles.py.
    role_min_confidence: float = 0.8
    workers: int = 1  # recordings transcribed in parallel (processes)
    cpu_threads: int = 2  # threads per worker for the engine (the voice encoder uses one)
    # Stereo: "interleaved" recognises both channels' speech chunks in one signal, in time order
    # with `interleave_gap_s` of silence between chunks, and maps each word back to its channel
    # (one recognition per call, as mono); "per-channel" recognises each channel on its own.
    stereo_recognition: str = "interleaved"
    interleave_gap_s: float = 0.4
    # Stereo, per-channel only: recognise both channels at once (engines that can). Faster on 2+
    # idle cores, but the temperature fallback's sampling then draws from CTranslate2's per-thread
    # generators in an order that varies, so the words are not reproducible run to run: off.
    parallel_channels: bool = False
    compute_type: str = "int8"  # faster-whisper: int8 | int8_float32 | float32
    # Where the recogniser runs: "cpu", or "cuda" (a GPU; the Ray backend picks it on a worker
    # that holds one, cluster/placement.py). The diarizer and the VAD stay on the CPU.
    device: str = "cpu"
    # Decoding, passed identically to both engines (so their outputs stay comparable).
    beam_size: int = 5
    best_of: int = 5  # samples per fallback temperature
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)  # fallback ladder
    compression_ratio_threshold: float = 2.4  # gzip ratio above this = repetition loop -> next temperature
    log_prob_threshold: float = -1.0  # mean token log-probability below this -> next temperature
    no_speech_threshold: float = 0.6
    # False: each window is decoded without the previous window's text as prompt, so one
    # repetition loop cannot propagate into the next window (the cause of runaway repeats).
    condition_on_previous_text: bool = False
    seed: int = 0  # random seed of the fallback sampling: the same audio gives the same words
    chunk_s: float = 30.0  # speech regions are recognised in independent pieces of at most this
    window_s: float = 300.0  # decode and recognise long recordings in windows this long
    max_turn_gap_s: float = 2.0  # a pause longer than this starts a new turn
    vad_threshold: float = 0.5  # silero speech probability
    min_speech_s: float = 0.25
    min_silence_s: float = 0.5  # pauses shorter than this stay inside a speech region

    def __post_init__(self) -> None:
        checks = {
            "engine": (self.engine, ENGINES),
            "language": (self.language, LANGUAGE_CHOICES),
            "diarization": (self.diarization, DIARIZATIONS),
            "agent_channel": (self.agent_channel, ("left", "right")),
            "stereo_recognition": (self.stereo_recognition, STEREO_RECOGNITIONS),
            "device": (self.device, DEVICES),
        }
        for name, (value, allowed) in checks.items():
            if value not in allowed:
                raise ValueError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
        if self.workers < 1 or self.cpu_threads < 1 or self.beam_size < 1 or self.best_of < 1:
            raise ValueError("workers, cpu_threads, beam_size and best_of must be at least 1")
        if not self.temperatures or any(not 0.0 <= t <= 1.0 for t in self.temperatures):
            raise ValueError("temperatures: one or more values in [0, 1]")
        if not 0.5 <= self.role_min_confidence <= 1.0:
            raise ValueError("role_min_confidence: a probability in [0.5, 1]")
        if self.chunk_s <= 0:
            raise ValueError("chunk_s must be positive")
        if not 0.0 <= self.interleave_gap_s <= 2.0:
            raise ValueError("interleave_gap_s: seconds in [0, 2]")
        if self.diarization == "pyannote" and not self.pyannote_pipeline:
            raise ValueError("diarization 'pyannote' needs pyannote_pipeline (a path or hub id)")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("pyannote_token")  # a secret never lands in a transcript
        d["languages"] = list(self.languages)
        d["temperatures"] = list(self.temperatures)
        return d

    def fingerprint(self) -> str:
        """What changes the output: a re-run with other options re-transcribes."""
        d = self.to_dict()
        for k in ("workers", "cpu_threads", "parallel_channels"):  # parallelism changes nothing in the result
            d.pop(k)
        if d["device"] == "cpu":  # transcripts made before the option existed stay complete
            d.pop("device")
        return hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()[:16]
