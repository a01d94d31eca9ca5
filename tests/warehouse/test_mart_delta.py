"""The increment path of the mart refresh (warehouse/martdelta.py): a run that only adds (new
contacts, first results of existing contacts, new responses) refreshes the marts from its own rows
(aggregates merged, per-contact rows rebuilt for the contacts concerned), and what it leaves
equals a full rebuild over the same lake and a first load of the same data, every mart (sums of
doubles to rounding: they are added in another order). A run that replaces rows takes the
month-scoped refresh. Leaving out the increment's rows of one partition, or the mart's other rows
of a day, makes the comparison fail."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from warehouse import ingest_tables, martdelta
from warehouse.db import connect
from warehouse.marts import mart_sql, refresh_marts

CRITERIA = ("nivea", "next_steps", "overall")


def _num(cid: str) -> int:
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(cid))


def _contacts(rows: list[tuple[str, datetime, str]]) -> pa.Table:
    n = len(rows)
    agent = [f"a-{_num(c) % 4}" for c, _, _ in rows]
    return pa.table({
        "contact_id": [c for c, _, _ in rows], "m_agent_id": agent, "m_agent_name": ["Agent " + a for a in agent],
        "m_team": ["T1" if a < "a-2" else "T2" for a in agent], "m_channel": ["phone", "chat"] * (n // 2) + ["phone"] * (n % 2),
        "m_language": ["nl"] * n, "m_started_utc": [t - timedelta(hours=1) for _, t, _ in rows],
        "m_started_local": [t for _, t, _ in rows], "m_handle_s": [100.0 + _num(c) % 500 for c, _, _ in rows],
        "m_customer_key": [k for _, _, k in rows],
        "m_source_file": ["bench://m"] * n, "m_source_sha256": ["0" * 64] * n, "m_source_row": [_num(c) for c, _, _ in rows],
    })


def _results(ids: list[str]) -> pa.Table:
    rows = [(c, k, ("pass", "fail", "n/a")[(_num(c) + j) % 3]) for c in ids for j, k in enumerate(CRITERIA)]
    n = len(rows)
    return pa.table({
        "contact_id": [r[0] for r in rows], "criterion": [r[1] for r in rows], "outcome": [r[2] for r in rows],
        # fractional scores: the merged sums are sums of doubles
        "score": [None if r[2] == "n/a" else (_num(r[0]) % 97) / 97 for r in rows],
        "scorecard": ["default@1"] * n, "evidence": ["[]"] * n, "source_file": ["bench://r"] * n,
        "source_sha256": ["0" * 64] * n, "source_row": [_num(r[0]) * 10 + CRITERIA.index(r[1]) for r in rows],
    })


def _surveys(rows: list[tuple[str, datetime]], prefix: str) -> pa.Table:
    n = len(rows)
    scale = [5 if _num(c) % 2 else 10 for c, _ in rows]
    csat = [float(1 + _num(c) % s) for (c, _), s in zip(rows, scale)]
    return pa.table({
        "response_id": [f"{prefix}{c}" for c, _ in rows], "contact_id": [c for c, _ in rows],
        "tool": ["qualtrics"] * n, "submitted_utc": [t + timedelta(hours=2) for _, t in rows],
        "submitted_local": [t + timedelta(hours=3) for _, t in rows], "agent_ref": [None] * n,
        "survey_language": ["nl"] * n, "csat": csat, "csat_scale": pa.array(scale, pa.int32()),
        "csat_norm": [(v - 1) / (s - 1) for v, s in zip(csat, scale)],
        "nps": pa.array([_num(c) % 11 for c, _ in rows], pa.int32()), "comment": ["prima"] * n,
        "redactions": ["{}"] * n, "source_file": ["bench://s"] * n, "source_sha256": ["0" * 64] * n,
        "source_row": [_num(c) for c, _ in rows],
    })


def _rows(con: Any) -> dict[str, list[str]]:
    """Every mart's rows, order-independent, doubles to 9 significant digits."""
    def norm(v: Any) -> Any:
        return float(f"{v:.9g}") if isinstance(v, float) else v
    return {m.name: sorted(repr(tuple(norm(v) for v in r)) for r in con.execute(f"SELECT * FROM {m.name}").fetchall())
            for m in mart_sql()}


def _base() -> list[tuple[str, datetime, str]]:
    out = []
    for month in (5, 6):
        for d in range(1, 31, 2):
            for k in range(3):
                out.append((f"c-{month}-{d}-{k}", datetime(2026, month, d, 9 + 2 * k), f"cust-{(d + k) % 9}"))
    return out


def _day() -> list[tuple[str, datetime, str]]:
    """An increment across a month end (two partitions); some callers known, some new."""
    return [(f"d-{i}", datetime(2026, 6, 30, 12) + timedelta(hours=3 * i), f"cust-{i % 12}") for i in range(16)]


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the martdelta refreshes the runs call."""
    seen: list[str] = []
    for name in ("refresh_contacts", "refresh_facts"):
        real = getattr(martdelta, name)

        def spy(*a: Any, _real: Any = real, _name: str = name, **k: Any) -> Any:
            seen.append(_name)
            return _real(*a, **k)
        monkeypatch.setattr(martdelta, name, spy)
    return seen


def _load_history(db: Path) -> tuple[list, list, list]:
    """The base, then three increments that only add; returns contacts, result ids, survey rows."""
    base = _base()
    scored = [c for c, _, _ in base[::2]]
    surveyed = [(c, t) for c, t, _ in base[::3]]
    ingest_tables(db, contacts=_contacts(base), results=_results(scored), surveys=_surveys(surveyed, "s-"))
    day = _day()
    day_ids = [c for c, _, _ in day]
    # 1: a day of new contacts with their results and a few responses
    ingest_tables(db, contacts=_contacts(day), results=_results(day_ids[:12]),
                  surveys=_surveys([(c, t) for c, t, _ in day[::4]], "s-"))
    # 2: first results of contacts that had none (the base's odd ones, June)
    late = [c for c, _, _ in base[1::2] if c.startswith("c-6-")][:10] + day_ids[12:]
    ingest_tables(db, results=_results(late))
    # 3: new responses for contacts that had results and no response
    more = [(c, t) for c, t, _ in base if c.startswith("c-6-") and (c, t) not in surveyed][:8]
    ingest_tables(db, surveys=_surveys(more, "t-"))
    return base + day, scored + day_ids[:12] + late, [("s-", surveyed + [(c, t) for c, t, _ in day[::4]]), ("t-", more)]


def test_increments_that_only_add_equal_a_full_rebuild_and_a_first_load(tmp_path: Path, calls: list[str]) -> None:
    db = tmp_path / "wh.duckdb"
    contacts, scored, responses = _load_history(db)
    assert calls == ["refresh_contacts", "refresh_facts", "refresh_facts", "refresh_facts"]
    with connect(db) as wh:
        con = wh.con
        # a June contact of a caller who called again on 30 June became a repeat contact
        assert con.execute("SELECT count(*) FROM mart_contacts WHERE repeat_contact AND date = '2026-06' "
                           "AND NOT starts_with(contact_id, 'd-')").fetchall()[0][0] > 0
        incremental = _rows(con)
        refresh_marts(con, None)
        rebuilt = _rows(con)
    full_db = tmp_path / "full.duckdb"
    ingest_tables(full_db, contacts=_contacts(contacts), results=_results(scored),
                  surveys=pa.concat_tables([_surveys(r, p) for p, r in responses]))
    with connect(full_db) as wh:
        first_load = _rows(wh.con)
    assert all(incremental.values()) and sum(map(len, incremental.values())) > 300
    for name in incremental:
        assert incremental[name] == rebuilt[name], name
        assert incremental[name] == first_load[name], name


def test_a_run_that_replaces_rows_takes_the_month_refresh(tmp_path: Path, calls: list[str]) -> None:
    db = tmp_path / "wh.duckdb"
    base = _base()
    ids = [c for c, _, _ in base]
    ingest_tables(db, contacts=_contacts(base), results=_results(ids[::2]))
    calls.clear()
    ingest_tables(db, results=_results(ids[:4]))  # re-scored: existing results replaced
    moved = [(base[0][0], datetime(2026, 6, 29, 10), base[0][2])]
    ingest_tables(db, contacts=_contacts(moved))  # a contact moved to another month
    assert calls == []
    with connect(db) as wh:
        got = _rows(wh.con)
        refresh_marts(wh.con, None)
        assert got == _rows(wh.con)


def _differs_from_rebuild(db: Path) -> list[str]:
    with connect(db) as wh:
        got = _rows(wh.con)
        refresh_marts(wh.con, None)
        full = _rows(wh.con)
    return [m for m in got if got[m] != full[m]]


def test_leaving_out_a_partition_of_the_increment_fails_the_comparison(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "wh.duckdb"
    base = _base()
    ingest_tables(db, contacts=_contacts(base), results=_results([c for c, _, _ in base]))
    real = martdelta._new_rows

    def skip_july(con: Any, lake: Any, table: Any) -> str:
        return f"SELECT * FROM ({real(con, lake, table)}) WHERE date <> '2026-07'"
    monkeypatch.setattr(martdelta, "_new_rows", skip_july)
    day = _day()
    ingest_tables(db, contacts=_contacts(day), results=_results([c for c, _, _ in day]))
    assert {"mart_contacts", "mart_result_daily", "mart_result_exclusion"} <= set(_differs_from_rebuild(db))


def test_dropping_the_days_other_rows_fails_the_comparison(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "wh.duckdb"
    base = _base() + [(f"e-{k}", datetime(2026, 6, 30, 8, k), f"cust-x{k}") for k in range(6)]
    ingest_tables(db, contacts=_contacts(base), results=_results([c for c, _, _ in base]))
    real = martdelta._merge_additive

    def replace_day(con: Any, name: str, delta_sql: str) -> None:  # the day's rows from the delta alone
        con.execute(f"CREATE OR REPLACE TEMP TABLE _scoped_delta_rows AS {delta_sql}")
        con.execute(f"DELETE FROM {name} WHERE day IN (SELECT day FROM _scoped_delta_rows)")
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _scoped_delta_rows")
    monkeypatch.setattr(martdelta, "_merge_additive", replace_day)
    day = _day()
    ingest_tables(db, contacts=_contacts(day), results=_results([c for c, _, _ in day]))
    assert {"mart_result_daily", "mart_result_exclusion"} <= set(_differs_from_rebuild(db))
    monkeypatch.setattr(martdelta, "_merge_additive", real)
