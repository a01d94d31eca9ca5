"""A small generated contact centre, loaded with the real `warehouse.ingest` (tests, benchmark).

`build_centre(root, ...)` writes transcripts (JSON), QA results (JSONL), a roster (CSV) and a
survey export (CSV, the Dutch layout: `;`, "Rapportcijfer (1-10)") and ingests them. Agents have a
seeded pass probability per criterion; agent `weak_agent` fails `weak_criterion` far more often
than the team. Every agent quote carries a code unique to its contact ("kenmerk KQ-ABC"), so a
test can find a contact's quotes in a report. Every agent's first contact of a week is a chat with hostile text; other chats carry it now and then (HTML, a script
tag, a template expression) in the customer's turn and in the agent's quoted next step. Phone
contacts can get a recording (stereo-free mono WAV, 8 kHz) with a customer phone number spoken
in turn 1, whose words have timings (the customer introduces themselves: "Met Henk Jansen").
The hostile chat is each agent's latest contact of the week (and a fail of `weak_criterion` for
`weak_agent`), with the highest confidence, so reports pick it as evidence first.
"""
from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

PERIOD = "2026-W47"  # the reported week of the tests


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_plain(pdf: Path) -> str:
    """The PDF's text with whitespace collapsed (line breaks inside a sentence joined)."""
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils (pdftotext, pdftoppm) not installed")



CRITERIA = ("own_name_greeting", "nivea", "diminutives", "hold_etiquette", "next_steps",
            "clarifying_questions")
HOSTILE = "<script>alert('x')</script> <b>vet</b> {{ 7*7 }} &amp;"
_FIRST = ["Sanne", "Ruud", "Fleur", "Thomas", "Inge", "Lucia", "Camille", "Youssef", "Priya", "Kevin"]
_LAST = ["de Vries", "Jansen", "Bakker", "Kuipers", "Smit", "Martens", "Lefevre", "Benali"]
_SR = 8000


def code(i: int) -> str:
    """A per-contact code word, pronounceable, never touched by redaction."""
    letters = "BCDFGHJKLMNPRSTVWXZ"
    s = ""
    for _ in range(3):
        s += letters[i % len(letters)]
        i //= len(letters)
    return f"KQ-{s}"


@dataclass(frozen=True)
class Centre:
    root: Path
    db: Path
    agents: dict[str, tuple[str, str]]  # agent_id -> (name, team)
    contacts: dict[str, dict] = field(default_factory=dict)  # contact_id -> transcript doc
    results: dict[tuple[str, str], dict] = field(default_factory=dict)  # (contact, criterion) -> result
    surveys: dict[str, tuple[float, int]] = field(default_factory=dict)  # contact -> (csat, nps)

    def agent_contacts(self, agent_id: str) -> list[str]:
        return [c for c, d in self.contacts.items() if d["agent_id"] == agent_id]


def week_monday(iso_week: str) -> date:
    y, w = iso_week.split("-W")
    return date.fromisocalendar(int(y), int(w), 1)


def _turns(i: int, lang: str, channel: str, agent_first: str, crit_out: dict[str, str],
           hostile: bool) -> list[dict]:
    k = code(i)
    nl = lang == "nl"
    greet = (f"Goedemorgen, u spreekt met {agent_first}, kenmerk {k}." if nl else
             f"Good morning, you are speaking with {agent_first}, reference {k}.") \
        if crit_out["own_name_greeting"] == "pass" else \
        (f"Goedemorgen, gemeente Breda, kenmerk {k}." if nl else f"Good morning, Breda council, reference {k}.")
    cust = ("Met Henk Jansen. Ik bel over mijn paspoort, mijn nummer is 06 12345678." if nl else
            "This is Henk Jansen. I am calling about my passport, my number is 06 12345678.")
    if hostile:
        cust = f"Hallo {HOSTILE} ik heb een vraag over mijn paspoort."
    clarify = (f"Voor wanneer heeft u het nodig, kenmerk {k}?" if nl else f"When do you need it, reference {k}?") \
        if crit_out["clarifying_questions"] == "pass" else (f"Oke, kenmerk {k}." if nl else f"Okay, reference {k}.")
    nivea = (f"Dus u belt zeker over de verlenging, kenmerk {k}." if nl else f"So you are surely calling about the renewal, reference {k}.") \
        if crit_out["nivea"] == "fail" else (f"Vertelt u het maar, kenmerk {k}." if nl else f"Please go on, reference {k}.")
    hold = (f"Mag ik u twee minuten in de wacht zetten, kenmerk {k}?" if nl else f"May I put you on hold for two minutes, reference {k}?") \
        if crit_out["hold_etiquette"] == "pass" else (f"Even kijken, kenmerk {k}." if nl else f"Hold on, reference {k}.")
    dim = (f"Ik stuur u een mailtje, kenmerk {k}." if nl else f"I will send you a quick email, reference {k}.") \
        if crit_out["diminutives"] == "fail" else (f"Ik stuur u een e-mail, kenmerk {k}." if nl else f"I will send you an e-mail, reference {k}.")
    nxt = (f"U krijgt binnen vijf werkdagen een brief, kenmerk {k}." if nl else f"You will get a letter within five working days, reference {k}.") \
        if crit_out["next_steps"] == "pass" else (f"Er wordt contact met u opgenomen, kenmerk {k}." if nl else f"Someone will contact you, reference {k}.")
    if hostile:
        nxt = f"U schreef: {HOSTILE} kenmerk {k}."
    lines = [("agent", greet), ("customer", cust), ("agent", nivea), ("agent", clarify), ("agent", hold),
             ("agent", dim), ("agent", nxt), ("customer", "Dank u wel." if nl else "Thank you.")]
    turns, t = [], 0.0
    for spk, text in lines:
        dur = round(0.3 * len(text.split()) + 0.4, 2)
        if channel == "email":
            turns.append({"speaker": spk, "start": None, "end": None, "text": text})
            continue
        turn = {"speaker": spk, "start": round(t, 2), "end": round(t + dur, 2), "text": text}
        if spk == "customer" and channel == "phone":
            words, step, wt = text.split(), dur / max(1, len(text.split())), t
            turn["words"] = [{"w": w, "start": round(wt + j * step, 3), "end": round(wt + (j + 1) * step, 3), "p": 0.9}
                             for j, w in enumerate(words)]
        turns.append(turn)
        t += dur + 0.4
    return turns


# Which turn holds each criterion's evidence (index into the turns above).
EVIDENCE_TURN = {"own_name_greeting": 0, "nivea": 2, "clarifying_questions": 3, "hold_etiquette": 4,
                 "diminutives": 5, "next_steps": 6}


def _wav(path: Path, turns: list[dict]) -> None:
    import soundfile as sf

    end = max(t["end"] for t in turns) + 0.5
    x = np.zeros(int(end * _SR), dtype=np.float32)
    for j, t in enumerate(turns):
        a, b = int(t["start"] * _SR), int(t["end"] * _SR)
        f = 220.0 if t["speaker"] == "agent" else 330.0
        x[a:b] = 0.3 * np.sin(2 * np.pi * f * np.arange(b - a) / _SR)
    sf.write(str(path), x, _SR, subtype="PCM_16")


def build_centre(root: Path, *, n_agents: int = 6, teams: tuple[str, ...] = ("T1",),
                 weeks: tuple[str, ...] = ("2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"),
                 per_agent_week: int = 8, seed: int = 0, weak_agent: str = "a-01",
                 weak_criterion: str = "next_steps", hostile_every: int = 7, audio: bool = False,
                 survey_share: float = 0.6, ingest: bool = True, history_per_agent_week: int | None = None) -> Centre:
    """`history_per_agent_week`: contacts per agent in the weeks before the last (default: the same)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    tdir = root / "transcripts"
    tdir.mkdir(exist_ok=True)
    adir = root / "audio"
    if audio:
        adir.mkdir(exist_ok=True)
    agents = {f"a-{k + 1:02d}": (f"{_FIRST[k % len(_FIRST)]} {_LAST[(k * 3) % len(_LAST)]}", teams[k % len(teams)])
              for k in range(n_agents)}
    skill = {a: {c: rng.uniform(0.7, 0.95) for c in CRITERIA} for a in agents}
    skill[weak_agent][weak_criterion] = 0.15
    centre = Centre(root, root / "wh.duckdb", agents)
    res_lines, survey_rows, i = [], [], 0
    for week in weeks:
        monday = week_monday(week)
        for a, (name, team) in agents.items():
            n_week = per_agent_week if week == weeks[-1] or history_per_agent_week is None else history_per_agent_week
            for j in range(n_week):
                cid = f"c-{i:06d}"
                lang = "nl" if rng.random() < 0.8 else "en"
                channel = "chat" if j == 0 else rng.choice(["phone"] * 6 + ["chat", "email"])
                started = datetime.combine(monday + timedelta(days=j % 5), datetime.min.time()) + \
                    timedelta(hours=9 + j % 7, minutes=rng.randrange(60))
                outs = {c: ("pass" if rng.random() < skill[a][c] else "fail") for c in CRITERIA}
                if j == 0:  # the week's hostile chat: the latest contact, a fail on the weak agent's weak spot
                    started = datetime.combine(monday + timedelta(days=6), datetime.min.time()) + timedelta(hours=20)
                    if a == weak_agent:
                        outs[weak_criterion] = "fail"
                if channel == "email":
                    outs["hold_etiquette"] = "n/a"
                hostile = channel == "chat" and (j == 0 or i % hostile_every == 0)
                turns = _turns(i, lang, channel, name.split()[0], outs, hostile)
                doc = {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": channel,
                       "language": lang, "organisation": "Gemeente Breda", "agent_id": a, "agent_name": name,
                       "team": team, "started_at": started.isoformat() + "+01:00",
                       "duration_s": None if channel == "email" else turns[-1]["end"], "turns": turns}
                if audio and channel == "phone":
                    wav = adir / f"{cid}.wav"
                    _wav(wav, turns)
                    doc["audio"] = str(wav)
                (tdir / f"{cid}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
                centre.contacts[cid] = doc
                applicable = []
                for c in CRITERIA:
                    o = outs[c]
                    ti = EVIDENCE_TURN[c]
                    t = turns[ti]
                    ev = [] if o == "n/a" else [{"turn": ti, "start": t["start"], "end": t["end"],
                                                  "quote": t["text"], "term": "mailtje" if c == "diminutives" and o == "fail" else None}]
                    r = {"contact_id": cid, "criterion": c, "outcome": o,
                         "score": {"pass": 1.0, "fail": 0.0}.get(o), "count": len(ev) if c == "diminutives" else None,
                         "evidence": ev, "reason": f"{c}: {o}", "measures": {}, "scorecard": "test@1",
                         "confidence": 0.999 if hostile else round(rng.uniform(0.6, 0.99), 3), "needs_review": False}
                    res_lines.append(json.dumps(r, ensure_ascii=False))
                    centre.results[(cid, c)] = r
                    if o != "n/a":
                        applicable.append(o == "pass")
                score = sum(applicable) / len(applicable)
                res_lines.append(json.dumps({"contact_id": cid, "criterion": "overall", "outcome": "pass" if score >= .7 else "fail",
                                             "score": score, "scorecard": "test@1"}))
                if rng.random() < survey_share:
                    csat = max(1, min(10, round(4 + 6 * score + rng.uniform(-1.5, 1.0))))
                    nps = max(0, min(10, csat + rng.choice((-1, 0, 1))))
                    centre.surveys[cid] = (float(csat), nps)
                    survey_rows.append([f"R{i:06d}", cid, a, (started + timedelta(hours=3)).strftime("%d-%m-%Y %H:%M"),
                                        str(csat), str(nps), "Prima"])
                i += 1
    results = root / "results.jsonl"
    results.write_text("\n".join(res_lines) + "\n", encoding="utf-8")
    roster = root / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["agent_id", "agent_name", "team", "valid_from", "valid_to"])
        for a, (name, team) in agents.items():
            w.writerow([a, name, team, "2026-01-01", ""])
    surveys = root / "enquete.csv"
    with surveys.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Antwoord id", "Contactnummer", "Medewerker", "Datum ingevuld", "Rapportcijfer (1-10)",
                    "Hoe waarschijnlijk is het dat u ons aanbeveelt (0-10)?", "Opmerking"])
        w.writerows(survey_rows)
    if ingest:
        from warehouse import ingest as _ingest

        _ingest(centre.db, transcripts=tdir, results=results, roster=roster, surveys=[surveys])
    return centre
