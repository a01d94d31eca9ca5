"""Scorecards: which criteria count, their weights, thresholds and the pass mark, as TOML data.

A quality team edits a copy of a shipped scorecard (`qa/scorecards/*.toml`) without code:

    name = "municipality"
    version = "2026.1"
    pass_mark = 0.7                      # overall weighted score needed to pass, 0..1
    lexicon_dirs = ["my-lexicons"]       # optional, relative to this file; extends the shipped ones
    review_below = 0.6                   # optional: results less confident go to human review

    [criteria.diminutives]
    weight = 1.0
    enabled = true
    review_below = 0.7                   # optional, this criterion's own review threshold
    max_count = 0                        # any criterion parameter (see docs/qa.md)

    [findings]                           # settings of the analyses several criteria share
    overlap_s = 0.5                      # (qa.findings.FindingsOptions owns the defaults)

Every key is validated on load; a wrong key or type raises `InputError` naming file and key.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from meeluister.errors import InputError
from meeluister.io import read_toml
from qa.criteria import REGISTRY
from qa.findings import FindingsOptions

SCORECARD_ROOT = Path(__file__).resolve().parent / "scorecards"
DEFAULT_SCORECARD = "municipality"
_TOP_KEYS = {"name", "version", "description", "pass_mark", "lexicon_dirs", "criteria", "findings",
             "review_below"}
# criterion parameters that became settings of a shared analysis ([findings])
_MOVED = {("nivea", "overlap_s"): "overlap_s", ("room_for_emotion", "min_points"): "emotion_min_points"}


@dataclass(frozen=True)
class CriterionConfig:
    id: str
    enabled: bool
    weight: float
    params: Mapping[str, Any]  # the criterion's defaults overlaid with the scorecard's values
    review_below: float | None = None  # None: the scorecard's review_below


@dataclass(frozen=True)
class Scorecard:
    name: str
    version: str
    pass_mark: float
    criteria: tuple[CriterionConfig, ...]
    description: str = ""
    lexicon_dirs: tuple[str, ...] = ()
    source: str = "<built-in>"
    findings: FindingsOptions = field(default_factory=FindingsOptions)
    review_below: float = 0.0  # results with a confidence below this need a person's review
    _by_id: Mapping[str, CriterionConfig] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def config(self, criterion: str) -> CriterionConfig | None:
        return self._by_id.get(criterion)

    def review_threshold(self, criterion: str) -> float:
        c = self._by_id.get(criterion)
        return self.review_below if c is None or c.review_below is None else c.review_below

    def enabled(self) -> list[CriterionConfig]:
        return [c for c in self.criteria if c.enabled]


def shipped_scorecards() -> list[str]:
    return sorted(p.stem for p in SCORECARD_ROOT.glob("*.toml"))


def _check_type(src: Path, where: str, default: Any, value: Any) -> Any:
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok:
            value = float(value)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, list):
        ok = isinstance(value, list)
    elif isinstance(default, dict):
        if not isinstance(value, dict):
            raise InputError(src, f"must be a table, got {type(value).__name__}", where=where)
        merged = dict(default)
        for k, v in value.items():
            if k in default and isinstance(default[k], dict):
                merged[k] = _check_type(src, f"{where}.{k}", default[k], v)
            elif k in default:
                merged[k] = _check_type(src, f"{where}.{k}", default[k], v)
            elif default and all(isinstance(d, dict) for d in default.values()):
                # open table of tables (e.g. per-language norms): new entries take a sibling's shape
                proto = next(iter(default.values()))
                merged[k] = _check_type(src, f"{where}.{k}", proto, v)
            else:
                raise InputError(src, f"unknown key (expected one of {sorted(default)})", where=f"{where}.{k}")
        return merged
    else:
        ok = True
    if not ok:
        raise InputError(src, f"must be {type(default).__name__}, got {type(value).__name__}", where=where)
    return value


def scorecard_from_dict(data: Mapping[str, Any], source: str | Path = "<dict>") -> Scorecard:
    src = Path(str(source))
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise InputError(src, f"unknown key (expected one of {sorted(_TOP_KEYS)})", where=sorted(unknown)[0])
    for key in ("name", "version"):
        if not isinstance(data.get(key), (str, int, float)) or not str(data.get(key)).strip():
            raise InputError(src, "missing or empty", where=key)
    pass_mark = data.get("pass_mark", 0.7)
    if not isinstance(pass_mark, (int, float)) or isinstance(pass_mark, bool) or not 0 <= pass_mark <= 1:
        raise InputError(src, "must be a number between 0 and 1", where="pass_mark")
    lex_dirs = data.get("lexicon_dirs", [])
    if not isinstance(lex_dirs, list) or not all(isinstance(d, str) for d in lex_dirs):
        raise InputError(src, "must be a list of directory names", where="lexicon_dirs")
    review_below = _share(src, "review_below", data.get("review_below", 0.0))
    base = src.parent if src.exists() else Path.cwd()
    crit_data = data.get("criteria", {})
    if not isinstance(crit_data, dict):
        raise InputError(src, "must be a table of criteria", where="criteria")
    configs: list[CriterionConfig] = []
    for cid, cdata in crit_data.items():
        where = f"criteria.{cid}"
        if cid not in REGISTRY:
            raise InputError(src, f"unknown criterion (known: {', '.join(sorted(REGISTRY))})", where=where)
        if not isinstance(cdata, dict):
            raise InputError(src, "must be a table", where=where)
        defaults = REGISTRY[cid].defaults
        params = dict(defaults)
        enabled, weight, review = True, 1.0, None
        for k, v in cdata.items():
            if k == "enabled":
                if not isinstance(v, bool):
                    raise InputError(src, "must be true or false", where=f"{where}.enabled")
                enabled = v
            elif k == "weight":
                if not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0:
                    raise InputError(src, "must be a number >= 0", where=f"{where}.weight")
                weight = float(v)
            elif k == "review_below":
                review = _share(src, f"{where}.review_below", v)
            elif k in defaults:
                params[k] = _check_type(src, f"{where}.{k}", defaults[k], v)
            elif (cid, k) in _MOVED:
                raise InputError(src, f"moved: set it as findings.{_MOVED[cid, k]} (a setting shared by "
                                      "several criteria)", where=f"{where}.{k}")
            else:
                known = sorted({"enabled", "weight", "review_below", *defaults})
                raise InputError(src, f"unknown key (expected one of {known})", where=f"{where}.{k}")
        configs.append(CriterionConfig(cid, enabled, weight, MappingProxyType(params), review))
    return Scorecard(
        name=str(data["name"]).strip(),
        version=str(data["version"]).strip(),
        pass_mark=float(pass_mark),
        criteria=tuple(configs),
        description=str(data.get("description", "")),
        lexicon_dirs=tuple(str((base / d).resolve()) for d in lex_dirs),
        source=str(src),
        findings=_findings(src, data.get("findings", {})),
        review_below=review_below,
        _by_id=MappingProxyType({c.id: c for c in configs}),
    )


def _share(src: Path, where: str, value: Any) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
        raise InputError(src, "must be a number between 0 and 1", where=where)
    return float(value)


def _findings(src: Path, data: Any) -> FindingsOptions:
    if not isinstance(data, dict):
        raise InputError(src, "must be a table", where="findings")
    defaults = FindingsOptions.keys()
    values = {}
    for k, v in data.items():
        if k not in defaults:
            raise InputError(src, f"unknown key (expected one of {sorted(defaults)})", where=f"findings.{k}")
        values[k] = _check_type(src, f"findings.{k}", defaults[k], v)
    if values.get("emotion_model", "off") not in ("off", "fallback", "only"):
        raise InputError(src, "must be one of 'off', 'fallback', 'only'", where="findings.emotion_model")
    return FindingsOptions(**values)


def load_scorecard(name_or_path: str | Path | None = None) -> Scorecard:
    """Load a scorecard by path, or by the name of a shipped one (municipality, ministry, ...)."""
    if name_or_path is None:
        name_or_path = DEFAULT_SCORECARD
    path = Path(name_or_path)
    if not path.exists():
        shipped = SCORECARD_ROOT / f"{name_or_path}.toml"
        if not shipped.exists():
            raise InputError(
                str(name_or_path),
                f"no such scorecard file, and not a shipped name ({', '.join(shipped_scorecards())})",
            )
        path = shipped
    data = read_toml(path)
    return scorecard_from_dict(data, path)
