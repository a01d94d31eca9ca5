"""Bronze, silver and gold per agent and criterion area (seed 004: Sanoma routes customers to
agents by level), from QA pass rates and CSAT.

Per area the agent's applicable results over the area's criteria are pooled (passed / n, where
passed = pass rate x n from the query layer). Gold: pooled pass rate >= `gold_pass` AND mean CSAT
>= `gold_csat`; silver: >= `silver_pass` AND CSAT >= `silver_csat`; else bronze. An agent without
surveyed contacts is judged on the pass rate alone (noted). Fewer than `min_n` applicable results
in the area: bronze at most, marked small n. Advisory criteria (failed calibration) are not
counted. Thresholds live in `LevelOptions` (TOML `[levels]`).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from coaching.options import LevelOptions
from meeluister.records import ReviewedOutcome

LEVELS = ("bronze", "silver", "gold")


@dataclass(frozen=True)
class Level:
    agent_id: str
    agent_name: str
    area: str
    level: str
    pass_rate: float | None
    n: int
    csat: float | None
    csat_n: int
    small_n: bool
    note: str


def level_for(pass_rate: float | None, n: int, csat: float | None, opts: LevelOptions) -> tuple[str, bool, str]:
    if pass_rate is None or n == 0:
        return "bronze", True, "no applicable results"
    small = n < opts.min_n
    if small:
        return "bronze", True, f"n={n} < {opts.min_n}: bronze at most"
    note = "" if csat is not None else "no CSAT: pass rate only"
    ok_csat = (lambda t: True) if csat is None else (lambda t: csat >= t)
    if pass_rate >= opts.gold_pass and ok_csat(opts.gold_csat):
        return "gold", False, note
    if pass_rate >= opts.silver_pass and ok_csat(opts.silver_csat):
        return "silver", False, note
    return "bronze", False, note


def compute_levels(agent_pass: pd.DataFrame, agent_csat: pd.DataFrame, agents: pd.DataFrame,
                   opts: LevelOptions, excluded: Sequence[str] = ()) -> list[Level]:
    """Levels from the query layer's frames: pass_rates by (agent_id, criterion), csat by agent_id."""
    area_of = {c: a for a, crits in opts.areas for c in crits}
    pr = agent_pass[~agent_pass["criterion"].isin(excluded)].copy()
    pr["area"] = pr["criterion"].map(area_of)
    pr = pr.dropna(subset=["area"])
    pr["passed"] = (pr["value"].fillna(0) * pr["n"]).round()
    pooled = pr.groupby(["agent_id", "area"], as_index=False)[["passed", "n"]].sum()
    cs = agent_csat.set_index("agent_id") if not agent_csat.empty else pd.DataFrame(columns=["value", "n"])
    names = dict(zip(agents["agent_id"], agents["agent_name"]))
    out = []
    for a in sorted(agents["agent_id"].astype(str)):
        csat = float(cs.at[a, "value"]) if a in cs.index and not pd.isna(cs.at[a, "value"]) else None
        csat_n = int(cs.at[a, "n"]) if a in cs.index else 0
        for area, _crits in opts.areas:
            row = pooled[(pooled["agent_id"] == a) & (pooled["area"] == area)]
            n = int(row["n"].iloc[0]) if len(row) else 0
            rate = float(row["passed"].iloc[0]) / n if n else None
            lvl, small, note = level_for(rate, n, csat, opts)
            out.append(Level(a, str(names.get(a, a)), area, lvl, rate, n, csat, csat_n, small, note))
    return out


def levels_from_warehouse(con: Any, opts: LevelOptions, *, period: str | None = None,
                          reviews: Sequence[ReviewedOutcome] = (), exclude: Sequence[str] = ()) -> list[Level]:
    from warehouse import Query, contacts, csat, pass_rates

    q = Query.for_period(period) if period else Query()
    q = q.but(reviews=tuple(reviews), exclude_criteria=tuple(exclude))
    pr = pass_rates(con, q.but(group_by=("agent_id", "criterion")))
    cs = csat(con, q.but(group_by=("agent_id",)))
    c = contacts(con, q)
    agents = c[["agent_id", "agent_name"]].dropna(subset=["agent_id"]).drop_duplicates("agent_id")
    return compute_levels(pr, cs, agents, opts, exclude)


def write_levels_csv(levels: Sequence[Level], path: str | Path) -> Path:
    """levels.csv for skills-based routing: agent_id, agent_name, area, level, pass_rate, n, csat,
    csat_n, small_n, note."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["agent_id", "agent_name", "area", "level", "pass_rate", "n", "csat", "csat_n", "small_n", "note"])
        for lv in levels:
            w.writerow([lv.agent_id, lv.agent_name, lv.area, lv.level,
                        "" if lv.pass_rate is None else f"{lv.pass_rate:.4f}", lv.n,
                        "" if lv.csat is None else f"{lv.csat:.2f}", lv.csat_n, str(lv.small_n).lower(), lv.note])
    tmp.replace(path)
    return path
