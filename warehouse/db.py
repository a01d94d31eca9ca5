"""Open the warehouse: the `.duckdb` file, its lake folder, and the views over both.

`<name>.duckdb` holds the small tables and the views; the lake sits beside it in
`<name>.lake/` (or `lake/` when the file is called `warehouse.duckdb`), so a warehouse is one
file plus one folder that travel together. The `raw_*` views are recreated on every open (they
name the lake's absolute path); the views and marts of the SQL project follow, one per file, in
the order `warehouse/sql/manifest.toml` lists them (warehouse/sqlproject.py).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.lake import Lake
from warehouse.schema import DEFAULT_SETTINGS, SMALL_TABLES_DDL

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DbOptions:
    # DuckDB's own limit (it spills beyond it); the 4 GB target is for the whole process, which
    # also holds Python, Arrow buffers and DuckDB's untracked allocations.
    memory_limit: str = "2GB"
    threads: int | None = None  # None: DuckDB's default (all cores)
    read_only: bool = False
    # Arrow allocator of a writing process. pyarrow's default (mimalloc) keeps the pages of the
    # first load's big transient buffers: peak RSS 5.80 GB at 1 M contacts / 20 M turns against
    # 2.99 GB with the system allocator (docs/benchmarks.md). pyarrow has one process-wide
    # default pool, so a writer sets it; None leaves it alone. Readers never change it.
    arrow_memory_pool: str | None = "system"  # system | jemalloc | mimalloc | None
    # A writer waits this long for another writer's lock (warehouse/lock.py), then stops with
    # WarehouseBusy naming the holder; 0: stop at once.
    lock_timeout_s: float = 0.0


ARROW_POOLS = ("system", "jemalloc", "mimalloc")


def _use_arrow_pool(name: str | None) -> None:
    if name is None:
        return
    if name not in ARROW_POOLS:
        raise ValueError(f"DbOptions.arrow_memory_pool: {name!r} is not one of {ARROW_POOLS} (or None)")
    import pyarrow as pa

    if pa.default_memory_pool().backend_name != name:
        pa.set_memory_pool(getattr(pa, f"{name}_memory_pool")())


def lake_dir_for(db_path: Path) -> Path:
    """`<name>.lake` beside the database, as an absolute path: the `raw_*` views (and a
    snapshot's) name it, and a reader may run from another directory than the ingest did."""
    db_path = Path(db_path).absolute()
    return db_path.with_name(db_path.stem + ".lake")


@dataclass
class Warehouse:
    path: Path
    con: duckdb.DuckDBPyConnection
    lake: Lake
    options: DbOptions
    lock: Path | None = None  # the writer lock this connection holds (warehouse/lock.py)

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            if self.lock is not None:
                from warehouse.lock import release

                release(self.lock)
                self.lock = None

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def settings(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT key, value FROM settings").fetchall())

    def set_setting(self, key: str, value: str | int | float) -> None:
        from warehouse.settings import check_setting

        value = check_setting(key, value)  # KeyError / ValueError naming the key
        old = self.settings().get(key)
        self.con.execute(
            "INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, str(value)]
        )
        from warehouse.marts import MART_SETTINGS, refresh_marts

        if key in MART_SETTINGS and old != str(value):
            refresh_marts(self.con, None)  # thresholds are baked into the marts
        if old != str(value):
            from warehouse.publish import publish, snapshot_path

            if snapshot_path(self.path).exists():  # readers see the new setting from now on
                publish(self)


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The SQL project's relations in manifest order: views are (re)created, mart tables created
    empty where missing or out of date (warehouse.marts.ensure_table). Returns the marts the
    caller must rebuild: those (re)created and the marts that read one of them (a warehouse
    opened by code with a new mart rebuilds that mart, not every mart)."""
    from warehouse.marts import ensure_table
    from warehouse.sqlproject import relations

    rebuild: list[str] = []
    stale: set[str] = set()  # relations whose rows (or, for views, whose marts) are to be rebuilt
    for rel in relations():
        try:
            if rel.kind == "mart":
                if ensure_table(con, rel) or stale.intersection(rel.refs):
                    rebuild.append(rel.name)
                    stale.add(rel.name)
            else:
                con.execute(f"CREATE OR REPLACE VIEW {rel.name} AS {rel.render()}")
                if stale.intersection(rel.refs):
                    stale.add(rel.name)
        except duckdb.Error as exc:
            raise RuntimeError(f"warehouse/sql/{rel.file}: {exc}") from exc
    return rebuild


def connect(path: str | Path, options: DbOptions | None = None) -> Warehouse:
    """Open (creating if needed) the warehouse at `path` (a `.duckdb` file)."""
    options = options or DbOptions()
    if not options.read_only:
        _use_arrow_pool(options.arrow_memory_pool)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = None
    if not options.read_only:
        from warehouse.lock import acquire, release

        lock = acquire(path, options.lock_timeout_s)  # WarehouseBusy naming the holder
    try:
        return _open(path, options, lock)
    except BaseException:
        if lock is not None:
            release(lock)
        raise


def _open(path: Path, options: DbOptions, lock: Path | None) -> Warehouse:
    con = duckdb.connect(str(path), read_only=options.read_only)
    con.execute("SET memory_limit = ?", [options.memory_limit])
    if options.threads:
        con.execute("SET threads = ?", [options.threads])
    # Parquet footers are read once per process, not once per query (dashboard latency).
    con.execute("SET parquet_metadata_cache = true")
    con.execute("SET preserve_insertion_order = false")
    lake = Lake(lake_dir_for(path), con)
    if not options.read_only:
        con.execute(SMALL_TABLES_DDL)
        for k, v in DEFAULT_SETTINGS.items():
            con.execute("INSERT OR IGNORE INTO settings VALUES (?, ?)", [k, v])
        _recover(path, con, lake)
    # raw_* views name the lake's absolute path; make them temporary when read-only.
    lake.refresh_views() if not options.read_only else _temp_views(lake)
    if not options.read_only:
        recreated = create_views(con)
        from warehouse.marts import marts_missing, refresh_marts

        missing = marts_missing(con)  # no mart_contacts rows: every mart
        if recreated or missing:
            if con.execute("SELECT count(*) FROM (SELECT 1 FROM raw_contacts LIMIT 1)").fetchall()[0][0]:
                refresh_marts(con, None, only=None if missing else recreated)
    return Warehouse(path=path, con=con, lake=lake, options=options, lock=lock)


def _recover(path: Path, con: duckdb.DuckDBPyConnection, lake: Lake) -> None:
    """Roll back (or finish) what a killed ingest left in the lake (warehouse/journal.py); the
    caller holds the writer lock, so no live run owns these files."""
    from warehouse.journal import recover
    from warehouse.publish import snapshot_path

    def committed(run_id: str) -> bool:
        return bool(con.execute("SELECT count(*) FROM ingest_runs WHERE run_id = ?", [run_id]).fetchall()[0][0])

    account = recover(lake.root, committed, snapshot_path(path))
    if account:
        logger.warning("%s: an earlier run ended unfinished: %s", path, account)


def _temp_views(lake: Lake) -> None:
    from warehouse.lake import q
    from warehouse.schema import LAKE_TABLES

    for t in LAKE_TABLES.values():
        cols = ", ".join(q(c) for c in t.columns)
        lake.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {q('raw_' + t.name)} AS SELECT {cols}, date FROM {lake.source_sql(t)}"
        )
