"""Batch scoring of transcript files into results.jsonl, with quarantine and progress.

A transcript that fails the schema is quarantined with a one-line message naming the file and the
field; the batch goes on. The output is written to a temporary file and renamed into place, so a
re-run rewrites it whole (idempotent) and an interrupted run never leaves half a file.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from meeluister.errors import InputError, Quarantine
from meeluister.io import remove_stale_temps
from meeluister.progress import ProgressHook, null_hook
from meeluister.records import load_transcript
from qa.engine import ScoreOptions, resolve_scorecard, score
from qa.scorecard import Scorecard

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchReport:
    contacts: int  # scored
    records: int  # lines written
    quarantined: int
    out: Path
    scorecard: str
    passed: int  # contacts whose overall outcome is pass


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, directories searched recursively for *.json, in a stable order."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*.json") if x.is_file()))
        else:
            files.append(p)
    seen: set[Path] = set()
    out = []
    for f in files:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


@dataclass(frozen=True)
class ScoredFile:
    """One transcript's results as the JSON lines written to results.jsonl."""

    lines: tuple[str, ...]
    passed: bool  # the contact's overall outcome is pass


def score_transcript_file(f: Path, sc: Scorecard, opts: ScoreOptions) -> ScoredFile:
    """Score one transcript file (here or on a Ray actor, cluster/); raises `InputError` when the
    transcript fails the schema. Tone is measured from the recording beside the transcript."""
    t = load_transcript(f)
    o = opts
    if t.audio and opts.audio_root is None:
        o = ScoreOptions(audio=opts.audio, audio_root=str(f.parent), criteria=opts.criteria)
    res = score(t, sc, o)
    return ScoredFile(tuple(json.dumps(rec, ensure_ascii=False) for rec in res.records()), res.outcome == "pass")


def _iter_records(files: list[Path], sc: Scorecard, opts: ScoreOptions, quarantine: Quarantine,
                  hook: ProgressHook, stats: dict[str, int]) -> Iterator[str]:
    total = len(files)
    for i, f in enumerate(files, 1):
        try:
            scored = score_transcript_file(f, sc, opts)
        except InputError as exc:
            quarantine.add(exc)
        else:
            stats["contacts"] += 1
            stats["passed"] += scored.passed
            stats["records"] += len(scored.lines)
            yield from scored.lines
        hook("score", completed=i, total=total)


def score_files(
    inputs: Iterable[str | Path],
    out: str | Path,
    scorecard: Scorecard | str | Path | None = None,
    options: ScoreOptions | None = None,
    quarantine: Quarantine | None = None,
    hook: ProgressHook = null_hook,
) -> BatchReport:
    """Score every transcript in `inputs` (files or directories) into `out` (JSON lines)."""
    sc = resolve_scorecard(scorecard)
    opts = options or ScoreOptions()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    q = quarantine if quarantine is not None else Quarantine(None, "score")
    files = expand_inputs(inputs)
    for f in files:
        if not f.exists():
            q.add(InputError(f, "no such file"))
    files = [f for f in files if f.exists()]
    stats = {"contacts": 0, "records": 0, "passed": 0}
    remove_stale_temps(out.parent)  # what a killed earlier run left
    tmp = out.with_name(f".{out.name}.{os.getpid()}-{threading.get_ident()}.tmp")  # as write_atomic names it
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            for line in _iter_records(files, sc, opts, q, hook, stats):
                fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BatchReport(stats["contacts"], stats["records"], len(q), out, sc.id, stats["passed"])
