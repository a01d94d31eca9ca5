"""`meeluister ingest-parts PARTS --db wh.duckdb`: lake partitions (what `transcribe --ray` and
`score --ray` write, warehouse/partitions.py) into the warehouse through the bulk path."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("ingest-parts")
    def ingest_parts_cmd(
        parts: Path = typer.Argument(..., help="Folder with contacts/, turns/, results/ of Parquet parts."),
        db: Path = typer.Option(..., "--db", help="Warehouse file (.duckdb); the lake goes beside it."),
        no_redact: bool = typer.Option(False, "--no-redact", help="Do not redact PII (only for data that is already redacted)."),
    ) -> None:
        """Load Parquet partitions from a cluster run: idempotent, redacted, quarantined as `ingest`."""
        from rich.console import Console

        from warehouse.cli import print_ingest_summary
        from warehouse.run import IngestOptions
        from warehouse.table_ingest import ingest_parts

        try:
            s = ingest_parts(db, parts, IngestOptions(redact=not no_redact))
        except FileNotFoundError as exc:
            raise typer.BadParameter(str(exc), param_hint="PARTS") from None
        print_ingest_summary(s, db, Console())
