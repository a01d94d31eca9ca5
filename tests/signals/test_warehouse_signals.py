"""Signals through the warehouse, end to end with real files and a real DuckDB: transcripts ->
`meeluister reasons` -> `meeluister ingest --reasons` -> figures grouped by reason, spike alerts
and repeat contacts read through the query layer. The stream's answer is known: a passport spike
on one day in French over WhatsApp, and customers who call again after next_steps failed."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from meeluister.records import CriterionResult
from signals import ReasonOptions, SignalOptions, detect, repeat_by_reason, next_steps_effect
from signals.batch import classify_files
from signals.repeats import repeat_frame

warehouse = pytest.importorskip("warehouse")
from warehouse import Query, contact_reasons, csat, ingest, nps, open_snapshot, pass_rates  # noqa: E402

START = datetime(2026, 10, 1, tzinfo=timezone(timedelta(hours=2)))
SPIKE_DAY = 32
TEXTS = {
    "visa": ["Goedemiddag, ik wil een visum aanvragen voor mijn moeder.", "Hello, does my sister need a visa to visit us?"],
    "passport": ["Mijn paspoort verloopt volgende maand, hoe verleng ik het?", "I lost my passport, what should I do?"],
}
SPIKE_TEXT = "Bonjour, mon passeport expire le mois prochain, comment le renouveler ? Rappelez-moi au 0612345678."


def _doc(cid: str, at: datetime, lang: str, channel: str, text: str, customer: str) -> dict:
    return {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": channel, "language": lang,
            "organisation": "Ministerie van Buitenlandse Zaken", "agent_id": "a-01", "agent_name": "Sanne de Vries",
            "started_at": at.isoformat(), "duration_s": 180.0, "customer_id": customer,
            "turns": [{"speaker": "agent", "start": 0.0, "end": 3.0, "text": "Goedemiddag, u spreekt met Sanne."},
                      {"speaker": "customer", "start": 3.5, "end": 9.0, "text": text}]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("signals_wh")
    tdir = root / "transcripts"
    tdir.mkdir()
    rng = np.random.default_rng(3)
    contacts: list[dict] = []
    n = 0
    for d in range(35):
        for reason, k in (("visa", 6), ("passport", 6)):
            for _ in range(k):
                n += 1
                lang = "nl" if rng.random() < 0.6 else "en"
                text = TEXTS[reason][0 if lang == "nl" else 1]
                at = START + timedelta(days=d, hours=int(rng.integers(8, 17)), minutes=int(rng.integers(0, 60)))
                contacts.append({"cid": f"c-{n:05d}", "at": at, "lang": lang, "channel": "phone", "text": text,
                                 "customer": f"cust-{n:05d}", "reason": reason,
                                 # passport: next_steps fails for half; those customers call again 3 days later
                                 "next_steps": "fail" if (reason == "passport" and n % 2 == 0) else "pass"})
    for i in range(30):
        at = START + timedelta(days=SPIKE_DAY, hours=10, minutes=i)
        contacts.append({"cid": f"s-{i:03d}", "at": at, "lang": "fr", "channel": "whatsapp", "text": SPIKE_TEXT,
                         "customer": f"spike-{i:03d}", "reason": "passport", "next_steps": "pass"})
    repeats = []
    for c in contacts:
        if c["next_steps"] == "fail" and c["at"] + timedelta(days=3) < START + timedelta(days=35):
            repeats.append({**c, "cid": c["cid"] + "-r", "at": c["at"] + timedelta(days=3), "next_steps": "pass"})
    contacts += repeats
    for c in contacts:
        (tdir / f"{c['cid']}.json").write_text(json.dumps(_doc(c["cid"], c["at"], c["lang"], c["channel"], c["text"],
                                                               c["customer"])), encoding="utf-8")
    reasons = root / "reasons.jsonl"
    rep = classify_files([tdir], reasons, ReasonOptions(taxonomy="ministry"))
    # one reason line for a contact the warehouse does not know: quarantined
    with reasons.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"contact_id": "nobody", "reason": "visa", "confidence": 0.9, "evidence": [],
                             "taxonomy": "ministry@1"}) + "\n")
    results = root / "results.jsonl"
    with results.open("w", encoding="utf-8") as fh:
        for c in contacts:
            fh.write(json.dumps(CriterionResult(c["cid"], "next_steps", c["next_steps"]).to_dict()) + "\n")
            fh.write(json.dumps({"contact_id": c["cid"], "criterion": "overall", "outcome": "pass",
                                 "score": 1.0 if c["next_steps"] == "pass" else 0.5}) + "\n")
    from synth.surveys import FakeResponse, write_qualtrics_csv

    surveyed = [c for c in contacts if c["cid"].startswith("c-") and int(c["cid"][2:7]) % 4 == 0
                and not c["cid"].endswith("-r")]
    for c in surveyed:  # passport callers score 6 (detractors), visa callers 9 (promoters)
        c["csat"], c["nps"] = (6, 5) if c["reason"] == "passport" else (9, 10)
    survey_file = write_qualtrics_csv(root / "survey.csv", [
        FakeResponse(c["cid"], "a-01", (c["at"] + timedelta(hours=1)).replace(tzinfo=None), c["csat"], c["nps"],
                     response_id=f"R_{c['cid']}") for c in surveyed])
    db = root / "wh.duckdb"
    s1 = ingest(db, transcripts=tdir, results=results, reasons=reasons, surveys=[survey_file])
    s2 = ingest(db, reasons=reasons)
    return {"db": db, "contacts": contacts, "summary": s1, "again": s2, "classified": rep, "root": root,
            "surveyed": surveyed}


def test_reasons_ingested_idempotent_and_unknown_contacts_quarantined(built: dict) -> None:
    s1, s2 = built["summary"], built["again"]
    n = len(built["contacts"])
    assert built["classified"].contacts == n and built["classified"].other == 0
    assert s1.tables["contact_reasons"].added == built["classified"].records
    assert s1.tables["contact_reasons"].rejected == 1
    assert s1.rejected_by_reason.get("contact_reasons:unknown_contact") == 1
    assert (s2.tables["contact_reasons"].added, s2.tables["contact_reasons"].updated) == (0, 0)
    assert s2.tables["contact_reasons"].unchanged == built["classified"].records


def test_contact_reasons_reader_and_redacted_evidence(built: dict) -> None:
    con = open_snapshot(built["db"])
    try:
        df = contact_reasons(con, Query())
    finally:
        con.close()
    primary = df[df["rank"] == 0].set_index("contact_id")["reason"]
    want = {c["cid"]: c["reason"] for c in built["contacts"]}
    assert primary.to_dict() == want
    spike = df[df["contact_id"] == "s-000"].iloc[0]
    quote = spike["evidence"][0]["quote"]
    assert "passeport" in quote and "0612345678" not in quote


def test_figures_grouped_and_filtered_by_reason(built: dict) -> None:
    con = open_snapshot(built["db"])
    try:
        by = pass_rates(con, Query(group_by=("reason", "criterion"))).set_index(["reason", "criterion"])
        only = pass_rates(con, Query(group_by=("criterion",), filters={"reason": "passport"})).set_index("criterion")
    finally:
        con.close()
    cs = built["contacts"]
    pas = [c for c in cs if c["reason"] == "passport"]
    assert by.loc[("passport", "next_steps"), "n"] == len(pas)
    assert by.loc[("passport", "next_steps"), "passed"] == sum(c["next_steps"] == "pass" for c in pas)
    assert by.loc[("visa", "next_steps"), "passed"] == sum(c["reason"] == "visa" for c in cs)
    assert only.loc["next_steps", "n"] == len(pas)


def test_csat_and_nps_grouped_and_filtered_by_reason(built: dict) -> None:
    con = open_snapshot(built["db"])
    try:
        c = csat(con, Query(group_by=("reason",), min_n=0)).set_index("reason")
        n = nps(con, Query(group_by=("reason",), min_n=0)).set_index("reason")
        visa = csat(con, Query(filters={"reason": "visa"}, min_n=0))
    finally:
        con.close()
    sv = built["surveyed"]
    k_pass = sum(x["reason"] == "passport" for x in sv)
    k_visa = sum(x["reason"] == "visa" for x in sv)
    assert (c.loc["passport", "n"], c.loc["visa", "n"]) == (k_pass, k_visa)
    assert c.loc["passport", "value"] == pytest.approx(6.0) and c.loc["visa", "value"] == pytest.approx(9.0)
    assert n.loc["passport", "value"] == pytest.approx(-100.0) and n.loc["visa", "value"] == pytest.approx(100.0)
    assert int(visa["n"].iloc[0]) == k_visa and visa["value"].iloc[0] == pytest.approx(9.0)


def test_spike_alert_from_the_warehouse(built: dict, tmp_path: Path) -> None:
    day = (START + timedelta(days=SPIKE_DAY)).date()
    rep = detect(built["db"], since=(START + timedelta(days=20)).date(), until=(START + timedelta(days=34)).date(),
                 options=SignalOptions(topics=False))
    assert [(a.topic, a.start) for a in rep.alerts] == [("passport", day.isoformat())]
    a = rep.alerts[0]
    assert a.channels == ("whatsapp",) and a.languages == ("fr",)
    assert a.examples and all("0612345678" not in e["text"] and e["text"] for e in a.examples)
    from meeluister.cli import app

    out = tmp_path / "sig"
    res = CliRunner().invoke(app, ["signals", "--db", str(built["db"]), "--out", str(out), "--since",
                                   (START + timedelta(days=20)).date().isoformat(), "--no-topics"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in (out / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(x["topic"], x["start"]) for x in lines] == [("passport", day.isoformat())]
    assert (out / "signals.html").exists()


def test_repeat_contacts_per_reason_and_next_steps_effect(built: dict) -> None:
    frame = repeat_frame(built["db"])
    by = repeat_by_reason(frame).set_index("reason")
    cs = built["contacts"]
    want_rep = sum(1 for c in cs if c["reason"] == "passport" and c["next_steps"] == "fail"
                   and c["at"] + timedelta(days=3) < START + timedelta(days=35))
    assert by.loc["passport", "repeats_7d"] == want_rep == by.loc["passport", "repeats_14d"]
    assert by.loc["visa", "repeats_7d"] == 0
    assert by.index[0] == "passport"
    eff = next_steps_effect(frame).set_index("reason")
    assert eff.loc["passport", "low"] > 0.5  # nearly every failed next step came back
