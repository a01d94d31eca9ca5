"""Focus points, strengths, trends and attention flags, computed from a team's `TeamData`.

Focus point impact (docs/coaching.md): for each criterion where the agent has at least
`FocusOptions.min_n` applicable results and their fail rate is at least `min_gap` above the
team's, impact = (agent fail rate - team fail rate) x CSAT driver weight. The weight is the
criterion's relative weight in the key-driver model for the agent's own mix of languages and
channels (each group's weight times the agent's share of contacts in it, averaged over the two
dimensions); a criterion without a measured weight gets a floor of 10% of the mean weight, so
it can still be chosen when nothing else stands out. The top `max_points` by impact are kept.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from coaching.options import FocusOptions
from coaching.source import TeamData


@dataclass(frozen=True)
class Moment:
    """One piece of evidence: a quote in one of the agent's own contacts."""

    contact_id: str
    started_at: str
    channel: str
    quote: str
    start: float | None  # seconds into the call (None for e-mail)
    term: str | None
    audio: str | None  # media URL with '#t=START' (None without a recording)
    reviewed: bool = False
    auto_outcome: str | None = None

    @property
    def time_label(self) -> str:
        if self.start is None:
            return "-"
        s = int(self.start)
        return f"{s // 60}:{s % 60:02d}"


@dataclass(frozen=True)
class FocusPoint:
    criterion: str
    agent_rate: float  # pass rate
    agent_n: int
    team_rate: float
    gap: float  # agent fail rate - team fail rate
    weight: float
    impact: float
    moments: tuple[Moment, ...]


@dataclass(frozen=True)
class Strength:
    criterion: str
    agent_rate: float
    agent_n: int
    team_rate: float
    moments: tuple[Moment, ...]


def _rows(df: pd.DataFrame, **eq: Any) -> pd.DataFrame:
    m = pd.Series(True, index=df.index)
    for k, v in eq.items():
        m &= df[k] == v
    return df[m]


def agent_mix(td: TeamData, agent_id: str) -> dict[str, dict[str, float]]:
    c = _rows(td.contacts, agent_id=agent_id)
    return {dim: (c[dim].astype(str).value_counts(normalize=True).to_dict() if len(c) else {})
            for dim in ("language", "channel")}


def driver_weight(td: TeamData, agent_id: str, criterion: str) -> float:
    d = td.drivers
    if d.empty:
        return 1.0
    crit = d[d["criterion"] == criterion]
    floor = 0.1 * float(d["weight"].mean() or 0) or 1e-6
    mix = agent_mix(td, agent_id)
    parts = []
    for dim, shares in mix.items():
        sub = crit[crit["dim"] == dim].set_index("group")["weight"]
        if sub.empty or not shares:
            continue
        parts.append(sum(share * float(sub.get(g, 0.0)) for g, share in shares.items()))
    if not parts:
        allw = crit[crit["dim"] == "all"]["weight"]
        parts = [float(allw.iloc[0])] if len(allw) else [0.0]
    return max(sum(parts) / len(parts), floor)


def _audio_url(audio: Any, start: float | None) -> str | None:
    if audio is None or (isinstance(audio, float) and pd.isna(audio)) or not str(audio):
        return None
    a = str(audio)
    if "://" not in a and a.startswith("/"):
        a = "file://" + a
    return a + (f"#t={start:.1f}" if start is not None else "")


def _evidence_index(td: TeamData) -> dict[str, pd.DataFrame]:
    """The team's results joined to their contact (agent, start, channel, audio), ordered most
    confident first, then most recent, split per agent; built once per team and cached."""
    cached = td.extra.get("evidence_index")
    if cached is not None:
        return cached
    c = td.contacts.reindex(columns=["contact_id", "agent_id", "started_at", "channel", "audio"])
    r = td.results.merge(c, on="contact_id", how="inner")
    r = r.assign(_conf=pd.to_numeric(r["confidence"], errors="coerce").fillna(0.5),
                 _t=r["started_at"].astype(str))
    r = r.sort_values(["_conf", "_t", "contact_id"], ascending=[False, False, True], kind="stable")
    index = {str(a): g for a, g in r.groupby("agent_id", sort=False)}
    td.extra["evidence_index"] = index
    return index


def moments(td: TeamData, agent_id: str, criterion: str, outcome: str, limit: int) -> tuple[Moment, ...]:
    """The agent's own evidence for `criterion` with the given effective outcome: one item per
    contact, most confident first, then most recent."""
    own = _evidence_index(td).get(str(agent_id))
    if own is None:
        return ()
    r = own[(own["criterion"] == criterion) & (own["outcome"] == outcome)]
    out: list[Moment] = []
    for row in r.itertuples(index=False):
        ev = row.evidence if isinstance(row.evidence, (list, tuple)) else list(row.evidence or [])
        ev = [e for e in ev if e and str(e.get("quote") or "").strip()]
        if not ev:
            continue
        e = ev[0]
        start = e.get("start")
        start = None if start is None or pd.isna(start) else float(start)
        out.append(Moment(str(row.contact_id), str(row.started_at)[:16], str(row.channel),
                          str(e["quote"]), start, e.get("term"), _audio_url(row.audio, start),
                          bool(getattr(row, "reviewed", False)), getattr(row, "auto_outcome", None)))
        if len(out) >= limit:
            break
    return tuple(out)


def _value(df: pd.DataFrame, **eq: Any) -> tuple[float | None, int]:
    row = _rows(df, **eq)
    if row.empty:
        return None, 0
    v = row["value"].iloc[0]
    return (None if pd.isna(v) else float(v)), int(row["n"].iloc[0])


def focus_points(td: TeamData, agent_id: str, opts: FocusOptions) -> list[FocusPoint]:
    out = []
    for row in _rows(td.agent_pass, agent_id=agent_id).itertuples(index=False):
        crit = str(row.criterion)
        if crit in td.excluded or pd.isna(row.value) or int(row.n) < opts.min_n:
            continue
        team_rate, _ = _value(td.team_pass, criterion=crit)
        if team_rate is None:
            continue
        gap = (1 - float(row.value)) - (1 - team_rate)
        if gap < opts.min_gap:
            continue
        w = driver_weight(td, agent_id, crit)
        out.append((gap * w, crit, float(row.value), int(row.n), team_rate, gap, w))
    out.sort(key=lambda t: (-t[0], t[1]))
    return [FocusPoint(crit, rate, n, team_rate, gap, w, impact,
                       moments(td, agent_id, crit, "fail", opts.evidence))
            for impact, crit, rate, n, team_rate, gap, w in out[: opts.max_points]]


def strengths(td: TeamData, agent_id: str, opts: FocusOptions, skip: set[str] = frozenset()) -> list[Strength]:
    cands = []
    for row in _rows(td.agent_pass, agent_id=agent_id).itertuples(index=False):
        crit = str(row.criterion)
        if crit in skip or crit in td.excluded or pd.isna(row.value) or int(row.n) < opts.min_n:
            continue
        team_rate, _ = _value(td.team_pass, criterion=crit)
        if team_rate is not None and float(row.value) >= team_rate:
            cands.append((float(row.value), crit, int(row.n), team_rate))
    cands.sort(key=lambda t: (-t[0], t[1]))
    out = []
    for rate, crit, n, team_rate in cands:
        m = moments(td, agent_id, crit, "pass", 2)
        if m:
            out.append(Strength(crit, rate, n, team_rate, m))
        if len(out) >= opts.strengths:
            break
    return out


def trend(td: TeamData, agent_id: str | None) -> pd.DataFrame:
    """criterion x period: pass rate (None where no results), for the agent or the team."""
    df = td.trend_team if agent_id is None else _rows(td.trend_agent, agent_id=agent_id)
    if df.empty:
        return pd.DataFrame(columns=td.periods)
    t = df.pivot_table(index="criterion", columns="period_label", values="value", aggfunc="first")
    return t.reindex(columns=td.periods)


def attention(td: TeamData, focus: dict[str, list[FocusPoint]],
              label: Callable[[str], str] = str) -> list[tuple[str, str, list[str]]]:
    """(agent_id, agent_name, reasons) for agents who need attention: a focus point, or a CSAT
    whose interval lies wholly below the team's mean."""
    names = dict(zip(td.agents["agent_id"], td.agents["agent_name"]))
    c = td.agent_csat.set_index("agent_id") if not td.agent_csat.empty else pd.DataFrame()
    n_all = td.agent_csat["n"].sum() if not td.agent_csat.empty else 0
    team_mean = float((td.agent_csat["value"] * td.agent_csat["n"]).sum() / n_all) if n_all else None
    out = []
    for a in td.agents["agent_id"]:
        reasons = [f"{label(fp.criterion)}: {fp.agent_rate:.0%} vs {fp.team_rate:.0%} (n={fp.agent_n})" for fp in focus.get(a, [])]
        if team_mean is not None and a in c.index and not bool(c.at[a, "small_n"]) and float(c.at[a, "ci_high"]) < team_mean:
            reasons.append(f"CSAT {float(c.at[a, 'value']):.1f} (95% CI up to {float(c.at[a, 'ci_high']):.1f}) "
                           f"below the team's {team_mean:.1f}")
        if reasons:
            out.append((str(a), str(names.get(a, a)), reasons))
    return out
