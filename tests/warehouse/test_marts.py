"""The mart layer: aggregates equal a direct computation over the raw rows, and a second ingest
of changed data refreshes them (only the affected partitions)."""
from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from warehouse import analytics as a
from warehouse.db import connect
from warehouse import ingest, ingest_tables
from warehouse.marts import RESULT_GRAINS, scope_for

# Direct computations: raw lake rows through the staging views only (no mart), grouped in SQL
# with the textbook aggregates (avg, stddev_samp, count) the marts replace.
DIRECT_CSAT = """
SELECT {g}, count(s.csat_10) AS n, avg(s.csat_10) AS csat_mean, stddev_samp(s.csat_10) AS csat_sd,
       count(*) FILTER (s.csat_topbox) AS topbox_n
FROM stg_surveys s JOIN stg_contacts c USING (contact_id)
WHERE s.csat_10 IS NOT NULL GROUP BY {g}
"""
DIRECT_NPS = """
SELECT {g}, count(s.nps) AS n, count(*) FILTER (s.promoter) AS promoters,
       count(*) FILTER (s.nps BETWEEN 7 AND 8) AS passives, count(*) FILTER (s.detractor) AS detractors
FROM stg_surveys s JOIN stg_contacts c USING (contact_id)
WHERE s.nps IS NOT NULL GROUP BY {g}
"""
DIRECT_PASS = """
SELECT r.criterion, {g}, count(*) FILTER (r.applicable) AS n, count(*) FILTER (r.passed) AS passed,
       count(*) FILTER (NOT r.applicable) AS not_applicable
FROM stg_results r JOIN stg_contacts c USING (contact_id)
WHERE r.criterion <> 'overall' GROUP BY r.criterion, {g}
"""
DIRECT_QA = """
SELECT {g}, count(r.score) AS n, avg(r.score) AS qa_mean, stddev_samp(r.score) AS qa_sd
FROM stg_results r JOIN stg_contacts c USING (contact_id)
WHERE r.criterion = 'overall' AND r.score IS NOT NULL GROUP BY {g}
"""


@pytest.fixture()
def loaded(inputs, tmp_path):
    logging.disable(logging.ERROR)
    db = tmp_path / "wh.duckdb"
    ingest(db, transcripts=inputs.transcripts, results=inputs.results, metadata=inputs.metadata,
           surveys=[inputs.surveys_qualtrics, inputs.surveys_dutch], roster=inputs.roster)
    yield inputs, db
    logging.disable(logging.NOTSET)


def _direct(wh, sql: str, groups: list[str]) -> pd.DataFrame:
    g = ", ".join(f"c.{x}" for x in groups)
    return wh.con.execute(sql.format(g=g)).df()


def _same(got: pd.DataFrame, ref: pd.DataFrame, keys: list[str], cols: list[str]) -> None:
    got = got.sort_values(keys).reset_index(drop=True)
    ref = ref.sort_values(keys).reset_index(drop=True)
    assert len(got) == len(ref) > 0
    for k in keys:
        assert got[k].astype(str).tolist() == ref[k].astype(str).tolist(), k
    for c in cols:
        g, r = got[c].to_numpy(dtype=float), ref[c].to_numpy(dtype=float)
        assert np.allclose(g, r, rtol=1e-9, atol=1e-9, equal_nan=True), c


def _check_all(wh) -> None:
    from warehouse.checks import run_checks

    assert [c.line() for c in run_checks(wh.con) if not c.passed] == []  # the data checks, whole
    for groups, period in ((["language", "channel"], "week"), (["team"], "month"), (["agent_id"], None)):
        keys = groups + ([period] if period else [])
        _same(a.csat_by(wh, groups, period), _direct(wh, DIRECT_CSAT, keys), keys,
              ["n", "csat_mean", "csat_sd", "topbox_n"])
        _same(a.nps_by(wh, groups, period), _direct(wh, DIRECT_NPS, keys), keys,
              ["n", "promoters", "passives", "detractors"])
        _same(a.pass_rates_by(wh, groups, period), _direct(wh, DIRECT_PASS, keys), ["criterion"] + keys,
              ["n", "passed", "not_applicable"])
        _same(a.qa_score_by(wh, groups, period), _direct(wh, DIRECT_QA, keys), keys, ["n", "qa_mean", "qa_sd"])
    # queue is outside the result grains: the row-level fallback must agree as well
    _same(a.pass_rates_by(wh, ["queue"]), _direct(wh, DIRECT_PASS, ["queue"]), ["criterion", "queue"],
          ["n", "passed", "not_applicable"])


def test_mart_results_equal_direct_computation_over_raw_rows(loaded):
    _, db = loaded
    with connect(db) as wh:
        _check_all(wh)
        # every grain keeps its dimensions and only those
        for grain, dims in RESULT_GRAINS.items():
            other = {"language", "channel", "agent_id", "agent_name"} - dims
            nulls = wh.con.execute(
                f"SELECT count(*) FROM mart_result_daily WHERE grain = ? AND ({' OR '.join(f'{c} IS NOT NULL' for c in other)})",
                [grain]).fetchone()[0]
            assert nulls == 0, grain
        # the surveyed-contact marts hold exactly the rows the staging views give
        n_direct = wh.con.execute("SELECT count(*) FROM stg_surveys s JOIN stg_contacts c USING (contact_id)").fetchone()[0]
        assert wh.con.execute("SELECT count(*) FROM rpt_contact_satisfaction").fetchone()[0] == n_direct
        # the key-driver matrix: one 'not failed' flag per scored criterion of each surveyed contact
        di = a.driver_inputs(wh)
        got = (di.melt(id_vars="contact_id", value_vars=[c for c in di.columns if c.startswith("crit_")])
               .dropna().assign(criterion=lambda d: d.variable.str.removeprefix("crit_")))
        ref = wh.con.execute(
            "SELECT r.contact_id, r.criterion, max(CASE WHEN r.outcome = 'fail' THEN 0 ELSE 1 END) AS flag "
            "FROM stg_results r WHERE r.criterion <> 'overall' AND r.contact_id IN "
            "(SELECT contact_id FROM stg_surveys JOIN stg_contacts USING (contact_id)) GROUP BY ALL").df()
        assert len(di) == n_direct and di["contact_id"].is_unique
        merged = got.merge(ref, on=["contact_id", "criterion"], how="outer")
        assert len(merged) == len(ref) > 0 and (merged["value"] == merged["flag"]).all()
        rep = wh.con.execute(
            "SELECT count(*) FROM mart_contacts m JOIN stg_repeat_contacts r USING (contact_id) "
            "WHERE m.repeat_contact IS DISTINCT FROM r.repeat_contact").fetchone()[0]
        assert rep == 0


def test_second_ingest_of_changed_data_refreshes_the_marts(loaded):
    inputs, db = loaded
    with connect(db) as wh:
        before = a.pass_rates_by(wh, None, filters={"agent_id": "a-03"}).set_index("criterion")
    # Re-score: every applicable result of agent a-03's contacts now fails 'nivea'.
    a03 = {cid for cid, d in inputs.contacts.items() if d["agent_id"] == "a-03"}
    lines = []
    for line in inputs.results.read_text(encoding="utf-8").splitlines():
        try:
            d = json.loads(line)
        except json.JSONDecodeError:
            lines.append(line)
            continue
        if d.get("contact_id") in a03 and d.get("criterion") == "nivea":
            d["outcome"], d["score"] = "fail", 0.0
        lines.append(json.dumps(d, ensure_ascii=False))
    inputs.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = ingest(db, results=inputs.results)
    assert s.tables["results"].updated > 0
    assert "mart_result_daily" in s.mart_seconds and "mart_contacts" not in s.mart_seconds
    with connect(db) as wh:
        after = a.pass_rates_by(wh, None, filters={"agent_id": "a-03"}).set_index("criterion")
        assert after.loc["nivea", "passed"] == 0 < after.loc["nivea", "n"]
        assert before.loc["nivea", "passed"] > 0
        _check_all(wh)
    # A roster change moves contacts between teams: the marts follow.
    roster = inputs.roster.read_text(encoding="utf-8").replace("a-03,Sanne de Vries,KCC Zuid,2026-11-20,",
                                                                "a-03,Sanne de Vries,KCC Oost,2026-11-20,")
    inputs.roster.write_text(roster, encoding="utf-8")
    ingest(db, roster=inputs.roster)
    with connect(db) as wh:
        teams = set(a.qa_score_by(wh, ["team"])["team"].dropna())
        assert "KCC Oost" in teams and "KCC Zuid" in teams  # other agents stay in Zuid
        _check_all(wh)
    # Ingesting the same input again rewrites nothing, so nothing is refreshed.
    s = ingest(db, results=inputs.results)
    assert s.mart_seconds == {}


def test_refresh_scope_includes_the_month_before():
    assert scope_for({"2026-01"}) == {"2026-01", "2025-12"}
    assert scope_for({"2026-06", "undated"}) == {"2026-06", "2026-05", "undated"}


def test_bulk_turns_redacted_in_one_write_unknown_contacts_quarantined(tmp_path):
    logging.disable(logging.ERROR)
    contacts = pa.table({"contact_id": ["c1", "c2"], "m_channel": ["phone", "chat"], "m_language": ["nl", "nl"],
                         "m_started_utc": pd.to_datetime(["2026-03-02 09:00", "2026-04-01 10:00"]).values,
                         "m_started_local": pd.to_datetime(["2026-03-02 10:00", "2026-04-01 12:00"]).values})
    texts = ["Goedemorgen, waarmee kan ik u helpen?", "Mijn BSN is 111222333.", "Mail naar jan@example.nl graag.",
             "Dank u wel.", "Nog een vraag."]
    turns = pa.table({"contact_id": ["c1", "c1", "c2", "c2", "ghost"], "turn_idx": pa.array([0, 1, 0, 1, 0], pa.int32()),
                      "speaker": ["agent", "customer", "customer", "agent", "agent"], "text": texts,
                      "source_file": ["gen"] * 5, "source_sha256": ["0"] * 5, "source_row": [0, 1, 0, 1, 0]})
    db = tmp_path / "bulk.duckdb"
    s = ingest_tables(db, contacts=contacts, turns=turns)
    assert s.tables["turns"].added == 4 and s.rejected_by_reason == {"turns:unknown_contact": 1}
    assert s.redactions.get("bsn") == 1 and s.redactions.get("email") == 1
    with connect(db) as wh:
        got = dict(wh.con.execute("SELECT contact_id || ':' || turn_idx, text FROM raw_turns").fetchall())
        assert "111222333" not in got["c1:1"] and "[BSN]" in got["c1:1"]
        assert "[EMAIL]" in got["c2:0"] and got["c1:0"] == texts[0]
        assert set(wh.con.execute("SELECT DISTINCT date FROM raw_turns").fetchall()) == {("2026-03",), ("2026-04",)}
    dup = turns.slice(0, 2).append_column("x", pa.array([1, 1])).drop_columns(["x"])
    dup = pa.concat_tables([dup, dup])
    with pytest.raises(ValueError, match="duplicate keys"):
        ingest_tables(tmp_path / "dup.duckdb", contacts=contacts, turns=dup)
    logging.disable(logging.NOTSET)


def _bulk_data(n: int = 400, seed: int = 5):
    """Contacts over several months and teams, results with n/a, NULL outcomes and scores,
    surveys (some without contact id, linked by agent and time; some duplicates)."""
    rng = np.random.default_rng(seed)
    ids = [f"k-{i}" for i in range(n)]
    local = pd.Timestamp("2026-01-03 09:00") + pd.to_timedelta(rng.integers(0, 150 * 24, n), unit="h")
    local = pd.DatetimeIndex([pd.NaT if i in (0, 1) else t for i, t in enumerate(local)])  # undated contacts
    agent = rng.integers(0, 12, n)
    contacts = pa.table({
        "contact_id": ids, "m_agent_id": [f"a{a}" for a in agent], "m_agent_name": [f"Agent {a}" for a in agent],
        "m_team": [f"T{a // 4}" if a != 11 else None for a in agent],
        "m_channel": rng.choice(["phone", "chat", "email"], n), "m_language": rng.choice(["nl", "en", "fr"], n),
        "m_started_utc": (local - pd.Timedelta(hours=1)).values, "m_started_local": local.values,
        "m_handle_s": rng.uniform(60, 900, n), "m_wait_s": rng.uniform(0, 300, n),
        "m_customer_key": [f"cust{i % 150}" for i in range(n)]})
    crits = ["greeting", "empathy", "next_steps", "overall"]
    rows = [(c, k) for c in ids for k in crits if rng.random() < 0.9 or k == "overall"]
    outcome = rng.choice(["pass", "fail", "n/a", None], len(rows), p=[.5, .3, .15, .05])
    score = np.where(rng.random(len(rows)) < 0.1, np.nan, rng.random(len(rows)))
    results = pa.table({"contact_id": [c for c, _ in rows], "criterion": [k for _, k in rows],
                        "outcome": pa.array(outcome.tolist(), pa.string()),
                        "score": pa.array(score, pa.float64(), mask=np.isnan(score)),
                        "source_file": ["r.jsonl"] * len(rows), "source_sha256": ["0"] * len(rows),
                        "source_row": list(range(len(rows)))})
    pick = rng.choice(n, n // 2, replace=False)
    pick = np.concatenate([pick, pick[:5]])  # five contacts answered twice: duplicates
    sub = local[pick] + pd.Timedelta(hours=2)
    csat = rng.integers(1, 11, len(pick)).astype(float)
    surveys = pa.table({
        "response_id": [f"r{i}" for i in range(len(pick))],
        "contact_id": pa.array([ids[p] if i % 10 else None for i, p in enumerate(pick)], pa.string()),
        "tool": ["qualtrics"] * len(pick), "submitted_utc": (sub - pd.Timedelta(hours=1)).values,
        "submitted_local": sub.values, "agent_ref": [f"a{agent[p]}" for p in pick],
        "survey_language": ["nl"] * len(pick), "csat": csat, "csat_scale": pa.array([10] * len(pick), pa.int32()),
        "csat_norm": (csat - 1) / 9, "nps": pa.array(rng.integers(0, 11, len(pick)), pa.int32()),
        "comment": ["prima"] * len(pick), "redactions": ["{}"] * len(pick),
        "source_file": ["s.csv"] * len(pick), "source_sha256": ["0"] * len(pick),
        "source_row": list(range(len(pick)))})
    return contacts, results, surveys


def _mart_rows(con, mart: str) -> list[tuple]:
    rows = con.execute(f"SELECT * FROM {mart}").fetchall()
    cols = [d[0] for d in con.execute(f"SELECT * FROM {mart} LIMIT 0").description]
    out = []
    for r in rows:
        r = dict(zip(cols, r))
        if r.get("outcomes") is not None:  # string_agg order is not defined: compare as a set
            r["outcomes"] = tuple(sorted(r["outcomes"].strip("\x1e").split("\x1e")))
        out.append(tuple((k, round(v, 9) if isinstance(v, float) else v) for k, v in r.items()))
    return sorted(out, key=repr)


def test_first_load_marts_from_memory_equal_marts_from_the_lake(tmp_path, monkeypatch):
    """ingest_tables builds the fact marts of a first results load from the rows in memory;
    rebuilding them from the Parquet lake must give the same tables."""
    import warehouse.marts
    from warehouse.marts import mart_sql, refresh_marts
    from warehouse.memmarts import build_result_daily, build_result_exclusion

    ingest_module = __import__("sys").modules["warehouse.table_ingest"]
    used: list[int] = []

    def spy(con, table, *args):
        used.append(table.num_rows)
        return warehouse.marts.results_relation(con, table, *args)

    def spy_build(con, table, index):
        used.append(-table.num_rows)
        return build_result_daily(con, table, index)

    monkeypatch.setattr(ingest_module, "results_relation", spy)
    def spy_exclusion(con, table, index):
        used.append(-2 * table.num_rows)
        return build_result_exclusion(con, table, index)

    monkeypatch.setattr(ingest_module, "build_result_daily", spy_build)
    monkeypatch.setattr(ingest_module, "build_result_exclusion", spy_exclusion)
    logging.disable(logging.ERROR)
    contacts, results, surveys = _bulk_data()
    db = tmp_path / "mem.duckdb"
    s = ingest_tables(db, contacts=contacts, results=results, surveys=surveys)
    # the marts did read the rows in memory (mart_result_daily, mart_result_exclusion: aggregated
    # by warehouse.memmarts)
    assert used == [results.num_rows, -results.num_rows, -2 * results.num_rows]
    assert s.tables["results"].added == results.num_rows and s.tables["surveys"].added > 0
    facts = [m.name for m in mart_sql() if m.name != "mart_contacts"]
    with connect(db) as wh:
        in_memory = {m: _mart_rows(wh.con, m) for m in facts}
        assert all(in_memory[m] for m in facts)
        assert wh.con.execute("SELECT count(*) FROM mart_result_daily WHERE date = 'undated'").fetchall()[0][0] > 0
        refresh_marts(wh.con, None)  # from the lake, through stg_results
        for m in facts:
            assert _mart_rows(wh.con, m) == in_memory[m], m
        _check_all(wh)
    logging.disable(logging.NOTSET)

