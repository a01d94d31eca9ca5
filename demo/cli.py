"""`meeluister demo --out DIR [--no-serve]`, registered into the one CLI like every stage's commands."""
from __future__ import annotations

from pathlib import Path

import typer
from dashboard.options import DashboardOptions

from demo.run import DemoOptions


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(DemoOptions.out, "--out", help="Folder for everything the demo writes."),
        calls: int = typer.Option(DemoOptions.calls, help="Spoken calls (espeak-ng), transcribed."),
        text_contacts: int = typer.Option(DemoOptions.text_contacts,
                                          help="Generated chat, e-mail, WhatsApp and phone transcripts."),
        weeks: int = typer.Option(DemoOptions.weeks, help="Full ISO weeks of contacts before this week."),
        audio: bool = typer.Option(DemoOptions.audio, "--audio/--no-audio", help="Speak and transcribe the calls."),
        serve: bool = typer.Option(True, "--serve/--no-serve",
                                   help="Serve the dashboard at the end (--no-serve: stop before, for tests and CI)."),
        host: str = typer.Option(DashboardOptions.host, "--host", help="Dashboard address."),
        port: int = typer.Option(DashboardOptions.port, "--port", help="Dashboard port."),
        seed: int = typer.Option(DemoOptions.seed, help="Seed of the generated data."),
    ) -> None:
        """Build a demo contact centre (calls, chats, surveys, human grades), transcribe, score, ingest,
        write the coaching reports and example library, create one login per role, serve the dashboard."""
        from rich.console import Console

        from demo.report import print_demo
        from demo.run import run_demo
        from meeluister.progress import RichProgressHook

        opts = DemoOptions(out=out, calls=calls, text_contacts=text_contacts, weeks=weeks, audio=audio, seed=seed)
        with RichProgressHook(transient=True) as hook:
            result = run_demo(opts, hook)
        console = Console()
        print_demo(result, console)
        if not serve or result.platform is None:
            return
        from dashboard import serve as serve_dashboard

        d = DashboardOptions(db=result.db, store_url=result.platform.store_url, host=host, port=port,
                             audio_root=(Path(out) / "recordings").resolve(),
                             reports_dir=result.platform.reports.out_dir.resolve())
        console.print(f"[bold green]Dashboard: http://{host}:{port}/login[/bold green] — sign in with a login above "
                      f"(also in {result.platform.logins_file}); Ctrl+C stops it.")
        serve_dashboard(d)
