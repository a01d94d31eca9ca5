"""A customer name given only as the answer to the agent's question ("Mag ik uw naam?" -
"daan kramer") is redacted on the file ingest path too: the warehouse redacts each turn text on
its own, so the name reaches it as a known name of the contact (`answered_names`), in the turns,
the result's evidence quote and the silence spans."""
from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from warehouse import ingest, ingest_tables

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


def _bulk_turns(turns: dict[str, list[tuple[str, float, float, str]]]) -> pa.Table:
    rows = [(c, i, *t) for c, ts in turns.items() for i, t in enumerate(ts)]
    return pa.table({"contact_id": [r[0] for r in rows], "turn_idx": pa.array([r[1] for r in rows], pa.int32()),
                     "speaker": [r[2] for r in rows], "start_s": [r[3] for r in rows],
                     "end_s": [r[4] for r in rows], "text": [r[5] for r in rows],
                     "source_file": ["bulk://x"] * len(rows), "source_sha256": ["0" * 64] * len(rows),
                     "source_row": pa.array([r[1] for r in rows], pa.int64())})


def _bulk_contacts(cids: list[str]) -> pa.Table:
    n = len(cids)
    return pa.table({"contact_id": cids, "t_agent_id": ["a-1"] * n, "t_channel": ["phone"] * n,
                     "t_language": ["nl"] * n, "t_started_utc": [datetime(2026, 11, 21, 9)] * n,
                     "t_started_local": [datetime(2026, 11, 21, 10)] * n, "t_source_file": ["bulk://x"] * n})


ORDINARY = [("agent", 0.0, 3.0, "Goedemorgen, waarmee kan ik u helpen?"),
            ("customer", 4.0, 5.0, "daan kramer"),  # no question before it: not taken as a name
            ("agent", 6.0, 9.0, "Prima.")]
SPELLED = [("agent", 0.0, 3.0, "Hoe spelt u dat?"), ("customer", 4.0, 5.0, "K R A M E R"),
           ("agent", 6.0, 9.0, "Dank u meneer Kramer.")]


@pytest.mark.parametrize("as_file", [False, True])
def test_bulk_turns_table_redacts_a_name_given_as_the_answer(tmp_path: Path, quiet, as_file):
    """`ingest_tables` with a turns table from elsewhere (no transcripts): the question before the
    answer is seen per contact, so the answered name is redacted in every turn of that contact
    (first load and merge), and only there."""
    data = {CID: TURNS, "an-2": ORDINARY, "an-3": SPELLED}
    turns: pa.Table | Path = _bulk_turns(data)
    if as_file:
        import pyarrow.parquet as pq

        pq.write_table(turns, tmp_path / "turns.parquet")
        turns = tmp_path / "turns.parquet"
    db = tmp_path / "bulk.duckdb"
    s = ingest_tables(db, contacts=_bulk_contacts(list(data)), turns=turns)
    with duckdb.connect(str(db.with_name(db.stem + ".snapshot.duckdb")), read_only=True) as con:
        got = {c: [r[0] for r in con.execute("SELECT text FROM raw_turns WHERE contact_id = ? ORDER BY turn_idx",
                                             [c]).fetchall()] for c in data}
    assert got[CID] == ["Goedemorgen, u spreekt met Sanne. Mag ik uw naam?", "[NAME]",
                        "Dank u. [NAME], ik zie uw afspraak op 12 maart om 10:30.", "Ja hoor."]
    assert got["an-2"] == [t[3] for t in ORDINARY]
    assert got["an-3"] == ["Hoe spelt u dat?", "[NAME]", "Dank u meneer [NAME]."]
    assert s.redactions_by_table["turns"]["name"] == 4
    # a later merge of the same contact's turns (the DuckDB UDF path) redacts alike
    ingest_tables(db, turns=_bulk_turns({CID: TURNS}))
    with duckdb.connect(str(db.with_name(db.stem + ".snapshot.duckdb")), read_only=True) as con:
        again = [r[0] for r in con.execute("SELECT text FROM raw_turns WHERE contact_id = ? ORDER BY turn_idx",
                                           [CID]).fetchall()]
    assert again == got[CID]
