"""Reading the vendored third-party vectors (eval/pii-vectors/sources/, see SOURCES.md there)."""
from __future__ import annotations

import csv
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[1] / "eval" / "pii-vectors" / "sources"


def read_tsv(name: str) -> list[dict[str, str]]:
    """One vendored TSV file as rows keyed by its header."""
    with (SOURCES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def spans_of(text: str, spans: str) -> list[str]:
    """The substrings that a source's span list ("9-18;20-30" or "0-10:tag;...") marks in `text`."""
    out = []
    for part in filter(None, spans.split(";")):
        a, b = part.split(":")[0].split("-")
        out.append(text[int(a):int(b)])
    return out
