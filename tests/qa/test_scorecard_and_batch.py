from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meeluister.errors import InputError, Quarantine
from meeluister.records import dump_transcript
from qa import load_scorecard, score, shipped_scorecards
from qa.batch import score_files
from synth.contacts import generate_contacts

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_scorecards_load():
    assert set(shipped_scorecards()) >= {"municipality", "ministry", "commercial"}
    for name in shipped_scorecards():
        sc = load_scorecard(name)
        assert sc.id.startswith(name + "@") and sc.enabled()


@pytest.mark.parametrize("body,where", [
    ('name="x"\nversion="1"\n[criteria.diminutives]\nmax_cont = 1\n', "criteria.diminutives.max_cont"),
    ('name="x"\nversion="1"\n[criteria.hold_etiquette]\nmin_gap_s = "long"\n', "criteria.hold_etiquette.min_gap_s"),
    ('name="x"\nversion="1"\n[criteria.politeness]\nweight = 1\n', "criteria.politeness"),
    ('name="x"\nversion="1"\npass_mark = 3\n', "pass_mark"),
])
def test_bad_scorecard_names_file_and_key(tmp_path, body, where):
    f = tmp_path / "sc.toml"
    f.write_text(body)
    with pytest.raises(InputError) as ei:
        load_scorecard(f)
    assert ei.value.where == where and str(f) in ei.value.line()


def test_scorecard_changes_outcome_and_extra_lexicon(tmp_path):
    (tmp_path / "lex" / "nl").mkdir(parents=True)
    (tmp_path / "lex" / "nl" / "tone.toml").write_text('dismissive = ["dat zoekt u zelf maar uit"]\n')
    (tmp_path / "sc.toml").write_text(
        'name="team"\nversion="7"\nlexicon_dirs=["lex"]\n[criteria.diminutives]\nmax_count = 2\n'
        '[criteria.tone]\nweight = 1\n')
    from qa_helpers import convo
    t = convo([("agent", "Goedemiddag, met Bram. Ik stuur u een foldertje."),
               ("customer", "En de rest dan?"), ("agent", "Dat zoekt u zelf maar uit.")])
    default = score(t, "municipality")
    team = score(t, tmp_path / "sc.toml")
    assert default.result("diminutives").outcome == "fail"
    assert team.result("diminutives").outcome == "pass"
    assert team.result("tone").outcome == "fail" and team.result("own_name_greeting") is None
    assert team.scorecard == "team@7"


def test_batch_quarantines_bad_file_and_is_idempotent(tmp_path):
    src = tmp_path / "in"
    for t in generate_contacts(5, seed=3):
        dump_transcript(t, src / f"{t.contact_id}.json")
    (src / "bad.json").write_text(json.dumps({"schema": "meeluister.transcript/1", "contact_id": "x",
                                               "channel": "fax", "language": "nl", "turns": []}))
    out = tmp_path / "out" / "results.jsonl"
    q = Quarantine(tmp_path / "out" / "quarantine.jsonl", "score")
    rep = score_files([src], out, "ministry", quarantine=q)
    assert rep.contacts == 5 and rep.quarantined == 1
    assert q.entries[0].where == "channel" and q.entries[0].source.endswith("bad.json")
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    overall = [x for x in lines if x["criterion"] == "overall"]
    assert len(overall) == 5 and all(x["scorecard"] == "ministry@2026.1" for x in lines)
    for x in lines:
        if x["count"] is not None:
            assert x["count"] == len(x["evidence"])
    first = out.read_bytes()
    score_files([src], out, "ministry", quarantine=Quarantine(tmp_path / "out" / "quarantine.jsonl", "score"))
    assert out.read_bytes() == first


def test_cli_score(tmp_path):
    src = tmp_path / "in"
    for t in generate_contacts(3, seed=1):
        dump_transcript(t, src / f"{t.contact_id}.json")
    (src / "broken.json").write_text("{nope")
    out = tmp_path / "results.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "-m", "meeluister.cli", "score", str(src), "--out", str(out),
                        "--scorecard", "commercial"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert p.returncode == 0, p.stderr
    both = p.stdout + p.stderr
    assert "broken.json" in both and "not valid" in both
    assert len([x for x in out.read_text().splitlines() if '"overall"' in x]) == 3
    assert (tmp_path / "quarantine.jsonl").exists()
    bad = subprocess.run([sys.executable, "-m", "meeluister.cli", "score", str(src), "--out", str(out),
                          "--scorecard", "nonexistent"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert bad.returncode == 2 and "nonexistent" in bad.stdout + bad.stderr
