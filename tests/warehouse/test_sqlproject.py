"""The SQL project (warehouse/sql/manifest.toml, one relation per file, ${relation} templates)
and the data checks (warehouse/sql/checks.toml) run after every ingest."""
from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from warehouse import DataCheckError, ingest, ingest_tables
from warehouse.checks import parse_checks, run_checks
from warehouse.db import connect
from warehouse.publish import snapshot_path
from warehouse.sqlproject import SqlProjectError, load_project, relations


def test_manifest_lists_every_sql_file_once_in_a_valid_build_order():
    folder = Path(str(resources.files("warehouse") / "sql"))
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.sql"))
    rels = relations()
    assert sorted(r.file for r in rels) == files
    seen = {"raw_contacts", "raw_turns", "raw_results", "raw_surveys", "raw_survey_items", "raw_contact_reasons",
            "roster", "settings",
            "_mart_scope"}
    for r in rels:
        assert set(r.refs) <= seen, r.name  # reads only sources and relations built before it
        seen.add(r.name)
    assert [r.name for r in relations("mart")][0] == "mart_contacts"
    # one relation per file: a file holds one statement
    code = {r.name: "\n".join(line.split("--")[0] for line in r.template.splitlines()) for r in rels}
    assert [n for n, c in code.items() if ";" in c or "CREATE" in c.upper()] == []


def test_render_substitutes_relations_by_name_only():
    mart = next(r for r in relations("mart") if r.name == "mart_result_daily")
    plain, other = mart.render(), mart.render({"stg_results": "_mem_results", "nope": "x"})
    assert "FROM stg_results r" in plain and "stg_results" not in other and "FROM _mem_results r" in other
    assert other.replace("_mem_results", "stg_results") == plain


def _project(tmp_path: Path, manifest: str, files: dict[str, str]) -> Path:
    (tmp_path / "manifest.toml").write_text(manifest, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_relation_read_before_it_is_built_is_refused_naming_the_file(tmp_path):
    p = _project(tmp_path, 'sources = ["raw_x"]\nrelations = [\n'
                 '{ name = "a", kind = "view", file = "a.sql" },\n{ name = "b", kind = "view", file = "b.sql" }]\n',
                 {"a.sql": "SELECT * FROM ${b}", "b.sql": "SELECT * FROM ${raw_x}"})
    with pytest.raises(SqlProjectError, match=r"a\.sql: reads \['b'\]"):
        load_project(p)
    p = _project(tmp_path, 'relations = [{ name = "a", kind = "table", file = "a.sql" }]\n', {})
    with pytest.raises(SqlProjectError, match=r"relations\[0\]: kind must be one of"):
        load_project(p)


def test_checks_file_errors_name_the_key():
    with pytest.raises(ValueError, match=r"x.toml: raw_turns.accepted_values.speaker: a non-empty list"):
        parse_checks('[raw_turns.accepted_values]\nspeaker = []\n', "x.toml")
    with pytest.raises(ValueError, match=r"x.toml: raw_turns.uniq: unknown check"):
        parse_checks('[raw_turns]\nuniq = [["a"]]\n', "x.toml")


def _contacts(n: int = 3) -> pa.Table:
    import pandas as pd

    t = pd.to_datetime(["2026-03-02 10:00"] * n).values
    return pa.table({"contact_id": [f"c{i}" for i in range(n)], "m_channel": ["phone"] * n,
                     "m_language": ["nl"] * n, "m_started_utc": t, "m_started_local": t})


def _turns(speakers: list[str]) -> pa.Table:
    n = len(speakers)
    return pa.table({"contact_id": ["c0"] * n, "turn_idx": pa.array(range(n), pa.int32()), "speaker": speakers,
                     "text": ["Goedemorgen."] * n, "source_file": ["gen"] * n, "source_sha256": ["0"] * n,
                     "source_row": list(range(n))})


def test_checks_pass_after_an_ingest_and_are_reported(inputs, tmp_path):
    logging.disable(logging.ERROR)
    db = tmp_path / "wh.duckdb"
    s = ingest(db, transcripts=inputs.transcripts, results=inputs.results, metadata=inputs.metadata,
               surveys=[inputs.surveys_qualtrics, inputs.surveys_dutch], roster=inputs.roster)
    logging.disable(logging.NOTSET)
    names = {(c.relation, c.column, c.check) for c in s.checks}
    assert {("raw_turns", "contact_id, turn_idx", "unique"), ("raw_results", "outcome", "accepted_values"),
            ("raw_turns", "speaker", "accepted_values"), ("mart_contacts", "language", "accepted_values"),
            ("raw_contacts", "m_channel", "accepted_values"), ("raw_surveys", "contact_id", "not_null")} <= names
    assert all(c.passed for c in s.checks)
    with connect(db) as wh:  # every relation whole, as the tests run them
        assert [c.line() for c in run_checks(wh.con) if not c.passed] == []


def test_broken_lake_data_fails_the_checks_with_relation_column_and_check(tmp_path):
    logging.disable(logging.ERROR)
    db = tmp_path / "wh.duckdb"
    ingest_tables(db, contacts=_contacts(), turns=_turns(["agent", "customer"]))
    lake = tmp_path / "wh.lake" / "turns" / "date=2026-03"
    # A second file in the partition repeats a key, with a speaker and a NULL no loader writes.
    con = duckdb.connect()
    con.execute(f"COPY (SELECT contact_id, turn_idx, 'robot' AS speaker, text, contact_date, source_file, "
                f"source_sha256, source_row FROM read_parquet('{lake}/*.parquet') UNION ALL "
                f"SELECT 'c1', NULL::INTEGER, 'agent', 'x', '2026-03', 'gen', '0', 0) "
                f"TO '{lake}/extra.parquet' (FORMAT parquet)")
    with connect(db) as wh:
        failed = {(c.relation, c.column, c.check): c for c in run_checks(wh.con) if not c.passed}
    assert set(failed) == {("raw_turns", "contact_id, turn_idx", "unique"), ("raw_turns", "turn_idx", "not_null"),
                           ("raw_turns", "speaker", "accepted_values")}
    assert failed[("raw_turns", "contact_id, turn_idx", "unique")].failing == 2
    assert failed[("raw_turns", "speaker", "accepted_values")].examples == ("robot",)
    assert failed[("raw_turns", "turn_idx", "not_null")].line() == "raw_turns.turn_idx: not_null: 1 failing rows"
    logging.disable(logging.NOTSET)


def test_an_ingest_whose_data_fails_a_check_raises_and_publishes_nothing(tmp_path):
    logging.disable(logging.ERROR)
    db = tmp_path / "wh.duckdb"
    ingest_tables(db, contacts=_contacts())
    before = snapshot_path(db).read_bytes()
    with pytest.raises(DataCheckError, match=r"raw_turns\.speaker: accepted_values: 1 failing rows \(e\.g\. 'robot'\)"):
        ingest_tables(db, turns=_turns(["agent", "robot"]))
    assert snapshot_path(db).read_bytes() == before  # readers keep the last good snapshot
    logging.disable(logging.NOTSET)
