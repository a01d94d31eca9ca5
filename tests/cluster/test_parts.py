"""Lake partitions (warehouse/partitions.py): a warehouse loaded from parts through the bulk path
equals one loaded from the same transcript and results files through the file path, every table;
the caller id in a part becomes the warehouse's keyed hash, never stored raw."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from meeluister.records import CriterionResult
from compare_warehouses import differences, fix_salt, warehouse_rows
from warehouse import ingest, ingest_parts
from warehouse.partitions import (CALLER_COLUMN, NAMES_COLUMN, clear_parts, part_sources, results_tables, transcript_tables,
                                  write_part)


def _transcript(cid: str, day: str, customer: str | None, text: str) -> dict:
    d = {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": "phone", "language": "nl",
         "organisation": "Gemeente Breda", "agent_id": "a-01", "agent_name": "Sanne de Vries",
         "started_at": f"{day}T10:00:00+01:00", "duration_s": 60.0,
         "turns": [{"speaker": "agent", "start": 0.0, "end": 4.0, "text": "Goedemorgen, met Sanne van de gemeente."},
                   {"speaker": "customer", "start": 5.0, "end": 9.0, "text": text}]}
    if customer:
        d["customer_id"] = customer
    return d


def _inputs(root: Path) -> tuple[Path, Path]:
    tdir = root / "transcripts"
    tdir.mkdir(parents=True)
    docs = [_transcript("c-1", "2026-10-30", "+31 6 1234 5678",
                        "Met Joris Brinkhorst. Mijn rekening is NL91ABNA0417164300."),
            _transcript("c-2", "2026-11-02", "+31 6 1234 5678", "Bel me op 06-12345678 of mail a@b.nl."),
            _transcript("c-3", "2026-11-20", None, "Ik wil een afspraak maken.")]
    docs[0]["customer_name"] = "Joris Brinkhorst"  # a known name: redacted wherever it occurs
    for d in docs:
        (tdir / f"{d['contact_id']}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    lines = []
    for d in docs:
        lines.append(json.dumps(CriterionResult(d["contact_id"], "nivea", "pass", 1.0, reason="Heel fijn, Sanne").to_dict()))
        lines.append(json.dumps(CriterionResult(d["contact_id"], "overall", "pass", 0.8).to_dict()))
    lines.append(json.dumps(CriterionResult("ghost-1", "nivea", "fail", 0.0).to_dict()))  # unknown contact
    results = root / "results.jsonl"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tdir, results


def test_parts_load_the_same_warehouse_as_the_files(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    tdir, results = _inputs(Path("."))
    fix_salt(Path("files.duckdb"))
    ingest("files.duckdb", transcripts=tdir, results=results)

    files = sorted(tdir.glob("*.json"))
    for k, chunk in enumerate((files[:2], files[2:])):  # two workers' parts
        contacts, turns, rejects = transcript_tables(chunk)
        assert not rejects
        write_part(Path("parts"), "contacts", f"part-{k}", contacts)
        write_part(Path("parts"), "turns", f"part-{k}", turns)
    tables, rejects = results_tables(results, rows_per_part=4)
    assert not rejects and [t.num_rows for t in tables] == [4, 3]
    for k, t in enumerate(tables):
        write_part(Path("parts"), "results", f"part-{k}", t)
    # the caller id travels raw in the part (like the transcript beside it), never into the lake
    part = pq.read_table("parts/contacts/part-0.parquet")
    assert part[CALLER_COLUMN].to_pylist() == ["+31 6 1234 5678"] * 2
    assert part[NAMES_COLUMN].to_pylist() == [["Joris Brinkhorst"], None]
    fix_salt(Path("parts.duckdb"))
    summary = ingest_parts("parts.duckdb", "parts")
    assert summary.rejected_by_reason == {"results:unknown_contact": 1}

    a, b = warehouse_rows(Path("files.duckdb")), warehouse_rows(Path("parts.duckdb"))
    assert set(a) == set(b) and {"raw_contacts", "raw_turns", "raw_results", "mart_contacts"} <= set(a)
    assert not differences(a, b)
    contacts = {r[0]: r for r in b["raw_contacts"]}
    assert len(contacts) == 3
    lake = "\n".join(map(repr, b["raw_contacts"] + b["raw_turns"]))
    assert "1234 5678" not in lake and "NL91ABNA" not in lake and "a@b.nl" not in lake
    assert "Brinkhorst" not in lake and "Brinkhorst" not in "\n".join(map(repr, b["mart_contacts"]))
    # the two calls of one caller share a customer key; t_redactions counted from the turns
    import duckdb
    con = duckdb.connect("parts.duckdb", read_only=True)
    keys = dict(con.execute("SELECT contact_id, t_customer_key FROM raw_contacts").fetchall())
    red = dict(con.execute("SELECT contact_id, t_redactions FROM raw_contacts").fetchall())
    con.close()
    assert keys["c-1"] == keys["c-2"] and keys["c-1"] is not None and keys["c-3"] is None
    assert json.loads(red["c-1"]).get("name") and json.loads(red["c-3"]) == {}


def test_part_helpers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    contacts, turns, _ = transcript_tables([])
    assert contacts.num_rows == 0 and CALLER_COLUMN in contacts.column_names
    write_part(tmp_path, "turns", "part-00000", turns)
    write_part(tmp_path, "turns", "part-00001", turns)
    assert part_sources(tmp_path) == {"turns": str(tmp_path / "turns" / "*.parquet")}
    clear_parts(tmp_path, "turns", keep=["part-00000"])
    assert [p.name for p in (tmp_path / "turns").iterdir()] == ["part-00000.parquet"]
    import pytest

    with pytest.raises(ValueError, match="parts hold"):
        write_part(tmp_path, "surveys", "x", turns)
    with pytest.raises(FileNotFoundError, match="no lake partitions"):
        ingest_parts(tmp_path / "wh.duckdb", tmp_path / "empty")
