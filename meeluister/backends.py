"""Batch backends: where `meeluister transcribe` and `meeluister score` run their work.

The default is this machine (the stages' own batch code: one process or a process pool). Other
backends (a Ray cluster: package `cluster`) register themselves here when the CLI loads them
(`meeluister.cli.STAGE_CLIS`), so a stage's CLI reaches a backend by name without importing the
package that implements it (the stages stand below it: tests/test_layers.py).

A backend is a small object with one method per batch job; a job it does not offer is None.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


class BackendUnavailable(LookupError):
    """The named backend is not registered (its package or its extra is not installed)."""


@dataclass(frozen=True)
class BatchBackend:
    name: str
    # transcribe(recordings, out_dir, options, *, metadata, address, workers, parts, hook) -> BatchResult
    transcribe: Callable[..., Any] | None = None
    # score(inputs, out, scorecard, options, quarantine, hook, *, address, workers, parts) -> BatchReport
    score: Callable[..., Any] | None = None


_BACKENDS: dict[str, BatchBackend] = {}


def register_backend(backend: BatchBackend) -> None:
    _BACKENDS[backend.name] = backend


def batch_backend(name: str, job: str) -> Callable[..., Any]:
    """The function of backend `name` that runs `job` ("transcribe" | "score")."""
    backend = _BACKENDS.get(name)
    if backend is None:
        raise BackendUnavailable(f"backend {name!r} is not available (known: {', '.join(sorted(_BACKENDS)) or 'none'}); "
                                 "install the project with its extra, e.g. pip install 'meeluister[ray]'")
    fn = getattr(backend, job, None)
    if fn is None:
        raise BackendUnavailable(f"backend {name!r} cannot run {job!r}")
    return fn
