"""Coaching reports benchmark: every report of a 100-agent centre for one week, HTML and PDF.

    python benchmarks/reports.py [--agents 100] [--teams 10] [--per-agent 150] [--history 20]
                                 [--workdir DIR] [--workers N] [--plotly-js inline|directory]

1. Builds the centre with the test generator (tests/coaching/centre.py) and ingests it with the
   real `warehouse.ingest` (not timed; `--workdir` keeps it for the next run): `--per-agent`
   contacts per agent in the reported week (100 x 150 = 15,000) and `--history` per agent in each
   of the 4 weeks before it (the trend).
2. Times `coaching.write_reports` for every team (10 team reports + 100 agent reports, each as
   HTML with plotly.js and as PDF), in a fresh child process so imports are counted.
Target (issue 14): <= 60 s on this machine. Prints one JSON line with the figures: wall seconds,
CPU seconds of the child's main process (queries, focus points, contexts; the render workers are
not counted), the 1-minute load average at the end, file sizes.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "coaching"))

PERIOD = "2026-W47"
WEEKS = ("2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47")


def build(workdir: Path, agents: int, teams: int, per_agent: int, history: int) -> Path:
    from centre import build_centre

    marker = workdir / "built.json"
    spec = {"agents": agents, "teams": teams, "per_agent": per_agent, "history": history}
    if marker.exists() and json.loads(marker.read_text()) == spec:
        return workdir / "wh.duckdb"
    shutil.rmtree(workdir, ignore_errors=True)
    t = time.perf_counter()
    c = build_centre(workdir, n_agents=agents, teams=tuple(f"T{i + 1:02d}" for i in range(teams)),
                     per_agent_week=per_agent, history_per_agent_week=history, weeks=WEEKS, survey_share=0.3)
    print(f"built and ingested {len(c.contacts)} contacts in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    marker.write_text(json.dumps(spec))
    return c.db


def child(db: str, out: str, workers: int | None, plotly_js: str) -> None:
    t0 = time.perf_counter()
    from coaching.reports import write_reports

    s = write_reports(db, None, PERIOD, out, workers=workers, plotly_js=plotly_js)
    total = time.perf_counter() - t0
    files = list(Path(out).iterdir())
    print(json.dumps({
        "seconds": round(total, 1), "write_reports_s": round(s.seconds, 1), "teams": len(s.teams),
        "team_reports": len(s.team_reports), "agent_reports": len(s.agent_reports),
        "html_mb": round(sum(f.stat().st_size for f in files if f.suffix == ".html") / 1e6, 1),
        "pdf_mb": round(sum(f.stat().st_size for f in files if f.suffix == ".pdf") / 1e6, 1),
    }))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--agents", type=int, default=100)
    ap.add_argument("--teams", type=int, default=10)
    ap.add_argument("--per-agent", type=int, default=150)
    ap.add_argument("--history", type=int, default=20)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--plotly-js", default="inline", choices=("inline", "directory"))
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child[0], a.child[1], a.workers, a.plotly_js)
        return
    workdir = a.workdir or Path(tempfile.mkdtemp(prefix="meeluister-reports-bench-"))
    db = build(workdir, a.agents, a.teams, a.per_agent, a.history)
    out = Path(tempfile.mkdtemp(prefix="meeluister-reports-out-"))
    cmd = [sys.executable, __file__, "--child", str(db), str(out), "--plotly-js", a.plotly_js]
    if a.workers:
        cmd += ["--workers", str(a.workers)]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t = time.perf_counter()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the child's own process (pool workers are not reaped into it)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if res.returncode != 0:
        sys.exit(res.stderr[-3000:])
    fig = json.loads(res.stdout.strip().splitlines()[-1])
    fig.update(wall_s=round(wall, 1), main_cpu_s=round(cpu, 1), load_avg_1m=round(os.getloadavg()[0], 1),
               cpus=os.cpu_count(), plotly_js=a.plotly_js, target_s=60,
               contacts_week=a.agents * a.per_agent)
    print(json.dumps(fig))
    shutil.rmtree(out, ignore_errors=True)
    if a.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
