"""A day's increment into a large warehouse: 30,000 contacts and 600,000 turns (with their QA
results and 1,000 survey responses) into a warehouse holding `--base` contacts.

    python benchmarks/increment.py --base 10000000 --increment 30000 [--workdir DIR] [--reuse-base]

1. Generates the base (benchmarks/warehouse.py's generator: a year of 2026, 20 turns and 8
   results per contact, surveys for 30 % of contacts... scaled to --base) and loads it with the
   bulk path (first load; timed, for the record).
2. Generates the increment: new contacts on one day (2026-12-30), same shapes, and ingests it
   with the same bulk path (`warehouse.ingest_tables`: merge into the lake, month partitions
   rewritten, marts refreshed for the affected months only). Timed in a fresh process.
3. Runs the dashboard queries (benchmarks/warehouse.py) after the increment: median of 5 warm runs.
4. Checks that the marts' rows of an unaffected month (2026-06) are exactly those before the
   increment, and reports which months the refresh rebuilt.
Targets (issue 10): increment <= 60 s at 10 M contacts, each query <= 300 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _warehouse_bench():  # type: ignore[no-untyped-def]
    """benchmarks/warehouse.py (its generator and dashboard queries); its file name is the
    warehouse package's, so it is loaded by path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("warehouse_bench", ROOT / "benchmarks" / "warehouse.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod

INCREMENT_DAY = 363  # day number of 2026: 2026-12-30
MARTS = ("mart_contacts", "mart_survey_daily", "mart_result_daily", "mart_result_exclusion", "mart_contact_satisfaction",
         "mart_behaviour")


def _cpu(ru0: resource.struct_rusage) -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return (ru.ru_utime - ru0.ru_utime) + (ru.ru_stime - ru0.ru_stime)


def _month_digest(con, month: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """An order-independent digest of every mart's rows of one month."""
    out = {}
    for m in MARTS:
        cols = [r[0] for r in con.execute(f"DESCRIBE {m}").fetchall()]
        out[m] = con.execute(f"SELECT count(*) || ':' || coalesce(sum(hash(({', '.join(cols)}))), 0) FROM {m} "
                             "WHERE date = ?", [month]).fetchall()[0][0]
    return out


def child(kind: str, data: Path, db: Path, memory_limit: str, threads: int | None) -> dict:
    import pyarrow.parquet as pq

    from warehouse import IngestOptions, ingest_tables
    from warehouse.db import DbOptions, connect
    from warehouse import marts as marts_mod
    from warehouse import open_snapshot
    wb = _warehouse_bench()

    dbo = DbOptions(memory_limit=memory_limit, threads=threads)
    res: dict = {"load_avg_before": os.getloadavg()[0]}
    if kind.startswith("copies="):  # the base grown by relabelled copies of its lake (not timed as a load)
        return _grow(db, dbo, int(kind.split("=", 1)[1]))
    if kind == "fold":  # a grown base's files folded into one per partition (a first load's layout)
        return _fold(db, dbo)
    if kind == "index":  # a base written before the key index: build its sidecars (one-off)
        from warehouse import keyindex
        from warehouse.schema import LAKE_TABLES

        ru0 = resource.getrusage(resource.RUSAGE_SELF)
        t = time.perf_counter()
        with connect(db, dbo) as wh:
            res["files"] = sum(keyindex.ensure(wh.con, tb, wh.lake.data_files(tb), wh.lake.root / ".staging")
                               for tb in LAKE_TABLES.values())
        res["load_s"], res["load_cpu_s"] = time.perf_counter() - t, _cpu(ru0)
        res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return res
    if kind == "increment":
        with connect(db, dbo) as wh:
            res["june_before"] = _month_digest(wh.con, "2026-06")
            res["december_rows_before"] = wh.con.execute(
                "SELECT count(*) FROM mart_contacts WHERE date = '2026-12'").fetchall()[0][0]
    scopes: list[list[str]] = []
    orig = marts_mod.scope_for

    def spy(months):  # type: ignore[no-untyped-def]
        s = orig(months)
        scopes.append(sorted(s))
        return s

    marts_mod.scope_for = spy
    cpu_steps: dict[str, float] = {}

    def cpu_of(name, fn):  # type: ignore[no-untyped-def]
        def timed(*a, **k):  # type: ignore[no-untyped-def]
            r0 = resource.getrusage(resource.RUSAGE_SELF)
            try:
                return fn(*a, **k)
            finally:
                key = name(a) if callable(name) else name
                cpu_steps[key] = cpu_steps.get(key, 0.0) + _cpu(r0)
        return timed

    import warehouse.publish as publish_mod
    import warehouse.run as run_mod
    from warehouse.lake import Lake

    if os.environ.get("MEELUISTER_BENCH_MONTH_REFRESH"):  # --month-refresh: the increment path off
        import warehouse.martdelta as off

        off.only_added = lambda *a, **k: False
    run_mod.refresh_marts = cpu_of("mart refresh", run_mod.refresh_marts)
    import warehouse.martdelta as martdelta_mod  # the increment path (a run that only adds)

    martdelta_mod.refresh_contacts = cpu_of("mart refresh (increment path)", martdelta_mod.refresh_contacts)
    martdelta_mod.refresh_facts = cpu_of("mart refresh (increment path)", martdelta_mod.refresh_facts)
    Lake.upsert = cpu_of(lambda a: f"upsert {a[1].name}", Lake.upsert)
    run_mod.IngestRun.check = cpu_of("data checks", run_mod.IngestRun.check)
    publish_mod.publish = cpu_of("publish", publish_mod.publish)
    import warehouse.loaders as loaders_mod
    import warehouse.table_ingest as table_ingest_mod

    loaders_mod.link_responses = cpu_of("survey linking", loaders_mod.link_responses)
    table_ingest_mod.connect = cpu_of("open (recovery, views)", table_ingest_mod.connect)
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    s = ingest_tables(db, contacts=data / "contacts.parquet", turns=data / "turns.parquet",
                      results=data / "results.parquet", surveys=pq.read_table(data / "surveys.parquet"),
                      options=IngestOptions(db=dbo))
    res["load_s"] = time.perf_counter() - t
    res["load_cpu_s"] = _cpu(ru0)
    res["load_avg_after"] = os.getloadavg()[0]
    res["mart_seconds"] = s.mart_seconds
    res["step_seconds"] = s.step_seconds
    res["cpu_steps"] = cpu_steps
    res["refresh_scopes"] = scopes
    res["tables"] = {k: v.__dict__ for k, v in s.tables.items()}
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if kind == "increment":
        con = open_snapshot(db, dbo)
        res["june_after"] = _month_digest(con.con, "2026-06")
        res["december_rows_after"] = con.con.execute(
            "SELECT count(*) FROM mart_contacts WHERE date = '2026-12'").fetchall()[0][0]
        res["contacts_total"] = con.con.execute("SELECT count(*) FROM mart_contacts").fetchall()[0][0]
        res["queries"] = wb.time_queries(wb.dashboard_queries(con))
        con.close()
    return res


def _copy(src: Path, dest: Path) -> None:
    """A copy of a warehouse file, or of the lake as hard links: lake files are never written in
    place (a load writes new files and renames), so the base copy costs no disk."""
    if src.is_dir():
        shutil.copytree(src, dest, copy_function=os.link)
    else:
        shutil.copy2(src, dest)


def _grow(db: Path, dbo, copies: int) -> dict:  # type: ignore[no-untyped-def]
    """Add `copies - 1` copies (those the base lacks) of every lake file of the base, each with its contact and response
    ids prefixed `b<k>-` (the same months, days and volumes), with their key index; then rebuild
    every mart and publish. A base of copies x the first load, without loading it row by row
    (whose redaction and partitioned writes would take hours on this machine)."""
    from warehouse import keyindex
    from warehouse.db import connect
    from warehouse.marts import refresh_marts
    from warehouse.publish import publish
    from warehouse.schema import LAKE_TABLES

    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    with connect(db, dbo) as wh:
        con = wh.con
        for tb in LAKE_TABLES.values():
            # contact, response and customer ids relabelled: each copy is its own set of callers
            # (unrelabelled customers would make every copy a repeat contact of the others)
            ids = [c for c in ("contact_id", "response_id", "m_customer_key", "t_customer_key") if c in tb.columns]
            files = list(wh.lake.data_files(tb))
            have = {int(f.name[1:].split("-", 1)[0]) for f in files if f.name[:1] == "b"}
            for f in files:
                if f.name.startswith("b"):
                    continue
                for k in sorted(set(range(1, copies)) - have):  # a grown base: only the copies it lacks
                    dest = f.with_name(f"b{k}-{f.name}")
                    repl = ", ".join(f"'b{k}-' || {c} AS {c}" for c in ids)
                    con.execute(f"COPY (SELECT * REPLACE ({repl}) FROM read_parquet('{f}')) TO '{dest}' "
                                "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)")
            keyindex.ensure(con, tb, wh.lake.data_files(tb), wh.lake.root / ".staging")
            wh.lake.refresh_view(tb)
        copied_s = time.perf_counter() - t
        con.begin()
        refresh_marts(con, None, own_transaction=False)
        con.commit()
        publish(wh)
        n = con.execute("SELECT count(*) FROM mart_contacts").fetchall()[0][0]
    return {"contacts": n, "copy_s": copied_s, "load_s": time.perf_counter() - t, "load_cpu_s": _cpu(ru0),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _fold(db: Path, dbo) -> dict:  # type: ignore[no-untyped-def]
    """Fold every lake partition's files into one, with its key index: the layout a first load
    of that size leaves. A grown base otherwise holds one small file per copy in each partition,
    and the first merge into a partition then compacts them all (warehouse/lake.py
    MAX_FILES_PER_PARTITION): a one-off cost that a real warehouse pays once per 8 small files."""
    from warehouse import keyindex
    from warehouse.db import connect
    from warehouse.schema import LAKE_TABLES

    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    n = 0
    with connect(db, dbo) as wh:
        con, tag = wh.con, keyindex.tag(wh.con)
        for tb in LAKE_TABLES.values():
            by_part: dict[str, list[Path]] = {}
            for f, d in wh.lake.data_files(tb).items():
                by_part.setdefault(d, []).append(f)
            for d, files in sorted(by_part.items()):
                if len(files) < 2:
                    continue
                tmp = files[0].with_name(".fold-tmp.parquet")
                listing = ", ".join(f"'{f}'" for f in files)
                cols = ", ".join(f'"{c}"' for c in tb.columns)  # the partition column stays in the path
                con.execute(f"COPY (SELECT {cols} FROM read_parquet([{listing}], hive_partitioning=false, "
                            f"union_by_name=true)) TO '{tmp}' "
                            "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)")
                for f in files:
                    f.unlink()
                    keyindex.sidecar(f, tag).unlink(missing_ok=True)
                tmp.rename(files[0].with_name("data_0.parquet"))
                n += 1
            keyindex.ensure(con, tb, wh.lake.data_files(tb), wh.lake.root / ".staging")
            wh.lake.refresh_view(tb)
    return {"partitions": n, "load_s": time.perf_counter() - t, "load_cpu_s": _cpu(ru0),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _run(kind: str, data: Path, db: Path, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, str(data), str(db), "--memory-limit", args.memory_limit]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=int, default=10_000_000)
    ap.add_argument("--increment", type=int, default=30_000)
    ap.add_argument("--turns-per-contact", type=int, default=20)
    ap.add_argument("--memory-limit", default="3GB")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--reuse-base", action="store_true",
                    help="keep the base warehouse a previous run left in --workdir (a copy is restored "
                         "before each increment)")
    ap.add_argument("--copies", type=int, default=1,
                    help="grow the base to COPIES x --base contacts with relabelled copies of its lake "
                         "files (then every mart rebuilt), instead of loading that many")
    ap.add_argument("--grow-from", type=Path, default=None,
                    help="with --copies: start from the base a previous run kept in this workdir")
    ap.add_argument("--month-refresh", action="store_true",
                    help="refresh the marts for whole months even where the increment path applies "
                         "(warehouse/martdelta.py): the comparison")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.month_refresh:
        os.environ["MEELUISTER_BENCH_MONTH_REFRESH"] = "1"
    if args.child:
        kind, data, db = args.child
        print(json.dumps(child(kind, Path(data), Path(db), args.memory_limit, args.threads)))
        return
    wb = _warehouse_bench()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="mlwh-inc-"))
    work.mkdir(parents=True, exist_ok=True)
    base_dir, inc_dir = work / "base-data", work / "inc-data"
    base_db, keep = work / "wh.duckdb", work / "base-copy"
    base = None
    if args.grow_from is not None:
        for p in work.iterdir():
            if p.name.startswith("wh"):
                shutil.rmtree(p) if p.is_dir() else p.unlink()
        for p in (args.grow_from / "base-copy").iterdir():
            _copy(p, work / p.name)
        grown = _run(f"copies={args.copies}", work, base_db, args)
        print(f"base grown to {grown['contacts']:,} contacts by {args.copies - 1} relabelled copies of the "
              f"lake of {args.grow_from}: {grown['copy_s']:.0f} s copying, {grown['load_s']:.0f} s with every "
              f"mart rebuilt ({grown['load_cpu_s']:.0f} s CPU, peak RSS {grown['peak_rss_mb'] / 1024:.2f} GB)",
              flush=True)
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir()
        for p in work.iterdir():
            if p.name.startswith("wh"):
                _copy(p, keep / p.name)
    elif not (args.reuse_base and keep.exists()):
        t = time.perf_counter()
        wb.generate(base_dir, args.base, args.turns_per_contact, int(args.base * 0.3))
        gen_s = time.perf_counter() - t
        for p in (base_db, base_db.with_suffix(".quarantine.jsonl")):
            p.unlink(missing_ok=True)
        shutil.rmtree(work / "wh.lake", ignore_errors=True)
        base = _run("base", base_dir, base_db, args)
        base["generate_s"] = gen_s
        shutil.rmtree(base_dir)  # the generated input is not needed again: disk
        if args.copies > 1:
            grown = _run(f"copies={args.copies}", base_dir, base_db, args)
            print(f"base grown to {grown['contacts']:,} contacts by {args.copies - 1} relabelled copies of the "
                  f"lake: {grown['copy_s']:.0f} s copying, {grown['load_s']:.0f} s with every mart rebuilt "
                  f"({grown['load_cpu_s']:.0f} s CPU, peak RSS {grown['peak_rss_mb'] / 1024:.2f} GB)", flush=True)
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir()
        for p in work.iterdir():
            if p.name.startswith("wh"):
                _copy(p, keep / p.name)
    else:
        for p in work.iterdir():
            if p.name.startswith("wh"):
                shutil.rmtree(p) if p.is_dir() else p.unlink()
        for p in keep.iterdir():
            _copy(p, work / p.name)
    if not any((work / "wh.lake").glob("*/date=*/.*.keys")):
        # a base from before the key index: its sidecars, built once (kept with the base copy)
        idx = _run("index", work, base_db, args)
        print(f"key index built for the base: {idx['files']} files in {idx['load_s']:.1f} s "
              f"({idx['load_cpu_s']:.1f} s CPU; peak RSS {idx['peak_rss_mb'] / 1024:.2f} GB)")
        shutil.rmtree(keep / "wh.lake", ignore_errors=True)
        _copy(work / "wh.lake", keep / "wh.lake")
        for p in (base_db, base_db.with_name("wh.snapshot.duckdb")):
            if p.exists():
                shutil.copy2(p, keep / p.name)
    wb.generate(inc_dir, args.increment, args.turns_per_contact, min(1000, args.increment // 2), seed=7,
                prefix="d-", days=(INCREMENT_DAY, INCREMENT_DAY + 1))
    inc = _run("increment", inc_dir, base_db, args)
    lake_gb = sum(f.stat().st_size for f in (work / "wh.lake").rglob("*") if f.is_file()) / 1e9
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    print(f"machine: {cpu}, {os.cpu_count()} cores; DuckDB memory_limit {args.memory_limit}")
    if base:
        print(f"base: {args.base:,} contacts, {args.base * args.turns_per_contact:,} turns; generated in "
              f"{base['generate_s']:.0f} s, first load {base['load_s']:.1f} s ({base['load_cpu_s']:.0f} s CPU, "
              f"load average {base['load_avg_before']:.1f}->{base['load_avg_after']:.1f}), peak RSS "
              f"{base['peak_rss_mb'] / 1024:.2f} GB")
    print(f"warehouse after the increment: {inc['contacts_total']:,} contacts, lake {lake_gb:.2f} GB")
    print(f"{'step':<52} {'figure':>10} {'target':>10}")
    print(f"{'increment: ' + f'{args.increment:,} contacts, {args.increment * args.turns_per_contact:,} turns':<52} "
          f"{inc['load_s']:>8.1f} s {'<= 60 s':>10}   ({inc['load_cpu_s']:.0f} s CPU; load average "
          f"{inc['load_avg_before']:.1f}->{inc['load_avg_after']:.1f}; peak RSS {inc['peak_rss_mb'] / 1024:.2f} GB)")
    print(f"{'  of which mart refresh':<52} {sum(inc['mart_seconds'].values()):>8.1f} s   "
          + ", ".join(f"{k} {v:.1f}" for k, v in inc["mart_seconds"].items()))
    print(f"{'  of which data checks, publish':<52} " + ", ".join(f"{k} {v:.1f} s" for k, v in inc["step_seconds"].items()))
    print("  CPU seconds by step: " + ", ".join(f"{k} {v:.1f}" for k, v in inc["cpu_steps"].items()))
    print(f"  months refreshed: {inc['refresh_scopes']}")
    same = inc["june_before"] == inc["june_after"]
    print(f"  2026-06 (unaffected) mart rows unchanged: {same}; 2026-12 mart_contacts "
          f"{inc['december_rows_before']:,} -> {inc['december_rows_after']:,}")
    for name, v in inc["queries"].items():
        print(f"{name:<52} {v['warm_ms']:>7.0f} ms {'<= 300 ms':>10}   (cold {v['cold_ms']:.0f} ms)")
    print("tables: " + json.dumps({k: {a: b for a, b in v.items() if b} for k, v in inc["tables"].items()}))


if __name__ == "__main__":
    main()
