"""Disputes, reviews and coaching sessions in the operational store (SQLite; PostgreSQL when the
server binaries are installed), and their effect on every figure."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from centre import PERIOD

from coaching import disputes, sessions
from coaching.options import DisputeOptions
from coaching.store import open_coaching_store, read_store_inputs
from opstore import disputes as ds
from warehouse import Query, open_snapshot, pass_rates, qa_score, results

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)  # two days after W47


@pytest.fixture(scope="module")
def pg_server():
    from opstore.testing import PostgresServer, find_pg_bin

    if find_pg_bin() is None:
        pytest.skip("PostgreSQL binaries not installed")
    with PostgresServer() as pg:
        yield pg


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_coaching_store(f"sqlite:///{tmp_path / 'op.db'}")
    else:
        pg = request.getfixturevalue("pg_server")
        s = open_coaching_store(pg.create_database(f"coaching_{request.node.name.split('[')[0][-40:]}"))
    yield s
    s.close()


def _a01_fail(centre, criterion="next_steps"):
    con = open_snapshot(centre.db)
    r = results(con, Query.for_period(PERIOD, filters={"agent_id": "a-01", "criterion": criterion}))
    return con, r[r.outcome == "fail"].contact_id.iloc[0]


def test_overturned_fail_changes_pass_rate_by_exactly_one_contact(centre, store):
    con, cid = _a01_fail(centre)
    q = Query.for_period(PERIOD, filters={"agent_id": "a-01", "criterion": "next_steps"}, group_by=("criterion",))
    before = pass_rates(con, q).iloc[0]
    d = disputes.open_dispute(store, con, contact_id=cid, criterion="next_steps", agent_id="a-01",
                              comment="Ik heb wel gezegd wanneer de brief komt", now=NOW)
    assert (d.status, d.auto_outcome) == ("open", "fail")
    assert [x.id for x in disputes.list_disputes(store, status="open")] == [d.id]
    decided = disputes.decide(store, d.id, decision="overturn", reason="Termijn genoemd in beurt 6", by="tl-1",
                              now=NOW + timedelta(hours=1))
    assert (decided.status, decided.reviewed_outcome, decided.decided_by) == ("overturned", "pass", "tl-1")
    reviews = read_store_inputs(store).reviews
    after = pass_rates(con, q.but(reviews=reviews)).iloc[0]
    assert after.n == before.n
    assert round(after.value * after.n) == round(before.value * before.n) + 1
    r = results(con, Query.for_period(PERIOD, filters={"agent_id": "a-01", "criterion": "next_steps"}, reviews=reviews))
    row = r[r.contact_id == cid].iloc[0]
    assert (row.outcome, row.auto_outcome, bool(row.reviewed)) == ("pass", "fail", True)
    # every step kept with who and when
    ev = ds.events(store, d.id)
    assert [(e["actor"], e["action"]) for e in ev] == [("a-01", "opened"), ("tl-1", "overturned")]
    assert ev[0]["at"] < ev[1]["at"]
    assert not disputes.list_disputes(store, status="open")


def test_upheld_dispute_keeps_the_automatic_outcome(centre, store):
    con, cid = _a01_fail(centre, "nivea") if _has_fail(centre, "nivea") else _a01_fail(centre)
    crit = "nivea" if _has_fail(centre, "nivea") else "next_steps"
    q = Query.for_period(PERIOD, filters={"agent_id": "a-01", "criterion": crit}, group_by=("criterion",))
    before = pass_rates(con, q).iloc[0]
    d = disputes.open_dispute(store, con, contact_id=cid, criterion=crit, agent_id="a-01", comment="Niet eens", now=NOW)
    d = disputes.decide(store, d.id, decision="uphold", reason="Klopt: ingevuld", by="tl-1", now=NOW)
    assert (d.status, d.reviewed_outcome) == ("upheld", "fail")
    after = pass_rates(con, q.but(reviews=read_store_inputs(store).reviews)).iloc[0]
    assert (after.n, after.value) == (before.n, before.value)


def _has_fail(centre, crit):
    con = open_snapshot(centre.db)
    r = results(con, Query.for_period(PERIOD, filters={"agent_id": "a-01", "criterion": crit}))
    return bool((r.outcome == "fail").any())


def test_dispute_rules(centre, store):
    con, cid = _a01_fail(centre)
    with pytest.raises(disputes.DisputeError, match="not a contact of a-02"):
        disputes.open_dispute(store, con, contact_id=cid, criterion="next_steps", agent_id="a-02", comment="x", now=NOW)
    with pytest.raises(disputes.DisputeError, match="window closed"):
        disputes.open_dispute(store, con, contact_id=cid, criterion="next_steps", agent_id="a-01", comment="x",
                              now=NOW + timedelta(days=30))
    with pytest.raises(disputes.DisputeError, match="window closed"):  # a shorter configured window
        disputes.open_dispute(store, con, contact_id=cid, criterion="next_steps", agent_id="a-01", comment="x",
                              now=NOW, options=DisputeOptions(window_days=0))
    with pytest.raises(disputes.DisputeError, match="comment is required"):
        disputes.open_dispute(store, con, contact_id=cid, criterion="next_steps", agent_id="a-01", comment=" ", now=NOW)
    d = disputes.open_dispute(store, con, contact_id=cid, criterion="next_steps", agent_id="a-01", comment="x", now=NOW)
    with pytest.raises(disputes.DisputeError, match="already open"):
        disputes.open_dispute(store, con, contact_id=cid, criterion="next_steps", agent_id="a-01", comment="y", now=NOW)
    with pytest.raises(disputes.DisputeError, match="reason is required"):
        disputes.decide(store, d.id, decision="overturn", reason="", by="tl-1")
    with pytest.raises(disputes.DisputeError, match="decision must be"):
        disputes.decide(store, d.id, decision="maybe", reason="r", by="tl-1")
    disputes.decide(store, d.id, decision="overturn", reason="r", by="tl-1")
    with pytest.raises(disputes.DisputeError, match="already overturned"):
        disputes.decide(store, d.id, decision="uphold", reason="r", by="tl-2")
    with pytest.raises(disputes.DisputeError, match="not a contact of a-01 .or no such result"):
        disputes.open_dispute(store, con, contact_id="c-nope", criterion="next_steps", agent_id="a-01", comment="x")


def test_reports_show_reviewed_and_automatic_and_open_disputes(centre, tmp_path):
    from coaching.reports import write_reports

    store = open_coaching_store(f"sqlite:///{tmp_path / 'op.db'}")
    con, cid = _a01_fail(centre)
    d = disputes.open_dispute(store, con, contact_id=cid, criterion="next_steps", agent_id="a-01", comment="z", now=NOW)
    disputes.decide(store, d.id, decision="overturn", reason="r", by="tl-1")
    con2, cid2 = _a01_fail(centre, "next_steps")
    r = results(con2, Query.for_period(PERIOD, filters={"agent_id": "a-01", "criterion": "next_steps"}))
    other = [c for c in r[r.outcome == "fail"].contact_id if c != cid][0]
    disputes.open_dispute(store, con2, contact_id=other, criterion="next_steps", agent_id="a-01",
                          comment="<i>echt</i> niet", now=NOW)
    inputs = read_store_inputs(store)
    s = write_reports(centre.db, "T1", PERIOD, tmp_path / "r", store=inputs, formats=("html",), workers=1)
    agent = (tmp_path / "r" / f"agent-a-01-{PERIOD}.html").read_text(encoding="utf-8")
    table = agent.split("Automatisch en na beoordeling")[1].split("</table>")[0]
    assert f"<td>{cid}</td><td>Vervolgstappen</td><td>fail</td><td>pass</td>" in table
    qa = qa_score(con, Query.for_period(PERIOD, filters={"agent_id": "a-01"}, reviews=inputs.reviews))
    qa_auto = qa_score(con, Query.for_period(PERIOD, filters={"agent_id": "a-01"}))
    assert qa.value.iloc[0] > qa_auto.value.iloc[0]
    assert f"{100 * qa.value.iloc[0]:.1f}%" in agent and f"{100 * qa_auto.value.iloc[0]:.1f}%" in agent
    team = (tmp_path / "r" / f"team-T1-{PERIOD}.html").read_text(encoding="utf-8")
    disp = team.split("Open bezwaren")[1].split("</table>")[0]
    assert other in disp and "&lt;i&gt;echt&lt;/i&gt; niet" in disp and cid not in disp
    store.close()


def test_coaching_session_log_ack_and_before_after(centre, tmp_path):
    from coaching.reports import write_reports

    store = open_coaching_store(f"sqlite:///{tmp_path / 'op.db'}")
    s = sessions.log_session(store, agent_id="a-01", criterion="next_steps", session_date=date(2026, 11, 8),
                             note="Termijn noemen", by="tl-1")
    with pytest.raises(sessions.SessionError, match="belongs to a-01"):
        sessions.acknowledge(store, s.id, agent_id="a-03")
    acked = sessions.acknowledge(store, s.id, agent_id="a-01")
    assert acked.acknowledged_by == "a-01" and acked.acknowledged_at
    inputs = read_store_inputs(store)
    write_reports(centre.db, "T1", PERIOD, tmp_path / "r", store=inputs, formats=("html",), workers=1)
    html = (tmp_path / "r" / f"agent-a-01-{PERIOD}.html").read_text(encoding="utf-8")
    row = html.split("Coachinggesprekken")[1].split("</table>")[0]
    con = open_snapshot(centre.db)
    f = {"agent_id": "a-01", "criterion": "next_steps"}
    before = pass_rates(con, Query(date_from=date(2026, 10, 11), date_to=date(2026, 11, 8), filters=f, group_by=("criterion",))).iloc[0]
    after = pass_rates(con, Query(date_from=date(2026, 11, 9), date_to=date(2026, 11, 22), filters=f, group_by=("criterion",))).iloc[0]
    assert f"{100 * before.value:.1f}% (n={int(before.n)})" in row
    assert f"{100 * after.value:.1f}% (n={int(after.n)})" in row
    assert "bevestigd" in row and "Termijn noemen" in row
    store.close()


def test_dispute_and_coaching_cli(centre, tmp_path):
    from typer.testing import CliRunner

    from meeluister.cli import app

    con, cid = _a01_fail(centre)
    url = f"sqlite:///{tmp_path / 'op.db'}"
    run = CliRunner().invoke
    r = run(app, ["dispute", "open", "--db", str(centre.db), "--store", url, "--contact", cid, "--criterion",
                  "next_steps", "--agent", "a-01", "--comment", "wel gezegd", "--config", str(_window(tmp_path))])
    assert r.exit_code == 0, r.output
    r = run(app, ["dispute", "decide", "--store", url, "--id", "1", "--decision", "overturn", "--reason", "ok", "--by", "tl"])
    assert r.exit_code == 0 and "fail -> pass" in r.output
    r = run(app, ["dispute", "decide", "--store", url, "--id", "1", "--decision", "uphold", "--reason", "ok", "--by", "tl"])
    assert r.exit_code == 2 and "already overturned" in r.output
    r = run(app, ["dispute", "list", "--store", url])
    assert "overturned" in r.output and "tl\toverturned" in r.output
    r = run(app, ["coaching", "log", "--store", url, "--agent", "a-01", "--criterion", "nivea", "--date", "2026-11-20", "--by", "tl"])
    assert r.exit_code == 0, r.output
    r = run(app, ["coaching", "ack", "--store", url, "--id", "1", "--agent", "a-01"])
    assert r.exit_code == 0 and "acknowledged by a-01" in r.output
    r = run(app, ["coaching", "log", "--store", url, "--agent", "a-01", "--criterion", "nivea", "--date", "20-11-2026", "--by", "tl"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output


def _window(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text("[disputes]\nwindow_days = 3650\n")  # the contact is in 2026: any test date is inside
    return p
