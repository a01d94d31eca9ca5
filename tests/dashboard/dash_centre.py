"""A small generated contact centre for the dashboard tests, built with the real stages: generated
transcripts (synth.contacts), scored by qa, surveys written as a survey tool exports them, a roster,
all ingested by `warehouse.ingest`; one recording as a WAV under an audio folder; users of every
role in the operational store.

Teams and agents: team-noord = a-01 Anna Noordhof (the signed-in agent of the tests), a-02 Bram
Noordman; team-zuid = a-03 Chris Zuidema, a-04 Dana Zuidhof. Each agent's contacts carry the
agent's name in their greeting, so a leak of a colleague's data shows as their name. One chat of
a-03 holds hostile text (script tags, HTML, template braces).
"""
from __future__ import annotations

import json
import math
import struct
import wave
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from meeluister.records import Turn, dump_transcript

AGENTS = {"a-01": ("Anna Noordhof", "team-noord"), "a-02": ("Bram Noordman", "team-noord"),
          "a-03": ("Chris Zuidema", "team-zuid"), "a-04": ("Dana Zuidhof", "team-zuid")}
HOSTILE = "<script>alert('xss')</script> <b>vet</b> <img src=x onerror=alert(1)> {{ 7*7 }} ${7*7}"
HOSTILE_ID = "hostile-001"
AUDIO_ID = "rec-a01-001"  # a phone call of a-01 with a recording
PASSWORD = "test password 123"
START = datetime(2026, 11, 2, 9, 0)  # Monday of ISO week 45
USERS = {  # username: (role, agent_id, teams)
    "anna": ("agent", "a-01", ()), "chris": ("agent", "a-03", ()),
    "tl-noord": ("team_leader", None, ("team-noord",)), "tl-zuid": ("team_leader", None, ("team-zuid",)),
    "trainer": ("trainer", None, ()), "mgmt": ("management", None, ()), "admin": ("admin", None, ()),
}


@dataclass(frozen=True)
class Centre:
    root: Path
    db: Path
    audio_root: Path
    contacts: dict[str, str]  # contact_id -> agent_id
    days: dict[str, str]      # contact_id -> local day (YYYY-MM-DD)


def _wav(path: Path, seconds: float = 6.0, rate: int = 8000) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                          for i in range(int(seconds * rate)))
        w.writeframes(frames)


def build_centre(root: Path, per_agent: int = 14) -> Centre:
    from qa.batch import score_files
    from synth.contacts import generate_contacts
    from synth.surveys import FakeResponse, write_qualtrics_csv
    import warehouse

    tdir = root / "transcripts"
    tdir.mkdir(parents=True)
    audio_root = root / "audio"
    audio_root.mkdir()
    contacts: dict[str, str] = {}
    days: dict[str, str] = {}
    gen = list(generate_contacts(per_agent * len(AGENTS), seed=11))
    agent_ids = sorted(AGENTS)
    for i, t in enumerate(gen):
        aid = agent_ids[i % len(agent_ids)]
        name, team = AGENTS[aid]
        started = START + timedelta(days=(i // len(agent_ids)) * 2, hours=i % 8)
        cid = f"c-{aid}-{i:03d}"
        first = Turn("agent", 0.0 if t.turns[0].start is not None else None,
                     2.0 if t.turns[0].start is not None else None,
                     f"Goedemorgen, u spreekt met {name}." if t.language == "nl" else f"Good morning, this is {name}.")
        shift = 2.5 if t.turns[0].start is not None else None
        turns = (first,) + tuple(replace(x, start=x.start + shift, end=x.end + shift) if shift else x for x in t.turns)
        t = replace(t, contact_id=cid, agent_id=aid, agent_name=name, team=team, turns=turns,
                    started_at=started.isoformat() + "+01:00", duration_s=(t.duration_s or 0) + 2.5 if shift else None)
        dump_transcript(t, tdir / f"{cid}.json")
        contacts[cid], days[cid] = aid, started.date().isoformat()
    extra = [
        (AUDIO_ID, "a-01", "phone", [("agent", 0.0, 2.0, "Goedemorgen, u spreekt met Anna Noordhof."),
                                      ("customer", 2.5, 5.0, "Met Jan de Vries, ik bel over mijn paspoort."),
                                      ("agent", 5.5, 6.0, "Ik stuur u een linkje, er wordt contact met u opgenomen.")]),
        (HOSTILE_ID, "a-03", "chat", [("agent", 0.0, 3.0, "Goedemiddag, u spreekt met Chris Zuidema."),
                                       ("customer", 4.0, 9.0, HOSTILE),
                                       ("agent", 10.0, 12.0, "Dank u, er wordt contact met u opgenomen.")]),
    ]
    for k, (cid, aid, ch, lines) in enumerate(extra):
        name, team = AGENTS[aid]
        started = START + timedelta(days=3, hours=k + 1)
        doc = {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": ch, "language": "nl",
               "organisation": "Gemeente Teststad", "agent_id": aid, "agent_name": name,
               "started_at": started.isoformat() + "+01:00", "duration_s": 12.0,
               "turns": [{"speaker": s, "start": a, "end": b, "text": x} for s, a, b, x in lines]}
        (tdir / f"{cid}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        contacts[cid], days[cid] = aid, started.date().isoformat()
    _wav(audio_root / f"{AUDIO_ID}.wav")

    results = root / "results.jsonl"
    score_files([tdir], results, "municipality")
    overall = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["criterion"] == "overall":
            overall[r["contact_id"]] = r["score"] or 0.0
    responses = []
    for n, cid in enumerate(sorted(contacts)):
        if n % 3 == 2:
            continue
        csat = max(1, min(10, round(4 + 6 * overall.get(cid, 0.5) - (n % 4) * 0.5)))
        comment = f"Geholpen door {AGENTS[contacts[cid]][0]}"
        responses.append(FakeResponse(cid, None, datetime.fromisoformat(days[cid]) + timedelta(hours=20), csat,
                                      min(10, csat + (n % 3) - 1), comment, {}, response_id=f"R_{n:04d}"))
    surveys = write_qualtrics_csv(root / "qualtrics.csv", responses, csat_scale=10)
    roster = root / "roster.csv"
    roster.write_text("agent_id,agent_name,team,valid_from,valid_to\n" + "".join(
        f"{a},{n},{t},2026-01-01,\n" for a, (n, t) in sorted(AGENTS.items())), encoding="utf-8")
    from signals.batch import classify_files

    reasons = root / "reasons.jsonl"  # contact reasons (signals), for the signals page
    classify_files([tdir], reasons)
    db = root / "wh.duckdb"
    warehouse.ingest(db, transcripts=tdir, results=results, surveys=[surveys], roster=roster, reasons=reasons)
    return Centre(root, db, audio_root, contacts, days)


def add_users(store) -> None:
    from opstore.users import add_user

    for username, (role, agent_id, teams) in USERS.items():
        add_user(store, username, PASSWORD, role, agent_id=agent_id, teams=teams)
