"""`meeluister reasons ...` and `meeluister signals ...` (registered into the one CLI)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from signals.detect import SignalOptions
from signals.reasons import ReasonOptions

_R = ReasonOptions()
_S = SignalOptions()


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
        model: bool = typer.Option(
            _R.model, "--model/--cues-only",
            help="Blend the trained model with the taxonomy's cues (shipped taxonomies), or use the cues alone."),
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
            rep = classify_files(inputs, out, replace(_R, taxonomy=taxonomy, model=model), q, hook)
        top = ", ".join(f"{k} {v}" for k, v in sorted(rep.counts.items(), key=lambda x: -x[1])[:6])
        console.print(f"classified {rep.contacts} contact(s): {top}; {rep.other} other; "
                      f"{rep.records} records -> {rep.out}; {rep.quarantined} quarantined", highlight=False)

    @app.command("signals")
    def signals_cmd(
        db: Path = typer.Option(..., "--db", help="Warehouse file (.duckdb)."),
        out: Path = typer.Option(..., "--out", "-o", help="Folder for alerts.jsonl, alerts.csv, series.csv, signals.html."),
        since: Optional[str] = typer.Option(None, "--since", help="First day tested (YYYY-MM-DD); default: the first with a full window."),
        until: Optional[str] = typer.Option(None, "--until", help="Last day tested (YYYY-MM-DD); default: the last with contacts."),
        by: str = typer.Option(_S.by, "--by", help="day | hour"),
        alpha: float = typer.Option(_S.alpha, "--alpha", help="False-alarm level over topics x periods."),
        correction: str = typer.Option(_S.correction, "--correction", help="bonferroni | bh"),
        no_topics: bool = typer.Option(False, "--no-topics", help="Reasons only, no emerging topics."),
        organisation: Optional[str] = typer.Option(None, "--organisation", help="Only this organisation's contacts."),
    ) -> None:
        """Counts per reason and emerging topic against a weekday/hour baseline; spike alerts."""
        from dataclasses import replace
        from datetime import date

        from rich.console import Console

        from meeluister.errors import InputError
        from signals.detect import detect
        from signals.report import write_report

        console = Console(stderr=True)

        def day(v: Optional[str], name: str) -> Optional[date]:
            if v is None:
                return None
            try:
                return date.fromisoformat(v)
            except ValueError:
                raise typer.BadParameter(f"not a date (YYYY-MM-DD): {v!r}", param_hint=name) from None

        if not db.exists():
            raise typer.BadParameter(f"{db}: no such warehouse", param_hint="--db")
        try:
            opts = replace(_S, by=by, alpha=alpha, correction=correction, topics=not no_topics)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        try:
            rep = detect(db, day(since, "--since"), day(until, "--until"), opts,
                         {"organisation": organisation} if organisation else None)
        except InputError as exc:
            console.print(f"[red]error:[/red] {exc.line()}", markup=True, highlight=False)
            raise typer.Exit(2) from None
        paths = write_report(rep, out)
        console.print(f"{rep.contacts} contacts {rep.since} .. {rep.until} by {rep.by}: {len(rep.alerts)} alert(s), "
                      f"{len(rep.topics)} emerging topic(s) -> {paths['alerts_jsonl'].parent}", highlight=False)
        for a in rep.alerts[:20]:
            console.print(f"  {a.start} {a.topic}: {a.count} vs {a.expected:.1f} expected "
                          f"(p adj {a.p_adjusted:.2g}; {', '.join(a.channels) or '-'}; {', '.join(a.languages) or '-'})",
                          highlight=False)
