"""The first bulk load of turns/results (warehouse.bulkwrite, pyarrow writer) against the SQL path:
same rows, redacted, month partitions, and a re-load of the same file changes nothing."""
from __future__ import annotations

import logging

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warehouse.db import connect
from warehouse import ingest_tables


def _data(tmp_path):
    n = 60
    local = pd.date_range("2026-01-15 09:00", periods=n, freq="3D")  # spans seven months
    contacts = pa.table({"contact_id": [f"c{i}" for i in range(n)], "m_channel": ["phone"] * n,
                         "m_language": ["nl"] * n, "m_started_utc": local.values, "m_started_local": local.values})
    rows = [(f"c{i}", t) for i in range(n) for t in range(4)] + [("ghost", 0), ("ghost", 1)]
    texts = ["Mijn IBAN is NL91ABNA0417164300, bel 0612345678." if (i + t) % 7 == 0 else f"Zin {t} van gesprek."
             for (c, t), i in zip(rows, range(len(rows)))]
    turns = pa.table({"contact_id": [c for c, _ in rows], "turn_idx": pa.array([t for _, t in rows], pa.int32()),
                      "speaker": ["agent", "customer"] * (len(rows) // 2), "start_s": [float(t) for _, t in rows],
                      "end_s": [t + 0.5 for _, t in rows], "text": texts,
                      "source_file": [f"bench://{c}.json" for c, _ in rows], "source_sha256": ["ab" * 32] * len(rows),
                      "source_row": pa.array([t for _, t in rows], pa.int64())})
    path = tmp_path / "turns.parquet"
    pq.write_table(turns, path, row_group_size=50)  # several batches and dictionaries per file
    results = pa.table({"contact_id": [f"c{i}" for i in range(n)], "criterion": ["overall"] * n,
                        "outcome": ["pass"] * n, "score": [0.5] * n, "count": pa.array([1] * n, pa.int32()),
                        "source_file": ["r.jsonl"] * n, "source_sha256": ["0"] * n, "source_row": list(range(n))})
    return contacts, turns, path, results


def test_parquet_first_load_matches_input_redacted_partitioned_and_reload_is_unchanged(tmp_path):
    logging.disable(logging.ERROR)
    contacts, turns, path, results = _data(tmp_path)
    db = tmp_path / "wh.duckdb"
    s = ingest_tables(db, contacts=contacts, turns=str(path), results=results)
    known = turns.num_rows - 2
    n_pii = sum("NL91" in t for c, t in zip(turns["contact_id"].to_pylist(), turns["text"].to_pylist()) if c != "ghost")
    assert s.tables["turns"].added == known and s.rejected_by_reason == {"turns:unknown_contact": 2}
    assert s.tables["results"].added == results.num_rows
    assert s.redactions.get("iban") == n_pii and s.redactions.get("phone") == n_pii
    with connect(db) as wh:
        con = wh.con
        got = con.execute("SELECT count(*), count(DISTINCT (contact_id, turn_idx)), "
                          "count(*) FILTER (text LIKE '%NL91%' OR text LIKE '%0612345678%'), "
                          "count(*) FILTER (date <> contact_date) FROM raw_turns").fetchone()
        assert got == (known, known, 0, 0)
        # Each turn sits in its contact's month partition, with its provenance and values intact.
        wrong = con.execute("SELECT count(*) FROM raw_turns t JOIN raw_contacts c USING (contact_id) "
                            "WHERE t.date <> c.date").fetchone()[0]
        assert wrong == 0
        row = con.execute("SELECT speaker, start_s, end_s, source_file, source_sha256, source_row FROM raw_turns "
                          "WHERE contact_id = 'c5' AND turn_idx = 3").fetchone()
        assert row == ("customer", 3.0, 3.5, "bench://c5.json", "ab" * 32, 3)
        months = {d.strftime("%Y-%m") for d in contacts["m_started_local"].to_pylist()}
        assert {r[0] for r in con.execute("SELECT DISTINCT date FROM raw_turns").fetchall()} == months
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE raw_turns)").fetchall())
        assert types["turn_idx"] == "INTEGER" and types["contact_id"] == "VARCHAR" and types["source_row"] == "BIGINT"
    again = ingest_tables(db, contacts=contacts, turns=str(path), results=results)
    assert again.tables["turns"].added == 0 and again.tables["turns"].updated == 0
    assert again.tables["turns"].unchanged == known and again.tables["turns"].removed == 0
    assert again.tables["results"].unchanged == results.num_rows
    logging.disable(logging.NOTSET)


def test_first_load_duplicate_keys_raise_and_leave_no_files(tmp_path):
    logging.disable(logging.ERROR)
    contacts, turns, path, results = _data(tmp_path)
    dup = pa.concat_tables([results, results.slice(7, 1)])  # (c7, overall) twice: a string key
    db = tmp_path / "dup.duckdb"
    try:
        ingest_tables(db, contacts=contacts, results=dup)
    except ValueError as e:
        assert "results: batch has 1 duplicate keys" in str(e)
    else:
        raise AssertionError("duplicate (contact_id, criterion) was accepted")
    assert not list((tmp_path / "dup.lake").glob("results/date=*/*.parquet"))
    twice = pa.concat_tables([turns.slice(0, 3), turns.slice(1, 1)])  # (c0, 1) twice: an integer key
    try:
        ingest_tables(tmp_path / "dup2.duckdb", contacts=contacts, turns=twice)
    except ValueError as e:
        assert "turns: batch has 1 duplicate keys" in str(e)
    else:
        raise AssertionError("duplicate (contact_id, turn_idx) was accepted")
    logging.disable(logging.NOTSET)


def test_failure_while_turns_load_in_background_leaves_no_turn_files(tmp_path):
    logging.disable(logging.ERROR)
    contacts, turns, path, results = _data(tmp_path)
    dup = pa.concat_tables([results, results.slice(3, 1)])
    with pytest.raises(ValueError, match="results: batch has 1 duplicate keys"):
        ingest_tables(tmp_path / "bg.duckdb", contacts=contacts, turns=str(path), results=dup)
    lake = tmp_path / "bg.lake"
    assert not list(lake.glob("turns/date=*/*.parquet")) and not list(lake.glob("results/date=*/*.parquet"))
    assert not (lake / ".staging").exists()
    logging.disable(logging.NOTSET)


def test_block_prefilter_marks_exactly_the_rows_the_pattern_matches():
    """candidate_mask tests blocks of rows first; the result must equal testing every row."""
    import numpy as np
    import pyarrow.compute as pc

    from meeluister.redaction import CANDIDATE_PATTERN
    from warehouse.pii import BLOCK, candidate_mask

    rng = np.random.default_rng(7)
    pool = ["Goedemorgen, waarmee kan ik u helpen?", "Ja.", "", "nul zes een twee drie vier vijf",
            "een twee", "drie vier", "Mail jan@example.nl", "tweede keer", "Postcode 4811 AB", "zes",
            "nul zes", "een", "twee drie vier vijf zes", "Geen idee", "cero seis uno dos"]
    texts = [pool[i] if i < len(pool) else None for i in rng.integers(0, len(pool) + 1, 40 * BLOCK + 5)]
    # Rows that only match across a row boundary must not be marked (blocks join rows).
    texts[:4] = ["een", "twee", "nul", "zes"]  # one number word each: joined, they form a run
    for arr in (pa.array(texts, pa.string()), pa.array(texts, pa.large_string()),
                pa.array(texts, pa.string()).slice(3, 200), pa.array(texts).dictionary_encode()):
        plain = arr.dictionary_decode() if pa.types.is_dictionary(arr.type) else arr
        want = pc.fill_null(pc.match_substring_regex(plain, CANDIDATE_PATTERN), False).to_numpy(zero_copy_only=False)
        got = candidate_mask(arr)
        assert got.tolist() == want.tolist()
        assert 0 < got.sum() < len(got)
    assert candidate_mask(pa.array(texts[:4])).tolist() == [False, False, False, False]


def test_month_pieces_keep_their_values_with_compacted_dictionaries():
    """A piece of a batch keeps only the dictionary values its rows use; values and NULLs stay."""
    import numpy as np

    from warehouse.firstload import compact_dictionaries

    values = pa.array([f"bench://c{i}.json" for i in range(5000)])
    idx = np.random.default_rng(1).integers(0, 5000, 300)
    mask = np.zeros(300, bool)
    mask[::7] = True
    col = pa.DictionaryArray.from_arrays(pa.array(idx, pa.int32(), mask=mask), values)
    piece = pa.table({"source_file": col, "n": pa.array(range(300))}).slice(20, 200)
    out = compact_dictionaries(piece)
    assert out.schema == piece.schema
    got = out["source_file"].combine_chunks()
    assert len(got.dictionary) <= 200 < len(values)
    assert got.dictionary_decode().to_pylist() == piece["source_file"].combine_chunks().dictionary_decode().to_pylist()
    assert got.null_count == piece["source_file"].null_count > 0
