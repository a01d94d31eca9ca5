"""Coaching options: one frozen dataclass per concern, each the one owner of its defaults.

A TOML file (`--config coaching.toml`, see docs/coaching.md) overrides any of them; it is
validated on load and a bad key or value raises `InputError` naming the file and the key:

    [focus]      min_n = 8, max_points = 2, evidence = 3, trend_periods = 6
    [levels]     gold_pass = 0.9, silver_pass = 0.75, gold_csat = 8.5, silver_csat = 7.5, min_n = 10
    [levels.areas] opening = ["own_name_greeting", "concise_opening"], ...
    [disputes]   window_days = 14
    [calibration] kappa_floor = 0.6, min_n = 20
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from meeluister.errors import InputError
from meeluister.io import read_toml

DEFAULT_AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("opening", ("own_name_greeting", "concise_opening")),
    ("listening", ("nivea", "clarifying_questions", "no_repeat_questions", "room_for_emotion")),
    ("language", ("diminutives", "tone")),
    ("process", ("hold_etiquette", "next_steps")),
)


@dataclass(frozen=True)
class FocusOptions:
    min_n: int = 8  # the agent needs this many applicable results on a criterion for a focus point
    max_points: int = 2  # focus points per agent (1-2, as a coach can work on)
    evidence: int = 3  # evidence items per focus point (2-3)
    strengths: int = 2
    trend_periods: int = 6  # periods before the report's period shown in the trend (>= 4)
    min_gap: float = 0.05  # the agent's fail rate must be this far above the team's


@dataclass(frozen=True)
class LevelOptions:
    gold_pass: float = 0.90  # pooled pass rate over the area's criteria
    silver_pass: float = 0.75
    gold_csat: float = 8.5  # mean CSAT (1-10) of the agent's surveyed contacts
    silver_csat: float = 7.5
    min_n: int = 10  # fewer applicable results in an area: bronze at most, marked small n
    # (area, criteria) pairs, in report order (a tuple, so options pickle to worker processes)
    areas: tuple[tuple[str, tuple[str, ...]], ...] = DEFAULT_AREAS

    @property
    def area_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.areas)


@dataclass(frozen=True)
class DisputeOptions:
    window_days: int = 14  # an agent may contest a result until this many days after the contact


@dataclass(frozen=True)
class CalibrationOptions:
    kappa_floor: float = 0.6  # below it a criterion turns advisory
    min_n: int = 20  # fewer double-graded contacts: no verdict (kept as it was)
    level: float = 0.95


@dataclass(frozen=True)
class ReportOptions:
    """How reports are written (the CLI's defaults)."""

    lang: str = "nl"  # nl | en
    formats: str = "html,pdf"
    # directory: one plotly.min.js + report-charts.js beside the reports (a report ~30 KB, no inline
    # script); inline: plotly.js inside every HTML (4.8 MB each; a single file opens alone)
    plotly_js: str = "directory"


@dataclass(frozen=True)
class CoachingOptions:
    focus: FocusOptions = field(default_factory=FocusOptions)
    levels: LevelOptions = field(default_factory=LevelOptions)
    disputes: DisputeOptions = field(default_factory=DisputeOptions)
    calibration: CalibrationOptions = field(default_factory=CalibrationOptions)


_SECTIONS = {"focus": FocusOptions, "levels": LevelOptions, "disputes": DisputeOptions,
             "calibration": CalibrationOptions}
_BOUNDS: Mapping[str, tuple[float, float]] = {
    "focus.min_n": (1, 10_000), "focus.max_points": (1, 3), "focus.evidence": (1, 5),
    "focus.strengths": (0, 5), "focus.trend_periods": (4, 52), "focus.min_gap": (0, 1),
    "levels.gold_pass": (0, 1), "levels.silver_pass": (0, 1), "levels.gold_csat": (1, 10),
    "levels.silver_csat": (1, 10), "levels.min_n": (1, 10_000), "disputes.window_days": (0, 3650),
    "calibration.kappa_floor": (-1, 1), "calibration.min_n": (1, 100_000), "calibration.level": (0.5, 0.999),
}


def _section(cls: type, data: Any, name: str, src: Path) -> Any:
    if not isinstance(data, dict):
        raise InputError(src, "must be a table", where=name)
    base = cls()
    known = {f.name: f for f in fields(cls)}
    out: dict[str, Any] = {}
    for k, v in data.items():
        key = f"{name}.{k}"
        if k not in known:
            raise InputError(src, f"unknown key (known: {', '.join(sorted(known))})", where=key)
        if k == "areas":
            if not isinstance(v, dict) or not all(isinstance(c, list) and c and all(isinstance(x, str) for x in c)
                                                  for c in v.values()):
                raise InputError(src, "must map area names to non-empty lists of criterion ids", where=key)
            seen: dict[str, str] = {}
            for area, crits in v.items():
                for c in crits:
                    if c in seen:
                        raise InputError(src, f"criterion {c!r} is in both {seen[c]!r} and {area!r}", where=key)
                    seen[c] = area
            out[k] = tuple((a, tuple(c)) for a, c in v.items())
            continue
        default = getattr(base, k)
        if isinstance(default, bool) or not isinstance(v, (int, float)) or isinstance(v, bool):
            raise InputError(src, f"must be a number, not {v!r}", where=key)
        if isinstance(default, int) and not isinstance(v, int):
            raise InputError(src, f"must be a whole number, not {v!r}", where=key)
        lo, hi = _BOUNDS.get(key, (float("-inf"), float("inf")))
        if not lo <= v <= hi:
            raise InputError(src, f"must be between {lo:g} and {hi:g}, not {v!r}", where=key)
        out[k] = v
    opts = replace(base, **out)
    if isinstance(opts, LevelOptions):
        if opts.gold_pass < opts.silver_pass:
            raise InputError(src, "gold_pass must be >= silver_pass", where=f"{name}.gold_pass")
        if opts.gold_csat < opts.silver_csat:
            raise InputError(src, "gold_csat must be >= silver_csat", where=f"{name}.gold_csat")
    return opts


def options_from_dict(data: Mapping[str, Any], src: str | Path = "<config>") -> CoachingOptions:
    src = Path(str(src))
    parts: dict[str, Any] = {}
    for k, v in data.items():
        if k not in _SECTIONS:
            raise InputError(src, f"unknown section (known: {', '.join(sorted(_SECTIONS))})", where=k)
        parts[k] = _section(_SECTIONS[k], v, k, src)
    return CoachingOptions(**parts)


def load_options(path: str | Path | None) -> CoachingOptions:
    """The defaults, overridden by the TOML file at `path` (None: defaults only)."""
    if path is None:
        return CoachingOptions()
    path = Path(path)
    data = read_toml(path)
    return options_from_dict(data, path)
