"""Retention (`meeluister purge`): recordings, transcript text, quotes and survey comments of
contacts past the policy are gone from the DB file, the lake, the snapshot, the disk and the
operational store; every figure of the query layer is the same before and after; a second run
removes nothing; a re-ingest of the same files brings nothing back.

The centre is tests/coaching/centre.py's generator (every contact's turns and quotes carry a code
unique to it, phone calls have a recording), with survey comments and contact reasons that carry
the code too."""
from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "coaching"))
from centre import build_centre, code  # noqa: E402
from readable import texts_of_warehouse  # noqa: E402

from meeluister.errors import InputError  # noqa: E402
from warehouse import (  # noqa: E402
    DriverOptions, Query, agent_scorecard, contacts, csat, drivers, ingest, nps, open_snapshot, pass_rates,
    qa_score, results, turns,
)
from warehouse.retention import purge, purge_log  # noqa: E402
from warehouse.retention_policy import RetentionPolicy, RetentionRule, cutoff_day, load_policy  # noqa: E402

AS_OF = date(2026, 11, 30)
LIMIT = "30d"  # first kept day 2026-10-31: weeks 42-44 (12 Oct .. 30 Oct) go, 31 Oct onwards stays


def _inputs(root: Path):
    c = build_centre(root, n_agents=3, per_agent_week=4, audio=True, ingest=False, survey_share=0.9)
    rows = list(csv.reader((root / "enquete.csv").open(encoding="utf-8"), delimiter=";"))
    for r in rows[1:]:
        r[6] = f"Opmerking {code(int(r[1][2:]))} was prima"
    with (root / "enquete.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    reasons = [json.dumps({"contact_id": cid, "reason": "paspoort", "confidence": 0.9, "taxonomy": "t@1",
                           "evidence": [{"turn": 1, "start": None, "end": None,
                                         "quote": f"reden {code(int(cid[2:]))}", "term": "paspoort"}]})
               for cid in c.contacts]
    (root / "reasons.jsonl").write_text("\n".join(reasons) + "\n", encoding="utf-8")
    return c


def _ingest(c) -> None:
    r = c.root
    ingest(c.db, transcripts=r / "transcripts", results=r / "results.jsonl", roster=r / "roster.csv",
           surveys=[r / "enquete.csv"], reasons=r / "reasons.jsonl")


def _figures(db: Path) -> dict[str, pd.DataFrame]:
    con = open_snapshot(db)
    q = Query(group_by=("language",), period="week")
    out = {"csat": csat(con, q), "nps": nps(con, q), "qa_score": qa_score(con, q),
           "pass_rates": pass_rates(con, q.but(group_by=("criterion", "agent_id"))),
           "agent_scorecard": agent_scorecard(con, Query(group_by=("agent_id",))),
           "drivers": drivers(con, Query(), options=DriverOptions(n_boot=0)),
           "contacts": contacts(con, Query()).drop(columns=["comment", "audio"]),
           "results": results(con, Query()).drop(columns=["reason", "evidence"])}
    con.close()
    return out


def _day(doc: dict) -> date:
    return datetime.fromisoformat(doc["started_at"]).date()


def _texts(db: Path) -> str:
    return texts_of_warehouse(db)


@pytest.fixture(scope="module")
def purged(tmp_path_factory):
    from opstore import coaching_sessions, disputes, open_store, playlists

    c = _inputs(tmp_path_factory.mktemp("retention"))
    _ingest(c)
    old = sorted(cid for cid, d in c.contacts.items() if _day(d) < cutoff_day(LIMIT, AS_OF))
    kept = sorted(set(c.contacts) - set(old))
    assert len(old) >= 20 and len(kept) >= 20
    store = open_store(f"sqlite:///{c.root / 'op.db'}", migrations=(disputes.MIGRATIONS, coaching_sessions.MIGRATIONS,
                                                                     playlists.MIGRATIONS))
    for cid in (old[0], kept[0]):
        d = c.contacts[cid]
        dp = disputes.open_dispute(store, contact_id=cid, criterion="nivea", agent_id=d["agent_id"],
                                   contact_day=_day(d), auto_outcome=c.results[(cid, "nivea")]["outcome"],
                                   comment=f"bezwaar {code(int(cid[2:]))}", by=d["agent_id"], window_days=30,
                                   now=datetime.combine(_day(d), datetime.min.time()) + timedelta(days=1))
        disputes.decide_dispute(store, dp.id, decision="uphold", reason=f"besluit {code(int(cid[2:]))}", by="tl")
        coaching_sessions.log_session(store, agent_id=d["agent_id"], criterion="nivea", session_date=_day(d),
                                      note=f"notitie {code(int(cid[2:]))}", by="tl")
    before = _figures(c.db)
    before_text = _texts(c.db)
    dry = purge(c.db, RetentionPolicy().overridden(older_than=LIMIT), as_of=AS_OF, dry_run=True, store=store)
    assert _texts(c.db).count(code(int(old[0][2:]))) == before_text.count(code(int(old[0][2:])))  # dry: unchanged
    first = purge(c.db, RetentionPolicy().overridden(older_than=LIMIT), as_of=AS_OF, store=store)
    return {"c": c, "old": old, "kept": kept, "before": before, "before_text": before_text, "dry": dry,
            "first": first, "store": store}


def test_figures_are_identical_after_the_purge(purged):
    after = _figures(purged["c"].db)
    for name, df in purged["before"].items():
        pd.testing.assert_frame_equal(df, after[name], check_exact=False, rtol=1e-12, obj=name)


def test_purged_text_is_unreadable_anywhere_and_kept_text_is_there(purged):
    c, text = purged["c"], _texts(purged["c"].db)
    for cid in purged["old"]:
        k = code(int(cid[2:]))
        assert k in purged["before_text"], cid  # it was there: the scan can see it
        assert k not in text, cid
    for cid in purged["kept"]:
        assert code(int(cid[2:])) in text, cid
    con = open_snapshot(c.db)
    old, kept = purged["old"][0], purged["kept"][0]
    t_old, t_kept = turns(con, old), turns(con, kept)
    assert len(t_old) == len(c.contacts[old]["turns"]) and t_old["text"].isna().all()  # rows, times stay
    assert t_old["start"].tolist() == [t["start"] for t in c.contacts[old]["turns"]]
    assert t_kept["text"].notna().all()
    r = results(con, Query())
    ro = r[r["contact_id"] == old]
    assert ro["reason"].isna().all() and all(e.get("quote") is None and e["turn"] is not None
                                             for ev in ro["evidence"] for e in ev)
    assert ro["outcome"].tolist() == [c.results[(old, k)]["outcome"] for k in ro["criterion"]]


def test_recordings_deleted_and_paths_emptied(purged):
    c = purged["c"]
    con = open_snapshot(c.db)
    audio = contacts(con, Query()).set_index("contact_id")["audio"]
    old_calls = [cid for cid in purged["old"] if c.contacts[cid].get("audio")]
    kept_calls = [cid for cid in purged["kept"] if c.contacts[cid].get("audio")]
    assert old_calls and kept_calls
    assert not any(Path(c.contacts[cid]["audio"]).exists() for cid in old_calls)
    assert all(pd.isna(audio[cid]) for cid in old_calls)
    assert all(Path(c.contacts[cid]["audio"]).exists() and audio[cid] == c.contacts[cid]["audio"] for cid in kept_calls)
    assert purged["first"].removed["audio.files"] == len(old_calls) == purged["dry"].removed["audio.files"]


def test_summary_log_dry_run_and_a_second_run_removes_nothing(purged):
    c, first, dry = purged["c"], purged["first"], purged["dry"]
    old = purged["old"]
    assert first.contacts == len(old) and (first.first_contact, first.last_contact) == (old[0], old[-1])
    n_turns = sum(len(c.contacts[cid]["turns"]) for cid in old)
    assert first.removed["turns.text"] == n_turns
    assert first.removed["surveys.comment"] == sum(1 for cid in old if cid in c.surveys)
    assert first.removed["contact_reasons.evidence"] == len(old)
    assert first.removed["store.disputes"] == 1 and first.removed["store.coaching_sessions"] == 1
    assert {k: v for k, v in dry.removed.items()} == first.removed
    again = purge(c.db, RetentionPolicy().overridden(older_than=LIMIT), as_of=AS_OF, store=purged["store"])
    assert again.total == 0 and again.contacts == len(old)
    log = purge_log(c.db)
    assert set(log["run_id"]) == {first.run_id, again.run_id, dry.run_id}
    row = log[(log["run_id"] == first.run_id) & (log["tbl"] == "turns.text")].iloc[0]
    assert row["n"] == n_turns and row["what"] == "transcripts" and row["first_contact"] == old[0]
    assert log[log["run_id"] == again.run_id]["n"].sum() == 0


def test_store_texts_purged_for_old_contacts_only(purged):
    store, old, kept = purged["store"], purged["old"][0], purged["kept"][0]
    rows = {r["contact_id"]: r for r in store.query("SELECT contact_id, comment, decision_reason FROM disputes")}
    assert rows[old]["comment"] == "" and rows[old]["decision_reason"] is None
    assert rows[kept]["comment"] == f"bezwaar {code(int(kept[2:]))}"
    assert {r["outcome"] for r in store.query("SELECT outcome FROM reviews WHERE contact_id = ?", [old])}  # kept
    assert store.query("SELECT reason FROM reviews WHERE contact_id = ?", [old])[0]["reason"] is None
    notes = sorted(r["note"] for r in store.query("SELECT note FROM coaching_sessions"))
    assert notes == ["", f"notitie {code(int(kept[2:]))}"]
    events = " ".join(str(r["detail"]) for r in store.query("SELECT detail FROM dispute_events"))
    assert code(int(old[2:])) not in events and code(int(kept[2:])) in events


def test_reingest_of_the_same_files_brings_nothing_back(purged):
    c = purged["c"]
    _ingest(c)
    text = _texts(c.db)
    assert not any(code(int(cid[2:])) in text for cid in purged["old"])
    assert all(code(int(cid[2:])) in text for cid in purged["kept"])
    after = _figures(c.db)
    for name, df in purged["before"].items():
        pd.testing.assert_frame_equal(df, after[name], check_exact=False, rtol=1e-12, obj=name)
    con = open_snapshot(c.db)
    audio = contacts(con, Query()).set_index("contact_id")["audio"]
    assert all(pd.isna(audio[cid]) for cid in purged["old"])


def test_policy_per_organisation_and_only_one_organisation(tmp_path):
    c = _inputs(tmp_path / "c")
    _ingest(c)
    pol = tmp_path / "retention.toml"
    pol.write_text('[default]\nolder_than = "1y"\n\n[organisation."Gemeente Breda"]\nolder_than = "30d"\n'
                   'what = ["comments"]\n', encoding="utf-8")
    p = load_policy(pol)
    assert p.rule_for("Gemeente Breda") == RetentionRule("30d", ("comments",)) and p.rule_for("x") == RetentionRule("1y")
    none = purge(c.db, p, organisation="Gemeente Utrecht", as_of=AS_OF)
    assert none.total == 0 and none.contacts == 0
    s = purge(c.db, p, as_of=AS_OF)
    old = [cid for cid, d in c.contacts.items() if _day(d) < cutoff_day("30d", AS_OF)]
    assert s.removed["surveys.comment"] == sum(1 for cid in old if cid in c.surveys)
    assert s.removed["turns.text"] == 0 and s.removed["audio.files"] == 0  # Breda keeps those
    con = open_snapshot(c.db)
    assert turns(con, old[0])["text"].notna().all()


@pytest.mark.parametrize("body, where", [
    ('[default]\nolder_than = "90 days"\n', "default.older_than"),
    ('[default]\nwhat = ["audio", "video"]\n', "default.what"),
    ('[organisation."X"]\nkeep = 1\n', "organisation.X"),
    ('[defaults]\n', "unknown section"),
])
def test_policy_errors_name_file_and_key(tmp_path, body, where):
    f = tmp_path / "p.toml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_policy(f)
    assert str(f) in str(e.value) and where in str(e.value)


def test_cutoffs():
    assert cutoff_day("90d", date(2026, 11, 30)) == date(2026, 9, 1)
    assert cutoff_day("2w", date(2026, 11, 30)) == date(2026, 11, 16)
    assert cutoff_day("3m", date(2026, 5, 31)) == date(2026, 2, 28)
    assert cutoff_day("1y", date(2026, 11, 30)) == date(2025, 11, 30)
    with pytest.raises(ValueError, match="not a duration"):
        cutoff_day("0d", date(2026, 1, 1))


def test_cli_prints_the_summary(tmp_path):
    from typer.testing import CliRunner

    from meeluister.cli import app

    c = _inputs(tmp_path / "c")
    _ingest(c)
    r = CliRunner().invoke(app, ["purge", "--db", str(c.db), "--older-than", LIMIT, "--what", "comments,quotes",
                                 "--as-of", AS_OF.isoformat(), "--dry-run"])
    assert r.exit_code == 0, r.output
    assert "dry run" in r.output and "total" in r.output
    assert int(re.search(r"surveys\.comment\W+(\d+)", r.output).group(1)) > 0
    assert int(re.search(r"turns\.text\W+(\d+)", r.output).group(1)) == 0  # not asked for
    assert purge_log(c.db)["dry_run"].all()
    r = CliRunner().invoke(app, ["purge", "--db", str(c.db), "--what", "photos"])
    assert r.exit_code == 2 and "photos" in r.output


def test_quarantined_raw_rows_go_and_the_db_file_is_rewritten(tmp_path):
    """A rejected input row (here a result with an outcome that does not exist, quote and all) sits in the
    quarantine table of the .duckdb file; once its ingest day is past the limit its raw row goes,
    and the file is rewritten so that no freed page keeps it."""
    from warehouse.retention import today_local

    c = _inputs(tmp_path / "c")
    with (c.root / "results.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"contact_id": "c-999999", "criterion": "nivea", "outcome": "misschien",
                            "evidence": [{"turn": 0, "quote": "quarantaine ZQXJV"}]}) + "\n")
    _ingest(c)
    assert "ZQXJV" in _texts(c.db)
    s = purge(c.db, RetentionPolicy().overridden(older_than="1y"), as_of=today_local() + timedelta(days=400))
    assert s.removed["quarantine.raw"] == 1
    text = _texts(c.db)
    i = text.find("ZQXJV")
    assert i < 0, text[i - 400:i + 40]
    assert "outcome 'misschien' is not one of" in text  # the reason (which file, which row, why) stays


def test_every_personal_data_column_names_its_retention_category():
    from warehouse.retention_guard import purge_columns
    from warehouse.retention_policy import WHAT
    from warehouse.schema import LAKE_TABLES

    for t in LAKE_TABLES.values():
        assert all(c.retention in WHAT for c in t.pii), t.name
        assert [c.name for c in purge_columns(t)] == ([c.name for c in t.pii] if t.name != "contacts" else ["t_audio"])


def test_bulk_reingest_after_the_purge_brings_nothing_back(purged):
    """The bulk path (lake-shaped tables) goes through the same guard: old contacts' text stays out."""
    import pyarrow as pa

    from warehouse import ingest_tables
    from warehouse.sources import read_results, read_transcripts

    c = purged["c"]
    cb, tb = read_transcripts(c.root / "transcripts", "salt")
    ingest_tables(c.db, contacts=pa.Table.from_pylist(cb.rows), turns=pa.Table.from_pylist(tb.rows),
                  results=pa.Table.from_pylist(read_results(c.root / "results.jsonl").rows))
    text = _texts(c.db)
    assert not any(code(int(cid[2:])) in text for cid in purged["old"])
    assert all(code(int(cid[2:])) in text for cid in purged["kept"])
    con = open_snapshot(c.db)
    assert turns(con, purged["old"][0])["text"].isna().all()
    assert pd.isna(contacts(con, Query()).set_index("contact_id")["audio"][purged["old"][0]])
