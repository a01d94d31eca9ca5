"""Increments through the key index (warehouse/keyindex.py): a merge reads and rewrites only the
data files holding the batch's groups, the month-scoped mart refresh reads only the files holding
its months' contacts (warehouse/martscope.py), and the data checks read the new files.

What must hold, whatever the layout of files: a warehouse built by a first load and increments
(new contacts, re-ingested contacts with fewer turns and new scores, a contact moved to another
month, a dozen small increments into one month) has every lake table and every mart equal to a
full load of the same final data into an empty warehouse; every data file has a sidecar holding
exactly the hashes of its groups (after merges, compactions and a purge); a partition never
holds more than MAX_FILES_PER_PARTITION small files.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from warehouse import ingest_tables, keyindex
from warehouse.db import connect
from warehouse.lake import MAX_FILES_PER_PARTITION
from warehouse.marts import mart_sql, refresh_marts
from warehouse.retention import purge
from warehouse.retention_policy import RetentionPolicy
from warehouse.schema import LAKE_TABLES

CRITERIA = ("nivea", "next_steps", "overall")


def _num(cid: str) -> int:
    """A contact's number (its provenance rows and scores follow from it, not from its place in
    a batch, so that a batch and a full load give the same rows)."""
    _, month, k = cid.split("-")
    return int(month) * 1000 + int(k)


def _contacts(rows: list[tuple[str, datetime]]) -> pa.Table:
    n = len(rows)
    agent = [f"a-{int(c.rsplit('-', 1)[1]) % 4}" for c, _ in rows]
    return pa.table({
        "contact_id": [c for c, _ in rows], "m_agent_id": agent, "m_agent_name": ["Agent " + a for a in agent],
        "m_team": ["T1" if a < "a-2" else "T2" for a in agent], "m_channel": ["phone"] * n,
        "m_language": ["nl"] * n, "m_started_utc": [t - timedelta(hours=1) for _, t in rows],
        "m_started_local": [t for _, t in rows], "m_handle_s": [300.0] * n,
        "m_customer_key": [f"k{int(c.rsplit('-', 1)[1]) % 7}" for c, _ in rows],
        "m_source_file": ["bench://m"] * n, "m_source_sha256": ["0" * 64] * n, "m_source_row": [_num(c) for c, _ in rows],
    })


def _turns(spec: dict[str, int], version: str = "v1") -> pa.Table:
    rows = [(c, i) for c, k in spec.items() for i in range(k)]
    return pa.table({
        "contact_id": [c for c, _ in rows], "turn_idx": pa.array([i for _, i in rows], pa.int32()),
        "speaker": ["agent" if i % 2 == 0 else "customer" for _, i in rows],
        "start_s": [i * 5.0 for _, i in rows], "end_s": [i * 5.0 + 4 for _, i in rows],
        "text": [f"{version} zin {i} van {c}" for c, i in rows], "source_file": ["bench://t"] * len(rows),
        "source_sha256": ["0" * 64] * len(rows), "source_row": [_num(c) * 100 + i for c, i in rows],
    })


def _results(ids: list[str], shift: int = 0) -> pa.Table:
    rows = [(c, k, ("pass", "fail", "n/a")[(_num(c) + j + shift) % 3]) for c in ids for j, k in enumerate(CRITERIA)]
    n = len(rows)
    return pa.table({
        "contact_id": [r[0] for r in rows], "criterion": [r[1] for r in rows], "outcome": [r[2] for r in rows],
        "score": [1.0 if r[2] == "pass" else 0.0 for r in rows], "scorecard": ["default@1"] * n,
        "evidence": ["[]"] * n, "source_file": ["bench://r"] * n, "source_sha256": ["0" * 64] * n,
        "source_row": [_num(r[0]) * 10 + CRITERIA.index(r[1]) for r in rows],
    })


def _surveys(rows: list[tuple[str, datetime]], prefix: str) -> pa.Table:
    n = len(rows)
    return pa.table({
        "response_id": [f"{prefix}{c}" for c, _ in rows], "contact_id": [c for c, _ in rows],
        "tool": ["qualtrics"] * n, "submitted_utc": [t + timedelta(hours=2) for _, t in rows],
        "submitted_local": [t + timedelta(hours=3) for _, t in rows], "agent_ref": [None] * n,
        "survey_language": ["nl"] * n, "csat": [float(4 + _num(c) % 7) for c, _ in rows],
        "csat_scale": pa.array([10] * n, pa.int32()), "csat_norm": [(3 + _num(c) % 7) / 9 for c, _ in rows],
        "nps": pa.array([_num(c) % 11 for c, _ in rows], pa.int32()), "comment": ["prima"] * n,
        "redactions": ["{}"] * n, "source_file": ["bench://s"] * n, "source_sha256": ["0" * 64] * n,
        "source_row": [_num(c) for c, _ in rows],
    })


def _cid(month: int, k: int) -> tuple[str, datetime]:
    return f"c-{month:02d}-{k}", datetime(2026, month, 1 + k % 27, 8 + k % 10, k % 60)


def _state(db: Path) -> dict[str, list[str]]:
    """Every lake table's rows and every mart's rows, order-independent."""
    with connect(db) as wh:
        out = {}
        for name in LAKE_TABLES:
            out["raw_" + name] = sorted(map(repr, wh.con.execute(f"SELECT * FROM raw_{name}").fetchall()))
        for m in mart_sql():
            out[m.name] = sorted(map(repr, wh.con.execute(f"SELECT * FROM {m.name}").fetchall()))
    return out


def _check_index(db: Path) -> int:
    """Every data file has its sidecar with exactly the hashes of its groups (and contacts), and
    no partition holds too many (small) files; the number of data files."""
    n = 0
    with connect(db) as wh:
        tag = keyindex.tag(wh.con)
        for table in LAKE_TABLES.values():
            files = wh.lake.data_files(table)
            per_partition: dict[str, int] = {}
            for f, d in files.items():
                per_partition[d] = per_partition.get(d, 0) + 1
                side = keyindex.sidecar(f, tag)
                assert side.exists(), f"{f}: no key index sidecar"
                cols = keyindex.columns(table)
                want = wh.con.execute(f"SELECT DISTINCT {', '.join(cols.values())} FROM read_parquet('{f}') "
                                      f"ORDER BY ALL").fetchall()
                have = wh.con.execute(f"SELECT {', '.join(cols)} FROM read_parquet('{side}') ORDER BY ALL").fetchall()
                assert have == want, f"{side}: the key index does not match its data file"
            assert max(per_partition.values(), default=0) <= MAX_FILES_PER_PARTITION, (table.name, per_partition)
            n += len(files)
            for side in wh.lake.table_dir(table).glob("date=*/.*.keys"):  # no sidecar without its file
                assert side.name.split(".")[1] + ".parquet" in {f.name for f in files if f.parent == side.parent}
    return n


@pytest.fixture()
def history() -> dict[str, object]:
    """A base of March-June and the increments that follow it, with the final data they leave."""
    base = [_cid(m, k) for m in (3, 4, 5, 6) for k in range(12)]
    new = [_cid(6, k) for k in range(12, 20)] + [_cid(7, k) for k in range(6)]
    changed = [c for c, _ in base[::5]]  # re-transcribed (fewer turns) and re-scored
    moved_id = base[1][0]  # a March contact whose metadata now says June (turns re-ingested)
    drifted_id = base[13][0]  # an April contact moved to July by its metadata alone
    times = dict(base + new)
    times[moved_id] = datetime(2026, 6, 20, 10)
    times[drifted_id] = datetime(2026, 7, 3, 9)
    turns = {c: 4 for c, _ in base + new}
    turns.update({c: 2 for c in changed + [moved_id]})
    return {"base": base, "new": new, "changed": changed, "moved": moved_id, "drifted": drifted_id,
            "times": times, "turns": turns}


def test_increments_leave_every_table_equal_to_a_full_load(tmp_path: Path, history) -> None:  # type: ignore[no-untyped-def]
    h = history
    base, new, changed = h["base"], h["new"], h["changed"]
    ids = [c for c, _ in base]
    db = tmp_path / "inc.duckdb"
    ingest_tables(db, contacts=_contacts(base), turns=_turns({c: 4 for c in ids}), results=_results(ids),
                  surveys=_surveys(base[::3], "s-"))
    assert _check_index(db)
    # a day of new contacts (June, and a new month)
    new_ids = [c for c, _ in new]
    ingest_tables(db, contacts=_contacts(new), turns=_turns({c: 4 for c in new_ids}), results=_results(new_ids),
                  surveys=_surveys(new[::2], "s-"))
    _check_index(db)
    # re-ingested contacts: fewer turns, new scores; one moved from March to June with its facts
    again = changed + [h["moved"]]
    ingest_tables(db, contacts=_contacts([(c, h["times"][c]) for c in again]),
                  turns=_turns({c: 2 for c in again}, "v2"), results=_results(again, shift=1))
    _check_index(db)
    # a contact moved to July by its metadata only: its facts stay in April's partitions; then a
    # day of July, whose refresh (June, July) must still find the moved contact's April results
    ingest_tables(db, contacts=_contacts([(h["drifted"], h["times"][h["drifted"]])]))
    late = [_cid(7, 30)]
    ingest_tables(db, contacts=_contacts(late), turns=_turns({late[0][0]: 4}), results=_results([late[0][0]]))
    with connect(db) as wh:
        got = {m.name: sorted(map(repr, wh.con.execute(f"SELECT * FROM {m.name}").fetchall())) for m in mart_sql()}
        refresh_marts(wh.con, None)  # the marts of a full rebuild, over the same lake
        full = {m.name: sorted(map(repr, wh.con.execute(f"SELECT * FROM {m.name}").fetchall())) for m in mart_sql()}
        assert got == full
        assert wh.con.execute("SELECT count(*) FROM raw_results WHERE contact_id = ? AND contact_date = '2026-04'",
                              [h["drifted"]]).fetchall()[0][0] == len(CRITERIA)
    _check_index(db)

    # the same final data in one first load: every table equal (the drifted contact's facts
    # keep the month of their load, so they are loaded before it moves, as above)
    full_db = tmp_path / "full.duckdb"
    final = sorted({**h["times"], **dict(late)}.items())
    all_ids = [c for c, _ in final]
    stay = [c for c in all_ids if c != h["drifted"]]
    results = pa.concat_tables([_results([c for c in ids if c not in again]), _results(new_ids),
                                _results(again, shift=1), _results([late[0][0]])])
    turns = pa.concat_tables([_turns({c: 4 for c in ids + new_ids + [late[0][0]] if c not in again}),
                              _turns({c: 2 for c in again}, "v2")])
    ingest_tables(full_db, contacts=_contacts([(c, dict(final)[c]) if c != h["drifted"] else (c, dict(base)[c])
                                               for c in all_ids]),
                  turns=turns, results=results, surveys=pa.concat_tables([_surveys(base[::3], "s-"),
                                                                           _surveys(new[::2], "s-")]))
    ingest_tables(full_db, contacts=_contacts([(h["drifted"], h["times"][h["drifted"]])]))
    assert stay  # (a contact list, for the reader)
    want, have = _state(full_db), _state(db)
    assert have.keys() == want.keys()
    for name in want:
        assert have[name] == want[name], name


def test_many_small_increments_into_one_month_compact_and_match_a_full_load(tmp_path: Path) -> None:
    db, full_db = tmp_path / "inc.duckdb", tmp_path / "full.duckdb"
    base = [_cid(5, k) for k in range(10)]
    ingest_tables(db, contacts=_contacts(base), turns=_turns({c: 3 for c, _ in base}))
    rows = list(base)
    for day in range(2 * MAX_FILES_PER_PARTITION):
        batch = [_cid(5, 100 + day * 2 + j) for j in range(2)]
        rows += batch
        ingest_tables(db, contacts=_contacts(batch), turns=_turns({c: 3 for c, _ in batch}))
    assert _check_index(db)
    ingest_tables(full_db, contacts=_contacts(rows), turns=_turns({c: 3 for c, _ in rows}))
    assert _state(db) == _state(full_db)


def test_a_missing_sidecar_is_rebuilt_and_a_purge_keeps_the_index_right(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    base = [_cid(m, k) for m in (3, 4) for k in range(6)]
    ids = [c for c, _ in base]
    ingest_tables(db, contacts=_contacts(base), turns=_turns({c: 3 for c in ids}), results=_results(ids))
    lake = tmp_path / "wh.lake"
    gone = sorted(lake.glob("turns/date=2026-03/.*.keys"))
    assert gone
    for side in gone:
        side.unlink()  # a lake from before the index
    # re-ingest a March contact: the merge finds its old turns through the rebuilt sidecar
    ingest_tables(db, turns=_turns({ids[0]: 1}, "v2"))
    _check_index(db)
    with connect(db) as wh:
        assert wh.con.execute("SELECT count(*) FROM raw_turns WHERE contact_id = ?", [ids[0]]).fetchall()[0][0] == 1
    purge(db, RetentionPolicy().overridden(older_than="30d"), as_of=date(2026, 4, 20))
    n = _check_index(db)
    assert n
    with connect(db) as wh:  # the purge emptied March's texts and kept the rows
        assert wh.con.execute("SELECT count(*), count(text) FROM raw_turns WHERE date = '2026-03'").fetchall()[0] \
            == (1 + 5 * 3, 0)
    # and a merge after the purge still replaces the right rows
    ingest_tables(db, turns=_turns({ids[1]: 2}, "v3"))
    _check_index(db)
    with connect(db) as wh:
        assert wh.con.execute("SELECT count(*) FROM raw_turns WHERE contact_id = ?", [ids[1]]).fetchall()[0][0] == 2


def test_the_sidecar_tag_follows_the_engine_hash() -> None:
    con = duckdb.connect()
    assert keyindex.tag(con) == f"{con.execute('SELECT hash(?)', [keyindex.FORMAT]).fetchall()[0][0] & 0xFFFFFFFF:08x}"
