"""Proof that personal data never reaches the warehouse, on either ingest path.

The same PII-bearing contact (BSN, IBAN, phone, e-mail, postcode, date of birth in the turn text,
the result reason, the evidence quote and term, and the survey comment) goes in through the file
path (`warehouse.ingest`) and through the bulk path (`warehouse.ingest_tables`). Then every table
and view of both warehouses, every Parquet file of both lakes, the published snapshots and the
quarantine reports are scanned for the raw values: none may be found, and both paths must report
the same redaction counts.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from synth.surveys import FakeResponse, write_qualtrics_csv
from warehouse import ingest, ingest_tables

BSN, IBAN, PHONE, EMAIL, POSTCODE, DOB = "111222333", "NL91ABNA0417164300", "0612345678", \
    "piet.jansen@example.nl", "4811 AB", "12-03-1984"
PII_TEXT = (f"Mijn BSN is {BSN}, rekening {IBAN}, bel {PHONE} of mail {EMAIL}; "
            f"postcode {POSTCODE}, geboren op {DOB}.")
# Every raw value and the spellings a leak could take.
RAW = (BSN, IBAN, "NL91 ABNA 0417 1643 00", "0417164300", PHONE, "06-12345678", EMAIL, POSTCODE, "4811AB", DOB,
       "nul zes een twee")
CID = "pii-42"
STARTED = "2026-11-21T10:00:00+01:00"
TURNS = [("agent", 0.0, 4.0, "Goedemorgen, u spreekt met Sanne van de gemeente Breda."),
         ("customer", 5.0, 20.0, PII_TEXT),
         ("customer", 21.0, 30.0, "Of bel nul zes een twee drie vier vijf zes zeven acht.")]
RESULT = {"contact_id": CID, "criterion": "next_steps", "outcome": "fail", "score": 0.0, "count": 1,
          "reason": f"klant gaf IBAN {IBAN} en e-mail {EMAIL} zonder vervolgafspraak",
          "evidence": [{"turn": 1, "start": 5.0, "end": 20.0, "quote": PII_TEXT, "term": EMAIL}],
          "measures": {}, "scorecard": "default@1", "confidence": 0.4, "needs_review": True}
COMMENT = f"Bel me terug op {PHONE}, mijn BSN is {BSN}"


def _file_inputs(root: Path) -> dict:
    tdir = root / "transcripts"
    tdir.mkdir(parents=True)
    doc = {"schema": "meeluister.transcript/1", "contact_id": CID, "channel": "chat", "language": "nl",
           "organisation": "Gemeente Breda", "agent_id": "a-03", "agent_name": "Sanne de Vries",
           "started_at": STARTED, "duration_s": 300.0,
           "turns": [{"speaker": s, "start": a, "end": b, "text": t} for s, a, b, t in TURNS]}
    (tdir / f"{CID}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    results = root / "results.jsonl"
    results.write_text(json.dumps(RESULT, ensure_ascii=False) + "\n", encoding="utf-8")
    surveys = write_qualtrics_csv(root / "survey.csv", [FakeResponse(CID, None, datetime(2026, 11, 21, 12), 6, 4,
                                                                     COMMENT, {}, "R_0001")])
    return {"transcripts": tdir, "results": results, "surveys": [surveys]}


def _bulk_inputs() -> dict:
    local = datetime(2026, 11, 21, 10)
    contacts = pa.table({"contact_id": [CID], "t_agent_id": ["a-03"], "t_agent_name": ["Sanne de Vries"],
                         "t_channel": ["chat"], "t_language": ["nl"], "t_organisation": ["Gemeente Breda"],
                         "t_started_utc": [datetime(2026, 11, 21, 9)], "t_started_local": [local],
                         "t_duration_s": [300.0], "t_n_turns": pa.array([len(TURNS)], pa.int32()),
                         "t_source_file": ["ray://pii-42.json"]})
    turns = pa.table({"contact_id": [CID] * len(TURNS), "turn_idx": pa.array(range(len(TURNS)), pa.int32()),
                      "speaker": [t[0] for t in TURNS], "start_s": [t[1] for t in TURNS],
                      "end_s": [t[2] for t in TURNS], "text": [t[3] for t in TURNS],
                      "source_file": ["ray://pii-42.json"] * len(TURNS), "source_sha256": ["0" * 64] * len(TURNS),
                      "source_row": pa.array(range(len(TURNS)), pa.int64())})
    results = pa.table({"contact_id": [CID], "criterion": [RESULT["criterion"]], "outcome": [RESULT["outcome"]],
                        "score": [RESULT["score"]], "count": pa.array([1], pa.int32()), "reason": [RESULT["reason"]],
                        "evidence": [json.dumps(RESULT["evidence"], ensure_ascii=False)], "measures": ["{}"],
                        "scorecard": ["default@1"], "confidence": [0.4], "needs_review": [True],
                        "source_file": ["ray://results"], "source_sha256": ["0" * 64],
                        "source_row": pa.array([1], pa.int64())})
    submitted = datetime(2026, 11, 21, 12)
    surveys = pa.table({"response_id": ["R_0001"], "contact_id": [CID], "tool": ["qualtrics"],
                        "submitted_utc": [datetime(2026, 11, 21, 11)], "submitted_local": [submitted],
                        "agent_ref": [None], "survey_language": ["nl"], "csat": [6.0],
                        "csat_scale": pa.array([10], pa.int32()), "csat_norm": [5 / 9],
                        "nps": pa.array([4], pa.int32()), "comment": [COMMENT], "redactions": ["{}"],
                        "source_file": ["ray://survey"], "source_sha256": ["0" * 64],
                        "source_row": pa.array([2], pa.int64())})
    return {"contacts": contacts, "turns": turns, "results": results, "surveys": surveys}


def _leaks(db: Path) -> list[str]:
    """Every raw value found anywhere in the warehouse at `db`: its tables and views, every
    Parquet file beside it (lake and snapshots), the snapshot catalog and the quarantine report."""
    from warehouse.db import connect

    found = []
    lake = db.with_name(db.stem + ".lake")
    with connect(db) as wh:
        rels = [r[0] for r in wh.con.execute(
            "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() "
            "WHERE NOT internal").fetchall()]
        assert {"raw_turns", "raw_results", "raw_surveys", "quarantine", "mart_contacts", "rpt_result_facts"} <= set(rels)
        for rel in rels:
            text = " ".join(str(v) for row in wh.con.execute(f'SELECT * FROM "{rel}"').fetchall() for v in row)
            found += [f"{rel}: {v}" for v in RAW if v in text]
    files = sorted(lake.rglob("*.parquet"))
    assert files and any(".snapshots" in str(f) for f in files)
    scan = duckdb.connect()
    for f in files:
        text = " ".join(str(v) for row in scan.execute("SELECT * FROM read_parquet(?)", [str(f)]).fetchall() for v in row)
        found += [f"{f.relative_to(lake)}: {v}" for v in RAW if v in text]
    snap = db.with_name(db.stem + ".snapshot.duckdb")
    sc = duckdb.connect(str(snap), read_only=True)
    for (rel,) in sc.execute("SELECT table_name FROM duckdb_tables() UNION ALL "
                             "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall():
        text = " ".join(str(v) for row in sc.execute(f'SELECT * FROM "{rel}"').fetchall() for v in row)
        found += [f"snapshot {rel}: {v}" for v in RAW if v in text]
    sc.close()
    report = db.with_suffix(".quarantine.jsonl")
    if report.exists():
        text = report.read_text(encoding="utf-8")
        found += [f"{report.name}: {v}" for v in RAW if v in text]
    return found


@pytest.fixture()
def quiet():
    logging.disable(logging.ERROR)
    yield
    logging.disable(logging.NOTSET)


def test_the_same_pii_contact_leaves_no_trace_on_either_path(tmp_path, quiet):
    file_db, bulk_db = tmp_path / "file.duckdb", tmp_path / "bulk.duckdb"
    s_file = ingest(file_db, **_file_inputs(tmp_path / "in"))
    s_bulk = ingest_tables(bulk_db, **_bulk_inputs())
    for s in (s_file, s_bulk):
        assert s.tables["turns"].added == len(TURNS) and s.tables["results"].added == 1
        assert s.tables["surveys"].added == 1 and s.rejected == 0
    # the same redactions, table by table, on both paths
    assert s_file.redactions_by_table == s_bulk.redactions_by_table
    assert s_file.redactions == s_bulk.redactions
    # turns: BSN, IBAN, phone (twice: digits and spoken), e-mail, postcode, DOB; results: the
    # reason (IBAN, e-mail), the quote (all six) and the term (e-mail); the comment: phone, BSN
    assert s_file.redactions_by_table == {
        "turns": {"bsn": 1, "iban": 1, "phone": 2, "email": 1, "postcode": 1, "dob": 1},
        "results": {"iban": 2, "email": 3, "bsn": 1, "phone": 1, "postcode": 1, "dob": 1},
        "surveys": {"phone": 1, "bsn": 1}}
    # A malformed results line carrying PII is quarantined, redacted as well.
    bad = tmp_path / "in" / "bad.jsonl"
    bad.write_text('{"contact_id": "pii-42", "criterion": "tone", "outcome": "maybe", "reason": "%s"}\n' % PII_TEXT,
                   encoding="utf-8")
    s_bad = ingest(file_db, results=bad)
    assert s_bad.rejected_by_reason == {"results:invalid": 1}
    assert s_bad.redactions_by_table["quarantine"]["iban"] == 1
    for db in (file_db, bulk_db):
        assert _leaks(db) == [], db
    # The redacted text is what a reader sees (the same on both paths), with the new columns.
    rows = {}
    for db in (file_db, bulk_db):
        with duckdb.connect(str(db.with_name(db.stem + ".snapshot.duckdb")), read_only=True) as con:
            rows[db.name] = (
                con.execute("SELECT text FROM raw_turns ORDER BY turn_idx").fetchall(),
                con.execute("SELECT reason, evidence, confidence, needs_review FROM stg_results").fetchall(),
                con.execute("SELECT comment FROM stg_surveys").fetchall())
    assert rows["file.duckdb"] == rows["bulk.duckdb"]
    turns, results, comments = rows["file.duckdb"]
    assert turns[1][0] == ("Mijn BSN is [BSN], rekening [IBAN], bel [PHONE] of mail [EMAIL]; "
                           "postcode [POSTCODE], geboren op [DOB].")
    reason, evidence, confidence, needs_review = results[0]
    assert reason == "klant gaf IBAN [IBAN] en e-mail [EMAIL] zonder vervolgafspraak"
    assert json.loads(evidence) == [{**RESULT["evidence"][0], "quote": turns[1][0], "term": "[EMAIL]"}]
    assert (confidence, needs_review) == (0.4, True)
    assert comments == [("Bel me terug op [PHONE], mijn BSN is [BSN]",)]
    # the key of the caller hash stays with the writer: a reader cannot re-identify callers
    with duckdb.connect(str(file_db.with_name("file.snapshot.duckdb")), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM settings WHERE key = 'customer_key_salt'").fetchone()[0] == 0
    with duckdb.connect(str(file_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM settings WHERE key = 'customer_key_salt'").fetchone()[0] == 1


def test_a_bulk_reload_redacts_through_the_merge_as_well(tmp_path, quiet):
    """The second load of turns and results merges through DuckDB (not the first-load fast
    path): the same redaction applies there."""
    db = tmp_path / "bulk.duckdb"
    data = _bulk_inputs()
    ingest_tables(db, contacts=data["contacts"])
    ingest_tables(db, turns=data["turns"].slice(0, 1), results=data["results"].set_column(
        5, "reason", pa.array(["geen"])))  # first loads: one clean turn, a clean reason
    s = ingest_tables(db, turns=data["turns"], results=data["results"], surveys=data["surveys"])
    assert s.tables["turns"].added == 2 and s.tables["turns"].unchanged == 1
    assert s.tables["results"].updated == 1
    assert s.redactions_by_table["turns"] == {"bsn": 1, "iban": 1, "phone": 2, "email": 1, "postcode": 1, "dob": 1}
    assert s.redactions_by_table["results"]["iban"] == 2
    assert _leaks(db) == []
