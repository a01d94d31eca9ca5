"""A customer name given only as the answer to the agent's question ("Mag ik uw naam?" -
"daan kramer") is redacted on the file ingest path too: the warehouse redacts each turn text on
its own, so the name reaches it as a known name of the contact (`answered_names`), in the turns,
the result's evidence quote and the silence spans."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import duckdb
import pytest

from warehouse import ingest

CID = "an-1"
TURNS = [("agent", 0.0, 3.0, "Goedemorgen, u spreekt met Sanne. Mag ik uw naam?"),
         ("customer", 4.0, 5.0, "daan kramer"),
         ("agent", 6.0, 9.0, "Dank u. Kramer, ik zie uw afspraak op 12 maart om 10:30."),
         ("customer", 10.0, 12.0, "Ja hoor.")]


@pytest.fixture()
def quiet():
    logging.disable(logging.ERROR)
    yield
    logging.disable(logging.NOTSET)


def test_file_ingest_redacts_a_name_given_as_the_answer(tmp_path: Path, quiet):
    tdir = tmp_path / "t"
    tdir.mkdir()
    doc = {"schema": "meeluister.transcript/1", "contact_id": CID, "channel": "phone", "language": "nl",
           "agent_id": "a-1", "agent_name": "Sanne Bos", "started_at": "2026-11-21T10:00:00+01:00",
           "duration_s": 12.0, "turns": [{"speaker": s, "start": a, "end": b, "text": t} for s, a, b, t in TURNS]}
    (tdir / f"{CID}.json").write_text(json.dumps(doc), encoding="utf-8")
    results = tmp_path / "r.jsonl"
    results.write_text(json.dumps({"contact_id": CID, "criterion": "next_steps", "outcome": "pass", "score": 1.0,
                                   "reason": "klant daan kramer kreeg een afspraak",
                                   "evidence": [{"turn": 1, "start": 4.0, "end": 5.0, "quote": "daan kramer"}]}) + "\n",
                       encoding="utf-8")
    db = tmp_path / "wh.duckdb"
    ingest(db, transcripts=tdir, results=results)
    with duckdb.connect(str(db.with_name(db.stem + ".snapshot.duckdb")), read_only=True) as con:
        turns = [r[0] for r in con.execute("SELECT text FROM raw_turns WHERE contact_id = ? ORDER BY turn_idx",
                                           [CID]).fetchall()]
        reason, evidence = con.execute("SELECT reason, evidence FROM stg_results WHERE contact_id = ?",
                                       [CID]).fetchone()
    assert turns == ["Goedemorgen, u spreekt met Sanne. Mag ik uw naam?", "[NAME]",
                     "Dank u. [NAME], ik zie uw afspraak op 12 maart om 10:30.", "Ja hoor."]
    assert "kramer" not in (reason + evidence).lower() and "daan" not in (reason + evidence).lower()
