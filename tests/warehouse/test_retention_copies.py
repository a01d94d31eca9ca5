"""`meeluister purge --sources --outputs`: the copies of purged text outside the warehouse.

The transcript JSON and WebVTT the warehouse read, the results and reasons JSONL lines, the
written coaching reports and the example library of purged contacts no longer hold their text
(every contact's turns and quotes carry a code unique to it: tests/coaching/centre.py); the kept
contacts' files are byte for byte as they were; survey exports are named, not rewritten; a second
run changes nothing; the rewritten sources still load and re-ingest to the same figures."""
from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "coaching"))
from centre import build_centre, code  # noqa: E402

from meeluister.derived import DerivedFile, read_derived, record_derived  # noqa: E402
from meeluister.records import load_transcript  # noqa: E402
from warehouse import Query, ingest, open_snapshot, pass_rates  # noqa: E402
from warehouse.retention import purge  # noqa: E402
from warehouse.retention_policy import RetentionPolicy, cutoff_day  # noqa: E402

AS_OF = date(2026, 11, 30)
LIMIT = "30d"  # first kept day 2026-10-31: weeks 42-44 go, 45 onwards stays


def _k(cid: str) -> str:
    return code(int(cid[2:]))


def _vtt(t) -> str:
    from transcription.writers import to_vtt

    return to_vtt(t)


def _ingest(c) -> None:
    r = c.root
    ingest(c.db, transcripts=r / "transcripts", results=r / "results.jsonl", roster=r / "roster.csv",
           surveys=[r / "enquete.csv"], reasons=r / "reasons.jsonl")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from coaching import write_reports
    from coaching import examples as ex

    root = tmp_path_factory.mktemp("copies")
    c = build_centre(root, n_agents=3, per_agent_week=4, audio=True, ingest=False, survey_share=0.9)
    (root / "reasons.jsonl").write_text("".join(json.dumps({
        "contact_id": cid, "reason": "paspoort", "confidence": 0.9, "taxonomy": "t@1",
        "evidence": [{"turn": 1, "start": None, "end": None, "quote": f"reden {_k(cid)}", "term": "paspoort"}]}) + "\n"
        for cid in c.contacts), encoding="utf-8")
    for p in sorted((root / "transcripts").glob("*.json")):
        doc = json.loads(p.read_text(encoding="utf-8"))
        t0 = doc["turns"][0]  # word timings as speech recognition writes them, the code among them
        t0["words"] = [{"w": w, "start": t0.get("start"), "end": t0.get("end")} for w in t0["text"].split()]
        p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        p.with_suffix(".vtt").write_text(_vtt(load_transcript(p)), encoding="utf-8")
    _ingest(c)
    old = sorted(cid for cid, d in c.contacts.items()
                 if datetime.fromisoformat(d["started_at"]).date() < cutoff_day(LIMIT, AS_OF))
    kept = sorted(set(c.contacts) - set(old))
    reports = root / "reports"
    for period in ("2026-W43", "2026-W46"):
        write_reports(c.db, "T1", period, reports, formats=("html",), workers=1)
    lib = root / "library"
    con = open_snapshot(c.db)
    chosen = ex.select_examples(con, criterion="nivea", language=None, outcome="fail", limit=40)
    ex.write_index(ex.build(con, chosen, lib), lib, title="nivea")
    con.close()
    files = {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".meeluister" not in p.name
             and p.suffix in (".json", ".vtt", ".jsonl", ".html", ".wav", ".csv")}
    before = pass_rates(open_snapshot(c.db), Query(group_by=("criterion",)))
    pol = RetentionPolicy().overridden(older_than=LIMIT)
    dry = purge(c.db, pol, as_of=AS_OF, dry_run=True, sources=True, outputs=[reports, lib])
    unchanged_by_dry_run = all(p.read_bytes() == b for p, b in files.items())
    first = purge(c.db, pol, as_of=AS_OF, sources=True, outputs=[reports, lib])
    return {"c": c, "old": old, "kept": kept, "files": files, "before": before, "dry": dry, "first": first,
            "dry_clean": unchanged_by_dry_run, "reports": reports, "lib": lib, "chosen": chosen, "pol": pol}


def test_source_transcripts_and_vtt_of_purged_contacts_hold_no_text(world):
    c, tdir = world["c"], world["c"].root / "transcripts"
    assert len(world["old"]) >= 20 and len(world["kept"]) >= 20
    for cid in world["old"]:
        js, vtt = tdir / f"{cid}.json", tdir / f"{cid}.vtt"
        assert _k(cid) in world["files"][js].decode()  # it was there
        t = load_transcript(js)  # still a valid transcript: turns and times kept
        assert [u.text for u in t.turns] == [""] * len(c.contacts[cid]["turns"])
        assert _k(cid) in " ".join(w["w"] for w in json.loads(world["files"][js])["turns"][0]["words"])
        assert all(not u.words for u in t.turns)
        assert [u.start for u in t.turns] == [u["start"] for u in c.contacts[cid]["turns"]]
        assert _k(cid) not in js.read_text(encoding="utf-8")
        if world["files"][vtt].decode().count("-->"):
            assert _k(cid) not in vtt.read_text(encoding="utf-8")
            assert vtt.read_text(encoding="utf-8").count("-->") == world["files"][vtt].decode().count("-->")
    for cid in world["kept"]:
        for p in (tdir / f"{cid}.json", tdir / f"{cid}.vtt"):
            assert p.read_bytes() == world["files"][p], p


def test_results_and_reasons_lines_blanked_for_purged_contacts_only(world):
    root, old = world["c"].root, set(world["old"])
    for name in ("results.jsonl", "reasons.jsonl"):
        before = world["files"][root / name].decode().splitlines()
        after = (root / name).read_text(encoding="utf-8").splitlines()
        assert len(before) == len(after)
        changed = 0
        for b, a in zip(before, after):
            cid = json.loads(b)["contact_id"]
            if cid in old:
                assert _k(cid) not in a, (name, cid)
                da, db_ = json.loads(a), json.loads(b)
                assert da.get("outcome") == db_.get("outcome") and da["reason" if name == "reasons.jsonl" else
                                                                    "criterion"] == db_["reason" if name ==
                                                                                        "reasons.jsonl" else "criterion"]
                changed += a != b
            else:
                assert a == b  # byte for byte
        assert changed > 0
    assert world["first"].removed["sources.reasons"] == len(old)
    assert world["first"].removed["sources.transcripts"] == len(old)


def test_reports_and_examples_quoting_purged_contacts_are_deleted(world):
    reports, lib, old = world["reports"], world["lib"], set(world["old"])
    assert not list(reports.glob("*2026-W43.html")) and list(reports.glob("*2026-W46.html"))
    assert {e.file for e in read_derived(reports)} == {p.name for p in reports.glob("*.html")}
    left = read_derived(lib)
    chosen_old = [x for x in world["chosen"] if x["contact_id"] in old]
    assert chosen_old, "the library quoted purged contacts"
    assert not any(set(e.contacts) & old for e in left)
    assert not (lib / "index.html").exists()  # the page quoted purged contacts
    for clip in lib.glob("clips/*.wav"):
        assert not any(cid in clip.name for cid in old)
    assert world["first"].removed["outputs.files"] == world["dry"].removed["outputs.files"] >= 3


def test_survey_exports_named_not_rewritten_and_dry_run_changes_nothing(world):
    root = world["c"].root
    assert world["dry_clean"]
    assert (root / "enquete.csv").read_bytes() == world["files"][root / "enquete.csv"]
    assert list(world["first"].kept) == [str(root / "enquete.csv")] and world["first"].kept[str(root / "enquete.csv")] > 0
    for k in ("sources.transcripts", "sources.vtt", "sources.results", "sources.reasons"):
        assert world["dry"].removed[k] == world["first"].removed[k] > 0, k


def test_second_run_changes_nothing_and_reingest_keeps_figures(world):
    c = world["c"]
    snap = {p: p.read_bytes() for p in world["files"] if p.exists()}
    again = purge(c.db, world["pol"], as_of=AS_OF, sources=True, outputs=[world["reports"], world["lib"]])
    assert {k: v for k, v in again.removed.items() if k.startswith(("sources.", "outputs."))
            and k != "sources.missing"} == {k: 0 for k in ("sources.transcripts", "sources.vtt", "sources.results",
                                                         "sources.reasons") if k in again.removed}
    assert all(p.read_bytes() == b for p, b in snap.items())
    _ingest(c)  # the rewritten sources load again
    after = pass_rates(open_snapshot(c.db), Query(group_by=("criterion",)))
    assert after.equals(world["before"])


def test_manifest_replaces_entries_and_skips_bad_lines(tmp_path, caplog):
    record_derived(tmp_path, [DerivedFile("a.html", "report", ("c1",)), DerivedFile("b.html", "report", ("c2",))])
    record_derived(tmp_path, [DerivedFile("a.html", "report", ("c3",))])
    with (tmp_path / ".meeluister-derived.jsonl").open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    got = {e.file: e.contacts for e in read_derived(tmp_path)}
    assert got == {"a.html": ("c3",), "b.html": ("c2",)}
    assert "line 3" in caplog.text


def test_cli_purge_sources_and_outputs(tmp_path):
    from meeluister.cli import app

    c = build_centre(tmp_path / "c", n_agents=2, per_agent_week=3, ingest=True, survey_share=0.5)
    old = [cid for cid, d in c.contacts.items()
           if datetime.fromisoformat(d["started_at"]).date() < cutoff_day(LIMIT, AS_OF)]
    out = tmp_path / "rep"
    out.mkdir()
    (out / "x.html").write_text("quote", encoding="utf-8")
    record_derived(out, [DerivedFile("x.html", "team_report", (old[0],))])
    r = CliRunner().invoke(app, ["purge", "--db", str(c.db), "--older-than", LIMIT, "--as-of", AS_OF.isoformat(),
                                 "--sources", "--outputs", str(out), str(tmp_path / "nope")])
    assert r.exit_code == 0, r.output
    assert "sources.transcripts" in r.output and "outputs.files" in r.output
    assert not (out / "x.html").exists()
    assert _k(old[0]) not in (c.root / "transcripts" / f"{old[0]}.json").read_text(encoding="utf-8")


def test_clips_follow_the_audio_category_and_pages_the_text(tmp_path):
    c = build_centre(tmp_path / "c", n_agents=2, per_agent_week=3, ingest=True, survey_share=0.5)
    old = sorted(cid for cid, d in c.contacts.items()
                 if datetime.fromisoformat(d["started_at"]).date() < cutoff_day(LIMIT, AS_OF))
    kept = sorted(set(c.contacts) - set(old))
    lib = tmp_path / "lib"
    (lib / "clips").mkdir(parents=True)
    for f in ("index.html", "clips/old.wav", "clips/kept.wav"):
        (lib / f).write_bytes(b"x")
    record_derived(lib, [DerivedFile("index.html", "example_page", (old[0], kept[0])),
                         DerivedFile("clips/old.wav", "example_clip", (old[0],)),
                         DerivedFile("clips/kept.wav", "example_clip", (kept[0],))])
    s = purge(c.db, RetentionPolicy().overridden(older_than=LIMIT, what="audio"), as_of=AS_OF, outputs=[lib])
    assert s.removed["outputs.files"] == 1 and sorted(p.name for p in lib.rglob("*.*") if p.is_file()
                                                      and not p.name.startswith(".")) == ["index.html", "kept.wav"]
    s = purge(c.db, RetentionPolicy().overridden(older_than=LIMIT, what="quotes"), as_of=AS_OF, outputs=[lib])
    assert s.removed["outputs.files"] == 1 and not (lib / "index.html").exists() and (lib / "clips/kept.wav").exists()
    assert [e.file for e in read_derived(lib)] == ["clips/kept.wav"]
