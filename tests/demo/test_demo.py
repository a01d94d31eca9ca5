"""The demo drives every stage through their public APIs; run it small, text only, and check the
warehouse it leaves behind against the files it wrote."""
from __future__ import annotations

import csv
import json

import duckdb

from demo import DemoOptions, run_demo


def test_text_demo_lands_every_stage_in_the_warehouse(tmp_path):
    opts = DemoOptions(out=tmp_path / "demo", text_contacts=80, abandoned=5, audio=False, platform=False, seed=3)
    result = run_demo(opts)

    transcripts = sorted((opts.out / "transcripts").glob("*.json"))
    assert len(transcripts) == 80 == result.scored_contacts
    lines = [json.loads(x) for x in (opts.out / "results.jsonl").read_text().splitlines()]
    overall = {r["contact_id"] for r in lines if r["criterion"] == "overall"}
    assert len(overall) == 80

    with (opts.out / "inputs" / "calls.csv").open() as fh:
        calls = list(csv.DictReader(fh))
    assert len(calls) == 85 and sum(c["abandoned"] == "true" for c in calls) == 5

    con = duckdb.connect(str(result.db), read_only=True)
    try:
        n_contacts = con.execute("SELECT count(*) FROM stg_contacts").fetchone()[0]
        n_results, n_overall = con.execute(
            "SELECT count(*), count(*) FILTER (criterion = 'overall') FROM raw_results").fetchone()
    finally:
        con.close()
    assert n_contacts == 85
    assert (n_results, n_overall) == (len(lines), len(overall))

    s = result.ingest_summary
    # The two bad survey rows the demo writes on purpose are rejected, with their reasons.
    assert s.rejected_by_reason.get("surveys:out_of_range") == 1
    assert s.rejected_by_reason.get("surveys:unknown_contact") == 1
    assert s.link.match_rate is not None and s.link.match_rate > 0.9

    csat = result.tables["csat_by_language"]
    assert set(csat["language"]) <= {"nl", "en", "fr", "es"}
    # a mean of one response has no interval (NaN, flagged small_n); every other one brackets it
    one = csat["n"] < 2
    assert csat.loc[one, "ci_low"].isna().all() and csat.loc[one, "small_n"].all()
    rest = csat[~one]
    assert len(rest) and (rest["ci_low"] <= rest["value"]).all() and (rest["value"] <= rest["ci_high"]).all()
    assert csat["small_n"].eq(csat["n"] < 30).all()
    assert int(csat["n"].sum()) == s.tables["surveys"].added


def test_demo_is_reproducible(tmp_path):
    a = run_demo(DemoOptions(out=tmp_path / "a", text_contacts=30, abandoned=2, audio=False, platform=False, seed=5))
    b = run_demo(DemoOptions(out=tmp_path / "b", text_contacts=30, abandoned=2, audio=False, platform=False, seed=5))
    assert (a.options.out / "results.jsonl").read_text() == (b.options.out / "results.jsonl").read_text()
    assert a.tables["csat_by_language"]["value"].tolist() == b.tables["csat_by_language"]["value"].tolist()
