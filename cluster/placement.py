"""How many workers a Ray job starts and what each asks of the cluster (pure: no Ray import).

Transcription puts one recogniser per worker: on a cluster that reports GPUs, one worker per GPU
(`num_gpus=1`, the engine on device "cuda"); otherwise one worker per `threads` CPUs, the engine
on the CPU. `workers` (the CLI's `--workers N`) overrides the count; more workers than GPUs share
them (fractional `num_gpus`), more workers than CPUs share those (fractional `num_cpus`, one
engine thread each). Scoring needs no GPU: it plans with `use_gpu=False` and one thread.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping


class ClusterError(RuntimeError):
    """The cluster cannot run the job (no address reachable, no CPU, Ray not installed)."""


@dataclass(frozen=True)
class WorkerPlan:
    workers: int  # actors in the pool
    num_cpus: float  # each actor's CPU request
    num_gpus: float  # each actor's GPU request (0: CPU only)
    threads: int  # engine threads per actor
    device: str  # "cuda" | "cpu": where each actor's recogniser runs

    def actor_options(self) -> dict[str, float]:
        """The resource request of one actor (`ActorClass.options(**plan.actor_options())`)."""
        return {"num_cpus": self.num_cpus, "num_gpus": self.num_gpus}


def plan_workers(resources: Mapping[str, float], *, workers: int | None = None, threads: int = 2,
                 use_gpu: bool = True) -> WorkerPlan:
    """The pool for a cluster whose total resources are `resources` (`ray.cluster_resources()`)."""
    if workers is not None and workers < 1:
        raise ValueError("workers must be at least 1")
    if threads < 1:
        raise ValueError("threads must be at least 1")
    cpus = float(resources.get("CPU", 0.0))
    gpus = int(resources.get("GPU", 0.0))  # a GPU shared between jobs reports a fraction: not ours to use
    if cpus <= 0:
        raise ClusterError(f"the cluster reports no CPU (resources: {dict(resources)})")
    if use_gpu and gpus >= 1:
        n = workers or gpus
        per_cpu = min(float(threads), max(cpus / n, 0.01))
        return WorkerPlan(n, _round(per_cpu), 1.0 if n <= gpus else _round(gpus / n),
                          max(1, int(per_cpu)), "cuda")
    n = workers or max(1, int(cpus // threads))
    per_cpu = min(float(threads), cpus / n)
    return WorkerPlan(n, _round(per_cpu), 0.0, max(1, int(per_cpu)), "cpu")


def _round(x: float) -> float:
    """A resource request Ray accepts (at most 4 decimals), never above what was computed."""
    return math.floor(x * 10_000) / 10_000


def chunked(n_items: int, workers: int, *, max_chunk: int = 32, per_worker: int = 4) -> list[range]:
    """Index ranges that spread `n_items` over `workers` (about `per_worker` chunks each, at most
    `max_chunk` items a chunk): enough chunks to balance uneven recordings, few enough that each
    chunk's lake partition is not tiny."""
    if n_items <= 0:
        return []
    size = max(1, min(max_chunk, math.ceil(n_items / (workers * per_worker))))
    return [range(i, min(i + size, n_items)) for i in range(0, n_items, size)]
