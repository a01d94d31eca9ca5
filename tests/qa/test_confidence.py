"""A calibrated confidence on every result, and the scorecard's review threshold (the review queue)."""
from __future__ import annotations

import json

import pytest

from meeluister.errors import InputError
from qa import score
from qa.confidence import (Calibration, calibration_from_dict, expected_calibration_error, fit,
                           load_calibration, overall_confidence, reliability_table, text_style)
from qa.scorecard import scorecard_from_dict
from qa_helpers import convo
from synth.contacts import asr_style, generate_contacts


def _contact():
    return convo([("agent", "Goedemiddag, met Bram."),
                  ("customer", "Met Karin, postcode 3512 AB, mijn container is niet geleegd."),
                  ("agent", "Wat is uw postcode? U krijgt binnen twee werkdagen een nieuwe container.")])


def test_every_result_has_a_confidence_between_0_and_1():
    for t in generate_contacts(30, seed=11):
        res = score(t, "ministry")
        assert len(res.bases) == len(res.results)
        for r in res.results:
            assert r.confidence is not None and 0.0 < r.confidence <= 1.0, r
            assert r.needs_review is False  # the shipped scorecards route nothing by default
        rec = res.records()[-1]
        assert rec["criterion"] == "overall"
        assert (rec["confidence"] is None) == (rec["outcome"] == "n/a")


def test_smoothing_borrows_from_parents_and_stays_inside_floor_and_ceiling():
    cal = fit([("nivea", "fail", "assumption", "text", True)] * 2
              + [("nivea", "fail", "completion", "text", False)] * 8)
    # nivea|fail: 2/10 right; the assumption key: 2/2 right, but only two results
    assert cal.counts["nivea|fail"] == (10, 2) and cal.counts["nivea"] == (10, 2)
    p_key = cal.confidence("nivea", "fail", "assumption", "text")
    assert 0.5 < p_key < 1.0
    assert cal.confidence("nivea", "fail", "completion", "text") < 0.2
    # an unseen basis gets its parent's value: nivea (2 of 10), then nivea|fail (2 of 10)
    assert cal.confidence("nivea", "fail", "unseen-basis", "text") == round((2 + 4 * ((2 + 4 * 0.75) / 14)) / 14, 3)
    assert Calibration().confidence("x", "pass") == 0.75
    assert Calibration({"x": (1000, 1000)}).confidence("x", "pass") == 0.99
    assert Calibration({"x": (1000, 0)}).confidence("x", "pass") == 0.05


def test_confidence_follows_the_fitted_table(tmp_path):
    t = _contact()
    res = score(t, "municipality")
    cal = load_calibration()
    for r, b in zip(res.results, res.bases):
        assert r.confidence == cal.confidence(r.criterion, r.outcome, b, res.style)
    assert res.style == "text" and score(asr_style(t)).style == "asr"


def test_bases_name_the_rule_that_decided():
    res = score(_contact(), "municipality")
    bases = dict(zip((r.criterion for r in res.results), res.bases))
    assert bases["next_steps"] == "deadline" and bases["no_repeat_questions"] == "repeat"
    assert bases["hold_etiquette"] == "no-hold"
    vague = score(convo([("agent", "Hoi, met Bram."), ("customer", "Mijn pas is kapot."),
                         ("agent", "We nemen zo snel mogelijk contact op.")]))
    assert dict(zip((r.criterion for r in vague.results), vague.bases))["next_steps"] == "vague"


def _review_card(**kw):
    crit = {"next_steps": {"weight": 3.0}, "no_repeat_questions": {"weight": 1.0}}
    for c, v in kw.pop("per", {}).items():
        crit[c]["review_below"] = v
    return scorecard_from_dict({"name": "r", "version": "1", "pass_mark": 0.5, "criteria": crit, **kw})


def test_review_below_routes_results_to_review_and_out_of_the_overall():
    t = _contact()
    base = score(t, _review_card())
    nrq = base.result("no_repeat_questions")
    ns = base.result("next_steps")
    assert base.score == 0.75 and base.in_review == 0
    # just above the no_repeat result's confidence (next_steps' own threshold 0): only that one goes
    thr = round(nrq.confidence + 0.001, 3)
    assert ns.confidence > 0.0
    res = score(t, _review_card(per={"no_repeat_questions": thr, "next_steps": 0.0}))
    assert res.result("no_repeat_questions").needs_review is True
    assert res.result("next_steps").needs_review is False
    assert res.score == 1.0 and res.in_review == 1
    over = res.overall()
    assert over.measures["in_review"] == 1.0 and over.reason.endswith("; 1 awaiting review, not counted")
    # exactly at the threshold is not below it
    at = score(t, _review_card(per={"no_repeat_questions": nrq.confidence}))
    assert at.result("no_repeat_questions").needs_review is False
    # the scorecard-wide threshold applies where a criterion sets none; a criterion's own wins
    allr = score(t, _review_card(review_below=1.0))
    assert all(r.needs_review for r in allr.results) and allr.score is None and allr.outcome == "n/a"
    mixed = score(t, _review_card(review_below=1.0, per={"next_steps": 0.0}))
    assert [r.needs_review for r in mixed.results] == [False, True] and mixed.score == 1.0


def test_overall_confidence():
    assert overall_confidence([(1.0, 1.0, 1.0)], 0.5, "pass") == 1.0
    assert overall_confidence([(1.0, 1.0, 0.9)], 0.5, "pass") > 0.5
    assert overall_confidence([], 0.5, "n/a") is None
    sure = overall_confidence([(1.0, 1.0, 0.95), (1.0, 1.0, 0.95), (1.0, 0.0, 0.95)], 0.5, "pass")
    unsure = overall_confidence([(1.0, 1.0, 0.6), (1.0, 1.0, 0.6), (1.0, 0.0, 0.6)], 0.5, "pass")
    assert 1.0 > sure > unsure
    assert overall_confidence([(1.0, 1.0, 0.6)], 0.5, "fail") == round(1 - overall_confidence(
        [(1.0, 1.0, 0.6)], 0.5, "pass"), 3)
    assert overall_confidence([(0.0, 1.0, 0.6)], 0.5, "pass") is None


def test_reliability_table_and_ece():
    rows = [(0.85, True)] * 8 + [(0.85, False)] * 2 + [(0.55, True)] * 1 + [(0.55, False)] * 1
    table = {b: (n, m, s) for b, n, m, s in reliability_table(rows)}
    assert table["0.80-0.90"] == (10, pytest.approx(0.85), 0.8)
    assert table["0.50-0.60"] == (2, pytest.approx(0.55), 0.5)
    assert table["0.90-0.95"] == (0, None, None)
    assert expected_calibration_error(rows) == pytest.approx((10 * 0.05 + 2 * 0.05) / 12)
    assert expected_calibration_error([]) is None
    assert text_style(1, 3) == "asr" and text_style(2, 4) == "text" and text_style(0, 0) == "text"


def test_calibration_file_is_checked(tmp_path):
    f = tmp_path / "c.json"
    f.write_text(json.dumps({"schema": "other"}))
    with pytest.raises(InputError) as ei:
        load_calibration(str(f))
    assert ei.value.where == "schema"
    with pytest.raises(InputError) as ei:
        calibration_from_dict({"schema": "meeluister.qa-calibration/1", "counts": {"x": [1, 2]}}, f)
    assert ei.value.line() == f"{f}: counts.x: must be [n, agreed] with 0 <= agreed <= n"
    cal = fit([("a", "pass", "b", "text", True)], ["s"])
    again = calibration_from_dict(cal.to_dict())
    assert again == cal
    shipped = load_calibration()
    assert shipped.fitted_on and sum(n for k, (n, _) in shipped.counts.items() if "|" not in k) > 100


def test_weighted_fit_lets_in_sample_rows_count_less_and_round_trips():
    first_score = [("nivea", "fail", "assumption", "text", False)] * 4
    tuned = [("nivea", "fail", "assumption", "text", True)] * 40
    full = fit(first_score + tuned)
    light = fit(first_score + tuned, weights=[1.0] * 4 + [0.1] * 40)
    zero = fit(first_score + tuned, weights=[1.0] * 4 + [0.0] * 40)
    assert light.counts["nivea|fail|assumption"] == (8, 4)  # 4 + 40 x 0.1 results, 4 right
    assert zero.counts["nivea"] == (4, 0)
    c_full, c_light, c_zero = (c.confidence("nivea", "fail", "assumption", "text") for c in (full, light, zero))
    assert c_zero < c_light < c_full
    weighted = fit(first_score + tuned[:3], weights=[1, 1, 1, 1, 0.25, 0.25, 0.25])
    assert weighted.counts["nivea"] == (4.75, 0.75)
    back = calibration_from_dict(json.loads(json.dumps(weighted.to_dict())))
    assert back.counts == weighted.counts
    assert back.confidence("nivea", "fail", "assumption", "text") == weighted.confidence("nivea", "fail", "assumption", "text")


@pytest.mark.parametrize("bad", [[True, 1], [1, 2], ["3", 1], [-1, -1]])
def test_calibration_counts_are_checked(bad):
    data = Calibration().to_dict() | {"counts": {"nivea": bad}}
    with pytest.raises(InputError, match="counts.nivea"):
        calibration_from_dict(data, "table.json")


def test_first_score_history_rows_are_well_formed():
    from pathlib import Path
    hist = Path(__file__).resolve().parents[2] / "qa" / "calibration" / "history"
    files = sorted(hist.glob("*.jsonl"))
    assert files
    for f in files:
        rows = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines()]
        assert rows and {"tag", "contact", "criterion", "outcome", "basis", "style", "ok"} <= set(rows[0])
        assert all(r["outcome"] in ("pass", "fail", "n/a") and isinstance(r["ok"], bool) for r in rows)
