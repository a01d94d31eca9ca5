"""Progress flows through one hook callable: `hook(step, completed=, total=)` (as pyannote does).

Libraries call the hook; only the CLI decides how to show it (a rich progress bar).
"""
from __future__ import annotations

from types import TracebackType
from typing import Protocol


class ProgressHook(Protocol):
    def __call__(self, step: str, *, completed: int, total: int | None = None) -> None: ...


def null_hook(step: str, *, completed: int, total: int | None = None) -> None:
    """The default hook: shows nothing."""


class RichProgressHook:
    """A progress bar per step name, for the CLI. Use as a context manager."""

    def __init__(self, transient: bool = False) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            transient=transient,
        )
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> RichProgressHook:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def __call__(self, step: str, *, completed: int, total: int | None = None) -> None:
        task = self._tasks.get(step)
        if task is None:
            task = self._progress.add_task(step, total=total)
            self._tasks[step] = task
        self._progress.update(task, completed=completed, total=total)
