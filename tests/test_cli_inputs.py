"""Interfaces as users type them, through the real CLI (typer's CliRunner on `meeluister.cli.app`):
several files after one flag (`--surveys a.csv b.xlsx`) on every option that takes several, the
repeated flag still working, and a roster of just agent_id, agent_name and team."""
from __future__ import annotations

import csv
import logging
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import typer.main
from typer.testing import CliRunner

from meeluister.cli import spread_in_group, app, spread_values
from meeluister.records import dump_transcript
from qa.batch import score_files
from synth.contacts import generate_contacts
from synth.surveys import FakeResponse, write_qualtrics_csv, write_surveymonkey_xlsx


@pytest.fixture()
def quiet():
    logging.disable(logging.ERROR)
    yield
    logging.disable(logging.NOTSET)


def _transcripts(root: Path, seed: int, n: int, day: int) -> tuple[Path, Path, list[str]]:
    tx = root / f"tx{seed}"
    tx.mkdir(parents=True)
    ids = []
    for t in generate_contacts(n, seed=seed):
        from dataclasses import replace

        t = replace(t, started_at=f"2026-11-{day:02d}T10:00:00+01:00", agent_id=f"a-0{seed}", team=None)
        dump_transcript(t, tx / f"{t.contact_id}.json")
        ids.append(t.contact_id)
    res = root / f"results{seed}.jsonl"
    score_files([tx], res)
    return tx, res, ids


def _invoke(*args: str):
    res = CliRunner().invoke(app, list(args))
    assert res.exit_code == 0, res.output + repr(res.exception)
    return res


def _q(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture()
def two_sets(tmp_path, quiet):
    a = _transcripts(tmp_path, 1, 6, 16)
    b = _transcripts(tmp_path, 2, 4, 17)
    surveys = [FakeResponse(cid, None, datetime(2026, 11, 16, 12, 0), 8, 9, None, response_id=f"R_{i}")
               for i, cid in enumerate(a[2][:3])]
    qualtrics = write_qualtrics_csv(tmp_path / "a.csv", surveys)
    monkey = write_surveymonkey_xlsx(tmp_path / "b.xlsx", [
        FakeResponse(cid, None, datetime(2026, 11, 17, 12, 0), 4, 3, None, response_id=str(1000 + i))
        for i, cid in enumerate(b[2][:2])])
    return a, b, qualtrics, monkey


@pytest.mark.parametrize("form", ["one flag", "repeated flag"])
def test_several_files_after_one_flag_and_the_repeated_flag_load_the_same(two_sets, tmp_path, form):
    (tx1, res1, ids1), (tx2, res2, ids2), qualtrics, monkey = two_sets
    db = tmp_path / f"{form.replace(' ', '_')}.duckdb"
    if form == "one flag":
        args = ["--transcripts", str(tx1), str(tx2), "--results", str(res1), str(res2),
                "--surveys", str(qualtrics), str(monkey)]
    else:
        args = ["--transcripts", str(tx1), "--transcripts", str(tx2), "--results", str(res1), "--results", str(res2),
                "--surveys", str(qualtrics), "--surveys", str(monkey)]
    _invoke("ingest", "--db", str(db), *args)
    assert sorted(r[0] for r in _q(db, "SELECT contact_id FROM raw_contacts")) == sorted(ids1 + ids2)
    assert _q(db, "SELECT count(DISTINCT contact_id) FROM raw_results") == [(10,)]
    by_file = dict(_q(db, "SELECT source_file, count(*) FROM raw_surveys GROUP BY 1"))
    assert by_file == {str(qualtrics): 3, str(monkey): 2}
    logged = {r[0] for r in _q(db, "SELECT source_file FROM ingest_log")}
    assert {str(tx1), str(tx2), str(res1), str(res2), str(qualtrics), str(monkey)} <= logged


def test_a_contact_in_two_result_files_is_quarantined_once_naming_both(two_sets, tmp_path):
    (tx1, res1, ids1), _, _, _ = two_sets
    db = tmp_path / "wh.duckdb"
    copy = tmp_path / "again.jsonl"
    copy.write_text(res1.read_text().splitlines()[0] + "\n")
    _invoke("ingest", "--db", str(db), "--transcripts", str(tx1), "--results", str(res1), str(copy))
    rows = _q(db, "SELECT source_file, reason_code, reason FROM quarantine")
    assert len(rows) == 1 and rows[0][:2] == (str(copy), "duplicate") and f"is also in {res1}" in rows[0][2]


def test_metadata_and_roster_take_several_files_too(two_sets, tmp_path):
    (tx1, _, ids1), (tx2, _, ids2), _, _ = two_sets
    m1, m2 = tmp_path / "m1.csv", tmp_path / "m2.csv"
    for path, ids, wait in ((m1, ids1, 10), (m2, ids2, 20)):
        with path.open("w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["contact_id", "wait_s"])
            w.writerows([cid, wait] for cid in ids)
    r1, r2 = tmp_path / "r1.csv", tmp_path / "r2.csv"
    r1.write_text("agent_id,agent_name,team\na-01,Emma Clarke,T1\n")
    r2.write_text("agent_id,agent_name,team\na-02,Tom Baker,T2\n")
    db = tmp_path / "wh.duckdb"
    _invoke("ingest", "--db", str(db), "--roster", str(r1), str(r2), "--metadata", str(m1), str(m2),
            "--transcripts", str(tx1), str(tx2))
    waits = dict(_q(db, "SELECT m_wait_s, count(*) FROM raw_contacts GROUP BY 1"))
    assert waits == {10.0: len(ids1), 20.0: len(ids2)}
    assert sorted(_q(db, "SELECT agent_id, team FROM roster")) == [("a-01", "T1"), ("a-02", "T2")]


def test_a_roster_without_validity_dates_is_accepted_and_open_ended(two_sets, tmp_path):
    (tx1, _, ids1), (tx2, _, ids2), _, _ = two_sets
    roster = tmp_path / "roster.csv"
    roster.write_text("agent_id;agent_name;team\na-01;Emma Clarke;KCC Noord\na-02;Tom Baker;KCC Zuid\n", encoding="utf-8")
    db = tmp_path / "wh.duckdb"
    res = _invoke("ingest", "--db", str(db), "--roster", str(roster), "--transcripts", str(tx1), str(tx2))
    assert "rejected:" not in res.output  # the summary lists rejects only when there are some
    rows = _q(db, "SELECT agent_id, agent_name, team, valid_from, valid_to FROM roster ORDER BY 1")
    assert [r[:3] for r in rows] == [("a-01", "Emma Clarke", "KCC Noord"), ("a-02", "Tom Baker", "KCC Zuid")]
    assert all(r[3].year == 1 and r[4] is None for r in rows)  # valid from the start, until further notice
    # every contact, whatever its day, takes its team from the roster
    teams = dict(_q(db, "SELECT team, count(*) FROM mart_contacts GROUP BY 1"))
    assert teams == {"KCC Noord": len(ids1), "KCC Zuid": len(ids2)}
    # a dated row for the same agent later is an overlap with the open-ended one, quarantined
    dated = tmp_path / "dated.csv"
    dated.write_text("agent_id,agent_name,team,valid_from\na-01,Emma Clarke,KCC Zuid,2026-11-20\n")
    _invoke("ingest", "--db", str(db), "--roster", str(dated))
    q = _q(db, "SELECT reason_code, reason FROM quarantine WHERE source_file = ?".replace("?", f"'{dated}'"))
    assert q and q[0][0] == "overlap" and "0001-01-01..open" in q[0][1]


def test_a_roster_without_agent_id_is_refused_naming_the_file_and_what_it_has(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,team\nEmma,T1\n")
    db = tmp_path / "wh.duckdb"
    _invoke("ingest", "--db", str(db), "--roster", str(roster))
    (reason,) = _q(db, "SELECT reason FROM quarantine")[0]
    assert reason == f"{roster}: header: no agent_id column (found: name, team)"


def test_values_spread_up_to_the_next_option_on_every_command():
    root = typer.main.get_command(app)
    assert spread_in_group(root, ["-v", "transcribe", "a.wav", "b.wav", "--metadata", "m1.csv", "m2.csv", "--out", "o"]) == [
        "-v", "transcribe", "a.wav", "b.wav", "--metadata", "m1.csv", "--metadata", "m2.csv", "--out", "o"]
    assert spread_in_group(root, ["stats", "csat", "--db", "x", "--by", "language", "channel", "--min-n", "5"]) == [
        "stats", "csat", "--db", "x", "--by", "language", "--by", "channel", "--min-n", "5"]
    # `--opt=value` and `--` are respected; single-value options are left alone
    assert spread_values(root.commands["ingest"], ["--surveys=a.csv", "b.csv", "--db", "x", "y", "--", "z"]) == [
        "--surveys=a.csv", "--surveys", "b.csv", "--db", "x", "y", "--", "z"]
    # the input options of ingest and transcribe all spread, and say so in their help
    for command, names in (("ingest", ("--surveys", "--transcripts", "--results", "--metadata", "--roster", "--reasons")),
                           ("transcribe", ("--metadata",))):
        for name in names:
            assert spread_values(root.commands[command], [name, "a", "b"]) == [name, "a", name, "b"], (command, name)
            p = next(p for p in root.commands[command].params if name in getattr(p, "opts", ()))
            assert p.metavar.endswith("..."), (command, name)
    # a repeatable option whose help shows no `...` keeps one value per flag (its positional stays)
    redact = root.commands.get("redact")
    if redact is not None:
        assert spread_values(redact, ["--name", "Henk Jansen", "t.json"]) == ["--name", "Henk Jansen", "t.json"]


def test_stats_by_several_columns_after_one_flag(two_sets, tmp_path):
    (tx1, res1, _), (tx2, res2, _), qualtrics, monkey = two_sets
    db = tmp_path / "wh.duckdb"
    _invoke("ingest", "--db", str(db), "--transcripts", str(tx1), str(tx2), "--results", str(res1), str(res2))
    one = _invoke("stats", "pass-rates", "--db", str(db), "--by", "language", "channel").output
    two = _invoke("stats", "pass-rates", "--db", str(db), "--by", "language", "--by", "channel").output
    assert one == two and "channel" in one and "language" in one
