"""Ray itself: connecting to a cluster (or starting a local one) and running an actor pool.

Ray is imported here, inside the functions, and nowhere at import time (the `[ray]` extra).
`--ray local` starts a Ray instance on this machine for the job and stops it afterwards;
`--ray ADDRESS` joins a running cluster (`auto`, `HOST:6379` from `ray start --head`, or
`ray://HOST:10001` through the Ray client) and leaves it running. A process that has already
called `ray.init` (a test, a notebook) keeps its instance.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from cluster.placement import ClusterError, WorkerPlan

logger = logging.getLogger(__name__)

LOCAL = "local"
_PROJECT_ROOT = str(Path(__file__).resolve().parents[1])


def import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ClusterError("Ray is not installed: pip install 'meeluister[ray]'") from exc
    return ray


@contextmanager
def ray_session(address: str, *, num_cpus: int | None = None) -> Iterator[Any]:
    """`ray` connected to `address` for the body of the `with` (see the module docstring)."""
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    kw: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                          "configure_logging": False}
    if address == LOCAL:
        # Workers import the project from where this driver does (an editable checkout or a
        # plain PYTHONPATH), whatever their working directory.
        path = os.pathsep.join([_PROJECT_ROOT, *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]])
        kw.update(num_cpus=num_cpus, runtime_env={"env_vars": {"PYTHONPATH": path}},
                  object_store_memory=256 * 1024 * 1024)
    else:
        kw["address"] = address
    try:
        ray.init(**kw)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        raise ClusterError(f"cannot reach the Ray cluster at {address!r}: {exc}") from exc
    try:
        yield ray
    finally:
        ray.shutdown()


def cluster_resources(ray: Any) -> dict[str, float]:
    return {k: float(v) for k, v in ray.cluster_resources().items()}


def run_pool(ray: Any, worker_cls: type, init_args: Sequence[Any], plan: WorkerPlan,
             tasks: Sequence[tuple[Any, ...]], on_result: Callable[[Any], None]) -> None:
    """Start `plan.workers` actors of `worker_cls(*init_args)` (each loads its model once) and
    run `actor.run(*task)` for every task, spread over them as they come free; `on_result` gets
    each task's return value on this thread as it arrives."""
    from ray.util import ActorPool

    if not tasks:
        return
    remote = ray.remote(worker_cls).options(**plan.actor_options())
    n = min(plan.workers, len(tasks))
    actors = [remote.remote(*init_args) for _ in range(n)]
    try:
        pool = ActorPool(actors)
        for out in pool.map_unordered(lambda a, t: a.run.remote(*t), list(tasks)):
            on_result(out)
    finally:
        for a in actors:
            ray.kill(a)


def driver_cwd() -> str:
    """The driver's working directory: actors on this machine resolve relative paths from it
    (on a cluster, give paths every node sees: docs/scale.md)."""
    return os.getcwd()


def in_worker_setup(cwd: str, threads: int) -> None:
    """First thing in an actor: the driver's directory (when it exists here) and thread count."""
    if os.path.isdir(cwd):
        os.chdir(cwd)
    os.environ["OMP_NUM_THREADS"] = str(threads)
