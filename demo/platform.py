"""The platform on top of the demo warehouse: calibration, coaching reports, example library, logins.

`build_platform` drives the coaching and dashboard packages through their public APIs:
1. calibration of the automatic outcomes against the human-graded sample (`evaluations.csv`),
   stored in the operational store, so a criterion below the kappa floor turns advisory;
2. the coaching reports (team + one per agent, HTML and PDF) for the newest full week, their
   evidence linked to the recordings;
3. the example-call library: per criterion the clearest bad and good examples with excerpt and
   clip, an `index.html` each and one `examples/index.html` over them;
4. one login per role (agent, team_leader, trainer, management, admin) with its own generated
   password, written to `logins.txt` (mode 0600) beside the store;
5. the coaching loop under way: a coaching session logged (and acknowledged) three weeks before
   the report week for an agent who fills in for customers, so the report shows that criterion
   before and after; the demo agent's dispute of their newest failed result, open for the team
   leader to decide in the dashboard.
"""
from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meeluister.progress import ProgressHook, null_hook

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlatformResult:
    store_url: str
    store_path: Path
    reports: Any  # coaching.ReportSummary
    examples_index: Path
    examples: dict[str, int] = field(default_factory=dict)  # criterion -> examples in its page
    calibration: Any = None  # coaching.CalibrationReport
    advisory: tuple[str, ...] = ()
    logins: tuple[Any, ...] = ()  # dashboard.DemoLogin
    logins_file: Path | None = None
    loop: dict[str, Any] = field(default_factory=dict)  # what the coaching-loop step logged


def _calibrate(db: Path, human: Path, store: Any) -> tuple[Any, tuple[str, ...]]:
    from coaching.calibration import advisory_criteria, save

    from coaching import calibrate
    from warehouse import open_snapshot

    con = open_snapshot(db)
    try:
        report = calibrate(con, human)
    finally:
        con.close()
    save(store, report, source=str(human), by="demo")
    return report, tuple(advisory_criteria(store))


def _examples(db: Path, out: Path, criteria: Sequence[str], transcripts: Path, recordings: Path,
              hook: ProgressHook) -> tuple[Path, dict[str, int]]:
    from coaching.render import criterion_label

    from coaching import examples as ex
    from warehouse import open_snapshot

    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    con = open_snapshot(db)
    try:
        for k, crit in enumerate(criteria):
            chosen, seen = [], set()
            for outcome in ("fail", "pass"):  # the clearest overall, and two recorded calls with a clip to play
                clearest = ex.select_examples(con, criterion=crit, language=None, outcome=outcome, limit=3)
                calls = [c for c in ex.select_examples(con, criterion=crit, language=None, outcome=outcome,
                                                       limit=50, channel="phone")
                         if (recordings / f"{c['contact_id']}.wav").exists()][:2]
                for c in clearest + calls:
                    if (c["contact_id"], outcome) not in seen:
                        seen.add((c["contact_id"], outcome))
                        chosen.append(c)
            built = ex.build(con, chosen, out / crit, transcripts=transcripts,
                             recordings=recordings if recordings.exists() else None)
            ex.write_index(built, out / crit, title=f"{criterion_label('nl', crit)} · goed en fout", lang="nl")
            counts[crit] = len(built)
            hook("example library", completed=k + 1, total=len(criteria))
    finally:
        con.close()
    items = "\n".join(f'<li><a href="{html.escape(c)}/index.html">{html.escape(criterion_label("nl", c))}</a>'
                      f" ({n})</li>" for c, n in counts.items())
    index = out / "index.html"
    index.write_text("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
                     "<title>Voorbeeldgesprekken</title></head><body><h1>Voorbeeldgesprekken per criterium</h1>"
                     f"<ul>\n{items}\n</ul></body></html>\n", encoding="utf-8")
    return index, counts


def write_logins(out_file: Path, logins: Sequence[Any]) -> None:
    """Write the demo logins (dashboard.DemoLogin) to `out_file`, readable by the owner only."""
    out_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("# meeluister demo logins (username, password, role, scope)\n")
        for u in logins:
            scope = u.agent_id or ",".join(u.teams) or "-"
            fh.write(f"{u.username}\t{u.password}\t{u.role}\t{scope}\n")
    os.chmod(out_file, 0o600)  # also when the file existed with wider permissions


def _coaching_loop(store: Any, db: Path, period: str, agent_id: str, team_leader: str,
                   coached: str = "a-04", criterion: str = "nivea") -> dict[str, Any]:
    from datetime import date, timedelta

    from coaching import disputes, sessions
    from warehouse import Query, open_snapshot, results

    monday = date.fromisocalendar(int(period[:4]), int(period[6:]), 1)
    cs = sessions.log_session(store, agent_id=coached, criterion=criterion, session_date=monday - timedelta(weeks=3),
                              note="Samen twee opnames teruggeluisterd: eerst laten uitpraten, dan navragen.",
                              by=team_leader)
    sessions.acknowledge(store, cs.id, agent_id=coached)
    out: dict[str, Any] = {"session": (coached, criterion, cs.session_date)}
    con = open_snapshot(db)
    try:
        r = results(con, Query.for_period(period, filters={"agent_id": agent_id}))
        fails = r[r["outcome"] == "fail"].sort_values(["contact_id", "criterion"])
        if len(fails):
            f = fails.iloc[-1]
            d = disputes.open_dispute(store, con, contact_id=str(f["contact_id"]), criterion=str(f["criterion"]),
                                      agent_id=agent_id, comment="De klant had dit zelf al gezegd, zie het gesprek.")
            out["dispute"] = (d.id, d.contact_id, d.criterion)
    finally:
        con.close()
    return out


def build_platform(db: Path, out: Path, period: str, human: Path, *, transcripts: Path, recordings: Path,
                   criteria: Sequence[str], hook: ProgressHook = null_hook,
                   clock: Callable[[str], None] | None = None) -> PlatformResult:
    from coaching import open_coaching_store, read_store_inputs, write_reports

    lap = clock or (lambda name: None)
    store_path = out / "store" / "operational.db"
    if store_path.parent.exists():
        for p in store_path.parent.glob("operational.db*"):
            p.unlink()
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store_url = f"sqlite:///{store_path.resolve()}"
    store = open_coaching_store(store_url)
    try:
        hook("calibration", completed=0, total=1)
        calibration, advisory = _calibrate(db, human, store)
        hook("calibration", completed=1, total=1)
        lap("calibrate")
        from dashboard import create_demo_users, demo_people

        agent_id, _team = demo_people(db)
        loop = _coaching_loop(store, db, period, agent_id, team_leader="demo-teamleader")
        reports = write_reports(db, None, period, out / "reports", store=read_store_inputs(store), progress=hook,
                                recordings=recordings if recordings.exists() else None, transcripts=transcripts)
        lap("coaching reports")
        index, counts = _examples(db, out / "examples", criteria, transcripts, recordings, hook)
        lap("example library")
        logins = tuple(create_demo_users(store, db))
        write_logins(out / "logins.txt", logins)
        lap("logins")
    finally:
        store.close()
    return PlatformResult(store_url, store_path, reports, index, counts, calibration, advisory, logins,
                          out / "logins.txt", loop)
