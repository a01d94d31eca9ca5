"""`meeluister score --ray ADDRESS|local`: scoring on a Ray cluster, the same results.jsonl.

Actors hold the scorecard (loaded once per worker) and score chunks of transcript files with
the local batch's own `qa.batch.score_transcript_file`; the driver writes results.jsonl in the
local order (files sorted, each file's records in order), through a temporary file renamed into
place, and then the results as lake partitions (`parts/results/part-NNNNN.parquet`, read by
`warehouse.ingest_tables`) with the provenance a file ingest of that results.jsonl records (its
path, sha256 and line numbers). A transcript that fails the schema is quarantined with the local
batch's line, in the local order; the batch goes on. Scoring needs no GPU.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterable

from cluster.placement import chunked, plan_workers
from cluster.runtime import cluster_resources, driver_cwd, in_worker_setup, ray_session, run_pool
from meeluister.errors import InputError, Quarantine
from meeluister.progress import ProgressHook, null_hook
from qa.batch import BatchReport, expand_inputs, score_transcript_file
from qa.engine import ScoreOptions, resolve_scorecard
from qa.scorecard import Scorecard
from warehouse.partitions import clear_parts, results_tables, write_part

logger = logging.getLogger(__name__)


class ScoreWorker:
    """A Ray actor holding one scorecard."""

    def __init__(self, scorecard: Scorecard, options: ScoreOptions, cwd: str) -> None:
        in_worker_setup(cwd, 1)
        self.sc, self.options = scorecard, options

    def run(self, chunk: int, files: list[tuple[int, str]]) -> list[tuple[int, Any]]:
        out: list[tuple[int, Any]] = []
        for i, f in files:
            try:
                s = score_transcript_file(Path(f), self.sc, self.options)
            except InputError as err:
                out.append((i, ("error", str(err.source), err.cause, err.where)))
            else:
                out.append((i, ("ok", s.lines, s.passed)))
        return out


def score_on_ray(inputs: Iterable[str | Path], out: str | Path, scorecard: Scorecard | str | Path | None = None,
                 options: ScoreOptions | None = None, quarantine: Quarantine | None = None,
                 hook: ProgressHook = null_hook, *, address: str = "local", workers: int | None = None,
                 parts: Path | None = None, rows_per_part: int = 500_000) -> BatchReport:
    """As `qa.batch.score_files`, on Ray; the results also land in `parts` (default: `parts`
    beside `out`)."""
    sc = resolve_scorecard(scorecard)
    opts = options or ScoreOptions()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    parts = Path(parts) if parts is not None else out.parent / "parts"
    q = quarantine if quarantine is not None else Quarantine(None, "score")
    files = expand_inputs(inputs)
    for f in files:
        if not f.exists():
            q.add(InputError(f, "no such file"))
    files = [f for f in files if f.exists()]
    scored: dict[int, Any] = {}
    with ray_session(address) as ray:
        plan = plan_workers(cluster_resources(ray), workers=workers, threads=1, use_gpu=False)
        chunks = chunked(len(files), plan.workers, max_chunk=256)
        tasks = [(k, [(i, str(files[i])) for i in r]) for k, r in enumerate(chunks)]
        hook("score", completed=0, total=len(files))

        def collect(res: list[tuple[int, Any]]) -> None:
            scored.update(res)
            hook("score", completed=len(scored), total=len(files))

        run_pool(ray, ScoreWorker, (sc, opts, driver_cwd()), plan, tasks, collect)
    stats = {"contacts": 0, "records": 0, "passed": 0}
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(len(files)):
            r = scored[i]
            if r[0] == "error":
                q.add(InputError(r[1], r[2], where=r[3]))
                continue
            stats["contacts"] += 1
            stats["passed"] += bool(r[2])
            stats["records"] += len(r[1])
            for line in r[1]:
                fh.write(line + "\n")
    tmp.replace(out)
    tables, rejects = results_tables(out, rows_per_part)
    for reject in rejects:  # not expected from the scorer itself; the ingest of the file would quarantine them
        logger.warning("%s", reject.reason)
    names = [f"part-{k:05d}" for k in range(len(tables))]
    for name, t in zip(names, tables):
        write_part(parts, "results", name, t)
    clear_parts(parts, "results", keep=names)
    return BatchReport(stats["contacts"], stats["records"], len(q), out, sc.id, stats["passed"])
