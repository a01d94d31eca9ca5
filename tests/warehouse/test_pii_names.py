"""Customer names known from metadata reach the redaction on every ingest path.

A transcript carries the customer's name in `customer_name` (Transcript.extra) and a metadata CSV
in its `customer_name` column; the bulk path takes `known_names=`. The name is then redacted
wherever that contact's text holds it: its turns (first load and merge), a result's reason and
evidence quotes, and quarantined rows; the agent's own name in the greeting stays."""
from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from warehouse import ingest, ingest_tables

CID, NAME, OTHER = "nm-1", "Pieter Brandsma", "nm-2"
STARTED = "2026-11-21T10:00:00+01:00"
TURNS = [("agent", 0.0, 3.0, "Goedemorgen, u spreekt met Sanne."),
         ("customer", 4.0, 9.0, "Ja, Brandsma hier, over mijn paspoort."),  # no introduction phrase: only metadata knows
         ("agent", 10.0, 12.0, "Dank u, Pieter. Ik zoek het op.")]
REASON = "Pieter Brandsma kreeg geen vervolgafspraak"
EVIDENCE = [{"turn": 1, "start": 4.0, "end": 9.0, "quote": "Ja, Brandsma hier, over mijn paspoort.", "term": "Brandsma"}]


@pytest.fixture()
def quiet():
    logging.disable(logging.ERROR)
    yield
    logging.disable(logging.NOTSET)


def _transcript(tdir: Path, cid: str, name: str | None) -> None:
    doc = {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": "phone", "language": "nl",
           "agent_id": "a-1", "agent_name": "Sanne Bos", "started_at": STARTED, "duration_s": 60.0,
           "turns": [{"speaker": s, "start": a, "end": b, "text": t} for s, a, b, t in TURNS]}
    if name:
        doc["customer_name"] = name
    (tdir / f"{cid}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _results(path: Path, cids: list[str]) -> Path:
    path.write_text("".join(json.dumps({"contact_id": c, "criterion": "next_steps", "outcome": "fail", "score": 0.0,
                                        "count": 1, "reason": REASON, "evidence": EVIDENCE}) + "\n" for c in cids),
                    encoding="utf-8")
    return path


def _texts(db: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(db.with_name(db.stem + ".snapshot.duckdb")), read_only=True) as con:
        return {
            "turns": [r[0] for r in con.execute("SELECT text FROM raw_turns WHERE contact_id = ? ORDER BY turn_idx",
                                                [CID]).fetchall()],
            "results": [r[0] + " " + r[1] for r in con.execute(
                "SELECT reason, evidence FROM stg_results WHERE contact_id = ?", [CID]).fetchall()],
            "other": [r[0] for r in con.execute("SELECT text FROM raw_turns WHERE contact_id = ? ORDER BY turn_idx",
                                                [OTHER]).fetchall()],
        }


def test_file_path_redacts_names_from_the_transcript_and_the_metadata_csv(tmp_path, quiet):
    tdir = tmp_path / "t"
    tdir.mkdir()
    _transcript(tdir, CID, NAME)
    _transcript(tdir, OTHER, None)  # another customer: nothing known, nothing redacted
    db = tmp_path / "wh.duckdb"
    s = ingest(db, transcripts=tdir, results=_results(tmp_path / "r.jsonl", [CID]))
    got = _texts(db)
    assert got["turns"] == ["Goedemorgen, u spreekt met Sanne.", "Ja, [NAME] hier, over mijn paspoort.",
                            "Dank u, [NAME]. Ik zoek het op."]
    assert "Brandsma" not in " ".join(got["results"]) and "Pieter" not in " ".join(got["results"])
    assert got["results"][0].startswith("[NAME] kreeg geen vervolgafspraak")
    assert got["other"][1] == TURNS[1][3]  # the name belongs to the other contact only
    assert s.redactions_by_table["turns"] == {"name": 2}
    # a later run with only results (a re-scored contact) knows the name from the metadata CSV
    meta = tmp_path / "meta.csv"
    meta.write_text(f"contact_id;agent_id;started_at;customer_name\n{OTHER};a-1;{STARTED};Pieter Brandsma\n",
                    encoding="utf-8")
    results = tmp_path / "r2.jsonl"
    results.write_text(json.dumps({"contact_id": OTHER, "criterion": "next_steps", "outcome": "fail",
                                   "reason": REASON, "evidence": EVIDENCE}) + "\n", encoding="utf-8")
    ingest(db, metadata=meta, results=results)
    with duckdb.connect(str(db.with_name(db.stem + ".snapshot.duckdb")), read_only=True) as con:
        reason, evidence = con.execute("SELECT reason, evidence FROM stg_results WHERE contact_id = ?",
                                       [OTHER]).fetchone()
        names = [r[0] for r in con.execute("SELECT * FROM raw_contacts").fetchall()]
    assert reason == "[NAME] kreeg geen vervolgafspraak" and "Brandsma" not in evidence
    assert "Pieter Brandsma" not in json.dumps([str(n) for n in names])
    # a quarantined row of that run does not keep the name readable either
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"contact_id": OTHER, "criterion": "tone", "outcome": "maybe",
                               "reason": "Brandsma belde boos"}) + "\n", encoding="utf-8")
    s_bad = ingest(db, metadata=meta, results=bad)
    assert s_bad.redactions_by_table["quarantine"]["name"] >= 1
    report = db.with_suffix(".quarantine.jsonl").read_text(encoding="utf-8")
    assert "Brandsma" not in report


def test_bulk_path_takes_known_names_on_first_load_and_merge(tmp_path, quiet):
    local = datetime(2026, 11, 21, 10)
    contacts = pa.table({"contact_id": [CID, OTHER], "t_agent_id": ["a-1"] * 2, "t_channel": ["phone"] * 2,
                         "t_language": ["nl"] * 2, "t_started_utc": [datetime(2026, 11, 21, 9)] * 2,
                         "t_started_local": [local] * 2, "t_source_file": ["ray://x"] * 2})

    def turns(cids: list[str]) -> pa.Table:
        rows = [(c, i, *t) for c in cids for i, t in enumerate(TURNS)]
        return pa.table({"contact_id": [r[0] for r in rows], "turn_idx": pa.array([r[1] for r in rows], pa.int32()),
                         "speaker": [r[2] for r in rows], "start_s": [r[3] for r in rows],
                         "end_s": [r[4] for r in rows], "text": [r[5] for r in rows],
                         "source_file": ["ray://x"] * len(rows), "source_sha256": ["0" * 64] * len(rows),
                         "source_row": pa.array([r[1] for r in rows], pa.int64())})

    names = {CID: (NAME,)}
    db = tmp_path / "bulk.duckdb"
    ingest_tables(db, contacts=contacts, turns=turns([CID]), known_names=names)  # first load (fast path)
    assert _texts(db)["turns"][1:] == ["Ja, [NAME] hier, over mijn paspoort.", "Dank u, [NAME]. Ik zoek het op."]
    s = ingest_tables(db, turns=turns([CID, OTHER]), known_names=names)  # the merge (DuckDB UDF)
    assert s.tables["turns"].added == len(TURNS)
    got = _texts(db)
    assert got["turns"][0] == TURNS[0][3] and got["turns"][1] == "Ja, [NAME] hier, over mijn paspoort."
    assert got["other"][1] == TURNS[1][3]
    s = ingest_tables(db, turns=turns([CID]).set_column(5, "text", pa.array(
        [t[3].replace("Ik zoek", "Meneer Brandsma, ik zoek") for t in TURNS])), known_names=names)
    assert _texts(db)["turns"][2] == "Dank u, [NAME]. Meneer [NAME], ik zoek het op."
