"""Everything a team's reports show, read through the warehouse's public query layer only.

`gather(con, team, period, ...)` runs the queries once per team (not once per agent) and returns a
`TeamData` of DataFrames; the report builders slice it per agent. Every figure a report prints
comes from these frames, so a test can compare the report with the query layer's own answer.
Reviewed outcomes (`reviews`) and advisory criteria (`exclude`) go into every `Query`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Sequence

import pandas as pd

from meeluister.records import ReviewedOutcome

logger = logging.getLogger(__name__)


def period_kind(period: str) -> str:
    """'week' for an ISO week (2026-W47), 'month' for a month (2026-11)."""
    if "-W" in period:
        return "week"
    if len(period) == 7 and period[4] == "-":
        return "month"
    raise ValueError(f"period {period!r}: expected an ISO week (2026-W47) or a month (2026-11)")


def previous_periods(period: str, n: int) -> list[str]:
    """The `n` periods before `period`, oldest first, then `period` itself."""
    kind = period_kind(period)
    out = [period]
    if kind == "week":
        y, w = period.split("-W")
        d = date.fromisocalendar(int(y), int(w), 1)
        for k in range(1, n + 1):
            iy, iw, _ = (d - timedelta(weeks=k)).isocalendar()
            out.append(f"{iy}-W{iw:02d}")
    else:
        y, m = int(period[:4]), int(period[5:])
        for _ in range(n):
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
            out.append(f"{y}-{m:02d}")
    return out[::-1]


def period_label(kind: str, value: Any) -> str:
    """The period key of a `Query(period=...)` row (a date: the week's Monday, the month's 1st)."""
    d = pd.Timestamp(value).date()
    if kind == "week":
        iy, iw, _ = d.isocalendar()
        return f"{iy}-W{iw:02d}"
    return f"{d.year}-{d.month:02d}"


@dataclass
class TeamData:
    team: str
    period: str
    kind: str  # week | month
    periods: list[str]  # trend periods, oldest first, the report's period last
    date_from: date
    date_to: date
    contacts: pd.DataFrame  # the team's contacts in the period
    results: pd.DataFrame  # contact x criterion, effective and automatic outcome, evidence
    team_pass: pd.DataFrame  # criterion: n, value, ci_low, ci_high, small_n
    agent_pass: pd.DataFrame  # agent_id, criterion: ...
    auto_agent_pass: pd.DataFrame  # the same without reviews (automatic outcomes)
    trend_team: pd.DataFrame  # criterion, period_label: ...
    trend_agent: pd.DataFrame  # agent_id, criterion, period_label: ...
    agent_csat: pd.DataFrame
    agent_nps: pd.DataFrame
    agent_qa: pd.DataFrame
    auto_agent_qa: pd.DataFrame
    csat_language: pd.DataFrame
    csat_channel: pd.DataFrame
    nps_language: pd.DataFrame
    nps_channel: pd.DataFrame
    drivers: pd.DataFrame  # criterion, group (language/channel/all), weight
    agents: pd.DataFrame  # agent_id, agent_name
    window_pass: pd.DataFrame  # agent_id, criterion over the trend window (levels)
    window_csat: pd.DataFrame  # agent_id over the trend window (levels)
    excluded: tuple[str, ...] = ()
    reviews: tuple[ReviewedOutcome, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def driver_weights(con: Any, period: str, *, reviews: Sequence[ReviewedOutcome] = (),
                   exclude: Sequence[str] = (), weeks: int = 13) -> pd.DataFrame:
    """Relative weights of each criterion for CSAT top-box, per language, per channel and overall,
    over the `weeks` weeks up to the period's end (the whole centre: one team's week has too few
    surveys). Point estimates only (a few bootstrap draws: the intervals are not shown)."""
    from warehouse import DriverOptions, Query, drivers

    date_to = Query.for_period(period).date_to
    rows = []
    for dim in ("language", "channel", None):
        try:
            q = Query(group_by=(dim,) if dim else (), date_from=date_to - timedelta(weeks=weeks), date_to=date_to,
                      reviews=tuple(reviews), exclude_criteria=tuple(exclude))
            df = drivers(con, q, options=DriverOptions(n_boot=10))
        except Exception as exc:  # noqa: BLE001 - a driver fit that cannot run leaves equal weights
            logger.warning("key drivers by %s unavailable (%s); equal weights used", dim or "all", exc)
            continue
        if df is None or df.empty:
            continue
        rows.append(normalise_drivers(df, dim))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["dim", "group", "criterion", "weight"])


def normalise_drivers(df: pd.DataFrame, dim: str | None) -> pd.DataFrame:
    """The drivers frame as (dim, group, criterion, weight >= 0); predictors that are not
    criteria (wait, handle, repeat) are dropped."""
    crit_col = next(c for c in ("criterion", "predictor", "driver") if c in df.columns)
    w_col = next(c for c in ("relative_weight", "rel_weight", "weight", "value") if c in df.columns)
    out = pd.DataFrame({
        "dim": dim or "all",
        "group": df[dim].astype(str) if dim and dim in df.columns else "all",
        "criterion": df[crit_col].astype(str).str.removeprefix("crit_"),
        "weight": pd.to_numeric(df[w_col], errors="coerce").fillna(0).clip(lower=0),
    })
    return out


def gather(con: Any, team: str, period: str, *, reviews: Sequence[ReviewedOutcome] = (),
           exclude: Sequence[str] = (), trend_periods: int = 6, min_n: int | None = None,
           agent_ids: Sequence[str] | None = None, weights: pd.DataFrame | None = None) -> TeamData:
    """Read what the team's reports need for `period` (ISO week or month)."""
    from warehouse import Query, agent_scorecard, contacts, csat, nps, pass_rates, qa_score, results  # noqa: F401

    kind = period_kind(period)
    periods = previous_periods(period, trend_periods)
    filters: dict[str, Any] = {"team": team}
    if agent_ids:
        filters["agent_id"] = tuple(agent_ids)
    base = Query.for_period(period, filters=filters, reviews=tuple(reviews), exclude_criteria=tuple(exclude),
                            min_n=min_n)
    auto = base.but(reviews=())
    first = Query.for_period(periods[0]).date_from
    trend = base.but(date_from=first, period=kind)

    def by(fn: Any, q: Any, *g: str) -> pd.DataFrame:
        return fn(con, q.but(group_by=g))

    c = contacts(con, base)
    r = results(con, base)
    agents = (c[["agent_id", "agent_name"]].dropna(subset=["agent_id"]).drop_duplicates("agent_id")
              .sort_values("agent_id").reset_index(drop=True))
    tt = by(pass_rates, trend, "criterion")
    ta = by(pass_rates, trend, "agent_id", "criterion")
    for df in (tt, ta):
        df["period_label"] = [period_label(kind, v) for v in df[kind]] if len(df) else []
    return TeamData(
        team=team, period=period, kind=kind, periods=periods, date_from=base.date_from, date_to=base.date_to,
        contacts=c, results=r,
        team_pass=by(pass_rates, base, "criterion"),
        agent_pass=by(pass_rates, base, "agent_id", "criterion"),
        auto_agent_pass=by(pass_rates, auto, "agent_id", "criterion"),
        trend_team=tt, trend_agent=ta,
        agent_csat=by(csat, base, "agent_id"), agent_nps=by(nps, base, "agent_id"),
        agent_qa=by(qa_score, base, "agent_id"), auto_agent_qa=by(qa_score, auto, "agent_id"),
        csat_language=by(csat, base, "language"), csat_channel=by(csat, base, "channel"),
        nps_language=by(nps, base, "language"), nps_channel=by(nps, base, "channel"),
        drivers=weights if weights is not None else driver_weights(con, period, reviews=reviews, exclude=exclude),
        agents=agents,
        window_pass=by(pass_rates, base.but(date_from=first), "agent_id", "criterion"),
        window_csat=by(csat, base.but(date_from=first), "agent_id"),
        excluded=tuple(exclude), reviews=tuple(reviews),
    )


def teams(con: Any, period: str) -> list[str]:
    """The teams with contacts in the period."""
    from warehouse import Query, contacts

    c = contacts(con, Query.for_period(period))
    return sorted(str(t) for t in c["team"].dropna().unique())
