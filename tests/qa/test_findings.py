"""Shared analyses (qa.findings): computed once per contact, settings in the scorecard's own
[findings] section, no criterion reading another criterion's module or parameters."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from meeluister.errors import InputError
from qa import load_scorecard, score
from qa.findings import Findings, FindingsOptions
from qa.scorecard import scorecard_from_dict
from qa_helpers import convo

QA = Path(__file__).resolve().parents[2] / "qa"


def _cut_in(overlap):
    """An upset customer whose unpunctuated turn the agent cuts into `overlap` s before it ends."""
    return convo([
        ("agent", 0.0, 2.0, "goedemiddag met bram"),
        ("customer", 2.5, 12.0, "ik ben echt woedend want mijn pas is voor de derde keer geweigerd en nu"),
        ("agent", 12.0 - overlap, 15.0, "wat is uw pasnummer"),
    ])


def _card(**findings):
    return scorecard_from_dict({"name": "t", "version": "1", "findings": findings,
                                "criteria": {"nivea": {}, "room_for_emotion": {}, "clarifying_questions": {}}})


def test_overlap_setting_lives_in_findings_and_reaches_every_criterion_that_uses_it():
    t = _cut_in(0.8)
    strict, lax = _card(overlap_s=0.5), _card(overlap_s=1.0)
    assert score(t, strict).result("nivea").outcome == "fail"
    assert score(t, strict).result("room_for_emotion").outcome == "fail"
    assert score(t, lax).result("nivea").outcome == "pass"
    # not cut off any more: judged on the acknowledgement, which is missing
    r = score(t, lax).result("room_for_emotion")
    assert r.outcome == "fail" and "acknowledg" in r.reason


def test_emotion_threshold_in_findings_moves_room_for_emotion_and_clarifying_together():
    t = convo([("agent", "Goedemiddag, met Bram."),
               ("customer", "Ik ben boos. Ik wil mijn adres wijzigen, klantnummer 4471902, per 1 mei."),
               ("agent", "Dat heb ik aangepast.")])
    low, high = _card(emotion_min_points=1), _card(emotion_min_points=9)
    assert score(t, low).result("room_for_emotion").outcome != "n/a"
    assert score(t, high).result("room_for_emotion").outcome == "n/a"
    # an emotional opening is never a trivial request; a calm one with a number is
    assert score(t, low).result("clarifying_questions").outcome == "fail"
    assert score(t, high).result("clarifying_questions").outcome == "n/a"


@pytest.mark.parametrize("crit,key,new", [("nivea", "overlap_s", "overlap_s"),
                                          ("room_for_emotion", "min_points", "emotion_min_points")])
def test_moved_criterion_keys_name_their_new_place(tmp_path, crit, key, new):
    f = tmp_path / "sc.toml"
    f.write_text(f'name="x"\nversion="1"\n[criteria.{crit}]\n{key} = 1\n')
    with pytest.raises(InputError) as ei:
        load_scorecard(f)
    assert ei.value.where == f"criteria.{crit}.{key}" and f"findings.{new}" in ei.value.line()


def test_unknown_or_mistyped_findings_key_is_rejected(tmp_path):
    f = tmp_path / "sc.toml"
    f.write_text('name="x"\nversion="1"\n[findings]\noverlap = 1\n')
    with pytest.raises(InputError) as ei:
        load_scorecard(f)
    assert ei.value.where == "findings.overlap"
    f.write_text('name="x"\nversion="1"\n[findings]\noverlap_s = "long"\n')
    with pytest.raises(InputError) as ei:
        load_scorecard(f)
    assert ei.value.where == "findings.overlap_s"
    assert load_scorecard("municipality").findings == FindingsOptions()


def test_fills_are_computed_once_per_contact(monkeypatch):
    calls = []
    original = Findings._find_fills

    def counting(self):
        calls.append(self.p.transcript.contact_id)
        return original(self)

    monkeypatch.setattr(Findings, "_find_fills", counting)
    t = _cut_in(0.8)
    score(t, "municipality")  # nivea, room_for_emotion, clarifying_questions, next_steps all use fills
    assert calls == [t.contact_id]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out += [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names]
    return out


def test_no_criterion_imports_another_criterion_or_reads_private_matcher_state():
    crits = {p.stem for p in (QA / "criteria").glob("*.py")} - {"__init__", "base"}
    for p in (QA / "criteria").glob("*.py"):
        if p.stem in ("__init__", "base"):
            continue
        for name in _imports(p):
            parts = name.split(".")
            assert not (parts[:2] == ["qa", "criteria"] and len(parts) > 2 and parts[2] in crits), (p.name, name)
        assert "all_params" not in p.read_text(encoding="utf-8"), p.name
    for p in QA.glob("*.py"):
        if p.name != "lexicon.py":
            assert "._rx" not in p.read_text(encoding="utf-8"), p.name
