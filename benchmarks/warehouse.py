"""Warehouse benchmark: 1,000,000 contacts, 20,000,000 turns, 300,000 survey responses.

    python benchmarks/warehouse.py [--contacts 1000000] [--turns-per-contact 20] [--surveys 300000]

1. Generates the data with numpy/pyarrow (vectorised) as Parquet files in a temp folder (not timed).
2. In a fresh child process: loads it with the product's bulk path (`warehouse.ingest_tables`:
   the same upserts, PII redaction, survey linking and quarantine as `meeluister ingest`), then
   runs each dashboard query once cold and 5 times warm; reports load time, cold and median warm
   latency per query, and the child's peak RSS (ru_maxrss, so generation is not counted).
Targets (DESIGN.md): load <= 60 s, each query <= 300 ms, peak memory <= 4 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LANGS = np.array(["nl", "en", "fr", "es"])
CHANNELS = np.array(["phone", "email", "chat", "whatsapp"])
CRITERIA = ["own_name_greeting", "concise_opening", "nivea", "diminutives", "clarifying_questions",
            "hold_etiquette", "next_steps"]
SENTENCES = [
    "Goedemorgen, u spreekt met Sanne van de gemeente, waarmee kan ik u helpen?",
    "Ik wil graag een afspraak maken voor een nieuw paspoort.",
    "Dat kan, heeft u uw huidige paspoort bij de hand?",
    "Ja, dat heb ik hier liggen.",
    "Een momentje, ik kijk even met u mee in het systeem.",
    "Dank u wel voor het wachten, ik heb het gevonden.",
    "U krijgt binnen twee werkdagen een bevestiging per e-mail.",
    "Is er verder nog iets waarmee ik u kan helpen?",
    "Nee, dat was het, bedankt voor de hulp.",
    "Good morning, you are speaking with Thomas, how can I help you?",
    "I need to legalise a document for use abroad.",
    "Bonjour, vous parlez avec Camille, comment puis-je vous aider?",
    "Buenos días, le atiende Lucía, ¿en qué puedo ayudarle?",
    "Hm-hm.", "Ja.", "Oké, dat begrijp ik.",
    "Dus als ik u goed begrijp wilt u de afspraak verzetten naar volgende week?",
    "Ik heb al drie keer gebeld en niemand helpt me!",
    "Dat is vervelend, ik begrijp dat u boos bent. Laten we kijken wat ik nu kan doen.",
]
PII_SENTENCES = [  # a small share of turns carries PII, so redaction does real work
    "Mijn BSN is 111222333 en mijn postcode is 4811 AB.",
    "U kunt me bellen op 06-12345678.",
    "Mijn mailadres is jan.jansen@example.nl.",
    "Mijn rekeningnummer is NL91 ABNA 0417 1643 00.",
]


def generate(out: Path, n_contacts: int, turns_per: int, n_surveys: int, seed: int = 1, *,
             prefix: str = "c-", days: tuple[int, int] = (0, 365)) -> dict[str, Path]:
    """The benchmark's data; `prefix` and `days` (day numbers of 2026, end exclusive) let
    benchmarks/increment.py make a day's increment of new contacts."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    n = n_contacts
    ids = pa.array(np.char.add(prefix, np.arange(n).astype(str)))
    if isinstance(ids, pa.ChunkedArray):  # pyarrow chunks a large conversion
        ids = ids.combine_chunks()
    day = rng.integers(days[0], days[1], n)
    secs = rng.integers(7 * 3600, 21 * 3600, n)
    local = np.datetime64("2026-01-01T00:00:00", "us") + (day * 86400 + secs).astype("timedelta64[s]")
    utc = local - np.timedelta64(1, "h")
    agent = rng.integers(0, 300, n)
    lang = LANGS[rng.choice(4, n, p=[.7, .15, .08, .07])]
    chan = CHANNELS[rng.choice(4, n, p=[.65, .15, .12, .08])]
    wait = rng.exponential(40, n).round(1)
    handle = rng.lognormal(5.2, 0.5, n).round(1)
    abandoned = rng.random(n) < 0.03
    quality = rng.normal(0, 1, n)  # latent agent-and-call quality: drives behaviours and CSAT
    agents = np.char.add("a-", agent.astype(str))
    contacts = pa.table({
        "contact_id": ids,
        "m_agent_id": agents, "m_agent_name": np.char.add("Agent ", agent.astype(str)),
        "m_team": np.char.add("Team ", (agent // 15).astype(str)),
        "m_channel": chan, "m_language": lang,
        "m_started_utc": utc, "m_started_local": local, "m_organisation": np.full(n, "Gemeente"),
        "m_queue": np.array(["algemeen", "burgerzaken", "belastingen"])[rng.integers(0, 3, n)],
        "m_wait_s": wait, "m_handle_s": handle, "m_abandoned": abandoned,
        "m_customer_key": np.char.add("k", rng.integers(0, int(n * 0.7), n).astype(str)),
        "m_source_file": np.full(n, "bench://metadata.csv"), "m_source_sha256": np.full(n, "0" * 64),
        "m_source_row": np.arange(n) + 2,
        "t_language": lang, "t_channel": chan, "t_duration_s": handle,
        "t_n_turns": np.full(n, turns_per, dtype=np.int32),
        "t_source_file": np.char.add(np.char.add("bench://", ids.to_numpy(zero_copy_only=False).astype(str)), ".json"),
    })
    paths = {"contacts": out / "contacts.parquet"}
    pq.write_table(contacts, paths["contacts"])

    pool = pa.array(SENTENCES + PII_SENTENCES)
    paths["turns"] = out / "turns.parquet"
    chunk = max(1, 1_000_000 // turns_per)
    with pq.ParquetWriter(paths["turns"], pa.schema([
        ("contact_id", pa.string()), ("turn_idx", pa.int32()), ("speaker", pa.string()), ("start_s", pa.float64()),
        ("end_s", pa.float64()), ("text", pa.string()), ("source_file", pa.string()),
        ("source_sha256", pa.string()), ("source_row", pa.int64())])) as w:
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            m = (hi - lo) * turns_per
            cidx = np.repeat(np.arange(lo, hi), turns_per)
            tidx = np.tile(np.arange(turns_per, dtype=np.int32), hi - lo)
            pick = rng.integers(0, len(SENTENCES), m)
            pii = rng.random(m) < 0.002
            pick[pii] = len(SENTENCES) + rng.integers(0, len(PII_SENTENCES), pii.sum())
            start = tidx * 6.0 + rng.random(m)
            cid = pc_take(ids, cidx)
            w.write_table(pa.table({
                "contact_id": cid, "turn_idx": tidx,
                "speaker": np.where(tidx % 2 == 0, "agent", "customer"),
                "start_s": start, "end_s": start + 5.0,
                "text": pa.DictionaryArray.from_arrays(pa.array(pick.astype(np.int32)), pool).cast(pa.string()),
                "source_file": np.full(m, "bench://turns"), "source_sha256": np.full(m, "0" * 64),
                "source_row": tidx.astype(np.int64),
            }))

    # QA results: 7 criteria + overall per non-abandoned contact; pass probability rises with quality.
    ok = np.nonzero(~abandoned)[0]
    k = len(CRITERIA)
    cidx = np.repeat(ok, k)
    crit = np.tile(np.arange(k), len(ok))
    strength = np.array([1.2, 0.2, 0.9, 0.5, 0.7, 0.1, 1.0])[crit]
    p_pass = 1 / (1 + np.exp(-(0.8 + strength * quality[cidx])))
    u = rng.random(len(cidx))
    outcome = np.where(u < 0.08, "n/a", np.where(rng.random(len(cidx)) < p_pass, "pass", "fail"))
    passed = (outcome == "pass").reshape(len(ok), k)
    applicable = (outcome != "n/a").reshape(len(ok), k)
    overall = passed.sum(1) / np.maximum(applicable.sum(1), 1)
    res = pa.table({
        "contact_id": pa.concat_arrays([pc_take(ids, cidx), pc_take(ids, ok)]),
        "criterion": np.concatenate([np.array(CRITERIA)[crit], np.full(len(ok), "overall")]),
        "outcome": np.concatenate([outcome, np.where(overall >= .7, "pass", "fail")]),
        "score": np.concatenate([(outcome == "pass").astype(float), overall]),
        "scorecard": np.full(len(cidx) + len(ok), "default@1"),
        "evidence": np.full(len(cidx) + len(ok), "[]"),
        "source_file": np.full(len(cidx) + len(ok), "bench://results.jsonl"),
        "source_sha256": np.full(len(cidx) + len(ok), "0" * 64),
        "source_row": np.arange(len(cidx) + len(ok), dtype=np.int64),
    })
    paths["results"] = out / "results.parquet"
    pq.write_table(res, paths["results"])

    # Surveys: a sample of answered contacts; 80% on 1-10, 20% on 1-5; 5% without contact id
    # (linked by agent + time); CSAT rises with the behaviours passed and falls with waiting.
    s = rng.choice(ok, n_surveys, replace=False)
    pos = np.searchsorted(ok, s)
    drive = passed[pos] @ np.array([0.9, 0.1, 0.7, 0.3, 0.5, 0.0, 0.8]) - wait[s] / 120 + rng.normal(0, 1, n_surveys)
    ten = rng.random(n_surveys) < 0.8
    c10 = np.clip(np.round(5.5 + 1.2 * drive), 1, 10)
    c5 = np.clip(np.round(2.5 + 0.7 * drive), 1, 5)
    csat = np.where(ten, c10, c5)
    scale = np.where(ten, 10, 5)
    nps = np.clip(np.round(5 + 1.5 * drive), 0, 10).astype(np.int32)
    no_id = rng.random(n_surveys) < 0.05
    sub_local = local[s] + (handle[s] * 1e6).astype("timedelta64[us]") + rng.integers(600, 86400, n_surveys).astype("timedelta64[s]")
    comments = np.array(["Prima geholpen", "Duurde lang", "", "Bel me terug op 06-12345678", "Vriendelijk en snel"])
    surveys = pa.table({
        "response_id": np.char.add("r-" + prefix, np.arange(n_surveys).astype(str)),
        "contact_id": pa.array(np.where(no_id, None, ids.to_numpy(zero_copy_only=False)[s]), pa.string()),
        "tool": np.full(n_surveys, "qualtrics"),
        "submitted_utc": sub_local - np.timedelta64(1, "h"), "submitted_local": sub_local,
        "agent_ref": agents[s], "survey_language": lang[s],
        "csat": csat, "csat_scale": scale.astype(np.int32), "csat_norm": (csat - 1) / (scale - 1),
        "nps": nps, "comment": comments[rng.integers(0, len(comments), n_surveys)],
        "redactions": np.full(n_surveys, "{}"),
        "source_file": np.full(n_surveys, "bench://surveys.csv"), "source_sha256": np.full(n_surveys, "0" * 64),
        "source_row": np.arange(n_surveys, dtype=np.int64) + 4,
    })
    paths["surveys"] = out / "surveys.parquet"
    pq.write_table(surveys, paths["surveys"])
    return paths


def pc_take(arr: pa.Array, idx: np.ndarray) -> pa.Array:
    out = arr.take(pa.array(idx))
    return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out


def dashboard_queries(wh: Any) -> dict[str, Callable[[], Any]]:
    """The dashboard's queries, each a function of no arguments over the warehouse `wh`."""
    import warehouse as w
    from meeluister.records import ReviewedOutcome
    from warehouse import Query as Q

    june = Q.for_period("2026-06")
    # 50 reviewed outcomes in June (disputes decided): counted through the marts as count deltas
    rv = tuple(ReviewedOutcome(r[0], r[1], "pass" if r[2] == "fail" else "fail", "bench") for r in wh.con.execute(
        "SELECT contact_id, criterion, outcome FROM raw_results WHERE date = '2026-06' AND criterion = 'nivea' "
        "ORDER BY contact_id LIMIT 50").fetchall())
    lcw = Q(group_by=("language", "channel"), period="week")
    queries = {
        "CSAT+NPS per language x channel x week": lambda: (w.csat(wh, lcw), w.nps(wh, lcw))[0],
        "CSAT per language x channel": lambda: w.csat(wh, Q(group_by=("language", "channel"))),
        "NPS per team x month": lambda: w.nps(wh, Q(group_by=("team",), period="month")),
        "pass rates per criterion x language": lambda: w.pass_rates(wh, Q(group_by=("criterion", "language"))),
        "pass rates per criterion x team, one month": lambda: w.pass_rates(wh, june.but(group_by=("criterion", "team"))),
        "pass rates, one month, 50 reviews": lambda: w.pass_rates(wh, june.but(group_by=("criterion", "team"), reviews=rv)),
        "QA score per team, one month, 50 reviews": lambda: w.qa_score(wh, june.but(group_by=("team",), reviews=rv)),
        "QA score per team, one month, 1 advisory criterion": lambda: w.qa_score(
            wh, june.but(group_by=("team",), exclude_criteria=("hold_etiquette",))),
        "agent scorecard, one month": lambda: w.agent_scorecard(wh, june),
        "agent scorecard, one team, per week": lambda: w.agent_scorecard(wh, Q(period="week", filters={"team": "Team 3"})),
        "agent scorecard, one month, 50 reviews": lambda: w.agent_scorecard(wh, june.but(reviews=rv)),
        "behaviour x satisfaction, one team, one month": lambda: w.behaviour_satisfaction(wh, june.but(filters={"team": "Team 3"})),
        "driver inputs, one language (es)": lambda: w.driver_inputs(wh, Q(filters={"language": "es"})),
        "results of one agent, one week": lambda: w.results(wh, Q.for_period("2026-W24", filters={"agent_id": "a-7"})),
        "contacts of one team, one week": lambda: w.contacts(wh, Q.for_period("2026-W24", filters={"team": "Team 3"})),
    }
    return queries


def time_queries(queries: dict) -> dict[str, dict]:
    """Per query: the first (cold) run and the median of 5 warm runs, in ms, and its row count."""
    lat = {}
    for name, fn in queries.items():
        t = time.perf_counter()
        rows = len(fn())
        cold = time.perf_counter() - t
        warm = []
        for _ in range(5):
            t = time.perf_counter()
            fn()
            warm.append(time.perf_counter() - t)
        lat[name] = {"cold_ms": cold * 1000, "warm_ms": float(np.median(warm)) * 1000, "rows": rows}
    return lat


def run_child(data: Path, db: Path, threads: int | None, memory_limit: str, load: bool = True) -> dict:
    """Load (unless `load` is false: query the warehouse already at `db`) and query in this
    (fresh) process; return the figures."""
    import pyarrow.parquet as pq

    import warehouse as w
    from warehouse import Query as Q
    from warehouse.db import DbOptions, connect
    from warehouse.drivers import DriverOptions
    from meeluister.records import ReviewedOutcome
    from warehouse import IngestOptions, ingest_tables

    dbo = DbOptions(memory_limit=memory_limit, threads=threads)
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    load_avg0 = os.getloadavg()
    t0 = time.perf_counter()
    s = None
    if load:
        s = ingest_tables(db, contacts=data / "contacts.parquet", turns=data / "turns.parquet",
                          results=data / "results.parquet", surveys=pq.read_table(data / "surveys.parquet"),
                          options=IngestOptions(db=dbo))
    load_s = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds of the load (all DuckDB threads): on a shared machine wall time depends on the
    # neighbours, CPU time does not (much); CPU/cores is the wall time an idle machine would need.
    load_cpu_s = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    rss_after_load = _peak_rss_mb()
    wh = connect(db, dbo)
    queries = dashboard_queries(wh)
    lat = time_queries(queries)
    snap_lat = {}
    try:
        from warehouse import open_snapshot
    except ImportError:  # a version without published snapshots
        open_snapshot = None
    if open_snapshot is not None:
        snap = open_snapshot(db, dbo)
        real = wh
        wh = snap  # the same queries through the read-only snapshot readers use
        for name, fn in queries.items():
            t = time.perf_counter()
            fn()
            cold = time.perf_counter() - t
            warm = []
            for _ in range(5):
                t = time.perf_counter()
                fn()
                warm.append(time.perf_counter() - t)
            snap_lat[name] = {"cold_ms": cold * 1000, "warm_ms": float(np.median(warm)) * 1000}
        snap.close()
        wh = real
    t = time.perf_counter()
    kd = w.drivers(wh, Q(group_by=("language",)), "csat_topbox", DriverOptions(n_boot=50))
    kd_s = time.perf_counter() - t
    top = kd[kd["language"] == "nl"].head(3)["predictor"].tolist()
    wh.close()
    return {
        "load_s": load_s, "load_cpu_s": load_cpu_s, "load_avg_before": load_avg0,
        "load_avg_after_load": os.getloadavg(), "mart_seconds": s.mart_seconds if s else {},
        "step_seconds": getattr(s, "step_seconds", {}) if s else {},
        "tables": {k: v.__dict__ for k, v in s.tables.items()} if s else {},
        "link_rate": s.link.match_rate if s else None, "redactions": s.redactions if s else {}, "queries": lat,
        "snapshot_queries": snap_lat,
        "key_drivers_s": kd_s, "key_drivers_nl_top3": top,
        "rss_after_load_mb": rss_after_load,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM): ru_maxrss of a child started from a large parent can
    report the parent's RSS at the fork."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contacts", type=int, default=1_000_000)
    ap.add_argument("--turns-per-contact", type=int, default=20)
    ap.add_argument("--surveys", type=int, default=300_000)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--memory-limit", default="2GB")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--reuse-data", action="store_true",
                    help="skip generation when --workdir already holds the generated Parquet files")
    ap.add_argument("--generate-only", action="store_true")
    ap.add_argument("--queries-only", action="store_true",
                    help="time the queries on the warehouse a previous run left in --workdir (no load)")
    ap.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--no-load", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child[0], args.child[1], args.threads, args.memory_limit, not args.no_load)))
        return
    if args.queries_only:
        if not args.workdir or not (args.workdir / "bench.duckdb").exists():
            ap.error("--queries-only needs --workdir holding bench.duckdb from an earlier run")
        cmd = [sys.executable, __file__, "--child", str(args.workdir / "data"), str(args.workdir / "bench.duckdb"),
               "--memory-limit", args.memory_limit, "--no-load"] + (["--threads", str(args.threads)] if args.threads else [])
        res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True,
                                        env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.strip().splitlines()[-1])
        print(f"queries on {args.workdir / 'bench.duckdb'} (no load; load average {os.getloadavg()[0]:.1f})")
        for name, v in res["queries"].items():
            print(f"{name:<52} {v['warm_ms']:>7.0f} ms {'<= 300 ms':>10}   (cold {v['cold_ms']:.0f} ms, {v['rows']} rows)")
        print(f"{'key drivers per language (50 bootstraps)':<52} {res['key_drivers_s']:>7.1f} s")
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mlwh-bench-"))
    t = time.perf_counter()
    if not (args.reuse_data and (work / "data" / "surveys.parquet").exists()):
        generate(work / "data", args.contacts, args.turns_per_contact, args.surveys)
    gen_s = time.perf_counter() - t
    if args.generate_only:
        return
    db = work / "bench.duckdb"
    # A fresh warehouse every run (the load is timed from empty).
    for old in (db, db.with_suffix(".quarantine.jsonl"), db.with_name(db.stem + ".lake"), db.with_suffix(".duckdb.wal")):
        if old.is_dir():
            import shutil
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    cmd = [sys.executable, __file__, "--child", str(work / "data"), str(db), "--memory-limit", args.memory_limit]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True,
                                    env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.strip().splitlines()[-1])
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"data: {args.contacts:,} contacts, {args.contacts * args.turns_per_contact:,} turns, "
          f"{args.surveys:,} survey responses (generated in {gen_s:.1f} s, not timed)")
    print(f"{'step':<48} {'figure':>12} {'target':>10}")
    print(f"{'load (bulk ingest, all tables)':<48} {res['load_s']:>10.1f} s {'<= 60 s':>10}")
    print(f"{'  load CPU time (user+sys, all threads)':<48} {res['load_cpu_s']:>10.1f} s   "
          f"(load average before {res['load_avg_before'][0]:.1f}, after {res['load_avg_after_load'][0]:.1f})")
    print(f"{'  of which mart refresh':<48} {sum(res['mart_seconds'].values()):>10.1f} s   "
          + ", ".join(f"{k} {v:.1f}" for k, v in res['mart_seconds'].items()))
    if res.get("step_seconds"):
        print(f"{'  of which data checks, snapshot publish':<48} "
              + ", ".join(f"{k} {v:.1f} s" for k, v in res["step_seconds"].items()))
    for name, v in res["queries"].items():
        print(f"{name:<48} {v['warm_ms']:>9.0f} ms {'<= 300 ms':>10}   (cold {v['cold_ms']:.0f} ms, {v['rows']} rows)")
    if res.get("snapshot_queries"):
        sq = res["snapshot_queries"]
        worst = max(sq, key=lambda k: sq[k]["warm_ms"])
        print(f"{'the same queries via open_snapshot (slowest)':<48} {sq[worst]['warm_ms']:>9.0f} ms {'<= 300 ms':>10}   "
              f"({worst}; cold max {max(v['cold_ms'] for v in sq.values()):.0f} ms)")
    print(f"{'key drivers per language (50 bootstraps)':<48} {res['key_drivers_s']:>10.1f} s {'(report)':>10}")
    if res.get("rss_after_load_mb"):
        print(f"{'peak RSS after the load':<48} {res['rss_after_load_mb'] / 1024:>9.2f} GB {'<= 4 GB':>10}")
    print(f"{'peak RSS (load + queries)':<48} {res['peak_rss_mb'] / 1024:>9.2f} GB {'<= 4 GB':>10}")
    print(f"rows: {json.dumps(res['tables'])}")
    print(f"survey link rate {res['link_rate']:.1%}; redactions {res['redactions']}; "
          f"top drivers (nl): {res['key_drivers_nl_top3']}")


if __name__ == "__main__":
    main()
