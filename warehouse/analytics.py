"""Dashboard and report queries: pandas DataFrames with n, 95% intervals and a small-n flag.

Every function takes the warehouse (a `Warehouse` or the path of its `.duckdb` file), the grouping
(`by`: names from `GROUP_COLUMNS`), an optional `period` (day, week, month) and `filters`
({column: value or list of values}, plus `date_from`/`date_to` on the contact's local day).
Group and filter *names* are checked against the whitelist and formatted in; filter *values*
are bound parameters. Groups with n below `min_n` are kept and flagged `small_n`, never hidden.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from warehouse.db import DbOptions, Warehouse, connect
from warehouse.marts import RESULT_GRAINS, SURVEY_GRAINS
from warehouse.stats import mean_ci, nps_ci, wilson

GROUP_COLUMNS = ("language", "channel", "team", "agent_id", "agent_name", "queue", "organisation")
PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class AnalyticsOptions:
    min_n: int = 30  # groups with fewer responses/contacts are flagged small_n
    level: float = 0.95  # confidence level of every interval


@contextlib.contextmanager
def _open(wh: Warehouse | str | Path) -> Iterator[Warehouse]:
    if isinstance(wh, Warehouse):
        yield wh
    else:
        w = connect(wh, DbOptions())
        try:
            yield w
        finally:
            w.close()


def _groups(by: Sequence[str] | str | None, period: str | None) -> list[str]:
    by = [by] if isinstance(by, str) else list(by or ())
    for b in by:
        if b not in GROUP_COLUMNS:
            raise ValueError(f"cannot group by {b!r}; choose from {GROUP_COLUMNS}")
    if period is not None:
        if period not in PERIODS:
            raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
        by.append(period)
    return by


def _where(filters: Mapping[str, Any] | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for k, v in (filters or {}).items():
        if k == "date_from":
            clauses.append("day >= ?")
            params.append(_day(v))
        elif k == "date_to":
            clauses.append("day <= ?")
            params.append(_day(v))
        elif k in GROUP_COLUMNS:
            if isinstance(v, (list, tuple, set)):
                clauses.append(f"{k} IN (SELECT unnest(?::VARCHAR[]))")
                params.append([str(x) for x in v])
            else:
                clauses.append(f"{k} = ?")
                params.append(str(v))
        else:
            raise ValueError(f"cannot filter on {k!r}; choose from {GROUP_COLUMNS + ('date_from', 'date_to')}")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _day(v: Any) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def _source(grains: Mapping[str, frozenset[str]], mart: str, fallback: str | None,
            groups: list[str], filters: Mapping[str, Any] | None) -> str:
    """The smallest aggregate grain holding every dimension the query groups or filters on (all
    grains keep day, week and month); else the row-level fallback view shaped like the mart."""
    need = {g for g in groups if g not in PERIODS} | {k for k in (filters or {}) if k in GROUP_COLUMNS}
    for grain, dims in grains.items():  # ordered smallest first
        if need <= dims:
            return f"(SELECT * FROM {mart} WHERE grain = '{grain}')"
    if fallback is None:
        raise ValueError(f"{mart}: no grain covers {sorted(need)}")
    return fallback


def _sd(n: str, s: str, sq: str) -> str:
    """Sample standard deviation from n, sum and sum of squares (exact up to rounding)."""
    return f"CASE WHEN {n} > 1 THEN sqrt(greatest(({sq} - {s} * {s} / {n}) / ({n} - 1), 0)) END"


def _count(expr: str, alias: str) -> str:
    return f"CAST(coalesce(sum({expr}), 0) AS BIGINT) AS {alias}"


def _query(wh: Warehouse, sql: str, params: list[Any]) -> pd.DataFrame:
    return wh.con.execute(sql, params).df()


@dataclass(frozen=True)
class _Aggregate:
    """The set-up every aggregate query shares: checked groups (period last), the filter's WHERE
    clause and bound values, and the mart grain (or row-level view) that serves them."""

    groups: list[str]
    where: str
    params: list[Any]
    source: str
    options: AnalyticsOptions

    @property
    def group_list(self) -> str:
        return ", ".join(self.groups)

    @property
    def select(self) -> str:
        """The group columns as the head of a SELECT list ("" when ungrouped)."""
        return (self.group_list + ", ") if self.groups else ""

    def group_by(self, having: str) -> str:
        return f" GROUP BY {self.group_list} HAVING {having}" if self.groups else ""

    def and_where(self, cond: str) -> str:
        return self.where + (" AND " if self.where else " WHERE ") + cond

    def fetch(self, wh: Warehouse | str | Path, sql: str, extra: Sequence[Any] = ()) -> pd.DataFrame:
        with _open(wh) as w:
            return _query(w, sql, self.params + list(extra))


def _aggregate(by: Sequence[str] | str | None, period: str | None, filters: Mapping[str, Any] | None,
               options: AnalyticsOptions | None, grains: Mapping[str, frozenset[str]], mart: str,
               fallback: str | None) -> _Aggregate:
    groups = _groups(by, period)
    where, params = _where(filters)
    return _Aggregate(groups, where, params, _source(grains, mart, fallback, groups, filters),
                      options or AnalyticsOptions())


def _survey_query(by: Sequence[str] | str | None, period: str | None, filters: Mapping[str, Any] | None,
                  options: AnalyticsOptions | None) -> _Aggregate:
    return _aggregate(by, period, filters, options, SURVEY_GRAINS, "mart_survey_daily", None)


def _result_query(by: Sequence[str] | str | None, period: str | None, filters: Mapping[str, Any] | None,
                  options: AnalyticsOptions | None) -> _Aggregate:
    return _aggregate(by, period, filters, options, RESULT_GRAINS, "mart_result_daily", "rpt_result_rows")


def _flag(df: pd.DataFrame, n_col: str, options: AnalyticsOptions) -> pd.DataFrame:
    df["small_n"] = df[n_col] < options.min_n
    df.attrs["min_n"] = options.min_n
    df.attrs["level"] = options.level
    return df


def _order(df: pd.DataFrame, groups: list[str]) -> pd.DataFrame:
    return df.sort_values(groups).reset_index(drop=True) if groups else df.reset_index(drop=True)


# Each public function returns its private twin's frame sorted by the group keys; the twins
# return it unsorted with the keys (agent_scorecard merges four of them and sorts once).


def csat_by(wh: Warehouse | str | Path, by: Sequence[str] | str | None = ("language", "channel"),
            period: str | None = None, filters: Mapping[str, Any] | None = None,
            options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """CSAT per group: mean on the 1-10 scale (t interval) and top-box share (Wilson)."""
    return _order(*_csat_by(wh, by, period, filters, options))


def _csat_by(wh: Warehouse | str | Path, by: Sequence[str] | str | None = ("language", "channel"),
             period: str | None = None, filters: Mapping[str, Any] | None = None,
             options: AnalyticsOptions | None = None) -> tuple[pd.DataFrame, list[str]]:
    q = _survey_query(by, period, filters, options)
    sql = (f"SELECT {q.select}n, s / n AS csat_mean, {_sd('n', 's', 'sq')} AS csat_sd, topbox_n FROM ("
           f"SELECT {q.select}{_count('n_csat', 'n')}, sum(sum_csat) AS s, sum(sumsq_csat) AS sq, "
           f"{_count('topbox', 'topbox_n')} FROM {q.source}{q.where}{q.group_by('sum(n_csat) > 0')})")
    df = q.fetch(wh, sql)
    lo, hi = mean_ci(df["csat_mean"], df["csat_sd"].fillna(0), df["n"], q.options.level)
    df["csat_lo"], df["csat_hi"] = np.clip(lo, 1, 10), np.clip(hi, 1, 10)  # the scale's bounds
    df["topbox_share"] = df["topbox_n"] / df["n"].where(df["n"] > 0)
    df["topbox_lo"], df["topbox_hi"] = wilson(df["topbox_n"], df["n"], q.options.level)
    return _flag(df, "n", q.options), q.groups


def nps_by(wh: Warehouse | str | Path, by: Sequence[str] | str | None = ("language", "channel"),
           period: str | None = None, filters: Mapping[str, Any] | None = None,
           options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """NPS per group with its multinomial-variance interval."""
    return _order(*_nps_by(wh, by, period, filters, options))


def _nps_by(wh: Warehouse | str | Path, by: Sequence[str] | str | None = ("language", "channel"),
            period: str | None = None, filters: Mapping[str, Any] | None = None,
            options: AnalyticsOptions | None = None) -> tuple[pd.DataFrame, list[str]]:
    q = _survey_query(by, period, filters, options)
    sql = (f"SELECT {q.select}{_count('n_nps', 'n')}, {_count('promoters', 'promoters')}, "
           f"{_count('passives', 'passives')}, {_count('detractors', 'detractors')} "
           f"FROM {q.source}{q.where}{q.group_by('sum(n_nps) > 0')}")
    df = q.fetch(wh, sql)
    df["nps"], df["nps_lo"], df["nps_hi"] = nps_ci(df["promoters"], df["detractors"], df["n"], q.options.level)
    return _flag(df, "n", q.options), q.groups


def pass_rates_by(wh: Warehouse | str | Path, by: Sequence[str] | str | None = ("language", "channel"),
                  period: str | None = None, filters: Mapping[str, Any] | None = None,
                  criteria: Sequence[str] | None = None,
                  options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """QA pass rate per criterion and group; n counts applicable results (n/a excluded)."""
    return _order(*_pass_rates_by(wh, by, period, filters, criteria, options))


def _pass_rates_by(wh: Warehouse | str | Path, by: Sequence[str] | str | None = ("language", "channel"),
                   period: str | None = None, filters: Mapping[str, Any] | None = None,
                   criteria: Sequence[str] | None = None,
                   options: AnalyticsOptions | None = None) -> tuple[pd.DataFrame, list[str]]:
    q = _result_query(by, period, filters, options)
    cond = "criterion <> 'overall'" + (" AND criterion IN (SELECT unnest(?::VARCHAR[]))" if criteria else "")
    g = ", ".join(["criterion"] + q.groups)
    sql = (f"SELECT {g}, {_count('n_applicable', 'n')}, {_count('passed', 'passed')}, "
           f"{_count('not_applicable', 'not_applicable')} FROM {q.source}{q.and_where(cond)} GROUP BY {g}")
    df = q.fetch(wh, sql, [list(criteria)] if criteria else [])
    df["pass_rate"] = df["passed"] / df["n"].where(df["n"] > 0)
    df["pass_lo"], df["pass_hi"] = wilson(df["passed"], df["n"], q.options.level)
    return _flag(df, "n", q.options), ["criterion"] + q.groups


def qa_score_by(wh: Warehouse | str | Path, by: Sequence[str] | str | None = ("agent_id",),
                period: str | None = None, filters: Mapping[str, Any] | None = None,
                options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """Mean weighted QA score ('overall' results, 0..1) per group, t interval."""
    return _order(*_qa_score_by(wh, by, period, filters, options))


def _qa_score_by(wh: Warehouse | str | Path, by: Sequence[str] | str | None = ("agent_id",),
                 period: str | None = None, filters: Mapping[str, Any] | None = None,
                 options: AnalyticsOptions | None = None) -> tuple[pd.DataFrame, list[str]]:
    q = _result_query(by, period, filters, options)
    overall = q.and_where("criterion = 'overall'")
    sql = (f"SELECT {q.select}n, s / n AS qa_mean, {_sd('n', 's', 'sq')} AS qa_sd FROM ("
           f"SELECT {q.select}{_count('n_score', 'n')}, sum(sum_score) AS s, sum(sumsq_score) AS sq "
           f"FROM {q.source}{overall}{q.group_by('sum(n_score) > 0')})")
    df = q.fetch(wh, sql)
    lo, hi = mean_ci(df["qa_mean"], df["qa_sd"].fillna(0), df["n"], q.options.level)
    df["qa_lo"], df["qa_hi"] = np.clip(lo, 0, 1), np.clip(hi, 0, 1)
    return _flag(df, "n", q.options), q.groups


def agent_scorecard(wh: Warehouse | str | Path, period: str | None = None,
                    filters: Mapping[str, Any] | None = None,
                    options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """Each agent's CSAT and NPS beside their QA score and weakest criterion (team leaders)."""
    options = options or AnalyticsOptions()
    keys = ["agent_id", "agent_name", "team"] + ([period] if period else [])
    with _open(wh) as w:
        qa = _qa_score_by(w, ["agent_id", "agent_name", "team"], period, filters, options)[0]
        cs = _csat_by(w, ["agent_id", "agent_name", "team"], period, filters, options)[0]
        np_ = _nps_by(w, ["agent_id", "agent_name", "team"], period, filters, options)[0]
        pr = _pass_rates_by(w, ["agent_id", "agent_name", "team"], period, filters, None, options)[0]
    qa = qa.rename(columns={"n": "qa_n", "small_n": "qa_small_n"}).drop(columns=["qa_sd"])
    cs = cs.rename(columns={"n": "csat_n", "small_n": "csat_small_n"}).drop(columns=["csat_sd"])
    np_ = np_.rename(columns={"n": "nps_n", "small_n": "nps_small_n"})
    weakest = (pr[pr["n"] > 0].sort_values(["pass_rate", "criterion"], kind="stable")  # ties: first by name
               .groupby(keys, dropna=False).head(1)
               [keys + ["criterion", "pass_rate"]].rename(columns={"criterion": "weakest_criterion",
                                                                    "pass_rate": "weakest_pass_rate"}))
    out = qa.merge(cs, on=keys, how="outer").merge(np_, on=keys, how="outer").merge(weakest, on=keys, how="left")
    out.attrs.update(min_n=options.min_n, level=options.level)
    return out.sort_values(keys).reset_index(drop=True)


def behaviour_satisfaction(wh: Warehouse | str | Path, filters: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One row per surveyed contact: satisfaction, QA score, operational measures and one column
    per criterion with its outcome (pass / fail / n/a; missing when not scored)."""
    where, params = _where(filters)
    with _open(wh) as w:
        base = _query(w, f"SELECT * FROM rpt_contact_satisfaction{where}", params)
        long = _query(w, f"SELECT contact_id, criterion, outcome FROM rpt_behaviour_satisfaction{where}", params)
    if long.empty:
        return base
    wide = long.pivot(index="contact_id", columns="criterion", values="outcome")
    wide.columns = [f"crit_{c}" for c in wide.columns]
    return base.merge(wide, left_on="contact_id", right_index=True, how="left")


def driver_inputs(wh: Warehouse | str | Path, filters: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The per-contact matrix key-driver analysis fits on: satisfaction, wait/handle minutes,
    repeat contact, and a 0/1 'not failed' flag per criterion (`crit_<id>`; missing when the
    contact was not scored on it). One scan of mart_contact_satisfaction, whose `outcomes` text
    holds each surveyed contact's criterion outcomes (chr(30) criterion chr(31) outcome chr(30)). Criterion ids are data: they are bound as
    parameters and the columns aliased by position."""
    where, params = _where(filters)
    with _open(wh) as w:
        # Every scored criterion (also those no surveyed contact has: their columns stay empty).
        crits = [r[0] for r in w.con.execute(
            "SELECT DISTINCT criterion FROM mart_result_daily WHERE grain = 'lct' AND criterion <> 'overall' "
            "ORDER BY 1").fetchall()]
        flags = "".join(f", CASE WHEN contains(outcomes, chr(30) || ? || chr(31) || 'fail' || chr(30)) THEN 0 "
                        f"WHEN contains(outcomes, chr(30) || ? || chr(31)) THEN 1 END AS c{i}"
                        for i in range(len(crits)))
        sql = f"""
            SELECT contact_id, language, channel, team, agent_id,
                   csat_topbox, promoter, csat_10, nps,
                   wait_s / 60.0 AS wait_min, handle_s / 60.0 AS handle_min,
                   CAST(repeat_contact AS INTEGER) AS repeat_contact{flags}
            FROM mart_contact_satisfaction{where}
        """
        df = _query(w, sql, [c for c in crits for _ in (0, 1)] + params)
    return df.rename(columns={f"c{i}": f"crit_{c}" for i, c in enumerate(crits)})


def weekly_overview(wh: Warehouse | str | Path, filters: Mapping[str, Any] | None = None,
                    options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """Management's chart: CSAT and NPS per language and channel per week, in one frame."""
    with _open(wh) as w:
        c = csat_by(w, ("language", "channel"), "week", filters, options)
        n = nps_by(w, ("language", "channel"), "week", filters, options)
    keys = ["language", "channel", "week"]
    return c.merge(n.rename(columns={"n": "nps_n", "small_n": "nps_small_n"}), on=keys, how="outer")

