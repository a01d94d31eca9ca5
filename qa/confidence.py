"""How likely a criterion result is right: a calibrated confidence (0..1) on every result.

Each criterion says how it reached its outcome: the rule or layer that decided (`basis`: e.g.
next_steps "deadline", "settled", "vague"; nivea "completion-overlap", "assumption"; greeting
"roster"), with the margin to its threshold folded in where there is one ("words-near" when a
concise opening is within 20 % of the word limit), and the engine adds the text style ("asr" when
most turns carry no punctuation, as speech recognition writes them). That key is looked up in a
reliability table fitted on labelled conversations (`benchmarks/fit_confidence.py`): the share of
results with that key that agreed with the label. Sparse keys borrow strength from their parents
(criterion|outcome|basis -> criterion|outcome -> criterion -> all), with `prior_weight` pseudo
counts, so a key seen twice is not given 1.0.

    calibration = load_calibration()                  # the shipped table (qa/calibration/)
    calibration.confidence("nivea", "fail", "assumption", "text")  # -> e.g. 0.83

The table is data (`qa/calibration/confidence.json`, written by the fit script with the sets it
was fitted on and their size); it never changes an outcome, only how sure the engine says it is.
It is fitted mostly on first-score rows (`qa/calibration/history/`: an engine on a set it had never
seen), with the rows of the sets the rules were tuned on down-weighted, both weights chosen by
grouped cross-validation (`benchmarks/fit_confidence.py --cv`; docs/evaluation.md).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from meeluister.errors import InputError

CALIBRATION_FILE = Path(__file__).resolve().parent / "calibration" / "confidence.json"
SCHEMA = "meeluister.qa-calibration/1"


def key_parts(criterion: str, outcome: str, basis: str, style: str) -> list[str]:
    """The table keys of one result, most specific first."""
    return [f"{criterion}|{outcome}|{basis}|{style}", f"{criterion}|{outcome}|{basis}",
            f"{criterion}|{outcome}", criterion]


@dataclass(frozen=True)
class Calibration:
    """Counts (n, agreed) per key, and how they are smoothed into a confidence."""

    counts: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # (n, agreed), maybe weighted
    prior: float = 0.75  # the confidence of a key nothing is known about
    prior_weight: float = 4.0  # pseudo counts a parent lends to its child
    floor: float = 0.05
    ceiling: float = 0.99
    fitted_on: tuple[str, ...] = ()

    def confidence(self, criterion: str, outcome: str, basis: str = "", style: str = "text") -> float:
        p = self.prior
        for key in reversed(key_parts(criterion, outcome, basis, style)):
            n, ok = self.counts.get(key, (0, 0))
            p = (ok + self.prior_weight * p) / (n + self.prior_weight)
        return round(min(self.ceiling, max(self.floor, p)), 3)

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "prior": self.prior, "prior_weight": self.prior_weight,
                "floor": self.floor, "ceiling": self.ceiling, "fitted_on": list(self.fitted_on),
                "counts": {k: list(v) for k, v in sorted(self.counts.items())}}


def fit(rows: Iterable[tuple[str, str, str, str, bool]], fitted_on: Iterable[str] = (),
        weights: Iterable[float] | None = None, **settings: float) -> Calibration:
    """A table from (criterion, outcome, basis, style, agreed-with-label) rows. `weights` (one per
    row, default 1) let rows of sets the rules were tuned on count less than first-score rows;
    weighted counts are kept to three decimals."""
    counts: dict[str, list[float]] = {}
    ws = iter(weights) if weights is not None else None
    for crit, outcome, basis, style, ok in rows:
        w = next(ws) if ws is not None else 1
        for key in key_parts(crit, outcome, basis, style):
            c = counts.setdefault(key, [0, 0])
            c[0] += w
            c[1] += w * int(ok)
    return Calibration({k: (_count(n), _count(ok)) for k, (n, ok) in counts.items()},
                       fitted_on=tuple(fitted_on), **settings)


def _count(x: float) -> float:
    """Integral counts stay ints (the table's JSON reads as before); weighted ones keep 3 decimals."""
    return int(x) if float(x).is_integer() else round(x, 3)


def calibration_from_dict(data: Mapping, source: str | Path = "<dict>") -> Calibration:
    if data.get("schema") != SCHEMA:
        raise InputError(source, f"not a calibration table (schema must be {SCHEMA!r})", where="schema")
    counts = {}
    for k, v in data.get("counts", {}).items():
        if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                            for x in v) and 0 <= v[1] <= v[0]):
            raise InputError(source, "must be [n, agreed] with 0 <= agreed <= n", where=f"counts.{k}")
        counts[k] = (v[0], v[1])
    settings = {}
    for name in ("prior", "prior_weight", "floor", "ceiling"):
        if name in data:
            if not isinstance(data[name], (int, float)) or isinstance(data[name], bool) or data[name] < 0:
                raise InputError(source, "must be a number >= 0", where=name)
            settings[name] = float(data[name])
    return Calibration(counts, fitted_on=tuple(data.get("fitted_on", ())), **settings)


@lru_cache(maxsize=8)
def load_calibration(path: str | None = None) -> Calibration:
    """The shipped reliability table, or the one at `path`; an empty table without a file."""
    p = Path(path) if path else CALIBRATION_FILE
    if not p.exists():
        if path:
            raise InputError(p, "no such calibration file")
        return Calibration()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(p, f"not a valid calibration file: {exc}") from None
    return calibration_from_dict(data, p)


def text_style(punctuated_turns: int, turns: int) -> str:
    """"asr" when fewer than half of the turns with text carry punctuation, else "text"."""
    return "asr" if turns and punctuated_turns * 2 < turns else "text"


def overall_confidence(parts: Iterable[tuple[float, float, float]], pass_mark: float, outcome: str) -> float | None:
    """P(the overall outcome is right), treating each counted criterion (weight, score, confidence)
    as independently flipped (score s -> 1 - s) with probability 1 - confidence; a normal
    approximation of the weighted mean's spread."""
    items = [(w, s, c) for w, s, c in parts if w > 0]
    if outcome == "n/a" or not items:
        return None
    wsum = sum(w for w, _, _ in items)
    mean = sum(w * (c * s + (1 - c) * (1 - s)) for w, s, c in items) / wsum
    var = sum((w / wsum) ** 2 * c * (1 - c) * (2 * s - 1) ** 2 for w, s, c in items)
    if var <= 1e-12:
        p_pass = 1.0 if mean >= pass_mark else 0.0
    else:
        z = (mean - pass_mark) / math.sqrt(var)
        p_pass = 0.5 * (1 + math.erf(z / math.sqrt(2)))
    return round(p_pass if outcome == "pass" else 1 - p_pass, 3)


def reliability_table(rows: Iterable[tuple[float, bool]], edges: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
                      ) -> list[tuple[str, int, float | None, float | None]]:
    """(bin, n, mean confidence, share right) per confidence bin: calibrated when the last two agree."""
    bounds = (0.0, *edges, 1.0001)
    out = []
    rows = list(rows)
    for lo, hi in zip(bounds, bounds[1:]):
        inside = [(c, ok) for c, ok in rows if lo <= c < hi]
        label = f"{lo:.2f}-{min(hi, 1.0):.2f}"
        if inside:
            out.append((label, len(inside), sum(c for c, _ in inside) / len(inside),
                        sum(ok for _, ok in inside) / len(inside)))
        else:
            out.append((label, 0, None, None))
    return out


def expected_calibration_error(rows: Iterable[tuple[float, bool]]) -> float | None:
    table = reliability_table(rows)
    n = sum(r[1] for r in table)
    if not n:
        return None
    return sum(r[1] * abs(r[2] - r[3]) for r in table if r[1]) / n
