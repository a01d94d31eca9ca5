"""Scale-out: transcription and scoring on a Ray cluster, results as lake partitions
(docs/scale.md). It stands above the stages it runs (transcription, qa) and the warehouse whose
partition shapes it writes; the stages' CLIs reach it through `meeluister.backends`.

    from cluster import transcribe_on_ray, score_on_ray
    transcribe_on_ray(files, Path("work/transcripts"), address="local")   # + work/parts/
    score_on_ray(["work/transcripts"], "work/results.jsonl", address="auto")
    warehouse.ingest_parts("wh.duckdb", "work/parts")

Ray is imported lazily (the `[ray]` extra).
"""
from __future__ import annotations

from typing import Any

from cluster.placement import ClusterError, WorkerPlan, chunked, plan_workers

_JOBS = {"score_on_ray": "cluster.score_job", "transcribe_on_ray": "cluster.transcribe_job",
         "worker_options": "cluster.transcribe_job"}


def __getattr__(name: str) -> Any:
    """The jobs load the stages and the warehouse: imported on first use, not with the CLI."""
    if name in _JOBS:
        import importlib

        return getattr(importlib.import_module(_JOBS[name]), name)
    raise AttributeError(name)

__all__ = ["ClusterError", "WorkerPlan", "chunked", "plan_workers", "score_on_ray", "transcribe_on_ray",
           "worker_options"]
