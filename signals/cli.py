"""`meeluister reasons ...` and `meeluister signals ...` (registered into the one CLI)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from signals.reasons import ReasonOptions

_R = ReasonOptions()


def register(app: typer.Typer) -> None:
    @app.command("reasons")
    def reasons_cmd(
        inputs: List[Path] = typer.Argument(..., help="Transcript JSON files or directories of them."),
        out: Path = typer.Option(..., "--out", "-o", help="reasons.jsonl to (re)write."),
        taxonomy: str = typer.Option(
            _R.taxonomy, "--taxonomy", "-t",
            help="Taxonomy TOML file, or a shipped name: municipality, ministry, commercial; "
                 "'auto' picks by the contact's organisation."),
        quarantine: Optional[Path] = typer.Option(
            None, "--quarantine", help="Quarantine report (default: quarantine.jsonl beside --out)."),
    ) -> None:
        """Give every contact its reason(s) from a taxonomy, with evidence, into reasons.jsonl."""
        from dataclasses import replace

        from rich.console import Console

        from meeluister.errors import InputError, Quarantine
        from meeluister.progress import RichProgressHook
        from signals.batch import classify_files
        from signals.taxonomy import load_taxonomy

        console = Console(stderr=True)
        if taxonomy != "auto":
            try:
                load_taxonomy(taxonomy)
            except InputError as exc:
                console.print(f"[red]error:[/red] {exc.line()}", markup=True, highlight=False)
                raise typer.Exit(2) from None
        q = Quarantine(quarantine or out.parent / "quarantine.jsonl", "reasons")
        with RichProgressHook(transient=True) as hook:
            rep = classify_files(inputs, out, replace(_R, taxonomy=taxonomy), q, hook)
        top = ", ".join(f"{k} {v}" for k, v in sorted(rep.counts.items(), key=lambda x: -x[1])[:6])
        console.print(f"classified {rep.contacts} contact(s): {top}; {rep.other} other; "
                      f"{rep.records} records -> {rep.out}; {rep.quarantined} quarantined", highlight=False)
