"""The redactor on other projects' test vectors (issue 9): recall per kind, precision, look-alikes.

    python benchmarks/redaction_vectors.py [SET.jsonl ...] [--json OUT] [--misses N]

SET is a JSONL file written by `python -m synth.pii_vectors` (default: eval/pii-vectors/dev.jsonl).
Each sentence goes through the public `meeluister.redaction.redact` and only its output is read:

* recall per kind: an expected span is caught when every letter and digit in it is masked (any
  tag); "tagged" also wants a masking span of the expected kind over it;
* precision: masked letters and digits that belong to an expected span or to the address parts
  allowed to be masked (house number, street, city), over all masked letters and digits;
* look-alike survival: a look-alike (amount, time, appointment date, reference, invalid checksum,
  dosage) survives when none of its characters is masked.

Each figure also per language (nl/en/fr/es) and per form (written/spoken as ASR writes it).
`--misses N` prints up to N sentences with a miss, a lost look-alike or a false alarm.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("bsn", "iban", "phone", "email", "postcode", "dob")
RedactFn = Callable[[str], Sequence[tuple[int, int, str]]]


def meeluister_redact(text: str) -> list[tuple[int, int, str]]:
    """The project's redactor through its public API: (start, end, kind) in `text`."""
    from meeluister.redaction import redact

    return [(s.start, s.end, s.kind) for s in redact(text).spans]


def _alnum(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


class Tally:
    """Counts keyed by (figure, kind, facet) where facet is "all", "lang:nl", "form:spoken", "source:x"."""

    def __init__(self) -> None:
        self.n: dict[tuple[str, str, str], int] = defaultdict(int)
        self.hit: dict[tuple[str, str, str], int] = defaultdict(int)

    def add(self, figure: str, kind: str, facets: Iterable[str], hit: bool, weight: int = 1,
            hits: int | None = None) -> None:
        for facet in facets:
            self.n[(figure, kind, facet)] += weight
            self.hit[(figure, kind, facet)] += (weight if hit else 0) if hits is None else hits

    def get(self, figure: str, kind: str, facet: str = "all") -> tuple[int, int]:
        return self.hit.get((figure, kind, facet), 0), self.n.get((figure, kind, facet), 0)


def score(records: Iterable[dict], redact_fn: RedactFn = meeluister_redact) -> dict:
    """All figures for `records` (dicts as written by `synth.pii_vectors`) under `redact_fn`."""
    t = Tally()
    misses: list[dict] = []
    count = 0
    for rec in records:
        count += 1
        text = rec["text"]
        spans = list(redact_fn(text))
        masked: set[int] = set()
        by_kind: dict[int, set[str]] = defaultdict(set)
        for start, end, kind in spans:
            for i in range(start, end):
                masked.add(i)
                by_kind[i].add(kind)
        facets = ("all", f"lang:{rec['lang']}", f"form:{rec['form']}")
        missed, lost = [], []
        for p in rec["pii"]:
            chars = _alnum(text, p["start"], p["end"])
            caught = bool(chars) and chars <= masked
            tagged = caught and all(p["kind"] in by_kind[i] for i in chars)
            src = (f"source:{p['source'].split(':')[0]}",)
            t.add("recall", p["kind"], facets + src, caught)
            t.add("tagged", p["kind"], facets + src, tagged)
            if not caught:
                missed.append(p["text"])
        for la in rec["lookalike"]:
            survived = not (set(range(la["start"], la["end"])) & masked)
            t.add("survival", la["kind"], facets, survived)
            t.add("survival", "all", facets, survived)
            if not survived:
                lost.append(la["text"])
        expected: set[int] = set()
        for s in [*rec["pii"], *rec["allowed"]]:
            expected |= _alnum(text, s["start"], s["end"])
        masked_alnum = {i for i in masked if text[i].isalnum()}
        good = len(masked_alnum & expected)
        t.add("precision", "all", facets, True, weight=len(masked_alnum), hits=good)
        false_alarms = []
        for start, end, kind in spans:
            chars = _alnum(text, start, end)
            t.add("precision", kind, ("all",), True, weight=len(chars), hits=len(chars & expected))
            if chars and not chars & expected:
                false_alarms.append(f"{text[start:end]} -> [{kind.upper()}]")
                t.add("false_alarm_spans", kind, facets, True)
        if missed or lost or false_alarms:
            misses.append({"id": rec.get("id", ""), "lang": rec["lang"], "form": rec["form"], "group": rec["group"],
                           "text": text, "redacted": render(text, spans), "missed": missed, "lost": lost,
                           "false_alarms": false_alarms})
    return {"sentences": count, "tally": t, "misses": misses}


def render(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    out, at = [], 0
    for start, end, kind in sorted(spans):
        if start < at:
            continue
        out.append(text[at:start])
        out.append(f"[{kind.upper()}]")
        at = end
    out.append(text[at:])
    return "".join(out)


def figures(result: dict) -> dict:
    """The JSON-able figures: per kind and facet, counts and ratios."""
    t: Tally = result["tally"]
    out: dict = {"sentences": result["sentences"], "recall": {}, "survival": {}, "precision": {}, "false_alarm_spans": {}}
    for (figure, kind, facet), n in sorted(t.n.items()):
        hit = t.hit[(figure, kind, facet)]
        entry = {"n": n, "hit": hit, "ratio": _ratio(hit, n)}
        if figure == "tagged":
            out["recall"].setdefault(kind, {}).setdefault(facet, {})["tagged"] = hit
            continue
        if figure == "false_alarm_spans":
            out[figure].setdefault(kind, {})[facet] = n
            continue
        out[figure].setdefault(kind, {}).setdefault(facet, {}).update(entry)
    return out


def _cell(t: Tally, figure: str, kind: str, facet: str) -> str:
    hit, n = t.get(figure, kind, facet)
    return f"{hit / n:6.1%} {hit:>4}/{n:<4}" if n else f"{'—':>16}"


def table(result: dict) -> str:
    t: Tally = result["tally"]
    facets = ("all", "lang:nl", "lang:en", "lang:fr", "lang:es", "form:written", "form:spoken")
    head = f"{'':18}" + "".join(f"{f.split(':')[-1]:>17}" for f in facets)
    lines = [f"{result['sentences']} sentences", "", "recall (every letter and digit of the span masked)", head]
    for kind in KINDS:
        lines.append(f"{kind:18}" + "".join(f"{_cell(t, 'recall', kind, f):>17}" for f in facets))
    lines.append(f"{'  tagged as kind':18}" + "".join(
        f"{_cell_sum(t, 'tagged', f):>17}" for f in facets))
    lines += ["", "look-alike survival (nothing masked)", head]
    kinds = sorted({k for (fig, k, _f) in t.n if fig == "survival" and k != "all"}) + ["all"]
    for kind in kinds:
        lines.append(f"{kind:18}" + "".join(f"{_cell(t, 'survival', kind, f):>17}" for f in facets))
    lines += ["", "precision (masked letters/digits inside expected or allowed spans)", head]
    lines.append(f"{'all':18}" + "".join(f"{_cell(t, 'precision', 'all', f):>17}" for f in facets))
    lines += ["", "per tag: precision of its masked characters; spans wholly outside any expected span"]
    tags = sorted({k for (fig, k, _f) in t.n if fig == "precision" and k != "all"})
    for kind in tags:
        hit, n = t.get("precision", kind)
        fa = t.n.get(("false_alarm_spans", kind, "all"), 0)
        lines.append(f"  {kind:16}{(hit / n if n else 0):6.1%} of {n:>5} chars   false-alarm spans: {fa}")
    sources = sorted({f for (fig, _k, f) in t.n if fig == "recall" and f.startswith("source:")})
    lines += ["", "recall per source of the vectors"]
    for kind in KINDS:
        cells = [f"{s.split(':')[1]} {_cell(t, 'recall', kind, s).strip()}" for s in sources if t.get("recall", kind, s)[1]]
        lines.append(f"  {kind:10}" + "; ".join(cells))
    return "\n".join(lines)


def _cell_sum(t: Tally, figure: str, facet: str) -> str:
    hit = sum(t.get(figure, k, facet)[0] for k in KINDS)
    n = sum(t.get(figure, k, facet)[1] for k in KINDS)
    return f"{hit / n:6.1%} {hit:>4}/{n:<4}" if n else f"{'—':>16}"


def format_misses(misses: Sequence[dict], limit: int) -> str:
    out = []
    for m in misses[:limit]:
        what = "; ".join(filter(None, (
            "missed: " + " | ".join(m["missed"]) if m["missed"] else "",
            "look-alike lost: " + " | ".join(m["lost"]) if m["lost"] else "",
            "false alarm: " + " | ".join(m["false_alarms"]) if m["false_alarms"] else "")))
        out.append(f"- `{m['id']}` {m['lang']}/{m['form']} {m['group']}: {what}\n"
                   f"  - in:  {m['text']}\n  - out: {m['redacted']}")
    return "\n".join(out)


def load(paths: Sequence[Path]) -> list[dict]:
    records = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", type=Path, default=[ROOT / "eval" / "pii-vectors" / "dev.jsonl"])
    ap.add_argument("--json", type=Path, default=None, help="write the figures as JSON")
    ap.add_argument("--misses", type=int, default=0, help="print up to N sentences with a miss")
    args = ap.parse_args(argv)
    result = score(load(args.sets))
    print(table(result))
    if args.misses:
        print(f"\n{len(result['misses'])} sentences with a miss, a lost look-alike or a false alarm:\n")
        print(format_misses(result["misses"], args.misses))
    if args.json:
        args.json.write_text(json.dumps(figures(result), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
