"""The demo centre's input files, written the way the real sources write them (data from `synth/`).

* `weeks_before(today, n)`: the last `n` full ISO weeks (Monday..Sunday) before this week; the
  newest is the period the coaching reports cover;
* `text_contacts`: chat, e-mail, WhatsApp and earlier (text) phone transcripts for every agent, as
  that agent works, spread over the weeks; two carry hostile text (HTML, a script tag, `{{ 7*7 }}`)
  so the reports and the dashboard show that untrusted text stays text;
* `surveys`: CSAT/NPS exports in three formats the importer reads (Qualtrics CSV, a Dutch
  semicolon/cp1252 CSV, a SurveyMonkey XLSX), scores following the contact's QA outcome plus
  noise and wait time, some without contact id, two bad rows on purpose;
* `human_grades`: a quality analyst's grades of a sample of the same contacts (`evaluations.csv`:
  contact_id, criterion, outcome, grader) that agree with the automatic outcome on most criteria
  and disagree often on one, so calibration has something to show.
"""
from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from meeluister.io import LOCAL_TZ
from meeluister.records import Transcript, Turn, dump_transcript
from synth.contacts import Persona, generate_centre_contacts
from synth.surveys import (
    ITEMS,
    FakeResponse,
    write_dutch_csv,
    write_qualtrics_csv,
    write_surveymonkey_xlsx,
)

META_COLUMNS = ["contact_id", "file", "agent_id", "agent_name", "team", "channel", "language",
                "started_at", "organisation", "queue", "wait_s", "handle_s", "abandoned"]
HOSTILE_CUSTOMER = "<script>alert(1)</script> Waarom duurt dit zo lang? {{ 7*7 }} <b>Antwoord nu</b>"
HOSTILE_AGENT = 'Hierbij een linkje: <a href="#" onclick="alert(1)">aanvragen</a> {{ 7*7 }} <script>alert(1)</script>'
# The criterion the demo's human graders read differently (calibration turns it advisory).
DISPUTED_CRITERION = "clarifying_questions"


def weeks_before(today: date, n: int) -> list[date]:
    """Mondays of the `n` full ISO weeks before the week of `today`, oldest first."""
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=k) for k in range(n, 0, -1)]


def iso_week(monday: date) -> str:
    y, w, _ = monday.isocalendar()
    return f"{y}-W{w:02d}"


def spread_times(rng: random.Random, n: int, mondays: Sequence[date], growth: float = 1.0) -> list[datetime]:
    """`n` office-hour moments over the weeks (Monday..Saturday), in local time, sorted; with
    `growth` > 1 each week has that many times the contacts of the week before."""
    weights = [growth ** k for k in range(len(mondays))]
    out = []
    for _ in range(n):
        day = rng.choices(list(mondays), weights=weights)[0] + timedelta(days=rng.randrange(6))
        out.append(datetime.combine(day, time(rng.randrange(8, 20), rng.randrange(60)), tzinfo=LOCAL_TZ))
    return sorted(out)


def _hostile(t: Transcript) -> Transcript:
    """A chat whose customer pastes markup and a template expression, answered with a pasted link."""
    turns = list(t.turns)
    at = next((i for i, x in enumerate(turns) if x.speaker == "customer"), 0)
    s = turns[at].start
    turns.insert(at + 1, Turn("customer", s, s, HOSTILE_CUSTOMER))
    turns.insert(at + 2, Turn("agent", s, s, HOSTILE_AGENT))
    return replace(t, turns=tuple(turns))


def text_contacts(personas: Sequence[Persona], n: int, mondays: Sequence[date], out_dir: Path,
                  rng: random.Random, seed: int, hostile_agent: str) -> list[list[Any]]:
    """Write `n` generated text transcripts into `out_dir`; return their metadata rows (META_COLUMNS).
    The `hostile_agent`'s two newest chats in the report week carry the hostile text."""
    contacts = list(generate_centre_contacts(personas, n, seed=seed))
    # a growing centre: the report week holds about a quarter of the contacts, so every agent has
    # enough of them on most criteria for a focus point, and the weeks before give the trend
    times = spread_times(rng, len(contacts), mondays, growth=1.3)
    rng.shuffle(times)
    last_week_end = datetime.combine(mondays[-1] + timedelta(days=6), time(19, 50), tzinfo=LOCAL_TZ)
    hostile = [k for k, t in enumerate(contacts) if t.agent_id == hostile_agent and t.channel == "chat"][:2]
    rows: list[list[Any]] = []
    for k, (t, started) in enumerate(zip(contacts, times)):
        if k in hostile:  # the newest of that agent's contacts: a report quotes recent evidence first
            t, started = _hostile(t), last_week_end + timedelta(minutes=hostile.index(k))
        t = replace(t, started_at=started.isoformat())
        dump_transcript(t, out_dir / f"{t.contact_id}.json")
        wait = round(rng.expovariate(1 / 25), 1) if t.channel == "phone" else round(rng.uniform(5, 300), 1)
        rows.append([t.contact_id, "", t.agent_id, t.agent_name, t.team, t.channel, t.language,
                     started.isoformat(), t.organisation or "", "algemeen", wait, t.duration_s or "", "false"])
    return rows


def abandoned_rows(n: int, mondays: Sequence[date], rng: random.Random) -> list[list[Any]]:
    """Calls the customer hung up on before an agent answered (no transcript, no agent)."""
    return [[f"ab-{i:05d}", "", "", "", "", "phone", rng.choice(["nl", "nl", "en", "fr", "es"]),
             started.isoformat(), "Gemeente Utrecht", "algemeen", round(rng.uniform(40, 400), 1), "", "true"]
            for i, started in enumerate(spread_times(rng, n, mondays))]


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _read_results(results: Path) -> list[dict]:
    with results.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


_COMMENTS = ["", "", "", "Fijn geholpen.", "Duurde lang voordat ik iemand sprak.", "Heel vriendelijk, dank u.",
             "Ik weet nog steeds niet wanneer ik iets hoor.", "Very helpful, thank you.", "Merci, très clair."]


def surveys(out: Path, results: Path, meta_rows: Sequence[Sequence[Any]], rng: random.Random,
            rate: float) -> list[Path]:
    """Survey exports whose scores follow the QA outcome: Qualtrics CSV, Dutch CSV, SurveyMonkey XLSX."""
    overall = {r["contact_id"]: r["score"] for r in _read_results(results)
               if r["criterion"] == "overall" and r["score"] is not None}
    files: list[list[FakeResponse]] = [[], [], []]
    hostile_done = False
    for row in meta_rows:
        cid, agent_id, started, wait, abandoned = row[0], row[2], row[7], row[10], row[12]
        if abandoned == "true" or cid not in overall or rng.random() > rate:
            continue
        wait_penalty = min(float(wait or 0) / 120.0, 1.5)
        csat = round(min(10, max(1, 4.5 + 5.0 * overall[cid] - wait_penalty + rng.gauss(0, 1.0))))
        nps = round(min(10, max(0, csat + rng.gauss(-0.5, 1.3))))
        submitted = (datetime.fromisoformat(started) + timedelta(hours=rng.uniform(0.5, 30))).replace(tzinfo=None)
        items = {i: max(1, min(5, round(csat / 2 + rng.gauss(0, 0.7)))) for i in ITEMS}
        known = rng.random() > 0.15  # some invitations lost the contact id: linked by agent + time
        comment = rng.choice(_COMMENTS)
        if not hostile_done and csat <= 5:
            comment, hostile_done = "<img src=x onerror=alert(1)> {{ 7*7 }} slecht geholpen", True
        k = rng.choices((0, 1, 2), weights=(5, 4, 2))[0]
        files[k].append(FakeResponse(contact_id=cid if known else None, agent=agent_id, submitted=submitted,
                                     csat=csat if k != 2 else max(1, round(csat / 2)), nps=nps,
                                     comment=comment, items=items))
    # What real exports contain too: a score outside the scale and an unknown contact.
    files[1].append(FakeResponse(contact_id="c-999999", agent="a-01", submitted=datetime(2026, 11, 2, 10),
                                 csat=8, nps=9))
    # (its only score: a bad value beside a good one would drop just that value, the row kept)
    files[1].append(FakeResponse(contact_id=str(meta_rows[0][0]), agent=None, submitted=datetime(2026, 11, 2, 11),
                                 csat=14, nps=None))
    return [write_qualtrics_csv(out / "qualtrics_export.csv", files[0]),
            write_dutch_csv(out / "enquete_export.csv", files[1]),
            write_surveymonkey_xlsx(out / "surveymonkey_export.xlsx", files[2], csat_scale=5)]


def human_grades(path: Path, results: Path, rng: random.Random, *, sample: float = 0.35,
                 disagree: float = 0.06, disputed: str = DISPUTED_CRITERION, disputed_rate: float = 0.4) -> Path:
    """`evaluations.csv` for calibration: two analysts' grades of a sample of the scored contacts.
    They flip the automatic outcome with chance `disagree`, and `disputed_rate` on `disputed`."""
    recs = [r for r in _read_results(results) if r["criterion"] != "overall" and r["outcome"] in ("pass", "fail")]
    contacts = sorted({r["contact_id"] for r in recs})
    chosen = set(rng.sample(contacts, max(1, int(len(contacts) * sample))))
    # where the automatic outcome never varies (every contact passes) the graders agree too: a
    # kappa needs variation, and a constant criterion is not what the demo's calibration is about
    seen: dict[str, set[str]] = {}
    for r in recs:
        seen.setdefault(r["criterion"], set()).add(r["outcome"])
    graders = ("qa-marloes", "qa-jeroen")
    rows = []
    for r in recs:
        if r["contact_id"] not in chosen:
            continue
        flip = len(seen[r["criterion"]]) > 1 and rng.random() < (
            disputed_rate if r["criterion"] == disputed else disagree)
        outcome = {"pass": "fail", "fail": "pass"}[r["outcome"]] if flip else r["outcome"]
        rows.append([r["contact_id"], r["criterion"], outcome, graders[sum(map(ord, r["contact_id"])) % 2]])
    return write_csv(path, ["contact_id", "criterion", "outcome", "grader"], rows)
