"""`redact(text)`: every registered detector over the normalised text, overlaps resolved by
priority, spans mapped back to the original, tags written in."""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from meeluister.redaction.base import RedactedSpan, Scan, detectors, tag_of
from meeluister.redaction.options import RedactionOptions
from meeluister.redaction.spoken import alternatives, normalise

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
    names = tuple(n for n in known_names if n)
    starts: list[int] = []
    taken: list[RedactedSpan] = []
    _find(Scan(doc, opts, names, speaker), detectors(), starts, taken)
    for alt in alternatives(doc):  # "plus twenty one one four ..." also as +20 114...: numbers only
        _find(Scan(alt, opts, names, speaker), [d for d in detectors() if d.kind in ALTERNATIVE_KINDS],
              starts, taken, superset=True)
    return tuple(taken)


# The kinds a second reading of spoken numbers may find (a checksum, or a phone plan, decides).
ALTERNATIVE_KINDS = frozenset({"iban", "bsn", "phone"})


def _find(scan: Scan, dets: Iterable, starts: list[int], taken: list[RedactedSpan], superset: bool = False) -> None:
    """Each detector's spans over `scan`, added to `taken` (sorted, `starts` their starts) where
    they overlap none of a detector that went first; with `superset` (the second reading) also
    where they hold the whole of every span they overlap (a longer number read otherwise)."""
    doc, opts = scan.doc, scan.options
    for det in dets:
        if det.kind not in opts.categories:
            continue
        for s, e in det.find(scan):
            a, b = doc.to_original(s, e)
            if b <= a:
                continue
            k = bisect.bisect_left(starts, a)
            lo, hi = k, k
            if lo > 0 and taken[lo - 1].end > a:
                lo -= 1
            while hi < len(taken) and taken[hi].start < b:
                hi += 1
            if lo < hi:  # overlaps a span of a detector that goes first
                if not superset or any(t.start < a or t.end > b or t.kind not in ALTERNATIVE_KINDS
                                       for t in taken[lo:hi]) or (hi - lo == 1 and (taken[lo].start, taken[lo].end) == (a, b)):
                    continue
                del starts[lo:hi], taken[lo:hi]
                k = lo
            starts.insert(k, a)
            taken.insert(k, RedactedSpan(a, b, det.kind))
            scan.taken.append((s, e))


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
