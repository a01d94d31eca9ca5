"""End-to-end ingest into a real DuckDB warehouse with files written as their producers write them."""
from __future__ import annotations

import json
import logging

import duckdb
import pytest

from warehouse.db import connect
from warehouse.ingest import ingest
from meeluister.io import file_sha256


def _all(inputs, db):
    return ingest(db, transcripts=inputs.transcripts, results=inputs.results, metadata=inputs.metadata,
                  surveys=[inputs.surveys_qualtrics, inputs.surveys_dutch], roster=inputs.roster)


@pytest.fixture()
def loaded(inputs, tmp_path):
    logging.disable(logging.ERROR)
    db = tmp_path / "wh.duckdb"
    s = _all(inputs, db)
    yield inputs, db, s
    logging.disable(logging.NOTSET)


def test_first_ingest_counts_rejects_and_links(loaded):
    inputs, db, s = loaded
    n_tx = len(inputs.contacts)  # 36 dev + 1 PII transcript
    assert s.tables["contacts"].added == n_tx + 2  # + 2 abandoned calls without transcript
    assert s.tables["turns"].added == sum(len(d["turns"]) for d in inputs.contacts.values())
    assert s.tables["results"].added == n_tx * 8  # 7 criteria + overall
    assert s.rejected_by_reason == {
        "roster:invalid": 1, "roster:overlap": 1,
        "contacts:invalid": 1, "contacts:unparseable": 1,
        "results:invalid": 1, "results:unparseable": 1, "results:unknown_contact": 1,
        "surveys:out_of_range": 2, "surveys:unparseable": 1, "surveys:duplicate": 3,
        "surveys:unknown_contact": 2,
    }
    # 26 responses carry a contact id (1 unknown); 9 link by agent + time (1 outside the window)
    assert (s.link.by_id_total, s.link.by_id_matched) == (26, 25)
    assert (s.link.by_window_total, s.link.by_window_matched) == (9, 8)
    with connect(db) as wh:
        q = wh.con.execute("SELECT count(*) FROM quarantine").fetchone()[0]
        assert q == sum(s.rejected_by_reason.values())
        reason = wh.con.execute(
            "SELECT reason FROM quarantine WHERE reason_code = 'out_of_range' AND reason LIKE '%CSAT 12%'").fetchone()
        assert reason and "row 30" in reason[0]
        n_surveys = wh.con.execute("SELECT count(*) FROM raw_surveys").fetchone()[0]
        assert n_surveys == s.tables["surveys"].added == 24 - 1 + 8  # R_0004 kept once, the window dup rejected
    jsonl = db.with_suffix(".quarantine.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(jsonl) == q


def test_reingest_adds_nothing(loaded):
    inputs, db, _ = loaded
    with connect(db) as wh:
        before = {t: wh.con.execute(f"SELECT count(*) FROM raw_{t}").fetchone()[0]
                  for t in ("contacts", "turns", "results", "surveys", "survey_items")}
    s2 = _all(inputs, db)
    for name, c in s2.tables.items():
        assert (c.added, c.updated, c.removed) == (0, 0, 0), name
    assert s2.tables["turns"].unchanged == before["turns"]
    with connect(db) as wh:
        after = {t: wh.con.execute(f"SELECT count(*) FROM raw_{t}").fetchone()[0] for t in before}
        assert after == before
        assert wh.con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == sum(s2.rejected_by_reason.values())


def test_changed_transcript_updates_and_drops_stale_turns(loaded):
    inputs, db, _ = loaded
    f = inputs.transcripts / "dev-nl-001.json"
    doc = json.loads(f.read_text(encoding="utf-8"))
    n = len(doc["turns"])
    doc["turns"] = doc["turns"][:-2]
    doc["turns"][0]["text"] = "Goedemiddag, met Sanne."
    f.write_text(json.dumps(doc), encoding="utf-8")
    s = ingest(db, transcripts=inputs.transcripts)
    assert s.tables["turns"].updated == 1 and s.tables["turns"].removed == 2
    assert s.tables["turns"].added == 0
    assert s.tables["contacts"].updated == 1  # n_turns changed
    with connect(db) as wh:
        rows = wh.con.execute("SELECT turn_idx, text, source_sha256 FROM raw_turns WHERE contact_id = ? ORDER BY 1",
                              ["dev-nl-001"]).fetchall()
        assert len(rows) == n - 2 and rows[0][1] == "Goedemiddag, met Sanne."
        assert {r[2] for r in rows} == {file_sha256(f)}  # the new file version is the source


def test_every_row_traces_to_its_source(loaded):
    inputs, db, _ = loaded
    with connect(db) as wh:
        for t in ("turns", "results", "surveys"):
            bad = wh.con.execute(
                f"SELECT count(*) FROM raw_{t} WHERE source_file IS NULL OR source_sha256 IS NULL OR source_row IS NULL"
            ).fetchone()[0]
            assert bad == 0, t
        f, sha, row = wh.con.execute(
            "SELECT source_file, source_sha256, source_row FROM raw_surveys WHERE response_id = 'R_0003'").fetchone()
        assert f == str(inputs.surveys_qualtrics) and sha == file_sha256(inputs.surveys_qualtrics) and row == 7
        m = wh.con.execute("SELECT m_source_file, m_source_row, t_source_file FROM raw_contacts WHERE contact_id = ?",
                           ["dev-nl-001"]).fetchone()
        assert m[0] == str(inputs.metadata) and m[2].endswith("dev-nl-001.json")


def test_lake_is_parquet_partitioned_by_date(loaded):
    _, db, _ = loaded
    lake = db.with_name("wh.lake")
    parts = sorted(p.name for p in (lake / "turns").iterdir())
    assert parts == ["date=2026-11"]
    con = duckdb.connect()
    n = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning=true)",
                    [str(lake / "contacts" / "*" / "*.parquet")]).fetchone()[0]
    assert n > 30


def test_abandoned_calls_roster_validity_and_repeat_contacts(loaded):
    _, db, _ = loaded
    with connect(db) as wh:
        ab = wh.con.execute("SELECT abandoned, has_transcript, wait_s FROM stg_contacts WHERE contact_id = 'abandoned-002'").fetchone()
        assert ab == (True, False, 120.0)
        teams = dict(wh.con.execute("SELECT contact_id, team FROM stg_contacts WHERE agent_id = 'a-03'").fetchall())
        assert teams["dev-nl-001"] == "KCC Noord"  # 16 Nov, before the move
        assert teams["dev-nl-008"] == "KCC Zuid"  # 25 Nov, after
        # Contacts were written in pairs sharing a caller id: the earlier of a pair within 7 days repeats.
        rep = wh.con.execute("SELECT count(*) FILTER (repeat_contact) FROM stg_repeat_contacts").fetchone()[0]
        assert rep > 0
        keys = wh.con.execute("SELECT m_customer_key FROM raw_contacts WHERE m_customer_key IS NOT NULL LIMIT 1").fetchone()[0]
        assert "31" not in keys[:3] and len(keys) == 32  # a keyed hash, not the number


def test_pii_never_reaches_the_lake(loaded):
    _, db, s = loaded
    # e-mail: the written one of pii-001 and the spelled one of dev-es (said by customer and agent)
    assert s.redactions.get("bsn") == 1 and s.redactions.get("iban") == 1 and s.redactions.get("email") == 3
    with connect(db) as wh:
        texts = [r[0] for r in wh.con.execute("SELECT text FROM raw_turns WHERE contact_id = 'pii-001'").fetchall()]
        joined = " ".join(texts)
        for secret in ("111222333", "NL91ABNA0417164300", "4811 AB", "piet@example.nl", "nul zes een"):
            assert secret not in joined
        assert "[BSN]" in joined and "[PHONE]" in joined
        comments = " ".join(r[0] or "" for r in wh.con.execute("SELECT comment FROM raw_surveys").fetchall())
        assert "020-5551234" not in comments and "[PHONE]" in comments


def test_a_transcript_in_an_unaccepted_language_is_quarantined_and_the_batch_goes_on(inputs, tmp_path):
    """checks.toml accepts nl/en/fr/es for mart_contacts.language; one German call must not fail
    the whole ingest at the data checks: it is refused at the edge, named, and the rest loads."""
    src = sorted(inputs.transcripts.glob("dev-nl-*.json"))[0]
    doc = json.loads(src.read_text(encoding="utf-8"))
    doc["contact_id"], doc["language"] = "de-call-001", "de"
    (inputs.transcripts / "de-call-001.json").write_text(json.dumps(doc), encoding="utf-8")
    logging.disable(logging.ERROR)
    try:
        s = _all(inputs, tmp_path / "wh.duckdb")
    finally:
        logging.disable(logging.NOTSET)
    assert s.rejected_by_reason.get("contacts:unsupported_language") == 1
    assert all(c.passed for c in s.checks)
    assert s.tables["contacts"].added == len(inputs.contacts) + 2
    with connect(tmp_path / "wh.duckdb") as wh:
        assert wh.con.execute("SELECT count(*) FROM raw_contacts WHERE contact_id = 'de-call-001'").fetchone()[0] == 0
        reason = wh.con.execute("SELECT reason FROM quarantine WHERE reason_code = 'unsupported_language'").fetchone()[0]
    assert "de-call-001.json" in reason and "'de'" in reason and "checks.toml" in reason
