"""`redact(text)`: every registered detector over the normalised text, overlaps resolved by
priority, spans mapped back to the original, tags written in."""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from meeluister.redaction.base import RedactedSpan, Scan, detectors, tag_of
from meeluister.redaction.options import RedactionOptions
from meeluister.redaction.spoken import normalise

_DEFAULT = RedactionOptions()


@dataclass(frozen=True)
class Redacted:
    text: str
    counts: Mapping[str, int] = field(default_factory=dict)  # kind -> number redacted
    spans: tuple[RedactedSpan, ...] = ()  # offsets in the original text, sorted


def find_spans(text: str, options: RedactionOptions | None = None, *, known_names: Iterable[str] = (),
               speaker: str | None = None) -> tuple[RedactedSpan, ...]:
    """The spans of `text` to redact, sorted, not overlapping."""
    if not text:
        return ()
    opts = options or _DEFAULT
    doc = normalise(text)
    scan = Scan(doc, opts, tuple(n for n in known_names if n), speaker)
    starts: list[int] = []
    taken: list[RedactedSpan] = []
    for det in detectors():
        if det.kind not in opts.categories:
            continue
        for s, e in det.find(scan):
            a, b = doc.to_original(s, e)
            if b <= a:
                continue
            k = bisect.bisect_left(starts, a)
            if (k > 0 and taken[k - 1].end > a) or (k < len(taken) and taken[k].start < b):
                continue  # overlaps a span of a detector that goes first
            starts.insert(k, a)
            taken.insert(k, RedactedSpan(a, b, det.kind))
            scan.taken.append((s, e))
    return tuple(taken)


def apply_spans(text: str, spans: Iterable[RedactedSpan]) -> str:
    """`text` with each span replaced by its kind's tag."""
    out, pos = [], 0
    for sp in spans:
        out.append(text[pos:sp.start])
        out.append(tag_of(sp.kind))
        pos = sp.end
    out.append(text[pos:])
    return "".join(out)


def redact(text: str, options: RedactionOptions | None = None, *, known_names: Iterable[str] = (),
           speaker: str | None = None) -> Redacted:
    """`text` with personal data replaced by tags, the number redacted per kind, and the spans
    (offsets in `text`). `known_names`: the customer's names from metadata. `speaker`: "agent"
    keeps the agent's own name in their greeting (see `meeluister.redaction.names`)."""
    if not text:
        return Redacted(text or "", {}, ())
    spans = find_spans(text, options, known_names=known_names, speaker=speaker)
    if not spans:
        return Redacted(text, {}, ())
    return Redacted(apply_spans(text, spans), dict(Counter(s.kind for s in spans)), spans)


def merge_counts(*counts: Mapping[str, int]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    return dict(total)
