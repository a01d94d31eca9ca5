"""`meeluister report | levels | dispute | coaching | calibrate | examples` (docs/coaching.md)."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

_STORE_HELP = "Operational store URL: sqlite:///path/op.db or postgresql://user@host/db."


def _fail(msg: str) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(2)


def _options(config: Optional[Path]) -> Any:
    from coaching.options import load_options
    from meeluister.errors import InputError

    try:
        return load_options(config)
    except InputError as exc:
        _fail(exc.line())


def _db(db: Path) -> Path:
    if not Path(db).exists():
        _fail(f"{db}: no such warehouse")
    return db


def _store(url: str) -> Any:
    from coaching.store import open_coaching_store
    from opstore import StoreError

    try:
        return open_coaching_store(url)
    except StoreError as exc:
        _fail(str(exc))


def register(app: typer.Typer) -> None:
    from coaching.examples import ExampleOptions
    from coaching.options import ReportOptions

    ro, eo = ReportOptions(), ExampleOptions()

    @app.command("report")
    def report_cmd(
        db: Path = typer.Option(..., "--db", help="Warehouse (.duckdb)."),
        period: str = typer.Option(..., "--period", help="ISO week (2026-W47) or month (2026-11)."),
        out: Path = typer.Option(..., "--out", help="Folder for the reports."),
        team: Optional[str] = typer.Option(None, "--team", help="Team (default: every team with contacts)."),
        agent: Optional[str] = typer.Option(None, "--agent", help="Only this agent's report."),
        lang: str = typer.Option(ro.lang, "--lang", help="nl | en"),
        store: Optional[str] = typer.Option(None, "--store", help=_STORE_HELP + " Reviews, disputes, sessions."),
        config: Optional[Path] = typer.Option(None, "--config", help="Coaching TOML (focus, levels, ...)."),
        fmt: str = typer.Option(ro.formats, "--format", help="html, pdf or html,pdf"),
        recordings: Optional[Path] = typer.Option(None, "--recordings", help="Folder of recordings named <contact_id>.wav (audio links)."),
        transcripts: Optional[Path] = typer.Option(None, "--transcripts", help="Original transcripts (their recording paths, for audio links)."),
        plotly_js: str = typer.Option(ro.plotly_js, "--plotly-js", help="directory (one plotly.min.js + report-charts.js beside the reports) | inline (plotly.js inside each HTML)"),
    ) -> None:
        """Team report and one coaching report per agent (HTML with charts, PDF)."""
        from coaching.reports import write_reports
        from coaching.store import StoreInputs, read_store_inputs
        from meeluister.progress import RichProgressHook

        opts = _options(config)
        formats = tuple(f.strip() for f in fmt.split(",") if f.strip())
        if not formats or set(formats) - {"html", "pdf"}:
            _fail(f"--format {fmt!r}: choose html, pdf or html,pdf")
        inputs = StoreInputs()
        if store:
            s = _store(store)
            inputs = read_store_inputs(s)
            s.close()
        try:
            with RichProgressHook(transient=True) as hook:
                summary = write_reports(_db(db), team, period, out, agent=agent, lang=lang, store=inputs,
                                        options=opts, formats=formats, progress=hook, recordings=recordings,
                                        transcripts=transcripts, plotly_js=plotly_js)
        except ValueError as exc:
            _fail(str(exc))
        typer.echo(f"{len(summary.files)} file(s) in {summary.out_dir} for {', '.join(summary.teams) or 'no team'} "
                   f"{period} in {summary.seconds:.1f} s")
        for a, crits in sorted(summary.focus.items()):
            typer.echo(f"  {a}: {', '.join(crits) or '-'}")

    @app.command("levels")
    def levels_cmd(
        db: Path = typer.Option(..., "--db"),
        out: Path = typer.Option(..., "--out", help="levels.csv to write."),
        period: Optional[str] = typer.Option(None, "--period", help="ISO week or month (default: all data)."),
        store: Optional[str] = typer.Option(None, "--store", help=_STORE_HELP),
        config: Optional[Path] = typer.Option(None, "--config"),
    ) -> None:
        """Bronze/silver/gold per agent and criterion area, as CSV for skills-based routing."""
        from coaching.levels import levels_from_warehouse, write_levels_csv
        from coaching.store import StoreInputs, read_store_inputs
        from warehouse import open_snapshot

        opts = _options(config)
        inputs = StoreInputs()
        if store:
            s = _store(store)
            inputs = read_store_inputs(s)
            s.close()
        con = open_snapshot(_db(db))
        try:
            lv = levels_from_warehouse(con, opts.levels, period=period, reviews=inputs.reviews, exclude=inputs.advisory)
        finally:
            con.close()
        write_levels_csv(lv, out)
        counts = {k: sum(1 for x in lv if x.level == k) for k in ("gold", "silver", "bronze")}
        typer.echo(f"{len(lv)} level(s) -> {out} ({', '.join(f'{k} {v}' for k, v in counts.items())})")

    dispute = typer.Typer(help="Contest an automatic result, decide it, list disputes.", no_args_is_help=True)
    app.add_typer(dispute, name="dispute")

    @dispute.command("open")
    def dispute_open(
        db: Path = typer.Option(..., "--db"),
        store: str = typer.Option(..., "--store", help=_STORE_HELP),
        contact: str = typer.Option(..., "--contact"),
        criterion: str = typer.Option(..., "--criterion"),
        agent: str = typer.Option(..., "--agent", help="The agent contesting (their own contact)."),
        comment: str = typer.Option(..., "--comment"),
        config: Optional[Path] = typer.Option(None, "--config", help="[disputes] window_days"),
    ) -> None:
        from coaching import disputes
        from warehouse import open_snapshot

        opts = _options(config)
        s = _store(store)
        con = open_snapshot(_db(db))
        try:
            d = disputes.open_dispute(s, con, contact_id=contact, criterion=criterion, agent_id=agent,
                                      comment=comment, options=opts.disputes)
        except disputes.DisputeError as exc:
            _fail(str(exc))
        finally:
            con.close()
            s.close()
        typer.echo(f"dispute {d.id} opened: {d.contact_id}/{d.criterion} ({d.auto_outcome}) by {d.opened_by}")

    @dispute.command("decide")
    def dispute_decide(
        store: str = typer.Option(..., "--store", help=_STORE_HELP),
        dispute_id: int = typer.Option(..., "--id"),
        decision: str = typer.Option(..., "--decision", help="uphold | overturn"),
        reason: str = typer.Option(..., "--reason"),
        by: str = typer.Option(..., "--by", help="The team leader deciding."),
        outcome: Optional[str] = typer.Option(None, "--outcome", help="overturn to this outcome (default: the opposite)."),
    ) -> None:
        from coaching import disputes

        s = _store(store)
        try:
            d = disputes.decide(s, dispute_id, decision=decision, reason=reason, by=by, outcome=outcome)
        except disputes.DisputeError as exc:
            _fail(str(exc))
        finally:
            s.close()
        typer.echo(f"dispute {d.id} {d.status} by {d.decided_by}: {d.contact_id}/{d.criterion} "
                   f"{d.auto_outcome} -> {d.reviewed_outcome}")

    @dispute.command("list")
    def dispute_list(
        store: str = typer.Option(..., "--store", help=_STORE_HELP),
        status: Optional[str] = typer.Option(None, "--status", help="open | upheld | overturned"),
        agent: Optional[str] = typer.Option(None, "--agent"),
    ) -> None:
        from opstore import disputes as ds

        s = _store(store)
        try:
            for d in ds.list_disputes(s, status=status, agent_id=agent):
                typer.echo(f"{d.id}\t{d.status}\t{d.agent_id}\t{d.contact_id}\t{d.criterion}\t{d.auto_outcome}"
                           f"->{d.reviewed_outcome or '?'}\t{d.opened_at}\t{d.comment}")
                for e in ds.events(s, d.id):
                    typer.echo(f"\t\t{e['at']}\t{e['actor']}\t{e['action']}\t{e['detail'] or ''}")
        finally:
            s.close()

    coaching = typer.Typer(help="Coaching sessions: log (team leader), ack (agent), list.", no_args_is_help=True)
    app.add_typer(coaching, name="coaching")

    @coaching.command("log")
    def coaching_log(
        store: str = typer.Option(..., "--store", help=_STORE_HELP),
        agent: str = typer.Option(..., "--agent"),
        criterion: str = typer.Option(..., "--criterion"),
        on: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
        note: str = typer.Option("", "--note"),
        by: str = typer.Option(..., "--by", help="The team leader."),
    ) -> None:
        from coaching import sessions

        try:
            d = date.fromisoformat(on)
        except ValueError:
            _fail(f"--date {on!r}: expected YYYY-MM-DD")
        s = _store(store)
        try:
            cs = sessions.log_session(s, agent_id=agent, criterion=criterion, session_date=d, note=note, by=by)
        finally:
            s.close()
        typer.echo(f"coaching session {cs.id} logged: {cs.agent_id} on {cs.criterion} ({cs.session_date})")

    @coaching.command("ack")
    def coaching_ack(
        store: str = typer.Option(..., "--store", help=_STORE_HELP),
        session_id: int = typer.Option(..., "--id"),
        agent: str = typer.Option(..., "--agent"),
    ) -> None:
        from coaching import sessions

        s = _store(store)
        try:
            cs = sessions.acknowledge(s, session_id, agent_id=agent)
        except sessions.SessionError as exc:
            _fail(str(exc))
        finally:
            s.close()
        typer.echo(f"coaching session {cs.id} acknowledged by {cs.acknowledged_by} at {cs.acknowledged_at}")

    @coaching.command("list")
    def coaching_list(
        store: str = typer.Option(..., "--store", help=_STORE_HELP),
        agent: Optional[str] = typer.Option(None, "--agent"),
    ) -> None:
        from coaching import sessions

        s = _store(store)
        try:
            for cs in sessions.list_sessions(s, agent_id=agent):
                typer.echo(f"{cs.id}\t{cs.agent_id}\t{cs.criterion}\t{cs.session_date}\t{cs.logged_by}\t"
                           f"{'ack ' + cs.acknowledged_at if cs.acknowledged_at else 'not acknowledged'}\t{cs.note}")
        finally:
            s.close()

    @app.command("calibrate")
    def calibrate_cmd(
        db: Path = typer.Option(..., "--db"),
        human: Path = typer.Option(..., "--human", help="CSV: contact_id, criterion, outcome, grader."),
        store: Optional[str] = typer.Option(None, "--store", help=_STORE_HELP + " Stores the run (advisory criteria)."),
        config: Optional[Path] = typer.Option(None, "--config", help="[calibration] kappa_floor, min_n"),
        out: Optional[Path] = typer.Option(None, "--out", help="Also write the table as CSV."),
        show_disagreements: int = typer.Option(10, "--show", help="Disagreeing contacts listed per criterion."),
    ) -> None:
        """Agreement and Cohen's kappa of automatic vs human grades per criterion, language, channel."""
        from coaching import calibration as cal
        from meeluister.errors import InputError
        from warehouse import open_snapshot

        opts = _options(config)
        con = open_snapshot(_db(db))
        try:
            rep = cal.calibrate(con, human, opts.calibration)
        except InputError as exc:
            _fail(exc.line())
        finally:
            con.close()
        for line in rep.rejected + rep.unmatched:
            typer.echo(f"skipped: {line}", err=True)
        for r in rep.rows:
            k = "–" if r.kappa is None else f"{r.kappa:.2f} [{r.kappa_low:.2f}, {r.kappa_high:.2f}]"
            ag = "–" if r.agreement is None else f"{r.agreement:.1%}"
            typer.echo(f"{r.criterion:22} {r.language:3} {r.channel:9} n={r.n:<5} agreement={ag:7} kappa={k}"
                       + ("  ADVISORY" if r.advisory else ""))
            if r.language == "*" and r.channel == "*":
                typer.echo(cal.confusion_text(r))
                for cid, a, h, g in r.disagreements[:show_disagreements]:
                    typer.echo(f"    {cid}: automatic {a}, {g} {h}")
        if out:
            cal.rows_frame(rep.rows).to_csv(out, index=False)
        if store:
            s = _store(store)
            try:
                run = cal.save(s, rep, source=str(human), options=opts.calibration)
                adv = cal.advisory_criteria(s)
            finally:
                s.close()
            typer.echo(f"calibration run {run} stored; advisory now: {', '.join(adv) or 'none'}")

    @app.command("examples")
    def examples_cmd(
        db: Path = typer.Option(..., "--db"),
        out: Path = typer.Option(..., "--out", help="Folder: index.html and clips/."),
        criterion: Optional[str] = typer.Option(None, "--criterion"),
        language: Optional[str] = typer.Option(None, "--language"),
        outcome: str = typer.Option(eo.outcome, "--outcome", help="pass | fail"),
        limit: int = typer.Option(eo.limit, "--limit"),
        channel: Optional[str] = typer.Option(None, "--channel"),
        period: Optional[str] = typer.Option(None, "--period"),
        playlist: Optional[str] = typer.Option(None, "--playlist", help="Export this saved playlist (needs --store)."),
        save_as: Optional[str] = typer.Option(None, "--save-as", help="Save the selection as a playlist (needs --store)."),
        store: Optional[str] = typer.Option(None, "--store", help=_STORE_HELP),
        transcripts: Optional[Path] = typer.Option(None, "--transcripts", help="Original transcripts (their recording paths, when the warehouse has none)."),
        recordings: Optional[Path] = typer.Option(None, "--recordings", help="Folder of recordings named <contact_id>.wav (when the warehouse has no audio path)."),
        lang: str = typer.Option(ro.lang, "--lang"),
        by: str = typer.Option("trainer", "--by", help="Who saves the playlist (recorded)."),
    ) -> None:
        """Example-call library: clearest examples with excerpt, clip (PII silenced) and index.html."""
        from coaching import examples as ex
        from warehouse import open_snapshot

        if (playlist or save_as) and not store:
            _fail("--playlist and --save-as need --store")
        if not playlist and not criterion:
            _fail("give --criterion (or --playlist NAME)")
        s = _store(store) if store else None
        con = open_snapshot(_db(db))
        try:
            from coaching.store import read_store_inputs
            from opstore import playlists as pl

            reviews = read_store_inputs(s).reviews if s else ()
            if playlist:
                try:
                    chosen = ex.from_playlist(con, pl.get_playlist(s, playlist))
                except pl.PlaylistError as exc:
                    _fail(str(exc))
                title = f"Playlist {playlist}"
            else:
                chosen = ex.select_examples(con, criterion=criterion, language=language, outcome=outcome, limit=limit,
                                            channel=channel, period=period, reviews=reviews)
                title = " · ".join(x for x in (criterion, language, channel, outcome, period) if x)
            built = ex.build(con, chosen, out, transcripts=transcripts, recordings=recordings)
            if save_as and s is not None:
                pl.save_playlist(s, save_as, ex.playlist_items(chosen), by=by, description=title)
        finally:
            con.close()
            if s is not None:
                s.close()
        index = ex.write_index(built, out, title=title, lang=lang)
        clips = sum(1 for e in built if e.clip)
        typer.echo(f"{len(built)} example(s), {clips} clip(s) -> {index}" + (f"; saved as playlist {save_as!r}" if save_as else ""))
