"""Prints what `meeluister demo` produced: the CLI's view of the demo result (rich tables)."""
from __future__ import annotations

import math
from pathlib import Path
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
    _print_platform(result, console)
    _print_where(result, console)


def _print_platform(result: Any, console: Console) -> None:
    p = result.platform
    if p is None:
        return
    r = p.reports
    html = [f for f in r.files if f.suffix == ".html"]
    console.print(f"[bold]Coaching reports[/bold] {r.period}: {sum(f.name.startswith('team') for f in html)} team "
                  f"and {sum(f.name.startswith('agent') for f in html)} agent reports, HTML and PDF")
    table = Table(title="Focus points per agent (the coaching reports' first section)", title_justify="left")
    table.add_column("agent")
    table.add_column("focus")
    for agent, crits in sorted(r.focus.items()):
        table.add_row(agent, ", ".join(crits) or "– (no criterion far enough above the team)")
    console.print(table)
    cal = ", ".join(p.advisory) or "none"
    console.print(f"[bold]Calibration[/bold] against the human-graded sample: advisory now: {cal}")
    if p.loop.get("session"):
        a, c, d = p.loop["session"]
        console.print(f"[bold]Coaching loop[/bold]: session with {a} on {c} logged for {d} (acknowledged)"
                      + (f"; dispute {p.loop['dispute'][0]} open on {p.loop['dispute'][1]}/{p.loop['dispute'][2]}"
                         if p.loop.get("dispute") else ""))
    console.print("[bold]Example library[/bold]: " + ", ".join(f"{c} ({n})" for c, n in p.examples.items()))
    table = Table(title="Demo logins (one per role)", title_justify="left")
    for c in ("username", "password", "role", "sees"):
        table.add_column(c)
    for u in p.logins:
        table.add_row(u.username, u.password, u.role, u.agent_id or ", ".join(u.teams) or "–")
    console.print(table)


def _print_where(result: Any, console: Console) -> None:
    out = result.options.out
    rows = [("inputs (calls, roster, surveys, human grades)", out / "inputs"),
            ("recordings", out / "recordings"), ("transcripts", out / "transcripts"),
            ("QA results", out / "results.jsonl"), ("warehouse", result.db)]
    p = result.platform
    if p is not None:
        rows += [("coaching reports", p.reports.out_dir), ("example library", p.examples_index),
                 ("operational store", p.store_path), ("logins (mode 0600)", p.logins_file)]
    table = Table(title="Where everything is", title_justify="left")
    table.add_column("what")
    table.add_column("path")
    for what, path in rows:
        if Path(path).exists():
            table.add_row(what, str(path))
    console.print(table)
    if result.seconds:
        console.print("wall time: " + ", ".join(f"{k} {v:.0f} s" for k, v in result.seconds.items())
                      + f"; total {sum(result.seconds.values()):.0f} s")
