"""Calibration against human graders: kappa by hand, the confusion table and disagreements from a
generated human CSV, advisory criteria stored and left out of scores and levels."""
from __future__ import annotations

import csv

import numpy as np
import pytest
from centre import PERIOD

from coaching import calibration as cal
from coaching.levels import levels_from_warehouse
from coaching.options import CalibrationOptions, LevelOptions
from coaching.store import open_coaching_store, read_store_inputs
from meeluister.errors import InputError
from warehouse import Query, open_snapshot, qa_score, results


def test_kappa_by_hand():
    # auto pass/fail x human pass/fail: po = 35/50 = .7; pe = (25*30 + 25*20)/50^2 = .5; kappa = .4
    k, lo, hi = cal.kappa(np.array([[20, 5, 0], [10, 15, 0], [0, 0, 0]]))
    assert k == pytest.approx(0.4)
    assert lo < 0.4 < hi and hi - lo == pytest.approx(2 * 1.959964 * 0.1269960629, rel=1e-4)
    assert cal.kappa(np.array([[30, 0], [0, 20]]))[0] == pytest.approx(1.0)
    assert cal.kappa(np.array([[0, 25], [25, 0]]))[0] == pytest.approx(-1.0)


def _write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["contact_id", "criterion", "outcome", "grader"])
        w.writerows(rows)
    return path


def _human(centre, tmp_path, crit, flip_pass, flip_fail, extra=()):
    con = open_snapshot(centre.db)
    r = results(con, Query(filters={"criterion": crit}))
    r = r[r.auto_outcome != "n/a"].sort_values("contact_id").head(60)
    rows, flipped = [], set()
    seen = {"pass": 0, "fail": 0}
    for x in r.itertuples():
        h = x.auto_outcome
        seen[h] += 1
        if (h == "pass" and seen[h] <= flip_pass) or (h == "fail" and seen[h] <= flip_fail):
            h = "fail" if h == "pass" else "pass"
            flipped.add(x.contact_id)
        rows.append([x.contact_id, crit, h, "qa-anna"])
    return _write(tmp_path / "human.csv", rows + list(extra)), r, flipped


def test_calibrate_known_table(centre, tmp_path):
    path, auto, flipped = _human(centre, tmp_path, "nivea", 6, 3,
                                 extra=[["c-000001", "nivea", "maybe", "x"], ["c-ghost", "nivea", "pass", "x"]])
    con = open_snapshot(centre.db)
    rep = cal.calibrate(con, path, CalibrationOptions(kappa_floor=0.6, min_n=20))
    overall = [r for r in rep.rows if r.criterion == "nivea" and r.language == "*" and r.channel == "*"][0]
    n_pass, n_fail = int((auto.auto_outcome == "pass").sum()), int((auto.auto_outcome == "fail").sum())
    a, b, c, d = n_pass - 6, 6, 3, n_fail - 3  # auto pass->human pass, ->fail; auto fail->pass, ->fail
    n = a + b + c + d
    po = (a + d) / n
    pe = ((a + b) * (a + c) + (c + d) * (b + d)) / n**2
    assert overall.n == n and overall.confusion[0][:2] == (a, b) and overall.confusion[1][:2] == (c, d)
    assert overall.agreement == pytest.approx(po) and overall.kappa == pytest.approx((po - pe) / (1 - pe))
    assert {x[0] for x in overall.disagreements} == flipped
    langs = [r for r in rep.rows if r.criterion == "nivea" and r.language != "*"]
    assert sum(r.n for r in langs) == n
    assert any("line 62" in x and "maybe" in x for x in rep.rejected)
    assert rep.unmatched == ("c-ghost/nivea: no automatic result in the warehouse",)
    assert overall.advisory == (overall.kappa < 0.6)


def test_advisory_criterion_stored_and_left_out_of_scores_and_levels(centre, tmp_path):
    path, _, _ = _human(centre, tmp_path, "diminutives", 25, 5)  # poor agreement
    con = open_snapshot(centre.db)
    rep = cal.calibrate(con, path, CalibrationOptions(kappa_floor=0.6, min_n=20))
    assert rep.advisory == ("diminutives",)
    store = open_coaching_store(f"sqlite:///{tmp_path / 'op.db'}")
    cal.save(store, rep, source=str(path))
    inputs = read_store_inputs(store)
    assert inputs.advisory == ("diminutives",)
    q = Query.for_period(PERIOD, filters={"agent_id": "a-01"})
    assert qa_score(con, q.but(exclude_criteria=inputs.advisory)).value.iloc[0] != qa_score(con, q).value.iloc[0]
    lv_all = {(x.agent_id, x.area): x for x in levels_from_warehouse(con, LevelOptions(), period=PERIOD)}
    lv_adv = {(x.agent_id, x.area): x for x in levels_from_warehouse(con, LevelOptions(), period=PERIOD,
                                                                     exclude=inputs.advisory)}
    assert lv_adv[("a-01", "language")].n < lv_all[("a-01", "language")].n  # diminutives not counted
    assert lv_adv[("a-01", "process")].n == lv_all[("a-01", "process")].n
    from coaching.reports import write_reports

    summ = write_reports(centre.db, "T1", PERIOD, tmp_path / "r", store=inputs, formats=("html",), workers=1)
    assert all("diminutives" not in crits for crits in summ.focus.values())
    team = (tmp_path / "r" / f"team-T1-{PERIOD}.html").read_text(encoding="utf-8")
    row = team.split('data-criterion="diminutives"')[1].split("</tr>")[0]
    assert "(adviserend)" in row and "Adviserend (kalibratie onder de drempel)" in team
    # a later, good calibration lifts it again
    good, _, _ = _human(centre, tmp_path, "diminutives", 0, 0)
    cal.save(store, cal.calibrate(con, good), source=str(good))
    assert read_store_inputs(store).advisory == ()
    store.close()


def test_bad_human_file(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("contact,criterion,outcome\nc1,nivea,pass\n")
    with pytest.raises(InputError) as e:
        cal.read_human(p)
    assert str(p) in str(e.value) and "contact_id" in str(e.value)


def test_calibrate_cli(centre, tmp_path):
    from typer.testing import CliRunner

    from meeluister.cli import app

    path, _, _ = _human(centre, tmp_path, "nivea", 2, 1)
    url = f"sqlite:///{tmp_path / 'op.db'}"
    r = CliRunner().invoke(app, ["calibrate", "--db", str(centre.db), "--human", str(path), "--store", url,
                                 "--out", str(tmp_path / "cal.csv")])
    assert r.exit_code == 0, r.output
    assert "nivea" in r.output and "kappa=" in r.output and "calibration run 1 stored" in r.output
    assert (tmp_path / "cal.csv").read_text().startswith("criterion,language,channel,n,agreement,kappa")
