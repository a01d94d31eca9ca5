"""The every-path privacy test (issue 9): the same personal data, in nl, en, fr and es, sent
through every path a person could read it on, and found readable on none of them.

Personal data (customer turn, evidence quotes, result reasons, contact-reason evidence, survey
comments): BSN, IBAN, phone, e-mail, postcode with house number, date of birth and the customer's
name. Paths: file ingest and bulk ingest (DB file, lake, snapshot: every byte and every decoded
value), coaching reports (HTML, and PDF text through pdftotext), example pages and clips (the
clip silent over every personal word: real espeak-ng speech, word timings known), dashboard pages
and callbacks rendered with the app's test client for a signed-in team leader, trainer and agent
(and the recording it streams), and exports (dashboard CSV, `meeluister stats`, `meeluister
signals` JSONL/CSV/HTML). Amounts, times, appointment dates and case numbers must survive.

Not scanned, by design: the pipeline's own intermediate files (transcript JSON, QA results JSONL,
reasons JSONL, survey exports) are the inputs the warehouse redacts; they are the data as said.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

pytestmark = pytest.mark.slow

NAME = ("Jorien", "Kwakernaak")
PII = {  # kind -> (forms that must never be readable, anywhere)
    "bsn": ("111222333", "111 222 333"),
    "iban": ("NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "0417164300"),
    "phone": ("0612345678", "06 12 34 56 78", "+31 6 12345678", "+31612345678", "12345678"),
    "email": ("jorien.kwakernaak@example.nl", "jorien.kwakernaak@example.com", "jorien.kwakernaak@example.fr",
              "jorien.kwakernaak@example.es"),
    "postcode": ("4811 AB", "4811AB"),
    "dob": ("12-03-1984", "12 maart 1984", "12 March 1984", "12 mars 1984", "12 de marzo de 1984"),
    "name": NAME,
}
# Spoken forms, as speech recognition writes them, said after the written ones (same turn):
# language -> (kind, lead-in, the personal data as said).
SPOKEN = {
    "nl": ("bsn", "mijn burgerservicenummer is", "een een een twee twee twee drie drie drie"),
    "en": ("phone", "again that is", "zero six one two three four five six seven eight"),
    "fr": ("phone", "je répète", "zéro six douze trente-quatre cinquante-six soixante-dix-huit"),
    "es": ("phone", "repito", "cero seis doce treinta y cuatro cincuenta y seis setenta y ocho"),
}
SPOKEN_EMAIL = {
    "nl": ("of", "jorien punt kwakernaak apenstaartje example punt nl"),
    "en": ("or", "jorien dot kwakernaak at example dot com"),
    "fr": ("ou", "jorien point kwakernaak arobase example point fr"),
    "es": ("o", "jorien punto kwakernaak arroba example punto es"),
}
for _kind, _lead, _said in SPOKEN.values():
    w = _said.split()
    PII[_kind] += (_said, " ".join(w[:3]), " ".join(w[-2:]))  # whole, and no piece left behind
for _lead, _said in SPOKEN_EMAIL.values():
    w = _said.split()
    PII["email"] += (_said, " ".join(w[1:4]), " ".join(w[3:6]))


SURVIVE = ("45,50", "14:30", "ZK-48213")  # amounts, times, case numbers (+ the appointment date per language)

CUSTOMER = {
    "nl": "Mijn naam is Jorien Kwakernaak , mijn BSN is 111222333 , rekening NL91ABNA0417164300 , bel 0612345678 "
          "of mail jorien.kwakernaak@example.nl , postcode 4811 AB 12 , geboren op 12-03-1984 .",
    "en": "My name is Jorien Kwakernaak , my citizen service number is 111222333 , account NL91ABNA0417164300 , "
          "call +31 6 12345678 or mail jorien.kwakernaak@example.com , postcode 4811 AB 12 , born 12 March 1984 .",
    "fr": "Je m'appelle Jorien Kwakernaak , mon BSN est 111222333 , compte NL91ABNA0417164300 , appelez le "
          "06 12 34 56 78 ou jorien.kwakernaak@example.fr , code postal 4811 AB 12 , née le 12 mars 1984 .",
    "es": "Me llamo Jorien Kwakernaak , mi BSN es 111222333 , cuenta NL91ABNA0417164300 , llame al +31612345678 "
          "o jorien.kwakernaak@example.es , código postal 4811 AB 12 , nacida el 12 de marzo de 1984 .",
}
AGENT = {
    "nl": ("Goedemorgen, u spreekt met {agent}.", "De afspraak is op 3 december 2026 om 14:30, u betaalt 45,50 euro, "
           "zaaknummer ZK-48213. U krijgt binnen vijf werkdagen een brief.", "3 december 2026"),
    "en": ("Good morning, you are speaking with {agent}.", "Your appointment is on 3 December 2026 at 14:30, you pay "
           "45,50 euro, case number ZK-48213. You will get a letter within five working days.", "3 December 2026"),
    "fr": ("Bonjour, vous parlez avec {agent}.", "Votre rendez-vous est le 3 décembre 2026 à 14:30, vous payez "
           "45,50 euros, dossier ZK-48213. Vous recevrez une lettre dans cinq jours ouvrables.", "3 décembre 2026"),
    "es": ("Buenos días, habla con {agent}.", "Su cita es el 3 de diciembre de 2026 a las 14:30, paga 45,50 euros, "
           "expediente ZK-48213. Recibirá una carta en cinco días hábiles.", "3 de diciembre de 2026"),
}
AGENTS = {"a-01": ("Sanne de Vries", "T1"), "a-02": ("Ruud Bakker", "T1")}
WEEK_MONDAY = datetime(2026, 11, 16, 9, 0)
PERIOD = "2026-W47"
CRITERIA = ("room_for_emotion", "next_steps", "clarifying_questions")


@functools.lru_cache(maxsize=None)
def _speech(words: tuple[str, ...], lang: str, t0: float, sr: int) -> tuple[np.ndarray, list[dict]]:
    """espeak-ng speech, one word at a time, with the exact times of every word (the same
    sentence is spoken once per language)."""
    from synth.calls import CUSTOMER_VOICE, speak

    parts, out, t = [], [], t0
    gap = np.zeros(int(0.08 * sr), np.float32)
    for w in words:
        x = speak(w if w != "," else "komma", lang, CUSTOMER_VOICE) if w not in (",", ".") else np.zeros(int(0.1 * sr), np.float32)
        if w not in (",", "."):
            out.append({"w": w, "start": round(t, 4), "end": round(t + len(x) / sr, 4), "p": 0.9})
        parts += [x, gap]
        t += (len(x) + len(gap)) / sr
    return np.concatenate(parts), out


def _contacts(root: Path) -> list[dict]:
    """Transcript documents (phone calls with audio, and chats) written under root/transcripts."""
    import soundfile as sf

    from meeluister.io import SAMPLE_RATE as sr

    tdir, adir = root / "transcripts", root / "audio"
    tdir.mkdir(parents=True)
    adir.mkdir()
    docs, i = [], 0
    for lang in ("nl", "en", "fr", "es"):
        for agent_id, (agent_name, team) in AGENTS.items():
            for channel in ("phone", "chat"):
                cid = f"p-{lang}-{agent_id}-{channel}"
                greet, steps, _ = AGENT[lang]
                greet = greet.format(agent=agent_name.split()[0])
                started = WEEK_MONDAY + timedelta(days=i % 5, hours=i % 7)
                i += 1
                cust_words = (f"{CUSTOMER[lang]} {SPOKEN[lang][1]} {SPOKEN[lang][2]} , "
                              f"{' '.join(SPOKEN_EMAIL[lang])} .").split()
                text = " ".join(cust_words).replace(" ,", ",").replace(" .", ".")
                turns = [{"speaker": "agent", "start": 0.0, "end": 2.0, "text": greet}]
                doc = {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": channel, "language": lang,
                       "organisation": "Gemeente Breda", "agent_id": agent_id, "agent_name": agent_name,
                       "team": team, "started_at": started.isoformat() + "+01:00",
                       "customer_name": " ".join(NAME)}  # the customer's name known from metadata
                if channel == "phone":
                    audio, words = _speech(tuple(cust_words), lang, 2.5, sr)
                    words = [dict(w) for w in words]
                    end = 2.5 + len(audio) / sr
                    turns.append({"speaker": "customer", "start": 2.5, "end": round(end, 3), "text": text, "words": words})
                    turns.append({"speaker": "agent", "start": round(end + 0.5, 3), "end": round(end + 6.5, 3), "text": steps})
                    turns.append({"speaker": "customer", "start": round(end + 7, 3), "end": round(end + 8, 3), "text": "Dank u."})
                    x = np.zeros(int((end + 8.5) * sr), np.float32)
                    x[int(2.5 * sr): int(2.5 * sr) + len(audio)] = audio
                    for a, b in ((0.0, 2.0), (end + 0.5, end + 6.5), (end + 7, end + 8)):  # the other turns: a tone
                        n = int((b - a) * sr)
                        x[int(a * sr): int(a * sr) + n] = 0.2 * np.sin(2 * np.pi * 220 * np.arange(n) / sr)
                    sf.write(str(adir / f"{cid}.wav"), x, sr, subtype="PCM_16")
                    doc["audio"] = f"../audio/{cid}.wav"  # relative to the transcript's folder
                    doc["duration_s"] = round(end + 8.5, 3)
                else:
                    turns += [{"speaker": "customer", "start": 3.0, "end": 9.0, "text": text},
                              {"speaker": "agent", "start": 10.0, "end": 16.0, "text": steps},
                              {"speaker": "customer", "start": 17.0, "end": 18.0, "text": "Dank u."}]
                    doc["duration_s"] = 18.0
                doc["turns"] = turns
                (tdir / f"{cid}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
                docs.append(doc)
    return docs


def _results(docs: list[dict], path: Path) -> None:
    lines = []
    for k, d in enumerate(docs):
        cust, steps = d["turns"][1], d["turns"][2]
        for j, c in enumerate(CRITERIA):
            ev_turn = steps if c == "next_steps" else cust
            outcome = "fail" if (k + j) % 2 == 0 else "pass"
            lines.append(json.dumps({
                "contact_id": d["contact_id"], "criterion": c, "outcome": outcome, "score": float(outcome == "pass"),
                "evidence": [{"turn": 2 if c == "next_steps" else 1, "start": ev_turn["start"], "end": ev_turn["end"],
                              "quote": ev_turn["text"], "term": "jorien.kwakernaak@example.nl" if c == "clarifying_questions" else None}],
                "reason": f"{c}: klant Jorien Kwakernaak gaf 0612345678 en NL91ABNA0417164300",
                "measures": {}, "scorecard": "test@1", "confidence": 0.95, "needs_review": False}, ensure_ascii=False))
        lines.append(json.dumps({"contact_id": d["contact_id"], "criterion": "overall", "outcome": "pass",
                                 "score": 0.5, "scorecard": "test@1"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _surveys(docs: list[dict], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Antwoord id", "Contactnummer", "Medewerker", "Datum ingevuld", "Rapportcijfer (1-10)",
                    "Hoe waarschijnlijk is het dat u ons aanbeveelt (0-10)?", "Opmerking"])
        for k, d in enumerate(docs):
            t = datetime.fromisoformat(d["started_at"]).replace(tzinfo=None) + timedelta(hours=2)
            w.writerow([f"R{k:04d}", d["contact_id"], d["agent_id"], t.strftime("%d-%m-%Y %H:%M"), str(6 + k % 5),
                        str(5 + k % 6), d["turns"][1]["text"]])


def _reasons(docs: list[dict], path: Path) -> None:
    path.write_text("\n".join(json.dumps({
        "contact_id": d["contact_id"], "reason": "paspoort", "confidence": 0.9, "taxonomy": "t@1",
        "evidence": [{"turn": 1, "start": None, "end": None, "quote": d["turns"][1]["text"], "term": "paspoort"}]},
        ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")


def _bulk(db: Path, docs: list[dict], root: Path) -> None:
    """The same contacts through the bulk path: lake-shaped Arrow tables."""
    from warehouse import ingest_tables
    from warehouse.sources import read_results, read_transcripts

    cb, tb = read_transcripts(root / "transcripts", "salt")
    rb = read_results(root / "results.jsonl")
    contacts = pa.Table.from_pylist(cb.rows)
    ingest_tables(db, contacts=contacts.drop_columns(["t_silence"]), turns=pa.Table.from_pylist(tb.rows),
                  results=pa.Table.from_pylist(rb.rows),
                  known_names={d["contact_id"]: [d["customer_name"]] for d in docs})  # the producer's metadata


def _texts_of_warehouse(db: Path) -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "warehouse"))
    from readable import texts_of_warehouse

    return texts_of_warehouse(db)


def _text_of_file(f: Path) -> str:
    raw = f.read_bytes()
    text = raw.decode("utf-8", errors="replace") + "\n" + raw.decode("latin-1")
    if f.suffix == ".pdf":
        text += subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, text=True, check=True).stdout
    return text


def _dashboard(db: Path, store_url: str, audio_root: Path, contacts: list[str]) -> dict[str, str]:
    """Every page and callback the dashboard renders, per signed-in role, as text; and the
    recordings it streams (role -> contact -> WAV bytes) under the key 'audio:<user>:<cid>'."""
    from dashboard import DashboardOptions, create_app
    from opstore import open_store
    from opstore.users import add_user

    store = open_store(store_url)
    add_user(store, "tl", "Wachtwoord-lang-genoeg-1", "team_leader", teams=["T1"])
    add_user(store, "trainer", "Wachtwoord-lang-genoeg-1", "trainer")
    add_user(store, "anna", "Wachtwoord-lang-genoeg-1", "agent", agent_id="a-01")
    app = create_app(DashboardOptions(db=db, store_url=store_url, audio_root=audio_root), store)
    out: dict[str, str] = {}
    paths = ["/", "/agent", "/team", "/library", "/management", *[f"/contact/{c}" for c in contacts]]
    for user in ("tl", "trainer", "anna"):
        client = app.server.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        r = client.post("/login", data={"username": user, "password": "Wachtwoord-lang-genoeg-1",
                                        "csrf_token": token, "next": "/"})
        assert r.status_code == 303, (user, r.status_code)
        deps = client.get("/_dash-dependencies").get_json()
        texts = []
        from dashcalls import payload

        def post(dep: dict, vals: dict) -> str:
            r = client.post("/_dash-update-component", data=json.dumps(payload(dep, vals)),
                            headers={"Content-Type": "application/json"})
            text = r.get_data(as_text=True)
            try:  # Dash answers JSON with non-ASCII escaped: scan the text as a person reads it
                return text + json.dumps(json.loads(text), ensure_ascii=False)
            except ValueError:
                return text

        for dep in deps:
            if any(i["id"] == "url" for i in dep["inputs"] + dep.get("state", [])):
                texts.extend(post(dep, {"url.pathname": p, "url.search": ""}) for p in paths)
            else:
                texts.append(post(dep, {}))
        for kind in ("contacts", "csat"):
            texts.append(client.get(f"/export/{kind}.csv").get_data(as_text=True))
        out[f"dashboard:{user}"] = "\n".join(texts)
        for c in contacts:
            r = client.get(f"/audio/{c}")
            if r.status_code == 200:
                out[f"audio:{user}:{c}"] = r.get_data()
    store.close()
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    if shutil.which("espeak-ng") is None or shutil.which("pdftotext") is None:
        pytest.skip("needs espeak-ng and pdftotext (Debian)")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "dashboard"))
    from typer.testing import CliRunner

    from meeluister.cli import app
    from warehouse import ingest

    root = tmp_path_factory.mktemp("privacy")
    docs = _contacts(root)
    _results(docs, root / "results.jsonl")
    _surveys(docs, root / "enquete.csv")
    _reasons(docs, root / "reasons.jsonl")
    roster = root / "roster.csv"
    roster.write_text("agent_id,agent_name,team,valid_from,valid_to\n"
                      + "".join(f"{a},{n},{t},2026-01-01,\n" for a, (n, t) in AGENTS.items()), encoding="utf-8")
    db = root / "wh" / "wh.duckdb"
    ingest(db, transcripts=root / "transcripts", results=root / "results.jsonl", roster=roster,
           surveys=[root / "enquete.csv"], reasons=root / "reasons.jsonl")
    bulk = root / "bulk" / "wh.duckdb"
    _bulk(bulk, docs, root)
    out = root / "out"
    run = CliRunner().invoke
    produced: dict[str, object] = {}
    r = run(app, ["report", "--db", str(db), "--period", PERIOD, "--out", str(out / "reports"), "--format", "html,pdf"])
    assert r.exit_code == 0, (r.output, repr(r.exception))
    for c in CRITERIA:
        for o in ("fail", "pass"):
            r = run(app, ["examples", "--db", str(db), "--criterion", c, "--outcome", o, "--limit", "20",
                          "--out", str(out / f"examples-{c}-{o}")])
            assert r.exit_code == 0, r.output
    for what in ("csat", "nps", "pass-rates", "qa-score", "agents"):
        r = run(app, ["stats", what, "--db", str(db), "--by", "language"])
        assert r.exit_code == 0, r.output
        produced[f"stats:{what}"] = r.output
    r = run(app, ["signals", "--db", str(db), "--out", str(out / "signals")])
    assert r.exit_code == 0, (r.output, r.exception)
    produced["signals:cli"] = r.output
    for f in sorted(p for p in out.rglob("*") if p.is_file() and p.suffix != ".wav"):
        produced[str(f.relative_to(root))] = _text_of_file(f)
    produced["warehouse:file"] = _texts_of_warehouse(db)
    produced["warehouse:bulk"] = _texts_of_warehouse(bulk)
    produced.update(_dashboard(db, f"sqlite:///{root / 'op.db'}", root / "audio",
                               [d["contact_id"] for d in docs if d["agent_id"] == "a-01"]))
    clips = sorted(out.rglob("clips/*.wav"))
    return {"root": root, "docs": docs, "produced": produced, "clips": clips, "db": db, "bulk": bulk}


def _leaks(world, forms) -> list[str]:
    found = []
    for where, text in world["produced"].items():
        if isinstance(text, bytes):
            continue
        for f in forms:
            if f in text and re.search(rf"(?<![\w@.]){re.escape(f)}(?![\w@])", text):
                found.append(f"{where}: {f!r}")
    return found


@pytest.mark.parametrize("kind", list(PII))
def test_no_personal_data_readable_on_any_path(world, kind):
    leaks = _leaks(world, PII[kind])
    assert not leaks, f"{kind} readable in:\n" + "\n".join(leaks[:40])


def test_every_path_was_produced(world):
    p = world["produced"]
    assert any(k.endswith(".pdf") for k in p) and any("reports" in k and k.endswith(".html") for k in p)
    assert any(k.startswith("out/examples") and k.endswith("index.html") for k in p)
    assert {"dashboard:tl", "dashboard:trainer", "dashboard:anna"} <= set(p)
    assert any(k.startswith("audio:") for k in p) and world["clips"]
    assert any(k.startswith("out/signals") for k in p)


def test_amounts_times_dates_and_case_numbers_survive(world):
    p = world["produced"]
    for where in ("warehouse:file", "warehouse:bulk", "dashboard:tl"):
        for s in SURVIVE:
            assert s in p[where], (where, s)
        for lang, (_, _, day) in AGENT.items():
            assert day in p[where], (where, day)
    reports = "\n".join(v for k, v in p.items() if "reports" in k and k.endswith(".html"))
    examples = "\n".join(v for k, v in p.items() if k.startswith("out/examples") and k.endswith(".html"))
    assert "ZK-48213" in reports and "ZK-48213" in examples and "14:30" in examples


def _silent(x: np.ndarray, sr: int, first: int, w: dict) -> bool:
    seg = x[max(0, int(np.floor(w["start"] * sr)) - first): int(np.ceil(w["end"] * sr)) - first]
    return len(seg) > 0 and not np.any(seg)


def _words_by_kind(words: list[dict]) -> dict[str, list[dict]]:
    """The customer's words that belong to each kind of personal data (a form's occurrence in the
    sentence), and under "" the rest (which must stay audible; the house number after the
    postcode and punctuation left out)."""
    text, spans, pos = "", [], 0
    for w in words:
        spans.append((pos, pos + len(w["w"])))
        text += w["w"] + " "
        pos += len(w["w"]) + 1
    out: dict[str, list[dict]] = {k: [] for k in PII}
    hit: set[int] = set()
    for kind, forms in PII.items():
        for f in forms:
            for m in re.finditer(re.escape(f), text):
                for k, (a, b) in enumerate(spans):
                    if a < m.end() and m.start() < b and words[k] not in out[kind]:
                        out[kind].append(words[k])
                        hit.add(k)
    after_postcode = {k + 1 for k, w in enumerate(words) if w["w"] == "AB"}
    out[""] = [w for k, w in enumerate(words) if k not in hit and k not in after_postcode and w["w"].strip(",.")]
    return out


def _recordings(world) -> list[tuple[str, str, np.ndarray, int, int]]:
    """(where, contact, samples, sample rate, first sample's index in the call) of every clip and stream."""
    import io

    import soundfile as sf

    from coaching.examples import ExampleOptions

    docs = {d["contact_id"]: d for d in world["docs"]}
    out = []
    for k, v in world["produced"].items():
        if k.startswith("audio:"):
            x, sr = sf.read(io.BytesIO(v), always_2d=True)
            out.append((k, k.split(":")[2], x[:, 0], sr, 0))
    for clip in world["clips"]:
        cid = clip.stem.split("-", 1)[1]
        crit = clip.parent.parent.name.split("-")[1]
        ev = docs[cid]["turns"][2 if crit == "next_steps" else 1]
        x, sr = sf.read(str(clip), always_2d=True)
        out.append((str(clip), cid, x[:, 0], sr, int(max(0.0, ev["start"] - ExampleOptions().clip_pad_s) * sr)))
    return out


@pytest.mark.parametrize("kind", [k for k in PII])
def test_recordings_are_silent_over_every_personal_word(world, kind):
    """Example clips and the dashboard's stream: every sample of every personal word is zero
    (espeak-ng speech, word times known)."""
    docs = {d["contact_id"]: d for d in world["docs"]}
    checked, loud = [], []
    for where, cid, x, sr, first in _recordings(world):
        words = _words_by_kind(docs[cid]["turns"][1]["words"])
        end = first + len(x)
        for w in words[kind]:
            if w["end"] * sr <= first or w["start"] * sr >= end:
                continue  # outside this clip
            checked.append(w["w"])
            if not _silent(x, sr, first, w):
                loud.append(f"{where}: {w['w']!r} at {w['start']:.2f}-{w['end']:.2f}")
    assert checked, f"no {kind} word inside any recording"
    assert not loud, f"{kind} audible in:\n" + "\n".join(loud[:30])


def test_recordings_keep_every_other_word_audible(world):
    """Only the personal words are silenced: the customer's other words are still there."""
    docs = {d["contact_id"]: d for d in world["docs"]}
    silenced = []
    for where, cid, x, sr, first in _recordings(world):
        for w in _words_by_kind(docs[cid]["turns"][1]["words"])[""]:
            a, b = int(w["start"] * sr) - first, int(w["end"] * sr) - first
            if a >= 0 and b <= len(x) and np.sqrt(np.mean(x[a:b] ** 2)) <= 0.003:
                silenced.append(f"{where}: {w['w']!r}")
    assert not silenced, "silenced without being personal:\n" + "\n".join(sorted(set(silenced))[:30])
