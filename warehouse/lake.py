"""The Parquet lake: date-partitioned files per table, with idempotent upserts.

An upsert takes a batch of rows (an Arrow table holding the key and the columns this source owns),
merges it with what the lake holds and rewrites only the affected date partitions:

* a key not in the lake is *added*; a key whose owned content differs is *updated*; a key whose
  owned content is equal is *unchanged* (its provenance moves to the newest file version);
* rows of a replaced group (`LakeTable.replace_by`) that the batch no longer has are *removed*
  (a re-transcribed call with fewer turns leaves no stale turns);
* columns the batch does not own are kept from the existing row (contacts: metadata vs transcript).

Partitions are written to a staging folder beside the lake and then swapped in with renames, so a
reader sees either the old or the new partition. Only identifiers from `warehouse.schema` are
formatted into SQL; values travel as registered Arrow tables or bound parameters.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import uuid
from pathlib import Path
from typing import Callable

import duckdb
import pyarrow as pa

from warehouse import keyindex
from warehouse.counts import TableCounts
from warehouse.journal import LakeJournal
from warehouse.schema import LAKE_TABLES, UNDATED, LakeTable

logger = logging.getLogger(__name__)


def q(ident: str) -> str:
    """Quote an identifier (only ever called with names from warehouse.schema)."""
    return '"' + ident.replace('"', '""') + '"'


def sql_str(s: str) -> str:
    """A SQL string literal, for file paths in view definitions (DDL takes no parameters)."""
    return "'" + s.replace("'", "''") + "'"


def _is_provenance(col: str) -> bool:
    return col.endswith(("source_file", "source_sha256", "source_row"))


# Parquet codec of lake files. zstd (level 1) writes about as fast as snappy and its files are
# smaller; the 20 M-turn benchmark load measured both (docs/benchmarks.md).
COMPRESSION = "zstd"
COMPRESSION_LEVEL = 1
# A merge adds its rows as new files beside a partition's untouched ones; when a partition would
# hold more small files (under SMALL_FILE_BYTES) than this, they are folded into the new one, so a
# month of daily increments stays a handful of files per partition and a compaction never reads
# more than MAX_FILES_PER_PARTITION small files (large files, a first load's, are left alone).
MAX_FILES_PER_PARTITION = 8
SMALL_FILE_BYTES = 32 * 1024 * 1024
_PART = re.compile(r"part-(\d+)-")


def run_groups(table: LakeTable) -> str:
    """The temp table of the groups a Lake handle's merges wrote into `table` (`Lake.grouped`)."""
    return f"_run_groups_{table.name}"


class Lake:
    def __init__(self, root: str | Path, con: duckdb.DuckDBPyConnection, *, create: bool = True) -> None:
        self.root = Path(root)
        self.con = con
        if create:
            self.root.mkdir(parents=True, exist_ok=True)
        # Partitions rewritten through this handle, per table: the marts refresh only these.
        self.touched: dict[str, set[str]] = {}
        # Data files this handle wrote (their paths in the lake), per table: the data checks
        # read only these (a partition's other files were checked when they were written).
        self.new_files: dict[str, set[Path]] = {}
        # The running ingest's undo journal (warehouse.journal): partition swaps go through it,
        # so a run that dies is rolled back by the next writer. None: swaps are final at once.
        self.journal: LakeJournal | None = None
        self._file_columns: dict[str, frozenset[str]] = {}  # per table, until its files change
        # Per table, the groups (`replace_by` values) this handle's merges wrote, in the temp table
        # `run_groups(table)`, and the tables where a merge met rows from before this handle (or
        # that a bulk write filled): a run that only added new groups can refresh its marts from
        # those groups alone (warehouse/martdelta.py).
        self.grouped: set[str] = set()
        self.not_new: set[str] = set()

    def table_dir(self, table: LakeTable) -> Path:
        return self.root / table.name

    def has_files(self, table: LakeTable) -> bool:
        d = self.table_dir(table)
        return d.exists() and any(d.glob("date=*/*.parquet"))

    def data_files(self, table: LakeTable) -> dict[Path, str]:
        """Every data file of the table and its partition (`date`)."""
        d = self.table_dir(table)
        if not d.exists():
            return {}
        return {f: f.parent.name.split("=", 1)[1] for f in sorted(d.glob("date=*/*.parquet"))}

    def source_sql(self, table: LakeTable, files: list[Path] | None = None, *, filename: bool = False) -> str:
        """A FROM-clause source for the table: the Parquet files (`files`: just these), or an
        empty typed relation. `filename`: with each row's file as column `filename`."""
        if files is None and self.has_files(table):
            src_of = sql_str(str(self.table_dir(table) / "date=*" / "*.parquet"))
            cache: str | None = table.name
        elif files:
            src_of = "[" + ", ".join(sql_str(str(f)) for f in files) + "]"
            cache = None
        else:
            cols = ", ".join(f"CAST(NULL AS {typ}) AS {q(c)}" for c, typ in table.columns.items())
            fn = ", CAST(NULL AS VARCHAR) AS filename" if filename else ""
            return f"(SELECT {cols}, CAST(NULL AS VARCHAR) AS date{fn} WHERE false)"
        src = (f"read_parquet({src_of}, hive_partitioning=true, hive_types_autocast=false, union_by_name=true"
               + (", filename=true)" if filename else ")"))
        missing = [c for c in table.columns if c not in self.file_columns(table, src, cache)]
        if not missing:
            return src
        # Files written before a column was added to the schema (an older lake): NULL.
        add = ", ".join(f"CAST(NULL AS {table.columns[c]}) AS {q(c)}" for c in missing)
        return f"(SELECT *, {add} FROM {src})"

    def file_columns(self, table: LakeTable, src: str, cache: str | None = None) -> frozenset[str]:
        """The columns the table's files hold (any of them), cached (under `cache`) until they
        are rewritten."""
        if cache is not None and cache in self._file_columns:
            return self._file_columns[cache]
        rows = self.con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()
        cols = frozenset(r[0] for r in rows)
        if cache is not None:
            self._file_columns[cache] = cols
        return cols

    def refresh_view(self, table: LakeTable) -> None:
        cols = ", ".join(q(c) for c in table.columns)
        self.con.execute(
            f"CREATE OR REPLACE VIEW {q('raw_' + table.name)} AS "
            f"SELECT {cols}, date FROM {self.source_sql(table)}"
        )

    def refresh_views(self) -> None:
        for t in LAKE_TABLES.values():
            self.refresh_view(t)

    # --- upsert ------------------------------------------------------------------------------

    def upsert(self, table: LakeTable, batch: pa.Table | str, columns: list[str] | None = None,
               *, prechecked_rows: int | None = None) -> TableCounts:
        """Merge `batch` (key + owned columns, keys unique) into the lake; return the counts.

        `batch` is an Arrow table, or a SQL FROM-source built by this package (a view name, or
        `read_parquet('...')` for bulk loads, streamed by DuckDB without materialising).
        `prechecked_rows`: the caller has already counted the batch and checked its keys are
        unique (in the same pass as its own checks), so the bulk path reads the source only once."""
        con = self.con
        tmp_name = None
        if isinstance(batch, pa.Table):
            if batch.num_rows == 0:
                return TableCounts()
            tmp_name = f"_batch_{uuid.uuid4().hex[:8]}"
            con.register(tmp_name, batch)
            source, names = tmp_name, batch.column_names
        else:
            source = batch
            names = columns or [d[0] for d in con.execute(f"SELECT * FROM {source} LIMIT 0").description]
        try:
            owned = [c for c in names if c in table.columns]
            unknown = set(names) - set(table.columns)
            if unknown:
                raise ValueError(f"{table.name}: columns not in the schema: {sorted(unknown)}")
            missing_key = set(table.key) - set(owned)
            if missing_key:
                raise ValueError(f"{table.name}: batch lacks key columns {sorted(missing_key)}")
            casts = ", ".join(
                f"CAST({q(c)} AS {table.columns[c]}) AS {q(c)}" if c in owned
                else f"CAST(NULL AS {table.columns[c]}) AS {q(c)}"
                for c in table.columns
            )
            con.execute(f"CREATE OR REPLACE TEMP VIEW _inc_v AS SELECT {casts} FROM {source}")
            if prechecked_rows is None:
                n = check_unique_keys(con, table, "_inc_v")
            else:
                n = prechecked_rows
            if n == 0:
                return TableCounts()
            if not self.has_files(table):
                # Bulk path: stream the source straight into partitioned Parquet.
                self.not_new.add(table.name)
                self._write_partitions(table, "SELECT * FROM _inc_v", replace_dates=None)
                return TableCounts(added=n)
            con.execute("CREATE OR REPLACE TEMP TABLE _inc AS SELECT * FROM _inc_v")
            return self._merge(table, owned)
        finally:
            con.execute("DROP VIEW IF EXISTS _inc_v")
            if tmp_name:
                con.unregister(tmp_name)

    def _merge(self, table: LakeTable, owned: list[str]) -> TableCounts:
        """Merge `_inc` into the lake, reading and rewriting only the data files that hold the
        batch's groups (found through the key index, warehouse/keyindex.py); the batch's rows
        go to a new file per partition beside the untouched files."""
        con = self.con
        files = self.data_files(table)
        keyindex.ensure(con, table, files, self.root / ".staging")
        groups = ", ".join(q(g) for g in table.replace_by)
        con.execute(f"CREATE OR REPLACE TEMP TABLE _grp AS SELECT DISTINCT {groups} FROM _inc")
        hit = keyindex.files_holding(con, table, files, f"SELECT {keyindex.group_hash(table)} FROM _grp")
        group_on = " AND ".join(f"e.{q(g)} = i.{q(g)}" for g in table.replace_by)
        key_on = " AND ".join(f"o.{q(k)} = i.{q(k)}" for k in table.key)
        cols = list(table.columns)
        # Existing rows of every group the batch touches, with their partition and file.
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _old AS SELECT e.* FROM {self.source_sql(table, sorted(hit), filename=True)} e "
            f"WHERE EXISTS (SELECT 1 FROM _grp i WHERE {group_on})"
        )
        self._track_groups(table)
        content = [c for c in owned if c not in table.key and not _is_provenance(c)]
        changed = " OR ".join(f"i.{q(c)} IS DISTINCT FROM o.{q(c)}" for c in content) or "false"
        # Owned columns come from the batch (an unchanged row picks up the new file version as
        # its provenance); the other family's columns are kept.
        merged_cols = ", ".join(f"{'i' if c in owned else 'o'}.{q(c)} AS {q(c)}" for c in cols)
        prov = [c for c in owned if _is_provenance(c)]
        prov_changed = " OR ".join(f"i.{q(c)} IS DISTINCT FROM o.{q(c)}" for c in prov) or "false"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _final AS SELECT {merged_cols}, "
            f"CASE WHEN o.{q(table.key[0])} IS NULL THEN 'added' WHEN {changed} THEN 'updated' "
            f"ELSE 'unchanged' END AS _state, o.{q(table.key[0])} IS NOT NULL AND ({prov_changed}) AS _moved "
            f"FROM _inc i LEFT JOIN _old o ON {key_on}"
        )
        added, updated, unchanged, moved = con.execute(
            "SELECT count(*) FILTER (_state = 'added'), count(*) FILTER (_state = 'updated'), "
            "count(*) FILTER (_state = 'unchanged'), count(*) FILTER (_moved) FROM _final"
        ).fetchone()
        anti = " AND ".join(f"o.{q(k)} = f.{q(k)}" for k in table.key)
        removed = con.execute(
            f"SELECT count(*) FROM _old o WHERE NOT EXISTS (SELECT 1 FROM _final f WHERE {anti})"
        ).fetchone()[0]
        if added == 0 and updated == 0 and removed == 0 and moved == 0:
            return TableCounts(unchanged=unchanged)
        # The files holding replaced rows are rewritten without them; the others stay as they are.
        rewrite = {Path(r[0]) for r in con.execute("SELECT DISTINCT filename FROM _old").fetchall()}
        dates = {files[f] for f in rewrite} | {
            r[0] for r in con.execute(f"SELECT DISTINCT {table.date_expr} FROM _final").fetchall()}
        keep: dict[str, list[Path]] = {d: [] for d in dates}
        for f, d in files.items():
            if d in keep and f not in rewrite:
                keep[d].append(f)
        for d, kept in keep.items():
            small = [f for f in kept if f.stat().st_size < SMALL_FILE_BYTES]
            if len(small) + 1 > MAX_FILES_PER_PARTITION:  # compaction: fold the small files in
                rewrite.update(small)
                kept[:] = [f for f in kept if f not in set(small)]
        col_list = ", ".join(q(c) for c in cols)
        group_anti = " AND ".join(f"e.{q(g)} = i.{q(g)}" for g in table.replace_by)
        body = (
            f"SELECT {col_list} FROM {self.source_sql(table, sorted(rewrite))} e "
            f"WHERE NOT EXISTS (SELECT 1 FROM _grp i WHERE {group_anti}) "
            f"UNION ALL SELECT {col_list} FROM _final"
        )

        def write(out: Path) -> None:
            # File names follow from the lake's history (not random), so that a run killed and
            # run again leaves the files an uninterrupted run leaves (tests/test_kill_rerun.py).
            seq = 1 + max((int(m.group(1)) for f in files if (m := _PART.match(f.name))), default=0)
            self._copy(table, body, out, pattern=f"part-{seq:05d}-{{i}}")
            tag = keyindex.tag(con)
            for d, kept in keep.items():
                for f in kept:  # untouched files: linked into the new partition (no copy)
                    dest = out / f"date={d}"
                    dest.mkdir(parents=True, exist_ok=True)
                    _link(f, dest / f.name)
                    side = keyindex.sidecar(f, tag)
                    if side.exists():
                        _link(side, keyindex.sidecar(dest / f.name, tag))

        linked = {(d, f.name) for d, kept in keep.items() for f in kept}
        self.write_staged(table, write, replace_dates=dates, linked=linked)
        return TableCounts(added=added, updated=updated, unchanged=unchanged, removed=removed)

    def reset_groups(self) -> None:
        """Forget the groups written so far (an ingest run starts): `grouped`, `not_new`."""
        for name in self.grouped:
            self.con.execute(f"DROP TABLE IF EXISTS _run_groups_{name}")
        self.grouped, self.not_new = set(), set()

    def _track_groups(self, table: LakeTable) -> None:
        """Record the merge's groups (`_grp`) in `run_groups(table)`, and the table in `not_new`
        when any existing row (`_old`) belongs to a group this handle had not written before."""
        con, name = self.con, run_groups(table)
        cols = ", ".join(q(g) for g in table.replace_by)
        if table.name not in self.grouped:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {cols} FROM _grp LIMIT 0")
            self.grouped.add(table.name)
        on = " AND ".join(f"n.{q(g)} = o.{q(g)}" for g in table.replace_by)
        if con.execute(f"SELECT count(*) FROM (SELECT 1 FROM _old o WHERE NOT EXISTS "
                       f"(SELECT 1 FROM {name} n WHERE {on}) LIMIT 1)").fetchall()[0][0]:
            self.not_new.add(table.name)
        con.execute(f"INSERT INTO {name} SELECT {cols} FROM _grp o WHERE NOT EXISTS "
                    f"(SELECT 1 FROM {name} n WHERE {on})")

    def rewrite_partitions(self, table: LakeTable, select_sql: str, dates: set[str]) -> None:
        """Replace the partitions `dates` with the rows of `select_sql` (the table's columns; it
        must return every row of those partitions): a purge's rewrite (warehouse/retention.py)."""
        self._write_partitions(table, select_sql, replace_dates=set(dates))

    def _copy(self, table: LakeTable, select_sql: str, out: Path, pattern: str | None = None) -> None:
        """COPY the rows of `select_sql` into `out/date=<d>/` (file names: DuckDB's, or `pattern`)."""
        opts = f"COMPRESSION {COMPRESSION}" + (f", COMPRESSION_LEVEL {COMPRESSION_LEVEL}" if COMPRESSION == "zstd" else "")
        if pattern:
            opts += f", FILENAME_PATTERN {sql_str(pattern)}"
        self.con.execute(
            f"COPY (SELECT *, {table.date_expr} AS date FROM ({select_sql})) "
            f"TO {sql_str(str(out))} (FORMAT parquet, PARTITION_BY (date), {opts})")

    def _write_partitions(self, table: LakeTable, select_sql: str, replace_dates: set[str] | None) -> None:
        self.write_staged(table, lambda out: self._copy(table, select_sql, out), replace_dates)

    def write_staged(self, table: LakeTable, write: Callable[[Path], object], replace_dates: set[str] | None,
                     linked: set[tuple[str, str]] = frozenset()) -> None:  # type: ignore[assignment]
        """`write(out)` writes `out/date=<d>/...` partitions into a staging folder; they are then
        swapped in with renames (with the partitions of `replace_dates` removed). `linked`:
        (partition, file name) of files `write` linked from the lake unchanged."""
        out = self.stage(table)
        try:
            write(out)
        except BaseException:
            self.discard_staged(out)
            raise
        self.commit_staged(table, out, replace_dates, linked)

    def stage(self, table: LakeTable) -> Path:
        """A new staging folder for `table`'s partitions (`out/date=<d>/...`), for a writer that
        may run on another thread; `commit_staged` or `discard_staged` ends it (on this thread:
        the swap refreshes the DuckDB view)."""
        staging = self.root / ".staging" / uuid.uuid4().hex
        staging.mkdir(parents=True)
        return staging / table.name

    def discard_staged(self, out: Path) -> None:
        shutil.rmtree(out.parent, ignore_errors=True)
        try:
            (self.root / ".staging").rmdir()
        except OSError:
            pass

    def commit_staged(self, table: LakeTable, out: Path, replace_dates: set[str] | None,
                      linked: set[tuple[str, str]] = frozenset()) -> None:  # type: ignore[assignment]
        """Swap the partitions written under `out` into the lake with renames, each new data file
        with its key index sidecar (warehouse/keyindex.py). `linked`: (partition, file name) of
        files linked unchanged from the lake (not new: the data checks skip them)."""
        staging = out.parent
        self._file_columns.pop(table.name, None)
        try:
            target = self.table_dir(table)
            target.mkdir(parents=True, exist_ok=True)
            written = {p.name.split("=", 1)[1]: p for p in out.glob("date=*")} if out.exists() else {}
            for d, p in list(written.items()):
                staged = sorted(p.glob("*.parquet"))
                if not staged:  # nothing left in the partition: it is removed
                    del written[d]
                    continue
                keyindex.ensure(self.con, table, staged, staging)
                self.new_files.setdefault(table.name, set()).update(
                    target / p.name / f.name for f in staged if (d, f.name) not in linked)
            self.touched.setdefault(table.name, set()).update(set(written) | (replace_dates or set()))
            for d in sorted(set(written) | (replace_dates or set())):
                if self.journal is not None:
                    self.journal.swap(table.name, d, written.get(d))
                    continue
                dest = target / f"date={d}"
                trash = staging / f"old-{d}"
                if dest.exists():
                    dest.rename(trash)
                if d in written:
                    written[d].rename(dest)
        finally:
            self.discard_staged(out)
        self.refresh_view(table)

def _link(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:  # a file system without hard links: copy
        shutil.copy2(src, dest)


def key_hash_sql(table: LakeTable, alias: str = "") -> str:
    """A 64-bit hash of the row key: counting distinct hashes is several times cheaper than
    counting distinct (VARCHAR, INTEGER) tuples over 20 M rows; a collision only triggers the exact
    check, it never hides a duplicate."""
    pre = f"{alias}." if alias else ""
    return f"hash({', '.join(pre + q(k) for k in table.key)})"


def check_unique_keys(con: duckdb.DuckDBPyConnection, table: LakeTable, source: str,
                      counted: tuple[int, int] | None = None) -> int:
    """Row count of `source`; raises ValueError when a key occurs twice. `counted`: (rows,
    distinct key hashes) already computed by the caller's own pass over the source."""
    n, distinct = counted or con.execute(
        f"SELECT count(*), count(DISTINCT {key_hash_sql(table)}) FROM {source}").fetchall()[0]
    if n != distinct:  # a duplicate, or (rarely) a hash collision: count exactly
        keys = ", ".join(q(k) for k in table.key)
        exact = con.execute(f"SELECT count(DISTINCT ({keys})) FROM {source}").fetchall()[0][0]
        if exact != n:
            raise ValueError(f"{table.name}: batch has {n - exact} duplicate keys")
    return n


def partition_date(ts_local: object) -> str:
    """Partition name for a local timestamp (datetime or None)."""
    return ts_local.strftime("%Y-%m-%d") if ts_local is not None else UNDATED  # type: ignore[union-attr]


def fetch_arrow(result: duckdb.DuckDBPyConnection) -> pa.Table:
    """The result as an Arrow table (duckdb 2 renamed fetch_arrow_table to to_arrow_table)."""
    import warnings

    fn = getattr(result, "to_arrow_table", None) or getattr(result, "fetch_arrow_table")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the copy is small next to the query
        return fn()
