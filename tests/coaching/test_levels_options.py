"""Levels from the query layer's numbers, the CSV for routing, and the validated TOML config."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from centre import PERIOD

from coaching.levels import level_for, levels_from_warehouse, write_levels_csv
from coaching.options import CoachingOptions, LevelOptions, load_options
from meeluister.errors import InputError
from warehouse import Query, csat, open_snapshot, pass_rates


def test_level_thresholds():
    o = LevelOptions()
    assert level_for(0.95, 50, 9.0, o)[0] == "gold"
    assert level_for(0.95, 50, 8.0, o)[0] == "silver"  # CSAT below gold's 8.5
    assert level_for(0.80, 50, 9.9, o)[0] == "silver"
    assert level_for(0.74, 50, 9.9, o)[0] == "bronze"
    assert level_for(0.95, 50, None, o)[:2] == ("gold", False)  # no CSAT: pass rate alone
    assert level_for(1.0, o.min_n - 1, 10, o)[:2] == ("bronze", True)  # small n: bronze at most


def test_levels_csv_equals_pooled_query_numbers(centre, tmp_path):
    con = open_snapshot(centre.db)
    opts = LevelOptions()
    lv = levels_from_warehouse(con, opts, period=PERIOD)
    path = write_levels_csv(lv, tmp_path / "levels.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == len(centre.agents) * len(opts.areas)
    q = Query.for_period(PERIOD)
    pr = pass_rates(con, q.but(group_by=("agent_id", "criterion")))
    cs = csat(con, q.but(group_by=("agent_id",))).set_index("agent_id")
    areas = dict(opts.areas)
    for r in rows:
        sub = pr[(pr.agent_id == r["agent_id"]) & pr.criterion.isin(areas[r["area"]])]
        n = int(sub.n.sum())
        rate = (sub.value * sub.n).round().sum() / n
        assert int(r["n"]) == n and float(r["pass_rate"]) == pytest.approx(rate, abs=1e-4)
        assert r["level"] == level_for(rate, n, float(cs.at[r["agent_id"], "value"]), opts)[0]
    weak = [r for r in rows if r["agent_id"] == "a-01" and r["area"] == "process"][0]
    assert weak["level"] == "bronze"  # next_steps, the generated weak spot


def test_levels_cli(centre, tmp_path):
    from typer.testing import CliRunner

    from meeluister.cli import app

    out = tmp_path / "levels.csv"
    res = CliRunner().invoke(app, ["levels", "--db", str(centre.db), "--out", str(out), "--period", PERIOD])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("agent_id,agent_name,area,level,")


def test_config_overrides_and_validation(tmp_path):
    p = tmp_path / "coaching.toml"
    p.write_text('[levels]\ngold_pass = 0.95\n[levels.areas]\nall = ["nivea", "next_steps"]\n[disputes]\nwindow_days = 7\n')
    o = load_options(p)
    assert o.levels.gold_pass == 0.95 and o.levels.silver_pass == LevelOptions().silver_pass
    assert o.levels.areas == (("all", ("nivea", "next_steps")),) and o.disputes.window_days == 7
    assert load_options(None) == CoachingOptions()
    for text, where in (("[levels]\ngold_pas = 0.9\n", "levels.gold_pas"),
                        ("[levels]\ngold_pass = 1.5\n", "levels.gold_pass"),
                        ("[levels]\ngold_pass = 0.5\n", "levels.gold_pass"),  # below silver
                        ("[focus]\nmin_n = 2.5\n", "focus.min_n"),
                        ("[focus]\ntrend_periods = 2\n", "focus.trend_periods"),
                        ("[levels.areas]\na = [\"x\"]\nb = [\"x\"]\n", "levels.areas"),
                        ("[nope]\nx = 1\n", "nope")):
        p.write_text(text)
        with pytest.raises(InputError) as e:
            load_options(p)
        assert e.value.where == where and str(p) in str(e.value)
    p.write_text("[levels\n")
    with pytest.raises(InputError, match="not valid TOML"):
        load_options(p)
