"""Everything a person could read in a warehouse, for the privacy and retention tests."""
from __future__ import annotations

import json
from pathlib import Path


def texts_of_warehouse(db: Path) -> str:
    """Raw bytes of every file (DB, WAL, snapshot, lake, quarantine report) plus every decoded
    value of every Parquet file and every table of both DuckDB files (their pages are compressed:
    a byte scan alone would prove nothing)."""
    import duckdb
    import pyarrow.parquet as pq

    parts: list[str] = []
    files = [p for p in db.parent.glob(db.stem + "*") if p.is_file()]
    files += [p for p in (db.parent / (db.stem + ".lake")).rglob("*") if p.is_file()]
    for f in files:
        parts.append(f.read_bytes().decode("latin-1"))
        if f.suffix == ".parquet":
            parts.append(json.dumps(pq.read_table(f).to_pylist(), default=str, ensure_ascii=False))
    for f in (db, db.with_name(db.stem + ".snapshot.duckdb")):
        con = duckdb.connect(":memory:")
        con.execute(f"ATTACH '{f}' AS x (READ_ONLY)")
        for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'x'").fetchall():
            parts.append(json.dumps(con.execute(f'SELECT * FROM x."{t}"').fetchall(), default=str, ensure_ascii=False))
        con.close()
    return "\n".join(parts)
