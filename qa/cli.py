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
        with RichProgressHook(transient=True) as hook:
            rep = score_files(inputs, out, sc, ScoreOptions(audio=audio), q, hook)
        # each quarantined file was already logged as one line naming the file and the field
        console.print(
            f"scored {rep.contacts} contact(s) with {rep.scorecard}: {rep.passed} pass overall; "
            f"{rep.records} records -> {rep.out}; {rep.quarantined} quarantined", highlight=False)
