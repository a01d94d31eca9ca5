"""Prints what `meeluister demo` produced: the CLI's view of the demo result (rich tables)."""
from __future__ import annotations

import math
from typing import Any

from rich.console import Console
from rich.table import Table

# Which columns of each analytics frame a first-time user sees, in order, with a short header.
_COLUMNS = {
    "csat_by_language": {"language": "lang", "n": "n", "value": "CSAT", "ci_low": "lo",
                         "ci_high": "hi", "topbox_share": "top-box", "topbox_low": "lo",
                         "topbox_high": "hi", "small_n": ""},
    "nps_by_channel": {"channel": "channel", "n": "n", "value": "NPS", "ci_low": "lo", "ci_high": "hi",
                       "small_n": ""},
    "pass_rates": {"criterion": "criterion", "n": "n", "value": "pass", "ci_low": "lo",
                   "ci_high": "hi", "small_n": ""},
    "key_drivers": {"predictor": "predictor", "odds_ratio": "odds ratio", "or_low": "lo",
                    "or_high": "hi", "p_value": "p", "value": "rel. weight", "ci_low": "lo",
                    "ci_high": "hi", "n": "n"},
}
_TITLES = {
    "csat_by_language": "CSAT per language (1-10, 95% CI; top-box share, Wilson)",
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
    from warehouse.cli import print_ingest_summary

    print_ingest_summary(s, result.db, console)
    for name, df in result.tables.items():
        if df is None or len(df) == 0:
            console.print(f"[yellow]{_TITLES.get(name, name)}: no data[/yellow]")
            continue
        labels = _COLUMNS.get(name, {c: c for c in df.columns})
        cols = [c for c in labels if c in df.columns]
        table = Table(title=_TITLES.get(name, name), title_justify="left")
        for c in cols:
            table.add_column(labels[c], justify="left" if df[c].dtype == object else "right")
        for row in df[cols].head(15).itertuples(index=False):
            table.add_row(*(_fmt(v) for v in row))
        console.print(table)
    console.print(f"Next: open the transcripts in {result.options.out}/transcripts, "
                  f"the scores in {result.options.out}/results.jsonl, or query {result.db} with DuckDB.")
