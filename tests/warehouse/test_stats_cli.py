"""`meeluister stats` and `meeluister settings` on a real warehouse; one owner per default."""
from __future__ import annotations

import logging

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from meeluister.errors import InputError
from surveys.mapping import load_mapping
from warehouse import AnalyticsOptions, DriverOptions, Query, csat
from warehouse.cli import register, stats_frame
from warehouse.db import connect
from warehouse.ingest import ingest
from warehouse.settings import WarehouseSettings, check_setting


@pytest.fixture(scope="module")
def db(loaded_db_qualtrics):
    return loaded_db_qualtrics


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_warehouse_registers_stats_not_report():
    names = {c.name for c in _app().registered_commands}
    assert names == {"ingest", "settings", "stats", "purge"}


def test_stats_prints_the_query_layer_frame(db):
    res = CliRunner().invoke(_app(), ["stats", "csat", "--db", str(db), "--by", "language", "--min-n", "5"])
    assert res.exit_code == 0, res.output
    ref = csat(db, Query(group_by=("language",), min_n=5))
    for lang, n in zip(ref["language"], ref["n"]):
        assert any(line.split("│")[1].strip() == lang and line.split("│")[2].strip() == str(n)
                   for line in res.output.splitlines() if line.count("│") > 3), (lang, n)
    assert "n < 5 marked *" in res.output
    res = CliRunner().invoke(_app(), ["stats", "pass-rates", "--db", str(db), "--for", "2026-W47",
                                      "--filter", "language=nl", "--exclude-criterion", "nivea"])
    assert res.exit_code == 0, res.output
    assert "nivea" in res.output and "diminutives" in res.output
    bad = CliRunner().invoke(_app(), ["stats", "csat", "--db", str(db), "--by", "colour"])
    assert bad.exit_code == 2 and "cannot group by 'colour'" in bad.output
    bad = CliRunner().invoke(_app(), ["stats", "csat", "--db", str(db), "--filter", "team"])
    assert bad.exit_code == 2 and "NAME=VALUE" in bad.output


def test_defaults_have_one_owner(db):
    # the CLI passes no min_n of its own: each figure takes its options dataclass' default
    assert stats_frame("csat", db, Query(), "csat_topbox").attrs["min_n"] == AnalyticsOptions().min_n
    assert stats_frame("drivers", db, Query(), "csat_topbox").attrs["min_n"] == DriverOptions().min_n
    assert WarehouseSettings().as_rows() == {"csat_topbox_10": "9", "csat_topbox_5": "5", "repeat_window_days": "7"}
    with connect(db) as wh:
        assert wh.settings()["csat_topbox_10"] == str(WarehouseSettings().csat_topbox_10)


def test_settings_change_the_top_box_and_survive_a_survey_load(module_inputs, tmp_path):
    logging.disable(logging.ERROR)
    path = tmp_path / "wh.duckdb"
    ingest(path, transcripts=module_inputs.transcripts, results=module_inputs.results,
           metadata=module_inputs.metadata, surveys=[module_inputs.surveys_qualtrics])
    before = int(csat(path, Query()).loc[0, "topbox_n"])
    res = CliRunner().invoke(_app(), ["settings", "--db", str(path), "--set", "csat_topbox_10=8"])
    assert res.exit_code == 0 and "csat_topbox_10 = 8  (default 9)" in res.output
    after = int(csat(path, Query()).loc[0, "topbox_n"])
    ref = connect(path)
    n8 = ref.con.execute("SELECT count(*) FROM stg_surveys s JOIN mart_contacts USING (contact_id) "
                         "WHERE csat_scale = 10 AND csat >= 8").fetchone()[0]
    ref.close()
    assert after == n8 > before
    # a further survey file is data: it does not reset the warehouse's top-box
    ingest(path, surveys=[module_inputs.surveys_dutch])
    with connect(path) as wh:
        assert wh.settings()["csat_topbox_10"] == "8"
    bad = CliRunner().invoke(_app(), ["settings", "--db", str(path), "--set", "csat_topbox_5=7"])
    assert bad.exit_code == 2 and "csat_topbox_5" in bad.output and "1..5" in bad.output
    logging.disable(logging.NOTSET)


def test_check_setting_bounds():
    assert check_setting("csat_topbox_10", "8") == "8" and check_setting("repeat_window_days", 14.0) == "14"
    assert check_setting("csat_topbox_10", 10) == "10" and check_setting("csat_topbox_10", 1) == "1"
    for key, bad in (("csat_topbox_10", 11), ("csat_topbox_10", 0), ("csat_topbox_5", 6), ("csat_topbox_10", 8.5),
                     ("repeat_window_days", "x")):
        with pytest.raises(ValueError, match=key):
            check_setting(key, bad)
    with pytest.raises(KeyError, match="unknown setting"):
        check_setting("topbox", 9)


def test_a_survey_mapping_cannot_set_the_top_box(tmp_path):
    m = tmp_path / "m.toml"
    m.write_text("[csat]\ntopbox_10 = 8\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_mapping(m)
    assert str(m) in str(e.value) and "csat.topbox_10" in str(e.value) and "warehouse setting" in str(e.value)


def test_cli_option_defaults_are_read_from_the_dataclasses():
    from warehouse.ingest import IngestOptions

    cmds = {c.name: c for c in typer.main.get_command(_app()).commands.values()}
    ingest_defaults = {p.name: p.default for p in cmds["ingest"].params}
    assert ingest_defaults["link_window_h"] == IngestOptions().link_window_h
    stats_defaults = {p.name: p.default for p in cmds["stats"].params}
    assert stats_defaults["min_n"] is None and stats_defaults["level"] is None  # None: the dataclass decides
