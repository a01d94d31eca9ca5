"""`meeluister transcribe AUDIO... --out DIR` (registered into the one CLI by `register`)."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import List, Optional

import typer

from transcription.options import TranscribeOptions

_D = {f.name: f.default for f in fields(TranscribeOptions)}
_AUDIO_EXT = {".wav", ".mp3", ".ogg", ".opus", ".flac", ".m4a", ".aac", ".wma", ".webm", ".mp4"}


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; directories contribute their audio files (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in _AUDIO_EXT)
        else:
            out.append(p)
    return out


def register(app: typer.Typer) -> None:
    @app.command("transcribe")
    def transcribe(
        audio: list[Path] = typer.Argument(..., help="Recordings or directories of recordings."),
        out: Path = typer.Option(..., "--out", help="Output directory."),
        metadata: Optional[List[Path]] = typer.Option(None, "--metadata", metavar="FILE...", help="Call metadata CSV(s)."),
        engine: str = typer.Option(_D["engine"], help="faster-whisper | openai-whisper"),
        model: str = typer.Option(_D["model"], help="'base' (bundled) or a local model path."),
        language: str = typer.Option(_D["language"], help="nl | en | fr | es | auto"),
        diarization: str = typer.Option(_D["diarization"], help="auto | channels | mono | pyannote"),
        agent_channel: str = typer.Option(_D["agent_channel"], help="Stereo: left | right"),
        pyannote: str = typer.Option(None, "--pyannote-pipeline", "--pyannote",
                                     help="pyannote pipeline: local directory (config.yaml) or hub id."),
        pyannote_token: str = typer.Option(None, "--pyannote-token", envvar="HF_TOKEN",
                                           help="Hugging Face token for a gated hub pipeline."),
        agent_voices: Path = typer.Option(None, "--agent-voices",
                                          help="Directory of agent enrolment clips (<agent_id>.wav)."),
        workers: int = typer.Option(_D["workers"], help="Recordings in parallel (processes)."),
        threads: int = typer.Option(_D["cpu_threads"], help="CPU threads in all, split between the workers."),
        beam_size: int = typer.Option(_D["beam_size"], help="Beam width of the decoder."),
        stereo_recognition: str = typer.Option(
            _D["stereo_recognition"],
            help="Stereo: interleaved (both channels in one recognition) | per-channel"),
        parallel_channels: bool = typer.Option(
            _D["parallel_channels"], "--parallel-channels/--serial-channels",
            help="Stereo, per-channel: recognise both channels at once (not bit-reproducible)."),
        ray: str = typer.Option(None, "--ray", metavar="ADDRESS|local",
                                help="Run on a Ray cluster (auto, HOST:6379, ray://HOST:10001) or a local "
                                     "Ray instance; --workers then sets the actors (default: one per GPU, "
                                     "else one per --threads CPUs). docs/scale.md"),
        parts: Path = typer.Option(None, "--parts",
                                   help="With --ray: folder for the lake partitions (default: parts/ beside --out)."),
    ) -> None:
        """Recordings in, speaker-attributed transcripts (JSON + WebVTT + RTTM) out."""
        from rich.console import Console

        from meeluister.progress import RichProgressHook
        from transcription.batch import transcribe_batch

        console = Console(stderr=True)
        try:
            options = TranscribeOptions(
                engine=engine, model=model, language=language, diarization=diarization,
                agent_channel=agent_channel, pyannote_pipeline=pyannote,
                pyannote_token=pyannote_token,
                agent_voices=str(agent_voices) if agent_voices else None,
                workers=workers, cpu_threads=threads, beam_size=beam_size,
                stereo_recognition=stereo_recognition, parallel_channels=parallel_channels,
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        if options.diarization == "pyannote":  # a configuration error stops before any recording
            from transcription.diarization.pyannote_backend import PyannoteUnavailable, load_pyannote_pipeline

            try:
                load_pyannote_pipeline(options.pyannote_pipeline, options.pyannote_token,
                                       options.cpu_threads)
            except PyannoteUnavailable as exc:
                raise typer.BadParameter(str(exc), param_hint="--pyannote-pipeline") from None
        files = _expand(audio)
        if not files:
            raise typer.BadParameter("no recordings found", param_hint="AUDIO")
        run = transcribe_batch
        extra: dict[str, object] = {}
        if ray:
            from meeluister.backends import BackendUnavailable, batch_backend

            try:
                run = batch_backend("ray", "transcribe")
            except BackendUnavailable as exc:
                raise typer.BadParameter(str(exc), param_hint="--ray") from None
            extra = {"address": ray, "parts": parts}
        with RichProgressHook() as hook:
            result = run(files, out, options, metadata=metadata or None, hook=hook, **extra)
        console.print(f"transcribed {len(result.done)}, already done {len(result.skipped)}, "
                      f"quarantined {len(result.failed)}"
                      + (f" (see {result.quarantine})" if result.failed else ""))
        if result.all_failed:
            raise typer.Exit(1)
