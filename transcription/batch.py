"""Batches: many recordings, resumable, bad files quarantined, optional worker processes.

Per recording `<contact_id>.json` (the transcript, written last and atomically: it marks the
recording done), `<contact_id>.vtt` and `<contact_id>.rttm` land in the output directory. The
transcript records the input's fingerprint (size, mtime, sha256) and the options' fingerprint; a
re-run skips a recording whose transcript matches both, so an interrupted batch resumes without
duplicates. Unusable recordings go to `quarantine.jsonl` (stage "transcribe") and the batch goes on.
"""
from __future__ import annotations

import json
import logging
import os
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from meeluister.errors import InputError, Quarantine
from meeluister.io import file_sha256, remove_stale_temps
from meeluister.metadata import CallMetadata, index_by_file, read_metadata
from meeluister.progress import ProgressHook, null_hook
from meeluister.records import dump_transcript
from transcription.options import TranscribeOptions
from transcription.writers import to_rttm, to_vtt, write_atomic

logger = logging.getLogger(__name__)

QUARANTINE_FILE = "quarantine.jsonl"


@dataclass(frozen=True)
class BatchResult:
    done: tuple[Path, ...] = ()  # transcripts written in this run
    skipped: tuple[Path, ...] = ()  # already complete from an earlier run
    failed: tuple[str, ...] = ()  # one-line errors, also in the quarantine report
    quarantine: Path | None = None
    options: TranscribeOptions = field(default_factory=TranscribeOptions)

    @property
    def all_failed(self) -> bool:
        return bool(self.failed) and not self.done and not self.skipped


def fingerprint_file(path: Path) -> dict[str, object]:
    st = path.stat()
    return {"file": path.name, "size": st.st_size, "sha256": file_sha256(path)}


def output_name(contact_id: str) -> str:
    """A contact id as a safe file name (ids may hold slashes or spaces)."""
    return re.sub(r"[^\w.@+-]", "_", contact_id).strip(".") or "contact"


def _is_complete(out_json: Path, source: dict[str, object], options: TranscribeOptions) -> bool:
    try:
        doc = json.loads(out_json.read_text(encoding="utf-8"))
        rec = doc.get("recognition") or {}
        return (rec.get("source") == source
                and rec.get("options_fingerprint") == options.fingerprint()
                and out_json.with_name(out_json.name[:-5] + ".vtt").is_file()
                and out_json.with_name(out_json.name[:-5] + ".rttm").is_file())
    except (OSError, ValueError):
        return False


def transcribe_one(path: Path, meta: CallMetadata | None, options: TranscribeOptions, out_dir: Path,
                   source: dict[str, object]) -> Path:
    """Transcribe one recording and write its files; runs in the parent, a worker process or a
    Ray actor (cluster/). Returns the transcript's path; raises `InputError`."""
    from transcription.pipeline import transcribe_recording

    t = transcribe_recording(path, options, meta)
    rec = dict(t.extra.get("recognition", {}))
    rec["source"] = source
    # `audio` is stored relative to the transcript's own directory (readers such as qa resolve it
    # from there), so a transcript and its recording can move together; the path as typed on the
    # command line is relative to the working directory, which readers cannot know.
    audio = Path(os.path.relpath(path.resolve(), out_dir.resolve())).as_posix()
    t = replace(t, audio=audio, extra={**t.extra, "recognition": rec})
    name = output_name(t.contact_id)
    write_atomic(out_dir / f"{name}.vtt", to_vtt(t))
    write_atomic(out_dir / f"{name}.rttm", to_rttm(t))
    return dump_transcript(t, out_dir / f"{name}.json")  # last: marks the recording complete


def _work_in_worker(path: Path, meta: CallMetadata | None, options: TranscribeOptions,
                    out_dir: Path, source: dict[str, object]) -> tuple[Path | None, tuple | None]:
    """As `transcribe_one`, but an InputError comes back as plain data (it does not pickle as itself)."""
    try:
        return transcribe_one(path, meta, options, out_dir, source), None
    except InputError as err:
        return None, (err.source, err.cause, err.where)


def _worker_init(threads: int, options: TranscribeOptions) -> None:
    import os

    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    from transcription.pipeline import load_models

    try:
        load_models(options)  # once per worker process, not once per recording
    except Exception:  # the first recording raises it again, with its file name
        logger.debug("preloading models failed in a worker", exc_info=True)


@dataclass(frozen=True)
class BatchPlan:
    """What a batch has to do: recordings to transcribe (path, metadata, source fingerprint),
    transcripts already complete, and the inputs refused before any work (quarantined)."""

    todo: tuple[tuple[Path, CallMetadata | None, dict[str, object]], ...]
    skipped: tuple[Path, ...]
    failed: tuple[str, ...]
    quarantine: Quarantine


def plan_batch(recordings: list[Path], out_dir: Path, options: TranscribeOptions,
               metadata: Path | Sequence[Path] | None = None) -> BatchPlan:
    """The shared first step of every backend (processes here, Ray in cluster/): metadata
    matched, duplicates and missing files quarantined, complete transcripts skipped."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if remove_stale_temps(out_dir):  # half-written files of a killed earlier run
        logger.info("%s: removed temp files of an interrupted earlier run", out_dir)
    quarantine = Quarantine(out_dir / QUARANTINE_FILE, stage="transcribe")
    sheets = [] if metadata is None else [metadata] if isinstance(metadata, (str, Path)) else list(metadata)
    index = index_by_file([row for sheet in sheets for row in read_metadata(Path(sheet))]) if sheets else {}
    todo: list[tuple[Path, CallMetadata | None, dict[str, object]]] = []
    skipped: list[Path] = []
    seen: dict[str, Path] = {}
    failed: list[str] = []

    def fail(err: InputError) -> None:
        quarantine.add(err)
        failed.append(err.line())

    for path in (Path(p) for p in recordings):
        meta = index.get(path.name) or index.get(path.stem)
        if index and meta is None:
            logger.warning("%s: no row in %s; using defaults from the file name", path, ", ".join(map(str, sheets)))
        cid = (meta.contact_id if meta and meta.contact_id else None) or path.stem
        if meta is not None and not meta.contact_id:
            meta = replace(meta, contact_id=cid)
        if cid in seen:
            fail(InputError(path, f"duplicate contact_id {cid!r} (also {seen[cid]}); not transcribed twice"))
            continue
        seen[cid] = path
        if not path.is_file():
            fail(InputError(path, "file not found" if not path.exists() else "not a regular file"))
            continue
        source = fingerprint_file(path)
        out_json = out_dir / f"{output_name(cid)}.json"
        if out_json.exists() and _is_complete(out_json, source, options):
            logger.info("%s: already transcribed (%s), skipped", path, out_json.name)
            skipped.append(out_json)
            continue
        todo.append((path, meta, source))
    return BatchPlan(tuple(todo), tuple(skipped), tuple(failed), quarantine)


def transcribe_batch(
    recordings: list[Path],
    out_dir: Path,
    options: TranscribeOptions | None = None,
    *,
    metadata: Path | Sequence[Path] | None = None,
    hook: ProgressHook = null_hook,
) -> BatchResult:
    """Transcribe `recordings` into `out_dir`; see the module docstring for resume and quarantine."""
    options = options or TranscribeOptions()
    out_dir = Path(out_dir)
    plan = plan_batch(recordings, out_dir, options, metadata)
    quarantine, todo, skipped, failed = plan.quarantine, plan.todo, plan.skipped, list(plan.failed)

    def fail(err: InputError) -> None:
        quarantine.add(err)
        failed.append(err.line())

    total = len(todo)
    done: list[Path] = []
    hook("transcribe", completed=0, total=total)
    if options.workers <= 1 or total <= 1:
        for i, (path, meta, source) in enumerate(todo, start=1):
            try:
                done.append(transcribe_one(path, meta, options, out_dir, source))
            except InputError as err:
                fail(err)
            hook("transcribe", completed=i, total=total)
    else:
        threads = max(1, options.cpu_threads // options.workers)
        wopts = replace(options, cpu_threads=threads)
        ctx = multiprocessing.get_context("spawn")  # no fork of threaded native libraries
        with ProcessPoolExecutor(options.workers, mp_context=ctx, initializer=_worker_init,
                                 initargs=(threads, wopts)) as pool:
            futures = {pool.submit(_work_in_worker, p, m, wopts, out_dir, s): p for p, m, s in todo}
            for i, fut in enumerate(as_completed(futures), start=1):
                written, err = fut.result()
                if written is not None:
                    done.append(written)
                else:
                    fail(InputError(err[0], err[1], where=err[2]))
                hook("transcribe", completed=i, total=total)
    return BatchResult(tuple(done), tuple(skipped), tuple(failed), quarantine.path, options)
