"""`meeluister demo`: the whole platform on generated data, offline, in one command.

1. speaks a few short calls in nl/en/fr/es with espeak-ng (two voices, a hold, an overlap) and
   transcribes them with the bundled Whisper base (`transcription`);
2. adds generated chat, e-mail, WhatsApp and phone contacts (text, as exported by contact-centre
   tools) so the analytics have volume;
3. scores every contact on the behaviour criteria (`qa`);
4. writes survey exports the way survey tools write them (a Qualtrics CSV and a Dutch
   semicolon/cp1252 CSV, some without contact id, a few bad rows), a roster and call metadata;
5. ingests everything into a DuckDB warehouse (`warehouse`) and returns what management and team
   leaders would look at first (`demo.report` prints it).

The data comes from the generators in `synth/`; the stages are driven through their public APIs
only. This package stands above every stage; nothing imports it but the CLI's stage list.

The generated satisfaction scores follow the contact's QA outcome plus noise and wait time, so the
key-driver table has something to find; they are demo data, not a finding.
"""
from __future__ import annotations

import csv
import json
import logging
import random
import shutil
import zlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from meeluister.io import LOCAL_TZ
from meeluister.metadata import read_metadata
from meeluister.progress import ProgressHook, null_hook
from meeluister.records import dump_transcript
from synth.contacts import generate_contacts
from synth.surveys import ITEMS, FakeResponse, write_dutch_csv, write_qualtrics_csv

logger = logging.getLogger(__name__)

TEAMS = ("team-noord", "team-zuid", "team-talen")


@dataclass(frozen=True)
class DemoOptions:
    out: Path = Path("demo-out")
    text_contacts: int = 600  # generated text contacts beside the spoken calls
    abandoned: int = 30  # calls the customer hung up on before an agent answered
    survey_rate: float = 0.45  # share of answered contacts with a survey response
    weeks: int = 8  # contacts spread over this many weeks, ending today
    audio: bool = True  # speak and transcribe the sample calls (needs espeak-ng and the ASR extra)
    scorecard: str | None = None  # None: the scoring stage's default scorecard
    seed: int = 7


@dataclass(frozen=True)
class DemoResult:
    options: DemoOptions
    db: Path
    transcribed: int
    quarantined_audio: int
    scored_contacts: int
    ingest_summary: Any
    tables: dict[str, Any] = field(default_factory=dict)  # name -> pandas DataFrame


def _fresh(path: Path) -> Path:
    # The demo is a demonstration, not a batch: each run starts from a clean folder so its figures
    # are reproducible (the stages' own resume and idempotency are covered by their tests).
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _spread_times(rng: random.Random, n: int, weeks: int) -> list[datetime]:
    end = datetime.now(LOCAL_TZ).replace(minute=0, second=0, microsecond=0)
    out = []
    for _ in range(n):
        day = end - timedelta(days=rng.randrange(weeks * 7))
        out.append(day.replace(hour=rng.randrange(8, 20), minute=rng.randrange(60)))
    return sorted(out)


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


_META_COLS = ["contact_id", "file", "agent_id", "agent_name", "team", "channel", "language",
              "started_at", "organisation", "queue", "wait_s", "handle_s", "abandoned"]


def _generate_text_contacts(opts: DemoOptions, transcripts: Path, rng: random.Random
                            ) -> tuple[list[list[Any]], dict[str, tuple[str, str]]]:
    """Write generated transcripts; return their metadata rows and the roster (id -> name, team)."""
    roster: dict[str, tuple[str, str]] = {}
    rows: list[list[Any]] = []
    contacts = list(generate_contacts(opts.text_contacts, seed=opts.seed))
    times = _spread_times(rng, len(contacts), opts.weeks)
    for t, started in zip(contacts, times):
        agent_id = t.agent_id or "a-00"
        name, team = roster.setdefault(agent_id, (t.agent_name or agent_id, TEAMS[zlib.crc32(agent_id.encode()) % len(TEAMS)]))
        # One agent, one name: the generator draws names freely, the roster is the truth.
        t = replace(t, agent_name=name, started_at=started.isoformat(), team=team)
        dump_transcript(t, transcripts / f"{t.contact_id}.json")
        wait = round(rng.expovariate(1 / 25), 1) if t.channel == "phone" else round(rng.uniform(5, 300), 1)
        rows.append([t.contact_id, "", agent_id, name, team, t.channel, t.language, started.isoformat(),
                     t.organisation or "", "algemeen", wait, t.duration_s or "", "false"])
    return rows, roster


def _abandoned_rows(opts: DemoOptions, rng: random.Random) -> list[list[Any]]:
    rows = []
    for i, started in enumerate(_spread_times(rng, opts.abandoned, opts.weeks)):
        rows.append([f"ab-{i:05d}", "", "", "", "", "phone", rng.choice(["nl", "nl", "en", "fr", "es"]),
                     started.isoformat(), "Gemeente Utrecht", "algemeen",
                     round(rng.uniform(40, 400), 1), "", "true"])
    return rows


def _write_surveys(opts: DemoOptions, out: Path, results: Path, meta_rows: list[list[Any]],
                   rng: random.Random) -> list[Path]:
    """Survey exports whose scores follow the QA outcome: a Qualtrics CSV and a Dutch CSV."""
    overall: dict[str, float] = {}
    with results.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["criterion"] == "overall" and rec["score"] is not None:
                overall[rec["contact_id"]] = rec["score"]
    qualtrics: list[FakeResponse] = []
    dutch: list[FakeResponse] = []
    for row in meta_rows:
        cid, agent_id, started, wait, abandoned = row[0], row[2], row[7], row[10], row[12]
        if abandoned == "true" or cid not in overall or rng.random() > opts.survey_rate:
            continue
        wait_penalty = min(float(wait or 0) / 120.0, 1.5)
        csat = round(min(10, max(1, 5.0 + 4.5 * overall[cid] - wait_penalty + rng.gauss(0, 1.2))))
        nps = round(min(10, max(0, csat + rng.gauss(-0.5, 1.3))))
        submitted = (datetime.fromisoformat(started) + timedelta(hours=rng.uniform(0.5, 30))
                     ).replace(tzinfo=None)
        items = {i: max(1, min(5, round(csat / 2 + rng.gauss(0, 0.7)))) for i in ITEMS}
        known = rng.random() > 0.15  # some invitations lost the contact id: linked by agent + time
        resp = FakeResponse(contact_id=cid if known else None, agent=agent_id, submitted=submitted,
                            csat=csat, nps=nps, comment=rng.choice(["", "", "Fijn geholpen.",
                                                                   "Duurde lang voordat ik iemand sprak."]),
                            items=items)
        (qualtrics if rng.random() < 0.5 else dutch).append(resp)
    # What real exports contain too: a score outside the scale and an unknown contact.
    dutch.append(FakeResponse(contact_id="c-999999", agent="a-01", submitted=datetime(2026, 11, 2, 10),
                              csat=8, nps=9))
    dutch.append(FakeResponse(contact_id=meta_rows[0][0], agent=None, submitted=datetime(2026, 11, 2, 11),
                              csat=14, nps=3))
    return [write_qualtrics_csv(out / "qualtrics_export.csv", qualtrics),
            write_dutch_csv(out / "enquete_export.csv", dutch)]


def run_demo(options: DemoOptions | None = None, hook: ProgressHook = null_hook) -> DemoResult:
    opts = options or DemoOptions()
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(opts.seed)
    transcripts = _fresh(out / "transcripts")
    inputs = _fresh(out / "inputs")
    meta_rows: list[list[Any]] = []
    roster: dict[str, tuple[str, str]] = {}
    transcribed = quarantined = 0

    if opts.audio:
        from synth.calls import make_sample_calls
        from transcription import TranscribeOptions, transcribe_batch

        recordings_dir = _fresh(out / "recordings")
        logger.info("speaking sample calls with espeak-ng into %s", recordings_dir)
        recordings = make_sample_calls(recordings_dir)
        batch = transcribe_batch(recordings, transcripts, TranscribeOptions(),
                                 metadata=recordings_dir / "metadata.csv", hook=hook)
        transcribed, quarantined = len(batch.done) + len(batch.skipped), len(batch.failed)
        for m in read_metadata(recordings_dir / "metadata.csv"):
            roster.setdefault(m.agent_id or "", (m.agent_name or "", "team-talen"))
            meta_rows.append([m.contact_id, m.file, m.agent_id, m.agent_name, "team-talen", m.channel,
                              m.language, m.started_at, m.organisation, m.queue,
                              round(rng.uniform(5, 60), 1), "", "false"])

    text_rows, text_roster = _generate_text_contacts(opts, transcripts, rng)
    meta_rows += text_rows
    for k, v in text_roster.items():
        roster.setdefault(k, v)
    meta_rows += _abandoned_rows(opts, rng)
    metadata = _write_csv(inputs / "calls.csv", _META_COLS, meta_rows)
    valid_from = (datetime.now(LOCAL_TZ) - timedelta(days=365)).date().isoformat()
    roster_csv = _write_csv(inputs / "roster.csv", ["agent_id", "agent_name", "team", "valid_from", "valid_to"],
                            [[k, n, t, valid_from, ""] for k, (n, t) in sorted(roster.items()) if k])

    from qa.batch import score_files

    results = out / "results.jsonl"
    report = score_files([transcripts], results, opts.scorecard, hook=hook)
    surveys = _write_surveys(opts, inputs, results, meta_rows, rng)

    import warehouse

    # the warehouse file, its lake and its quarantine report live in a folder of their own
    db = _fresh(out / "warehouse") / "meeluister.duckdb"
    summary = warehouse.ingest(db, transcripts=transcripts, results=results, metadata=metadata,
                               surveys=surveys, roster=roster_csv, progress=hook)
    Q = warehouse.Query
    tables = {
        "csat_by_language": warehouse.csat(db, Q(group_by=("language",))),
        "nps_by_channel": warehouse.nps(db, Q(group_by=("channel",))),
        "pass_rates": warehouse.pass_rates(db, Q(group_by=("criterion",))),
        "key_drivers": warehouse.drivers(db, Q()),
    }
    return DemoResult(opts, db, transcribed, quarantined, report.contacts, summary, tables)
