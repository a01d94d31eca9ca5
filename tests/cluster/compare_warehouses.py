"""Helpers of the scale-out tests: a warehouse read back table by table, for comparing two
(imported by name: pytest puts this folder on the path for its test modules)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping
import duckdb

# Columns that say when and in which run a row was written, not what it holds.
RUN_COLUMNS = frozenset({"run_id", "ingested_at"})
RUN_LOGS = frozenset({"ingest_log", "ingest_runs"})


def warehouse_rows(db: Path, ignore: Mapping[str, Iterable[str]] | None = None) -> dict[str, list[tuple]]:
    """Every table of the .duckdb file and every lake table (raw_* views over the Parquet), rows
    sorted; the runs' own logs (`ingest_log`: a row per step of the run that wrote it; `ingest_runs`:
    a row per run, with its times), run columns and the
    `ignore` columns per table left out."""
    ignore = {k: set(v) for k, v in (ignore or {}).items()}
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary UNION "
            "SELECT view_name FROM duckdb_views() WHERE NOT temporary AND view_name LIKE 'raw_%'").fetchall()]
        out = {}
        for name in sorted(set(names) - RUN_LOGS):
            cols = [r[0] for r in con.execute(f'DESCRIBE "{name}"').fetchall()
                    if r[0] not in RUN_COLUMNS and r[0] not in ignore.get(name, ())]
            rows = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{name}"').fetchall()
            out[name] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def fix_salt(db: Path, salt: str = "0123456789abcdef") -> None:
    """Two warehouses compared row by row need the same customer-key secret."""
    from warehouse import connect

    with connect(db) as wh:
        wh.con.execute("INSERT INTO settings VALUES ('customer_key_salt', ?)", [salt])


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> list[str]:
    """Tables whose rows differ, each with the first differing row pair's differing positions."""
    out = []
    for name in sorted(set(a) | set(b)):
        ra, rb = a.get(name), b.get(name)
        if ra == rb:
            continue
        if ra is None or rb is None or len(ra) != len(rb):
            out.append(f"{name}: {None if ra is None else len(ra)} vs {None if rb is None else len(rb)} rows")
            continue
        x, y = next((x, y) for x, y in zip(ra, rb) if x != y)
        out.append(f"{name}: " + "; ".join(f"[{i}] {u!r} != {v!r}" for i, (u, v) in enumerate(zip(x, y)) if u != v))
    return out
