"""`meeluister ingest`, `meeluister stats` and `meeluister purge` (registered into the one CLI).

`meeluister stats WHAT` prints the query layer's frames as terminal tables (the same DataFrames
the dashboard and the coaching reports read). Every option's default is read from the options
dataclass that owns it (IngestOptions, AnalyticsOptions, DriverOptions), never written here.
"""
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


def survey_formats() -> list[str]:
    """The survey readers `--survey-format` accepts (the registry in surveys/readers.py)."""
    from surveys import READERS

    return list(READERS)

def print_purge_summary(s: Any, con: Any) -> None:
    """What a purge removed (or would remove: --dry-run), per table, and which contacts."""
    from rich.table import Table

    t = Table(title=f"purge of {s.db} (run {s.run_id}, as of {s.as_of}{', dry run' if s.dry_run else ''})")
    t.add_column("removed", justify="left")
    t.add_column("rows" if not s.dry_run else "would remove", justify="right")
    for k, v in sorted(s.removed.items()):
        t.add_row(k, str(v))
    con.print(t)
    scope = f"{s.contacts} contacts past the limit" + (f" ({s.first_day} .. {s.last_day}; {s.first_contact} .. "
                                                        f"{s.last_contact})" if s.contacts else "")
    con.print(f"policy {s.policy}; first kept day: " + ", ".join(f"{o or 'default'} {d}" for o, d in s.cutoffs.items())
              + f"; {scope}; total {s.total}")
    if s.recordings_missing:
        con.print(f"{s.recordings_missing} recording(s) were already gone")
    if s.snapshot:
        con.print(f"published for readers: {s.snapshot} (older snapshots deleted)")
    for f, n in sorted(s.kept.items()):
        con.print(f"[yellow]{f}: survey export still holds {n} response(s) of purged contacts "
                  "(the survey tool's file is not rewritten: delete it or export again)[/yellow]")


STATS = ("csat", "nps", "pass-rates", "qa-score", "agents", "drivers")


def _filters(values: List[str]) -> dict[str, Any]:
    out: dict[str, list[str]] = {}
    for v in values:
        k, sep, val = v.partition("=")
        if not sep or not k or not val:
            raise typer.BadParameter(f"{v!r}: expected NAME=VALUE (e.g. team=T1)", param_hint="--filter")
        out.setdefault(k.strip(), []).append(val.strip())
    return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in out.items()}


def stats_frame(what: str, db: Path, q: Any, target: str) -> Any:
    """The frame `meeluister stats WHAT` prints (tested without a terminal)."""
    import warehouse as w

    funcs = {
        "csat": lambda c: w.csat(c, q),
        "nps": lambda c: w.nps(c, q),
        "pass-rates": lambda c: w.pass_rates(c, q if "criterion" in q.group_by else q.but(group_by=("criterion",) + q.group_by)),
        "qa-score": lambda c: w.qa_score(c, q),
        "agents": lambda c: w.agent_scorecard(c, q),
        "drivers": lambda c: w.drivers(c, q, target),
    }
    if what not in funcs:
        raise typer.BadParameter(f"{what!r}: choose from {', '.join(STATS)}", param_hint="WHAT")
    if not Path(db).exists():
        raise typer.BadParameter(f"{db}: no such warehouse", param_hint="--db")
    con = w.open_snapshot(db)
    try:
        return funcs[what](con)
    finally:
        con.close()


def print_frame(df: Any, title: str, con: Any) -> None:
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    cols = [c for c in df.columns if c not in ("sd", "note")]
    for c in cols:
        t.add_column(c, justify="left" if df[c].dtype == object else "right")
    for _, row in df.iterrows():
        cells = []
        for c in cols:
            v = row[c]
            if c.endswith("small_n") or c == "advisory":
                cells.append("*" if v is True or v == 1 else "")
            elif isinstance(v, float):
                cells.append("–" if v != v else f"{v:.3g}")
            else:
                cells.append("–" if v is None else str(v))
        t.add_row(*cells)
    con.print(t)


def register(app: typer.Typer) -> None:
    from warehouse.drivers import DriverOptions
    from warehouse.ingest import IngestOptions
    from warehouse.query import AnalyticsOptions, GROUP_COLUMNS

    ingest_defaults, analytics_defaults, driver_defaults = IngestOptions(), AnalyticsOptions(), DriverOptions()

    @app.command("ingest")
    def ingest_cmd(
        db: Path = typer.Option(..., "--db", help="Warehouse file (.duckdb); the lake goes beside it."),
        transcripts: Optional[List[Path]] = typer.Option(
            None, "--transcripts", metavar="DIR|FILE...", help="Folder(s) of transcript JSON files, or the files."),
        results: Optional[List[Path]] = typer.Option(None, "--results", metavar="FILE...", help="QA results JSONL file(s)."),
        reasons: Optional[List[Path]] = typer.Option(None, "--reasons", metavar="FILE...",
                                                     help="Contact reasons JSONL (meeluister reasons)."),
        metadata: Optional[List[Path]] = typer.Option(None, "--metadata", metavar="FILE...", help="Call metadata CSV(s)."),
        surveys: Optional[List[Path]] = typer.Option(None, "--surveys", metavar="FILE...", help="Survey export(s): CSV or XLSX."),
        roster: Optional[List[Path]] = typer.Option(
            None, "--roster", metavar="FILE...",
            help="Roster CSV(s): agent_id, agent_name, team; valid_from, valid_to optional (open-ended)."),
        survey_mapping: Optional[Path] = typer.Option(None, "--survey-mapping", help="TOML column mapping for surveys."),
        survey_format: str = typer.Option(ingest_defaults.survey_reader or "auto", "--survey-format",
                                          help="Survey export layout: auto, " + ", ".join(survey_formats()) + "."),
        link_window_h: float = typer.Option(ingest_defaults.link_window_h, "--link-window-h",
                                            help="Survey-to-contact window (hours) when the contact id is missing."),
        no_redact: bool = typer.Option(False, "--no-redact", help="Do not redact PII (only for data that is already redacted)."),
        wait_for_lock: float = typer.Option(
            ingest_defaults.db.lock_timeout_s, "--wait-for-lock", metavar="SECONDS",
            help="When another process writes the warehouse, wait this long for it (0: stop at once)."),
    ) -> None:
        """Load inputs into the warehouse: idempotent, traceable, rejected rows quarantined.
        A run is all or nothing: one killed halfway leaves the warehouse as it was."""
        from dataclasses import replace

        from rich.console import Console

        from meeluister.progress import RichProgressHook
        from warehouse.ingest import ingest
        from warehouse.lock import WarehouseBusy

        if survey_format != "auto" and survey_format not in survey_formats():
            raise typer.BadParameter(f"{survey_format!r}: choose auto, {', '.join(survey_formats())}",
                                     param_hint="--survey-format")
        opts = IngestOptions(link_window_h=link_window_h, redact=not no_redact, survey_mapping=survey_mapping,
                             survey_reader=None if survey_format == "auto" else survey_format,
                             db=replace(ingest_defaults.db, lock_timeout_s=wait_for_lock))
        try:
            with RichProgressHook() as hook:
                s = ingest(db, transcripts=transcripts or None, results=results or None, metadata=metadata or None,
                           reasons=reasons or None, surveys=surveys or (), roster=roster or None, options=opts,
                           progress=hook)
        except WarehouseBusy as exc:
            typer.echo(f"error: {exc}", err=True)  # one line: warehouse and holder
            raise typer.Exit(3) from None
        print_ingest_summary(s, db, Console())
        if s.refused:  # a file refused as a whole: named on stderr, and the run does not exit 0
            err = Console(stderr=True)
            for line in s.refused:
                err.print(line, markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(code=1)

    from warehouse.retention_policy import WHAT, RetentionRule

    rule_defaults = RetentionRule()

    @app.command("purge")
    def purge_cmd(
        db: Path = typer.Option(..., "--db", help="Warehouse file (.duckdb)."),
        older_than: Optional[str] = typer.Option(None, "--older-than", help="Keep this long: 90d, 12w, 6m, 1y "
                                                 f"(default: the policy's, else {rule_defaults.older_than})."),
        what: Optional[str] = typer.Option(None, "--what", help=f"Comma-separated: {','.join(WHAT)} (default: the "
                                           f"policy's, else {','.join(rule_defaults.what)})."),
        org: Optional[str] = typer.Option(None, "--org", help="Only this organisation's contacts."),
        policy: Optional[Path] = typer.Option(None, "--policy", help="Retention policy TOML (per organisation)."),
        store: Optional[str] = typer.Option(None, "--store", help="Operational store URL: purge its texts too."),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="Count the limit back from this day (YYYY-MM-DD; "
                                            "default today, Europe/Amsterdam)."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Count what would be removed; change nothing."),
        sources: bool = typer.Option(False, "--sources", help="Also the files the warehouse read: transcript JSON "
                                     "and WebVTT, results and reasons JSONL (survey exports are named, not rewritten)."),
        outputs: Optional[List[Path]] = typer.Option(None, "--outputs", metavar="DIR...", help="Folders of written "
                                                     "reports and example libraries: delete files quoting purged contacts."),
    ) -> None:
        """Remove recordings, transcript text, quotes and survey comments past the retention policy;
        outcomes, scores, counts and every figure stay. Idempotent; logged in purge_log."""
        from datetime import date

        from rich.console import Console

        from meeluister.errors import InputError
        from warehouse.retention import purge
        from warehouse.retention_policy import load_policy

        if not Path(db).exists():
            raise typer.BadParameter(f"{db}: no such warehouse", param_hint="--db")
        try:
            pol = load_policy(policy).overridden(older_than=older_than, what=what)
            day = date.fromisoformat(as_of) if as_of else None
        except InputError as exc:
            raise typer.BadParameter(exc.line(), param_hint="--policy") from None
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        st = None
        if store:
            from opstore import open_store

            st = open_store(store)
        try:
            s = purge(db, pol, organisation=org, as_of=day, dry_run=dry_run, store=st, sources=sources,
                      outputs=outputs or ())
        finally:
            if st is not None:
                st.close()
        print_purge_summary(s, Console(width=160))

    @app.command("settings")
    def settings_cmd(
        db: Path = typer.Option(..., "--db"),
        set_: List[str] = typer.Option([], "--set", metavar="KEY=VALUE...", help="KEY=VALUE, repeatable: csat_topbox_10, csat_topbox_5, "
                                       "repeat_window_days (defaults: warehouse/settings.py)."),
    ) -> None:
        """Show the warehouse's reporting settings, or change them (the marts are rebuilt)."""
        from rich.console import Console

        from warehouse.db import connect
        from warehouse.lock import WarehouseBusy
        from warehouse.settings import SETTING_NAMES, WarehouseSettings

        if not Path(db).exists():
            raise typer.BadParameter(f"{db}: no such warehouse", param_hint="--db")
        try:
            wh = connect(db)
        except WarehouseBusy as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(3) from None
        with wh:
            for item in set_:
                k, sep, v = item.partition("=")
                try:
                    if not sep:
                        raise ValueError(f"{item!r}: expected KEY=VALUE")
                    wh.set_setting(k.strip(), v.strip())
                except (KeyError, ValueError) as exc:
                    raise typer.BadParameter(str(exc).strip('"'), param_hint="--set") from None
            current = wh.settings()
        defaults = WarehouseSettings().as_rows()
        con = Console()
        for k in SETTING_NAMES:
            con.print(f"{k} = {current.get(k)}" + ("" if current.get(k) == defaults[k] else f"  (default {defaults[k]})"))

    @app.command("stats")
    def stats_cmd(
        what: str = typer.Argument(..., help=" | ".join(STATS)),
        db: Path = typer.Option(..., "--db"),
        by: List[str] = typer.Option([], "--by", metavar="COLUMN...", help=f"Group column(s): {', '.join(GROUP_COLUMNS)}; pass-rates: also criterion."),
        period: Optional[str] = typer.Option(None, "--period", help="Adds a column: day | week | month."),
        for_period: Optional[str] = typer.Option(None, "--for", help="Only this ISO week (2026-W47), month (2026-11) or day."),
        date_from: Optional[str] = typer.Option(None, "--from", help="First day (YYYY-MM-DD, inclusive)."),
        date_to: Optional[str] = typer.Option(None, "--to", help="Last day (YYYY-MM-DD, inclusive)."),
        filters: List[str] = typer.Option([], "--filter", metavar="NAME=VALUE...", help="NAME=VALUE, repeatable (team=T1, agent_id=a-01)."),
        exclude: List[str] = typer.Option([], "--exclude-criterion", metavar="CRITERION...", help="Advisory criterion left out of QA scores."),
        min_n: Optional[int] = typer.Option(None, "--min-n", help=f"Groups below this n are flagged (default "
                                            f"{analytics_defaults.min_n}; drivers {driver_defaults.min_n})."),
        level: Optional[float] = typer.Option(None, "--level", help=f"Interval level (default {analytics_defaults.level})."),
        target: str = typer.Option("csat_topbox", "--target", help="drivers: csat_topbox | nps_promoter"),
    ) -> None:
        """Print a figure as a table: n, value, interval, small-n flag (the query layer's frame)."""
        from rich.console import Console

        from warehouse.query import Query

        try:
            kw: dict[str, Any] = dict(group_by=tuple(by), period=period, filters=_filters(filters), min_n=min_n,
                                      level=level, exclude_criteria=tuple(exclude))
            if for_period:
                if date_from or date_to:
                    raise ValueError("--for and --from/--to exclude each other")
                q = Query.for_period(for_period, **kw)
            else:
                q = Query(date_from=date_from, date_to=date_to, **kw)
            df = stats_frame(what, db, q, target)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        flag = df.attrs.get("min_n", q.resolved_min_n())
        print_frame(df, f"{what} ({df.attrs.get('level', q.resolved_level):.0%} intervals; n < {flag} marked *)",
                    Console(width=200))
