"""`meeluister transcribe --ray ADDRESS|local`: the batch on a Ray cluster, same outputs.

The driver plans the batch exactly as the local one does (`transcription.batch.plan_batch`:
metadata matched, duplicates and missing files quarantined, complete transcripts skipped), then
hands chunks of recordings to a pool of actors (cluster/placement.py sizes it; each actor loads
the recogniser and diarizer once). An actor transcribes its chunk with the local batch's own
`transcribe_one` (JSON + WebVTT + RTTM, the JSON written last) and writes the chunk's contacts and
turns as lake partitions (warehouse/partitions.py: `parts/contacts/part-NNNNN.parquet`, ...), read
back from the transcripts it has just written (or, for a recording already done, the one on
disk). A recording that fails is named in the quarantine (same lines, same order as a local run)
and the batch goes on. A re-run skips complete transcripts and rewrites the parts: resumable.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from cluster.placement import WorkerPlan, chunked, plan_workers
from cluster.runtime import cluster_resources, driver_cwd, in_worker_setup, ray_session, run_pool
from meeluister.errors import InputError
from meeluister.metadata import CallMetadata
from meeluister.progress import ProgressHook, null_hook
from transcription.batch import BatchResult, plan_batch, transcribe_one
from transcription.options import TranscribeOptions
from warehouse.partitions import clear_parts, transcript_tables, write_part

logger = logging.getLogger(__name__)

# one item of a chunk: (index in the batch, recording, metadata, source fingerprint, done transcript)
Item = tuple[int, Path | None, CallMetadata | None, dict[str, object] | None, Path | None]


def worker_options(options: TranscribeOptions, plan: WorkerPlan) -> TranscribeOptions:
    """The options an actor runs with: the plan's device and threads (neither changes the
    transcript's fingerprint on the CPU; see TranscribeOptions.fingerprint)."""
    return replace(options, device=plan.device, cpu_threads=plan.threads, workers=plan.workers)


class TranscribeWorker:
    """A Ray actor: the models loaded once, then chunk after chunk."""

    def __init__(self, options: TranscribeOptions, out_dir: str, parts_dir: str, cwd: str,
                 redact: bool) -> None:
        in_worker_setup(cwd, options.cpu_threads)
        self.options, self.out_dir, self.parts_dir, self.redact = options, Path(out_dir), Path(parts_dir), redact
        self.loaded = False

    def load(self) -> None:
        """The models, once per actor, before its first recording (a re-run whose recordings
        are all done loads none: it only rewrites the parts)."""
        from transcription.pipeline import load_models

        self.loaded = True
        try:
            load_models(self.options)
        except Exception:  # the first recording raises it again, with its file name
            logger.debug("preloading models failed in a worker", exc_info=True)

    def run(self, chunk: int, items: list[Item]) -> dict[str, Any]:
        if not self.loaded and any(it[4] is None for it in items):
            self.load()
        done: list[tuple[int, str]] = []
        failed: list[tuple[int, tuple[Any, str, Any]]] = []
        written: list[Path] = []
        for i, path, meta, source, existing in items:
            if existing is not None:
                written.append(existing)
                continue
            try:
                out = transcribe_one(path, meta, self.options, self.out_dir, source)  # type: ignore[arg-type]
            except InputError as err:
                failed.append((i, (str(err.source), err.cause, err.where)))
                continue
            done.append((i, str(out)))
            written.append(out)
        rejects = write_chunk_parts(self.parts_dir, chunk, written, self.redact)
        return {"chunk": chunk, "done": done, "failed": failed, "rejects": rejects}


def part_name(chunk: int) -> str:
    return f"part-{chunk:05d}"


def write_chunk_parts(parts_dir: Path, chunk: int, transcripts: list[Path], redact: bool) -> list[str]:
    """One chunk's contacts and turns partitions, from its transcripts; returns the reasons of
    transcripts the warehouse would refuse (logged by the driver)."""
    contacts, turns, rejects = transcript_tables(transcripts, redact=redact)
    write_part(parts_dir, "contacts", part_name(chunk), contacts)
    write_part(parts_dir, "turns", part_name(chunk), turns)
    return [r.reason for r in rejects]


def transcribe_on_ray(recordings: list[Path], out_dir: Path, options: TranscribeOptions | None = None, *,
                      metadata: Path | Sequence[Path] | None = None, address: str = "local",
                      workers: int | None = None,
                      parts: Path | None = None, redact: bool = True,
                      hook: ProgressHook = null_hook) -> BatchResult:
    """Transcribe `recordings` on Ray into `out_dir` (the local batch's files) and `parts`
    (lake partitions; default: `parts` beside `out_dir`). `workers`: None sizes the pool to the
    cluster (one per GPU, else one per `options.cpu_threads` CPUs)."""
    options = options or TranscribeOptions()
    out_dir = Path(out_dir)
    parts = Path(parts) if parts is not None else out_dir.parent / "parts"
    plan = plan_batch(recordings, out_dir, options, metadata)
    failed = list(plan.failed)
    items: list[Item] = [(i, p, m, s, None) for i, (p, m, s) in enumerate(plan.todo)]
    items += [(len(items) + j, None, None, None, t) for j, t in enumerate(plan.skipped)]
    items.sort(key=lambda it: (it[4] or it[1]).name)  # type: ignore[union-attr]
    total = len(plan.todo)
    hook("transcribe", completed=0, total=total)
    done: dict[int, Path] = {}
    errors: dict[int, InputError] = {}
    want = workers or (options.workers if options.workers > 1 else None)
    progress = {"n": 0}
    tasks: list[tuple[int, list[Item]]] = []

    def collect(out: dict[str, Any]) -> None:
        for i, p in out["done"]:
            done[i] = Path(p)
        for i, (src, cause, where) in out["failed"]:
            errors[i] = InputError(src, cause, where=where)
        for reason in out["rejects"]:
            logger.warning("%s", reason)
        progress["n"] += sum(1 for it in tasks[out["chunk"]][1] if it[4] is None)
        hook("transcribe", completed=progress["n"], total=total)

    if not plan.todo:  # every transcript is done: only the parts are (re)written, here
        wopts = options
        tasks = [(k, [items[i] for i in r]) for k, r in enumerate(chunked(len(items), want or 1))]
        for k, chunk in tasks:
            collect({"chunk": k, "done": [], "failed": [],
                     "rejects": write_chunk_parts(parts, k, [it[4] for it in chunk], redact)})  # type: ignore[misc]
    else:
        with ray_session(address) as ray:
            wplan = plan_workers(cluster_resources(ray), workers=want, threads=options.cpu_threads)
            wopts = worker_options(options, wplan)
            logger.info("ray: %d worker(s), %.4g CPU and %.4g GPU each, device %s", wplan.workers,
                        wplan.num_cpus, wplan.num_gpus, wplan.device)
            tasks = [(k, [items[i] for i in r]) for k, r in enumerate(chunked(len(items), wplan.workers))]
            run_pool(ray, TranscribeWorker, (wopts, str(out_dir), str(parts), driver_cwd(), redact), wplan,
                     tasks, collect)
    clear_parts(parts, "contacts", keep=[part_name(k) for k in range(len(tasks))])
    clear_parts(parts, "turns", keep=[part_name(k) for k in range(len(tasks))])
    for i in sorted(errors):  # the local batch's order: the order of the recordings
        plan.quarantine.add(errors[i])
        failed.append(errors[i].line())
    return BatchResult(tuple(done[i] for i in sorted(done)), plan.skipped, tuple(failed), plan.quarantine.path,
                       wopts)
