"""Survey exports through `meeluister ingest` into a real warehouse: a bad value is quarantined
alone (the response is stored), a refused file is named and the command exits non-zero, and
rejected rows are logged once per file and cause, their details in the quarantine."""
from __future__ import annotations

import csv
import io
import logging
from datetime import timedelta

import typer
from typer.testing import CliRunner

from synth.survey_exports import sample_answers, write_google_forms
from warehouse.cli import register
from warehouse.db import connect
from warehouse.ingest import ingest

ANSWERS = sample_answers(24, csat_scale=5)


def _metadata(path, answers):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["contact_id", "agent_id", "agent_name", "team", "channel", "language", "started_at",
                "queue", "wait_s", "handle_s", "abandoned"])
    for a in answers:
        start = a.submitted - timedelta(hours=2)
        w.writerow([a.contact_id, a.agent, "", "T1", "phone", a.language, start.isoformat() + "+01:00",
                    "algemeen", "12", "300", "false"])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_bad_value_kept_out_alone_refused_file_named(tmp_path, caplog):
    meta = _metadata(tmp_path / "meta.csv", ANSWERS)
    gf = write_google_forms(tmp_path / "gf.csv", ANSWERS)
    refused = tmp_path / "scores.csv"
    refused.write_text("contact_id,Q7\nc-1000,8\n", encoding="utf-8")
    db = tmp_path / "wh.duckdb"
    with caplog.at_level(logging.ERROR):
        s = ingest(db, metadata=meta, surveys=[gf, refused])
    assert len(s.refused) == 1 and s.refused[0].startswith(f"{refused}: nps/csat:") and "--survey-mapping" in s.refused[0]
    assert s.rejected_by_reason == {"survey_values:unparseable": 1, "surveys:refused": 1}
    with connect(db) as wh:
        n, linked = wh.con.execute("SELECT count(*), count(contact_date) FROM raw_surveys").fetchone()
        assert n == linked == 24  # the response with the bad date is stored too, linked by its contact id
        row = wh.con.execute("SELECT csat, nps, submitted_local FROM raw_surveys WHERE contact_id = ?",
                             [ANSWERS[6].contact_id]).fetchone()
        assert row[:2] == (float(ANSWERS[6].csat), ANSWERS[6].nps) and row[2] is None
        q = wh.con.execute("SELECT tbl, reason_code, source_row FROM quarantine ORDER BY tbl").fetchall()
        assert q == [("survey_values", "unparseable", 8), ("surveys", "refused", None)]
        months = wh.con.execute("SELECT DISTINCT month(submitted_local) FROM raw_surveys "
                                "WHERE submitted_local IS NOT NULL").fetchall()
        assert months == [(11,)]  # m/d/y read as such: every response in November
    assert sum(1 for r in caplog.records if str(refused) in r.getMessage()) == 1


def test_rejected_rows_are_summarised_per_file_and_cause(tmp_path, caplog):
    gf = write_google_forms(tmp_path / "gf.csv", ANSWERS)  # no contacts in the warehouse: none links
    db = tmp_path / "wh.duckdb"
    with caplog.at_level(logging.ERROR):
        s = ingest(db, metadata=_metadata(tmp_path / "meta.csv", ANSWERS[:0]), surveys=[gf])
    assert s.rejected_by_reason["surveys:unknown_contact"] == 24
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(lines) == 2  # one per cause: the bad date value, the 24 unknown contacts
    (summary,) = [m for m in lines if "unknown_contact" in m]
    assert summary.startswith(f"{gf}: 24 rows quarantined as unknown_contact (rows 2, 3, 4, 5, 6, ...; first: ")
    assert "quarantine" in summary
    with connect(db) as wh:
        assert wh.con.execute("SELECT count(*) FROM quarantine WHERE reason_code = 'unknown_contact'").fetchone()[0] == 24


def test_cli_exits_non_zero_for_a_refused_file_and_checks_the_format(tmp_path):
    refused = tmp_path / "scores.csv"
    refused.write_text("contact_id,Q7\nc-1000,8\n", encoding="utf-8")
    res = CliRunner().invoke(_app(), ["ingest", "--db", str(tmp_path / "wh.duckdb"), "--surveys", str(refused)])
    assert res.exit_code == 1
    assert f"{refused}: nps/csat: no CSAT or NPS column" in res.output and "--survey-mapping" in res.output
    res = CliRunner().invoke(_app(), ["ingest", "--db", str(tmp_path / "wh2.duckdb"), "--surveys", str(refused),
                                      "--survey-format", "excel"])
    assert res.exit_code == 2 and "google-forms" in res.output
    gf = write_google_forms(tmp_path / "gf.csv", ANSWERS)
    res = CliRunner().invoke(_app(), ["ingest", "--db", str(tmp_path / "wh3.duckdb"), "--surveys", str(gf),
                                      "--metadata", str(_metadata(tmp_path / "meta.csv", ANSWERS)),
                                      "--survey-format", "google-forms"])
    assert res.exit_code == 0, res.output
    with connect(tmp_path / "wh3.duckdb") as wh:
        assert wh.con.execute("SELECT count(*), min(tool), max(tool) FROM raw_surveys").fetchone() == \
            (24, "google-forms", "google-forms")
