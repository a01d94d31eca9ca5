"""`meeluister score TRANSCRIPT_OR_DIR... --out results.jsonl [--scorecard FILE_OR_NAME]`."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from meeluister.errors import InputError, Quarantine
from qa.engine import ScoreOptions  # the one owner of the scoring defaults
from qa.scorecard import DEFAULT_SCORECARD


def register(app: typer.Typer) -> None:
    @app.command("score")
    def score_cmd(
        inputs: List[Path] = typer.Argument(..., help="Transcript JSON files or directories of them."),
        out: Path = typer.Option(..., "--out", "-o", help="results.jsonl to (re)write."),
        scorecard: Optional[str] = typer.Option(
            None, "--scorecard", "-s",
            help="Scorecard TOML file, or a shipped name: municipality, ministry, commercial "
                 f"(default: {DEFAULT_SCORECARD})."),
        quarantine: Optional[Path] = typer.Option(
            None, "--quarantine", help="Quarantine report (default: quarantine.jsonl beside --out)."),
        audio: bool = typer.Option(ScoreOptions.audio, "--audio/--no-audio",
                                   help="Tone from the recording too (--no-audio: from the words only)."),
        ray: Optional[str] = typer.Option(None, "--ray", metavar="ADDRESS|local",
                                          help="Score on a Ray cluster (auto, HOST:6379, ray://HOST:10001) or a "
                                               "local Ray instance; results also land as lake partitions. docs/scale.md"),
        workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                              help="With --ray: actors (default: one per CPU of the cluster)."),
        parts: Optional[Path] = typer.Option(None, "--parts",
                                             help="With --ray: folder for the lake partitions (default: parts/ beside --out)."),
    ) -> None:
        """Score every contact on the behaviour criteria, with evidence, into results.jsonl."""
        from rich.console import Console

        from meeluister.progress import RichProgressHook
        from qa.batch import score_files
        from qa.scorecard import load_scorecard

        console = Console(stderr=True)
        try:
            sc = load_scorecard(scorecard)
        except InputError as exc:
            console.print(f"[red]error:[/red] {exc.line()}", markup=True, highlight=False)
            raise typer.Exit(2) from None
        q = Quarantine(quarantine or out.parent / "quarantine.jsonl", "score")
        if workers is not None and not ray:
            raise typer.BadParameter("--workers needs --ray (local scoring runs in one process)", param_hint="--workers")
        run, extra = score_files, {}
        if ray:
            from meeluister.backends import BackendUnavailable, batch_backend

            try:
                run = batch_backend("ray", "score")
            except BackendUnavailable as exc:
                raise typer.BadParameter(str(exc), param_hint="--ray") from None
            extra = {"address": ray, "workers": workers, "parts": parts}
        with RichProgressHook(transient=True) as hook:
            rep = run(inputs, out, sc, ScoreOptions(audio=audio), q, hook, **extra)
        # each quarantined file was already logged as one line naming the file and the field
        console.print(
            f"scored {rep.contacts} contact(s) with {rep.scorecard}: {rep.passed} pass overall; "
            f"{rep.records} records -> {rep.out}; {rep.quarantined} quarantined", highlight=False)
