"""`meeluister demo --out DIR`, registered into the one CLI like every stage's commands."""
from __future__ import annotations

from pathlib import Path

import typer

from demo.run import DemoOptions


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(DemoOptions.out, "--out", help="Folder for everything the demo writes."),
        calls: int = typer.Option(DemoOptions.calls, help="Spoken calls (espeak-ng), transcribed."),
        text_contacts: int = typer.Option(DemoOptions.text_contacts, help="Generated chat, e-mail, WhatsApp and phone transcripts."),
        weeks: int = typer.Option(DemoOptions.weeks, help="Full ISO weeks of contacts before this week."),
        audio: bool = typer.Option(DemoOptions.audio, "--audio/--no-audio",
                                   help="Speak and transcribe the calls."),
        seed: int = typer.Option(DemoOptions.seed, help="Seed of the generated data."),
    ) -> None:
        """Build a demo contact centre: calls, chats, surveys; transcribe, score, ingest, report."""
        from demo.report import print_demo
        from demo.run import run_demo
        from meeluister.progress import RichProgressHook

        opts = DemoOptions(out=out, calls=calls, text_contacts=text_contacts, weeks=weeks, audio=audio, seed=seed)
        with RichProgressHook(transient=True) as hook:
            result = run_demo(opts, hook)
        print_demo(result)
