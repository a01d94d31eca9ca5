"""A day's increment refreshes the marts of the affected months only (the month of the new
contacts and the month before, whose repeat-contact flags can change), and what it leaves equals a
full rebuild; an unaffected month is outside every refresh's scope (its rows are neither deleted
nor inserted) and its rows are those from before."""
from __future__ import annotations

from datetime import datetime, timedelta

import pyarrow as pa

from warehouse import ingest_tables
from warehouse.db import connect
from warehouse.marts import mart_sql, refresh_marts

CRITERIA = ("nivea", "next_steps", "overall")


def _contacts(rows: list[tuple[str, datetime, str, str]]) -> pa.Table:
    n = len(rows)
    return pa.table({
        "contact_id": [r[0] for r in rows], "m_agent_id": [r[2] for r in rows],
        "m_agent_name": ["Agent " + r[2] for r in rows], "m_team": ["T1" if r[2] < "a-3" else "T2" for r in rows],
        "m_channel": ["phone"] * n, "m_language": ["nl"] * n,
        "m_started_utc": [r[1] - timedelta(hours=1) for r in rows], "m_started_local": [r[1] for r in rows],
        "m_handle_s": [300.0] * n, "m_customer_key": [r[3] for r in rows],
        "m_source_file": ["bench://m"] * n, "m_source_sha256": ["0" * 64] * n,
        "m_source_row": list(range(n)),
    })


def _results(ids: list[str]) -> pa.Table:
    rows = [(c, k, ("pass", "fail", "n/a")[(i + j) % 3]) for i, c in enumerate(ids) for j, k in enumerate(CRITERIA)]
    return pa.table({
        "contact_id": [r[0] for r in rows], "criterion": [r[1] for r in rows], "outcome": [r[2] for r in rows],
        "score": [1.0 if r[2] == "pass" else 0.0 for r in rows], "scorecard": ["default@1"] * len(rows),
        "evidence": ["[]"] * len(rows), "source_file": ["bench://r"] * len(rows),
        "source_sha256": ["0" * 64] * len(rows), "source_row": list(range(len(rows))),
    })


def _surveys(ids_times: list[tuple[str, datetime]], prefix: str) -> pa.Table:
    n = len(ids_times)
    return pa.table({
        "response_id": [f"{prefix}{i}" for i in range(n)], "contact_id": [c for c, _ in ids_times],
        "tool": ["qualtrics"] * n, "submitted_utc": [t + timedelta(hours=2) for _, t in ids_times],
        "submitted_local": [t + timedelta(hours=3) for _, t in ids_times], "agent_ref": [None] * n,
        "survey_language": ["nl"] * n, "csat": [float(4 + i % 7) for i in range(n)],
        "csat_scale": pa.array([10] * n, pa.int32()), "csat_norm": [(3 + i % 7) / 9 for i in range(n)],
        "nps": pa.array([i % 11 for i in range(n)], pa.int32()), "comment": ["prima"] * n,
        "redactions": ["{}"] * n, "source_file": ["bench://s"] * n, "source_sha256": ["0" * 64] * n,
        "source_row": list(range(n)),
    })


def _mart_rows(con, month: str | None = None) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    out = {}
    for m in mart_sql():
        where = "" if month is None else " WHERE date = ?"
        rows = con.execute(f"SELECT * FROM {m.name}{where}", [] if month is None else [month]).fetchall()
        out[m.name] = sorted(rows, key=repr)
    return out


def test_increment_refreshes_affected_months_only_and_equals_a_full_rebuild(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import warehouse.marts as marts_mod

    base = []
    for month in (5, 6, 7):
        for d in range(1, 29, 3):
            for k in range(3):
                base.append((f"c-{month}-{d}-{k}", datetime(2026, month, d, 9 + k), f"a-{1 + (d + k) % 4}",
                             f"cust-{(d * 3 + k) % 11}"))
    base.append(("c-6-30", datetime(2026, 6, 30, 16), "a-1", "cust-late-june"))  # calls again on 2 July
    db = tmp_path / "wh.duckdb"
    ids = [r[0] for r in base]
    ingest_tables(db, contacts=_contacts(base), results=_results(ids),
                  surveys=_surveys([(r[0], r[1]) for r in base[::2]], "s-"))
    with connect(db) as wh:
        may_before = _mart_rows(wh.con, "2026-05")
        repeat_before = wh.con.execute("SELECT repeat_contact FROM mart_contacts WHERE contact_id = 'c-6-30'").fetchall()
    assert repeat_before == [(False,)]

    day = datetime(2026, 7, 2)
    inc = [(f"d-{i}", day + timedelta(minutes=7 * i), f"a-{1 + i % 4}", f"cust-new-{i}") for i in range(20)]
    inc.append(("d-again", day + timedelta(hours=3), "a-2", "cust-late-june"))
    scopes: list[set[str]] = []
    real_scope = marts_mod.scope_for
    monkeypatch.setattr(marts_mod, "scope_for", lambda months: scopes.append(real_scope(months)) or scopes[-1])
    s = ingest_tables(db, contacts=_contacts(inc), results=_results([r[0] for r in inc]),
                      surveys=_surveys([(r[0], r[1]) for r in inc[::3]], "t-"))
    assert s.tables["contacts"].added == 21
    # contact marts, then fact marts: each refresh for July and the month before, never May
    assert scopes == [{"2026-06", "2026-07"}, {"2026-06", "2026-07"}]
    assert set(s.mart_seconds) == {m.name for m in mart_sql()}
    with connect(db) as wh:
        con = wh.con
        # the June contact is now a repeat: the month before the increment was refreshed too
        assert con.execute("SELECT repeat_contact FROM mart_contacts WHERE contact_id = 'c-6-30'").fetchall() == [(True,)]
        incremental = _mart_rows(con)
        assert _mart_rows(con, "2026-05") == may_before and all(may_before.values())
        refresh_marts(con, None)  # everything rebuilt from the lake
        full = _mart_rows(con)
    assert set(incremental) == {m.name for m in mart_sql()}
    for m in incremental:
        assert incremental[m] == full[m], m
    assert sum(len(v) for v in incremental.values()) > 100
