"""`meeluister ingest` and `meeluister report` (registered into the one CLI)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional

import typer


def print_ingest_summary(s: Any, db: Path, con: Any) -> None:
    """The ingest summary as a person reads it: per table, rejected by reason, links, redactions."""
    from rich.table import Table

    t = Table(title=f"ingest into {db} (run {s.run_id})")
    for c in ("table", "added", "updated", "unchanged", "removed", "rejected"):
        t.add_column(c, justify="left" if c == "table" else "right")
    for name, c in s.tables.items():
        t.add_row(name, str(c.added), str(c.updated), str(c.unchanged), str(c.removed), str(c.rejected))
    con.print(t)
    if s.rejected_by_reason:
        con.print("rejected: " + ", ".join(f"{k} {v}" for k, v in sorted(s.rejected_by_reason.items()))
                  + f"  (see the quarantine table and {Path(db).with_suffix('.quarantine.jsonl')})")
    if s.link.total:
        con.print(f"survey link: {s.link.matched}/{s.link.total} = {s.link.match_rate:.1%} "
                  f"(by contact id {s.link.by_id_matched}/{s.link.by_id_total}, "
                  f"by agent+time {s.link.by_window_matched}/{s.link.by_window_total})")
    if s.redactions:
        con.print("redacted: " + ", ".join(f"{k} {v}" for k, v in sorted(s.redactions.items()))
                  + "  (" + "; ".join(f"{t}: {sum(c.values())}" for t, c in sorted(s.redactions_by_table.items())) + ")")
    if s.checks:
        con.print(f"data checks: {len(s.checks)} passed (warehouse/sql/checks.toml)")
    if s.snapshot:
        con.print(f"published for readers: {s.snapshot}")


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        db: Path = typer.Option(..., "--db", help="Warehouse file (.duckdb); the lake goes beside it."),
        transcripts: Optional[Path] = typer.Option(None, "--transcripts", help="Folder of transcript JSON files."),
        results: Optional[Path] = typer.Option(None, "--results", help="QA results JSONL."),
        metadata: Optional[Path] = typer.Option(None, "--metadata", help="Call metadata CSV."),
        surveys: Optional[List[Path]] = typer.Option(None, "--surveys", help="Survey export(s): CSV or XLSX."),
        roster: Optional[Path] = typer.Option(None, "--roster", help="Roster CSV (agent_id, agent_name, team, valid_from, valid_to)."),
        survey_mapping: Optional[Path] = typer.Option(None, "--survey-mapping", help="TOML column mapping for surveys."),
        link_window_h: float = typer.Option(72.0, "--link-window-h", help="Survey-to-contact window (hours) when the contact id is missing."),
        no_redact: bool = typer.Option(False, "--no-redact", help="Do not redact PII (only for data that is already redacted)."),
    ) -> None:
        """Load inputs into the warehouse: idempotent, traceable, rejected rows quarantined."""
        from rich.console import Console
        from rich.table import Table

        from meeluister.progress import RichProgressHook
        from warehouse.ingest import IngestOptions, ingest

        opts = IngestOptions(link_window_h=link_window_h, redact=not no_redact, survey_mapping=survey_mapping)
        with RichProgressHook() as hook:
            s = ingest(db, transcripts=transcripts, results=results, metadata=metadata,
                       surveys=surveys or (), roster=roster, options=opts, progress=hook)
        print_ingest_summary(s, db, Console())

    @app.command("report")
    def report_cmd(
        what: str = typer.Argument(..., help="csat | nps | pass-rates | agents | drivers"),
        db: Path = typer.Option(..., "--db"),
        by: List[str] = typer.Option(["language", "channel"], "--by", help="Group column(s)."),
        period: Optional[str] = typer.Option(None, "--period", help="day | week | month"),
        min_n: int = typer.Option(30, "--min-n", help="Groups below this n are flagged."),
        target: str = typer.Option("csat_topbox", "--target", help="drivers: csat_topbox | nps_promoter"),
    ) -> None:
        """Print a report table (the same DataFrames the dashboard uses)."""
        from rich.console import Console
        from rich.table import Table

        from warehouse import analytics as a
        from warehouse.drivers import DriverOptions, key_drivers

        opts = a.AnalyticsOptions(min_n=min_n)
        if not Path(db).exists():
            raise typer.BadParameter(f"{db}: no such warehouse", param_hint="--db")
        funcs = {
            "csat": lambda: a.csat_by(db, by, period, None, opts),
            "nps": lambda: a.nps_by(db, by, period, None, opts),
            "pass-rates": lambda: a.pass_rates_by(db, by, period, None, None, opts),
            "agents": lambda: a.agent_scorecard(db, period, None, opts),
            "drivers": lambda: key_drivers(db, target, by[0] if by and by[0] in ("language", "channel", "team") else None,
                                           None, DriverOptions(min_n=min_n)),
        }
        if what not in funcs:
            raise typer.BadParameter(f"choose from {sorted(funcs)}", param_hint="WHAT")
        df = funcs[what]()
        t = Table(title=f"{what} ({'small n < ' + str(min_n) + ' marked *'})")
        cols = [c for c in df.columns if not c.endswith("_sd")]
        for c in cols:
            t.add_column(c)
        for _, row in df.iterrows():
            cells = []
            for c in cols:
                v = row[c]
                cells.append(f"{v:.3g}" if isinstance(v, float) else (("*" if v else "") if "small" in c else str(v)))
            t.add_row(*cells)
        Console().print(t)
