"""The recording of a contact in the warehouse: the transcript's `audio` stored on ingest (relative
paths resolved against the transcript's folder), on the file and the bulk path, shown by
`contacts()`; and `audio_silence`, where that recording must be silent."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from meeluister.records import transcript_from_dict
from warehouse import Query, audio_silence, contacts, ingest, ingest_tables, open_snapshot
from warehouse.audio import resolve_audio, transcript_silence

TURNS = [
    {"speaker": "agent", "start": 0.0, "end": 2.0, "text": "Goedemorgen, gemeente Breda."},
    {"speaker": "customer", "start": 2.5, "end": 6.0, "text": "Mijn nummer is 0612345678 graag",
     "words": [{"w": "Mijn", "start": 2.5, "end": 2.9}, {"w": "nummer", "start": 3.0, "end": 3.5},
               {"w": "is", "start": 3.6, "end": 3.8}, {"w": "0612345678", "start": 3.9, "end": 5.2},
               {"w": "graag", "start": 5.3, "end": 6.0}]},
    # no word timings: silenced whole
    {"speaker": "customer", "start": 7.0, "end": 9.0, "text": "mail piet@example.nl"},
    {"speaker": "agent", "start": 9.5, "end": 11.0, "text": "Dank u wel."},
]


def _doc(cid: str, audio: str | None) -> dict:
    d = {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": "phone", "language": "nl",
         "organisation": "Gemeente Breda", "agent_id": "a-01", "agent_name": "Sanne de Vries",
         "started_at": "2026-11-16T10:00:00+01:00", "duration_s": 11.0, "turns": TURNS}
    if audio is not None:
        d["audio"] = audio
    return d


def test_transcript_silence_is_the_redacted_words_or_the_whole_turn():
    spans = transcript_silence(transcript_from_dict(_doc("c-1", None)))
    assert spans == [(1, 3.9, 5.2), (2, 7.0, 9.0)]


def test_resolve_audio(tmp_path):
    t = tmp_path / "calls" / "c-1.json"
    assert resolve_audio(t, "rec/c-1.wav") == str((tmp_path / "calls" / "rec" / "c-1.wav").resolve())
    assert resolve_audio(t, "/srv/rec/c-1.wav") == "/srv/rec/c-1.wav"
    assert resolve_audio(t, None) is None and resolve_audio(t, " ") is None


def test_file_ingest_stores_the_recording_and_where_to_silence(tmp_path):
    tdir = tmp_path / "out" / "2026-11-16"
    tdir.mkdir(parents=True)
    (tdir / "c-rel.json").write_text(json.dumps(_doc("c-rel", "../../rec/c-rel.wav")), encoding="utf-8")
    (tdir / "c-abs.json").write_text(json.dumps(_doc("c-abs", "/data/rec/c-abs.wav")), encoding="utf-8")
    (tdir / "c-none.json").write_text(json.dumps(_doc("c-none", None)), encoding="utf-8")
    db = tmp_path / "wh.duckdb"
    ingest(db, transcripts=tmp_path / "out")
    con = open_snapshot(db)
    c = contacts(con, Query()).set_index("contact_id")["audio"]
    assert c["c-rel"] == str((tmp_path / "rec" / "c-rel.wav").resolve())
    assert c["c-abs"] == "/data/rec/c-abs.wav"
    assert pd.isna(c["c-none"])
    assert audio_silence(con, "c-rel") == [(2.5 + 1.4, 5.2), (7.0, 9.0)]
    assert audio_silence(con, "unknown") == []


def test_bulk_ingest_takes_the_path_and_silences_tagged_turns_whole(tmp_path):
    """A bulk producer gives `t_audio` itself and no `t_silence`: every timed turn whose redacted
    text holds a tag is silenced whole (the agent's too); clean turns are not."""
    db = tmp_path / "wh.duckdb"
    n = len(TURNS)
    ingest_tables(db, contacts=pa.table({
        "contact_id": ["b-1"], "t_agent_id": ["a-01"], "t_channel": ["phone"], "t_language": ["nl"],
        "t_started_utc": [datetime(2026, 11, 16, 9)], "t_started_local": [datetime(2026, 11, 16, 10)],
        "t_duration_s": [11.0], "t_audio": ["/data/rec/b-1.wav"], "t_source_file": ["ray://b-1"]}),
        turns=pa.table({"contact_id": ["b-1"] * n, "turn_idx": pa.array(range(n), pa.int32()),
                        "speaker": [t["speaker"] for t in TURNS], "start_s": [t["start"] for t in TURNS],
                        "end_s": [t["end"] for t in TURNS],
                        "text": [t["text"] for t in TURNS[:3]] + ["Ik herhaal: 0612345678."],
                        "source_file": ["ray://b-1"] * n, "source_sha256": ["0" * 64] * n,
                        "source_row": pa.array(range(n), pa.int64())}))
    con = open_snapshot(db)
    assert contacts(con, Query())["audio"].tolist() == ["/data/rec/b-1.wav"]
    assert audio_silence(con, "b-1") == [(2.5, 6.0), (7.0, 9.0), (9.5, 11.0)]


def test_a_lake_written_before_the_audio_columns_still_opens(tmp_path):
    """Contacts files without t_audio / t_silence (an older lake) read as NULL."""
    import pyarrow.parquet as pq

    db = tmp_path / "wh.duckdb"
    tdir = tmp_path / "t"
    tdir.mkdir()
    (tdir / "c-1.json").write_text(json.dumps(_doc("c-1", "/x/c-1.wav")), encoding="utf-8")
    ingest(db, transcripts=tdir)
    for f in Path(str(db).replace(".duckdb", ".lake")).glob("contacts/date=*/*.parquet"):
        t = pq.read_table(f)
        pq.write_table(t.drop_columns([c for c in ("t_audio", "t_silence") if c in t.column_names]), f)
    (tdir / "c-2.json").write_text(json.dumps(_doc("c-2", "/x/c-2.wav")), encoding="utf-8")
    ingest(db, transcripts=tdir)  # merges into the old files: c-1 picks its path up again, c-2 is new
    got = contacts(open_snapshot(db), Query()).set_index("contact_id")["audio"].to_dict()
    assert got == {"c-1": "/x/c-1.wav", "c-2": "/x/c-2.wav"}
