"""`meeluister demo --out DIR`, registered into the one CLI like every stage's commands."""
from __future__ import annotations

from pathlib import Path

import typer

from demo.run import DemoOptions


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(DemoOptions.out, "--out", help="Folder for everything the demo writes."),
        text_contacts: int = typer.Option(DemoOptions.text_contacts, help="Generated text contacts."),
        audio: bool = typer.Option(DemoOptions.audio, "--audio/--no-audio",
                                   help="Speak and transcribe the sample calls."),
        seed: int = typer.Option(DemoOptions.seed, help="Seed of the generated data."),
    ) -> None:
        """Run the whole platform on generated calls, chats, surveys: transcribe, score, ingest, report."""
        from demo.report import print_demo
        from demo.run import run_demo
        from meeluister.progress import RichProgressHook

        opts = DemoOptions(out=out, text_contacts=text_contacts, audio=audio, seed=seed)
        with RichProgressHook(transient=True) as hook:
            result = run_demo(opts, hook)
        print_demo(result)
