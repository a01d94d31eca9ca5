"""`meeluister demo`: a whole contact centre on generated data, offline, in one command.

1. a roster of three teams of four agents, each agent with a stable way of working
   (`synth.centre.DEMO_CENTRE`), so the coaching focus points differ per agent;
2. spoken calls for those agents (espeak-ng, stereo and mono, nl/en/fr/es, holds, interruptions,
   upset customers) over the last `weeks` full ISO weeks, transcribed with the bundled Whisper
   base (`transcription`);
3. chat, e-mail, WhatsApp and earlier phone transcripts for the same agents over the same weeks,
   two with hostile text (`demo.data`);
4. every contact scored on the behaviour criteria (`qa`);
5. survey exports (Qualtrics CSV, Dutch CSV, SurveyMonkey XLSX), call metadata, the roster, and a
   human-graded sample (`evaluations.csv`), then one ingest into the warehouse (`warehouse`);
6. the platform on top (`demo.platform`): calibration against the human grades, the coaching
   reports of the newest full week, the example-call library, one login per role in the
   operational store; the CLI then serves the dashboard.

The stages are driven through their public APIs only. This package stands above every stage;
nothing imports it but the CLI's stage list. The generated satisfaction scores follow the
contact's QA outcome plus noise and wait time, so the key drivers have something to find; they
are demo data, not a finding.
"""
from __future__ import annotations

import logging
import random
import shutil
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from demo import data
from meeluister.io import LOCAL_TZ
from meeluister.progress import ProgressHook, null_hook
from synth.centre import DEMO_CENTRE, write_roster

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoOptions:
    out: Path = Path("demo-out")
    calls: int = 26  # spoken calls (espeak-ng), transcribed; the slowest step
    text_contacts: int = 900  # chat, e-mail, WhatsApp and earlier phone transcripts
    abandoned: int = 30  # calls the customer hung up on before an agent answered
    survey_rate: float = 0.45  # share of answered contacts with a survey response
    weeks: int = 6  # full ISO weeks of contacts before this week; the newest is the report period
    audio: bool = True  # speak and transcribe the calls (needs espeak-ng and the ASR extra)
    platform: bool = True  # calibration, coaching reports, example library, logins
    example_criteria: tuple[str, ...] = ("nivea", "diminutives", "own_name_greeting", "room_for_emotion")
    scorecard: str | None = None  # None: the scoring stage's default scorecard
    hostile_agent: str = "a-03"  # whose chats carry the hostile text (a diminutive user: quoted in her report)
    seed: int = 7
    today: date | None = None  # None: today (the weeks end before this day's week)


@dataclass(frozen=True)
class DemoResult:
    options: DemoOptions
    db: Path
    period: str  # the ISO week the coaching reports cover
    transcribed: int
    quarantined_audio: int
    scored_contacts: int
    ingest_summary: Any
    inputs: dict[str, Path] = field(default_factory=dict)  # name -> file the demo wrote
    tables: dict[str, Any] = field(default_factory=dict)  # name -> pandas DataFrame
    platform: Any = None  # demo.platform.PlatformResult, or None with options.platform off
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per step


def _fresh(path: Path) -> Path:
    # The demo is a demonstration, not a batch: each run starts from a clean folder so its figures
    # are reproducible (the stages' own resume and idempotency are covered by their tests).
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._t, 1)
        self._t = now


def _call_times(rng: random.Random, n: int, mondays: list[date]) -> list[datetime]:
    # half the calls in the report week, so its reports quote moments with a recording to play
    recent = data.spread_times(rng, n // 2, mondays[-1:])
    return sorted(recent + data.spread_times(rng, n - n // 2, mondays[:-1] or mondays))


def _speak_and_transcribe(opts: DemoOptions, out: Path, transcripts: Path, mondays: list[date],
                          rng: random.Random, hook: ProgressHook) -> tuple[list[list[Any]], int, int]:
    from synth.centre import make_centre_calls
    from transcription import TranscribeOptions, transcribe_batch

    recordings = _fresh(out / "recordings")
    logger.info("speaking %d calls with espeak-ng into %s", opts.calls, recordings)
    calls = make_centre_calls(recordings, DEMO_CENTRE, _call_times(rng, opts.calls, mondays), seed=opts.seed,
                              progress=lambda done, total: hook("speak calls (espeak-ng)", completed=done,
                                                                total=total))
    batch = transcribe_batch([c.path for c in calls], transcripts, TranscribeOptions(),
                             metadata=recordings / "metadata.csv", hook=hook)
    rows = [[c.contact_id, c.path.name, c.persona.agent_id, c.persona.name, c.persona.team, "phone", c.language,
             c.started_at.isoformat(), c.persona.organisation, "algemeen", round(rng.uniform(5, 60), 1),
             round(c.duration_s, 1), "false"] for c in calls]
    return rows, len(batch.done) + len(batch.skipped), len(batch.failed)


def _tables(db: Path) -> dict[str, Any]:
    import warehouse

    Q = warehouse.Query
    con = warehouse.open_snapshot(db)
    try:
        return {
            "csat_by_language": warehouse.csat(con, Q(group_by=("language",))),
            "nps_by_channel": warehouse.nps(con, Q(group_by=("channel",))),
            "pass_rates": warehouse.pass_rates(con, Q(group_by=("criterion",))),
            "key_drivers": warehouse.drivers(con, Q()),
        }
    finally:
        con.close()


def run_demo(options: DemoOptions | None = None, hook: ProgressHook = null_hook) -> DemoResult:
    opts = options or DemoOptions()
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(opts.seed)
    clock = _Clock()
    today = opts.today or datetime.now(LOCAL_TZ).date()
    mondays = data.weeks_before(today, opts.weeks)
    period = data.iso_week(mondays[-1])
    transcripts = _fresh(out / "transcripts")
    inputs = _fresh(out / "inputs")
    meta_rows: list[list[Any]] = []
    transcribed = quarantined = 0

    if opts.audio and opts.calls:
        meta_rows, transcribed, quarantined = _speak_and_transcribe(opts, out, transcripts, mondays, rng, hook)
        clock.lap("speak and transcribe calls")

    hook("write chats, e-mails, WhatsApp", completed=0, total=opts.text_contacts)
    meta_rows += data.text_contacts(DEMO_CENTRE, opts.text_contacts, mondays, transcripts, rng, opts.seed,
                                    opts.hostile_agent)
    hook("write chats, e-mails, WhatsApp", completed=opts.text_contacts, total=opts.text_contacts)
    meta_rows += data.abandoned_rows(opts.abandoned, mondays, rng)
    files = {
        "metadata": data.write_csv(inputs / "calls.csv", data.META_COLUMNS, meta_rows),
        "roster": write_roster(inputs / "roster.csv", DEMO_CENTRE, mondays[0] - timedelta(days=365)),
    }
    clock.lap("write text contacts")

    from qa.batch import score_files

    results = out / "results.jsonl"
    report = score_files([transcripts], results, opts.scorecard, hook=hook)
    clock.lap("score")
    survey_files = data.surveys(inputs, results, meta_rows, rng, opts.survey_rate)
    files.update({p.stem: p for p in survey_files})
    files["evaluations"] = data.human_grades(inputs / "evaluations.csv", results, rng)

    import warehouse

    # the warehouse file, its lake and its quarantine report live in a folder of their own
    db = _fresh(out / "warehouse") / "meeluister.duckdb"
    summary = warehouse.ingest(db, transcripts=transcripts, results=results, metadata=files["metadata"],
                               surveys=survey_files, roster=files["roster"], progress=hook)
    clock.lap("ingest")
    tables = _tables(db)
    platform = None
    if opts.platform:
        from demo.platform import build_platform

        platform = build_platform(db, out, period, files["evaluations"], transcripts=transcripts,
                                  recordings=out / "recordings", criteria=opts.example_criteria,
                                  hook=hook, clock=clock.lap)
    return DemoResult(opts, db, period, transcribed, quarantined, report.contacts, summary, files, tables,
                      platform, clock.seconds)
