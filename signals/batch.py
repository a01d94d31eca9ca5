"""Batch classification of transcript files into reasons.jsonl, with quarantine and progress.

Like `qa.batch`: a transcript that fails the schema is quarantined with a one-line message naming
the file and the field, the batch goes on; the output is written to a temporary file and renamed
into place (a re-run rewrites it whole; an interrupted run never leaves half a file).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from meeluister.errors import InputError, Quarantine
from meeluister.progress import ProgressHook, null_hook
from meeluister.records import load_transcript
from signals.reasons import ReasonOptions, classify
from signals.taxonomy import OTHER

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReasonsReport:
    contacts: int
    records: int
    other: int  # contacts whose only reason is "other"
    quarantined: int
    out: Path
    counts: dict[str, int]  # primary reason -> contacts


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, directories searched recursively for *.json, in a stable order, once each."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        files.extend(sorted(x for x in p.rglob("*.json") if x.is_file()) if p.is_dir() else [p])
    return list(dict.fromkeys(files))


def classify_files(inputs: Iterable[str | Path], out: str | Path, options: ReasonOptions | None = None,
                   quarantine: Quarantine | None = None, hook: ProgressHook = null_hook) -> ReasonsReport:
    """Classify every transcript in `inputs` into `out` (JSON lines of `ContactReason.to_dict()`)."""
    o = options or ReasonOptions()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    q = quarantine if quarantine is not None else Quarantine(None, "reasons")
    files = expand_inputs(inputs)
    contacts = records = other = 0
    counts: dict[str, int] = {}
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i, f in enumerate(files, 1):
            try:
                if not f.exists():
                    raise InputError(f, "no such file")
                t = load_transcript(f)
            except InputError as exc:
                q.add(exc)
            else:
                got = classify(t, None, o)
                contacts += 1
                other += got[0].reason == OTHER
                counts[got[0].reason] = counts.get(got[0].reason, 0) + 1
                for r in got:
                    fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
                    records += 1
            hook("reasons", completed=i, total=len(files))
    tmp.replace(out)
    return ReasonsReport(contacts, records, other, len(q), out, counts)
