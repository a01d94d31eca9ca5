"""The lake's key index: for every Parquet data file, the row groups (`LakeTable.replace_by`
values) it holds, so that a merge reads only the files that hold the batch's keys.

A merge (warehouse/lake.py) must find the existing rows of every group in the batch: a
re-transcribed contact's old turns, a re-scored contact's old results. Without an index that
means reading the key columns of every partition, so a day's increment costs more the more the
lake holds (docs/scale.md). The index is a sidecar beside each data file,
`date=<d>/.<file>.<tag>.keys`: a small Parquet file of the distinct 64-bit hashes of the file's
groups (column `g`) and, for a table whose groups are not contacts (surveys: responses), of the
contacts its rows belong to (column `c`, for the marts' refresh: warehouse/martscope.py).

* **Written by every writer**: `Lake.commit_staged` gives each new data file its sidecar before
  the staged partition is swapped in (first loads, merges, bulk loads, a purge's rewrite), so the
  sidecar moves with its partition through the ingest journal (warehouse/journal.py): a killed run
  leaves old files with their old sidecars, a committed one new files with new sidecars.
* **Rebuilt if missing**: a data file without a sidecar (a lake written before the index, a file
  copied in by hand) gets one the first time a merge looks it up (`ensure`).
* **Only ever too wide, never too narrow**: a hash collision makes a file look as if it held a
  group it does not; the merge then reads that file and finds no row of the group, which costs
  time, never a result. The tag is the hash of a fixed string under the running DuckDB (and this
  format's version), so an engine whose `hash()` differs reads no sidecar of another and
  rebuilds its own.
"""
from __future__ import annotations

import functools
import logging
import os
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

import duckdb

from warehouse.schema import LakeTable

logger = logging.getLogger(__name__)

FORMAT = "meeluister-key-index-v1"


def _q(ident: str) -> str:
    return '"' + ident.replace('"', '""') + '"'


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


@functools.lru_cache(maxsize=4)
def _tag_of(probe: int) -> str:
    return f"{probe & 0xFFFFFFFF:08x}"


def tag(con: duckdb.DuckDBPyConnection) -> str:
    """The sidecars' tag under this DuckDB: the hash of the format's name."""
    return _tag_of(int(con.execute("SELECT hash(?)", [FORMAT]).fetchall()[0][0]))


def group_hash(table: LakeTable, alias: str = "") -> str:
    """SQL: the 64-bit hash of a row's group (its `replace_by` columns)."""
    pre = f"{alias}." if alias else ""
    return f"hash({', '.join(pre + _q(g) for g in table.replace_by)})"


def columns(table: LakeTable) -> dict[str, str]:
    """The sidecar's columns and the SQL over a data file's row that fills each."""
    out = {"g": group_hash(table)}
    if "contact_id" in table.columns and table.replace_by != ("contact_id",):
        out["c"] = f"hash({_q('contact_id')})"
    return out


def contact_column(table: LakeTable) -> str | None:
    """The sidecar column holding the hashes of the contacts of a file's rows (None: no contacts)."""
    if "contact_id" not in table.columns:
        return None
    return "g" if table.replace_by == ("contact_id",) else "c"


def sidecar(data_file: Path, tag_: str) -> Path:
    return data_file.with_name(f".{data_file.name}.{tag_}.keys")


def write(con: duckdb.DuckDBPyConnection, table: LakeTable, data_file: Path, dest: Path,
          tmp_dir: Path) -> None:
    """Write the sidecar of `data_file` to `dest` (via a temp file in `tmp_dir`, then a rename)."""
    tmp_dir.mkdir(parents=True, exist_ok=True)
    tmp = tmp_dir / f"keys-{uuid.uuid4().hex}.parquet"
    cols = ", ".join(f"{expr} AS {c}" for c, expr in columns(table).items())
    try:
        con.execute(f"COPY (SELECT DISTINCT {cols} FROM read_parquet({_lit(str(data_file))})) "
                    f"TO {_lit(str(tmp))} (FORMAT parquet, COMPRESSION zstd)")
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def ensure(con: duckdb.DuckDBPyConnection, table: LakeTable, files: Iterable[Path], tmp_dir: Path) -> int:
    """Give every data file in `files` its sidecar where it has none; the number (re)built."""
    t = tag(con)
    n = 0
    for f in files:
        if not sidecar(f, t).exists():
            write(con, table, f, sidecar(f, t), tmp_dir)
            n += 1
    if n:
        logger.info("%s: key index built for %d data file(s)", table.name, n)
    return n


def files_holding(con: duckdb.DuckDBPyConnection, table: LakeTable, files: Mapping[Path, str],
                  hashes_sql: str, column: str = "g") -> set[Path]:
    """The data files (of `files`, each with its sidecar) whose sidecar column `column` holds any
    of the hashes `hashes_sql` (a SELECT of one UBIGINT column) returns."""
    if not files:
        return set()
    t = tag(con)
    by_sidecar = {str(sidecar(f, t)): f for f in files}
    listing = ", ".join(_lit(s) for s in sorted(by_sidecar))
    rows = con.execute(
        f"SELECT DISTINCT filename FROM read_parquet([{listing}], filename=true) "
        f"WHERE {_q(column)} IN ({hashes_sql})").fetchall()
    return {by_sidecar[r[0]] for r in rows}
