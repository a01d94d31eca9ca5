"""Registers the Ray backend (`--ray ADDRESS|local` of `meeluister transcribe` and `score`) into
`meeluister.backends`; it adds no command of its own."""
from __future__ import annotations

from typing import Any

import typer

from meeluister.backends import BatchBackend, register_backend


def _transcribe(*args: Any, **kw: Any) -> Any:
    from cluster.transcribe_job import transcribe_on_ray

    return transcribe_on_ray(*args, **kw)


def _score(*args: Any, **kw: Any) -> Any:
    from cluster.score_job import score_on_ray

    return score_on_ray(*args, **kw)


def register(app: typer.Typer) -> None:  # noqa: ARG001 (the CLI's registry calls every stage so)
    register_backend(BatchBackend("ray", transcribe=_transcribe, score=_score))
