"""Which written outputs quote which contacts: a manifest beside reports and example libraries,
so that a retention purge can find every copy of a contact's text outside the warehouse.

A stage that writes files quoting contacts (coaching reports, example pages and clips) records
them in `<folder>/.meeluister-derived.jsonl`, one JSON object per file:

    {"file": "agent-a1-2026-W44.html", "kind": "report", "contacts": ["c1", "c2"], "written_at": "..."}

`file` is relative to the manifest's folder. Writing an entry for a file already listed replaces
it (a report written again for the same period quotes what the new one quotes). The manifest is
written temp file + rename, so a killed writer leaves the old manifest.

    from meeluister.derived import DerivedFile, record_derived, read_derived
    record_derived(out_dir, [DerivedFile("team-t1-2026-W44.html", "report", ("c1", "c2"))])
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from meeluister.io import write_atomic

logger = logging.getLogger(__name__)

MANIFEST = ".meeluister-derived.jsonl"


@dataclass(frozen=True)
class DerivedFile:
    file: str  # relative to the manifest's folder
    kind: str  # report | example_page | example_clip | ...
    contacts: tuple[str, ...]  # the contacts whose text, audio or quotes the file holds
    written_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))


def manifest_path(folder: str | Path) -> Path:
    return Path(folder) / MANIFEST


def read_derived(folder: str | Path) -> list[DerivedFile]:
    """The entries of `folder`'s manifest ([] when it has none). A line that is not a valid
    entry is logged with the file and line number and skipped (the rest still counts)."""
    path = manifest_path(folder)
    if not path.is_file():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(DerivedFile(str(d["file"]), str(d["kind"]), tuple(str(c) for c in d["contacts"]),
                                   str(d.get("written_at") or "")))
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("%s: line %d: not a manifest entry (%s); skipped", path, n, exc)
    return out


def write_derived(folder: str | Path, entries: Iterable[DerivedFile]) -> Path:
    """Replace `folder`'s manifest with `entries` (sorted by file); an empty list removes it."""
    path = manifest_path(folder)
    rows = sorted(entries, key=lambda e: e.file)
    if not rows:
        path.unlink(missing_ok=True)
        return path
    text = "".join(json.dumps({"file": e.file, "kind": e.kind, "contacts": list(e.contacts),
                               "written_at": e.written_at}, ensure_ascii=False) + "\n" for e in rows)
    return write_atomic(path, text)


def record_derived(folder: str | Path, entries: Iterable[DerivedFile]) -> Path:
    """Add `entries` to `folder`'s manifest; an entry for a file already listed replaces it."""
    new = {e.file: e for e in entries}
    kept = [e for e in read_derived(folder) if e.file not in new]
    return write_derived(folder, kept + list(new.values()))


def find_manifests(root: str | Path) -> Iterator[Path]:
    """The folders under `root` (itself included) that hold a manifest, in sorted order."""
    root = Path(root)
    for p in sorted(root.rglob(MANIFEST)):
        yield p.parent


__all__ = ["DerivedFile", "MANIFEST", "find_manifests", "manifest_path", "read_derived", "record_derived",
           "write_derived"]
