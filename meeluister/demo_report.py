"""Prints what `meeluister demo` produced: the CLI's view of the demo result (rich tables)."""
from __future__ import annotations

import math
from typing import Any

from rich.console import Console
from rich.table import Table

# Which columns of each analytics frame a first-time user should see, in order.
_COLUMNS = {
    "csat_by_language": ["language", "n", "csat_mean", "csat_lo", "csat_hi", "topbox_share",
                         "topbox_lo", "topbox_hi", "small_n"],
    "nps_by_channel": ["channel", "n", "nps", "nps_lo", "nps_hi", "small_n"],
    "pass_rates": ["criterion", "n", "pass_rate", "pass_lo", "pass_hi", "small_n"],
    "key_drivers": ["group", "predictor", "kind", "odds_ratio", "or_lo", "or_hi", "p_value",
                    "rel_weight", "n"],
}
_TITLES = {
    "csat_by_language": "CSAT per language (1-10, 95% CI; top-box 9-10, Wilson)",
    "nps_by_channel": "NPS per channel (95% CI)",
    "pass_rates": "QA pass rate per criterion (95% CI)",
    "key_drivers": "Key drivers of CSAT top-box (logistic model; relative weight)",
}


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, bool):
        return "small n" if v else ""
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1 else f"{v:.1f}"
    return str(v)


def print_demo(result: Any, console: Console | None = None) -> None:
    console = console or Console()
    s = result.ingest_summary
    console.print(f"[bold]meeluister demo[/bold] → {result.options.out}")
    console.print(f"  transcribed recordings: {result.transcribed} "
                  f"(quarantined: {result.quarantined_audio}); scored contacts: {result.scored_contacts}")
    console.print(f"  warehouse: {result.db}")
    if hasattr(s, "render"):
        s.render(console)
    else:
        console.print(f"  ingest: {s}")
    for name, df in result.tables.items():
        if df is None or len(df) == 0:
            console.print(f"[yellow]{_TITLES.get(name, name)}: no data[/yellow]")
            continue
        cols = [c for c in _COLUMNS.get(name, list(df.columns)) if c in df.columns]
        table = Table(title=_TITLES.get(name, name), title_justify="left")
        for c in cols:
            table.add_column(c, justify="left" if df[c].dtype == object else "right")
        for row in df[cols].head(15).itertuples(index=False):
            table.add_row(*(_fmt(v) for v in row))
        console.print(table)
    console.print(f"Next: open the transcripts in {result.options.out}/transcripts, "
                  f"the scores in {result.options.out}/results.jsonl, or query {result.db} with DuckDB.")
