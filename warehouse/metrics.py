"""One function per figure: `csat`, `nps`, `pass_rates`, `qa_score`, `agent_scorecard`
(`drivers` lives in warehouse/drivers.py), each `f(con, query) -> DataFrame`.

Every frame has the group columns (`Query.group_by`, then the period column when
`Query.period` is set), then `n`, `value`, `ci_low`, `ci_high`, `small_n` (n < min_n: kept and
flagged, never hidden), then the figure's own columns. `df.attrs` records metric, min_n and
level. Sums and sums of squares come from the marts, so every interval is exact.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from warehouse.query import Con, Query, Sql, connection, group_keys, needs_rows, reason_join, where
from warehouse.results_sql import period_grain, result_source
from warehouse.stats import mean_ci, nps_ci, wilson

SCORECARD_KEYS = ("agent_id", "agent_name", "team")


def _count(expr: str, alias: str) -> str:
    return f"CAST(coalesce(sum({expr}), 0) AS BIGINT) AS {alias}"


def _aggregate(con: Con, keys: Sequence[str], source: Sql, aggs: str, q: Query, *, having: str,
               extra: tuple[str | Sql, ...] = ()) -> pd.DataFrame:
    """SELECT keys, aggs FROM source WHERE <query> GROUP BY keys HAVING having (a criterion
    filter raises: csat, nps and qa_score are not per criterion)."""
    sel = ", ".join(keys)
    w = where(q, extra=extra)
    sql = (Sql(f"SELECT {sel + ', ' if keys else ''}{aggs} FROM ") + source + Sql(" src") + w
           + (Sql(f" GROUP BY {sel} HAVING {having} ORDER BY {_order(keys)}") if keys else Sql("")))
    with connection(con) as c:
        return c.execute(sql.text, list(sql.params)).df()


def _order(keys: Sequence[str]) -> str:
    """ORDER BY list: the frames come sorted by their group columns (missing values last)."""
    return ", ".join(f"{k} ASC NULLS LAST" for k in keys)


def _finish(df: pd.DataFrame, keys: list[str], q: Query, metric: str, extra: Sequence[str]) -> pd.DataFrame:
    """The frame in the layer's shape (rows already sorted by the SQL)."""
    min_n = q.resolved_min_n()
    df["small_n"] = df["n"] < min_n
    cols = list(keys) + ["n", "value", "ci_low", "ci_high", "small_n"] + [c for c in extra if c in df.columns]
    out = df[cols].reset_index(drop=True)
    out.attrs.update(metric=metric, min_n=min_n, level=q.resolved_level)
    return out


def _survey_source(con: Con, q: Query) -> Sql:
    """mart_survey_period (whole weeks or months per agent: warehouse.results_sql.period_grain),
    else mart_survey_daily, or (grouped or filtered by contact reason or filtered by contact id,
    which no mart holds) the same columns per response from stg_surveys, with contact_id and
    reason."""
    if not needs_rows(q):
        with connection(con) as c:
            grain = period_grain(c, q, "survey")
        if grain is not None:
            return Sql("(SELECT * FROM mart_survey_period WHERE grain = ?)", (grain,))
        return Sql("(SELECT * FROM mart_survey_daily WHERE grain = 'all')")
    rsel = ", cr.reason" if reason_join(q) else ""
    return Sql("(SELECT c.contact_id, c.day, c.week, c.month, c.language, c.channel, c.team, c.agent_id, "
               f"c.agent_name, c.queue, c.organisation{rsel}, "
               "CAST(s.csat_10 IS NOT NULL AS INTEGER) AS n_csat, s.csat_10 AS sum_csat, "
               "s.csat_10 * s.csat_10 AS sumsq_csat, CAST(s.csat_10 IS NOT NULL AND s.csat_topbox AS INTEGER) AS topbox, "
               "CAST(s.nps IS NOT NULL AS INTEGER) AS n_nps, CAST(s.nps IS NOT NULL AND s.promoter AS INTEGER) AS promoters, "
               "CAST(s.nps BETWEEN 7 AND 8 AS INTEGER) AS passives, "
               "CAST(s.nps IS NOT NULL AND s.detractor AS INTEGER) AS detractors "
               "FROM stg_surveys s JOIN mart_contacts c USING (contact_id)" + reason_join(q) + ")")


def _no_criterion(q: Query, metric: str) -> None:
    if "criterion" in q.group_by:
        raise ValueError(f"{metric}: cannot group by criterion (pass_rates can)")


def csat(con: Con, q: Query) -> pd.DataFrame:
    """CSAT per group: `value` the mean on the 1-10 rapportcijfer (a 1-5 answer is rescaled),
    t interval clipped to the scale; `topbox_n`/`topbox_share` with a Wilson interval
    (`topbox_low`, `topbox_high`) at the warehouse's top-box setting; `sd`."""
    _no_criterion(q, "csat")
    keys = group_keys(q)
    inner = (f"{_count('n_csat', 'n')}, sum(sum_csat) AS s, sum(sumsq_csat) AS sq, "
             f"{_count('topbox', 'topbox_n')}")
    with connection(con) as c:
        df = _aggregate(c, keys, _survey_source(c, q), inner, q, having="sum(n_csat) > 0")
    n = df["n"].where(df["n"] > 0)
    df["value"] = df["s"] / n
    df["sd"] = np.sqrt(np.clip((df["sq"] - df["s"] ** 2 / n) / (n - 1).where(n > 1), 0, None))
    lo, hi = mean_ci(df["value"], df["sd"].fillna(0), df["n"], q.resolved_level)
    df["ci_low"], df["ci_high"] = np.clip(lo, 1, 10), np.clip(hi, 1, 10)
    df["topbox_share"] = df["topbox_n"] / n
    df["topbox_low"], df["topbox_high"] = wilson(df["topbox_n"], df["n"], q.resolved_level)
    return _finish(df, keys, q, "csat", ["sd", "topbox_n", "topbox_share", "topbox_low", "topbox_high"])


def nps(con: Con, q: Query) -> pd.DataFrame:
    """NPS per group (-100..100) with the multinomial-variance interval; `promoters`,
    `passives`, `detractors` (counts)."""
    _no_criterion(q, "nps")
    keys = group_keys(q)
    aggs = (f"{_count('n_nps', 'n')}, {_count('promoters', 'promoters')}, "
            f"{_count('passives', 'passives')}, {_count('detractors', 'detractors')}")
    with connection(con) as c:
        df = _aggregate(c, keys, _survey_source(c, q), aggs, q, having="sum(n_nps) > 0")
    df["value"], df["ci_low"], df["ci_high"] = nps_ci(df["promoters"], df["detractors"], df["n"], q.resolved_level)
    return _finish(df, keys, q, "nps", ["promoters", "passives", "detractors"])


def pass_rates(con: Con, q: Query) -> pd.DataFrame:
    """QA pass rate per group (put "criterion" in group_by for one row per criterion; without
    it the criteria are pooled, advisory ones left out). `n` counts applicable results (n/a
    excluded); `passed`, `failed`, `not_applicable` are counts; Wilson interval. Reviewed
    outcomes count instead of the automatic ones; results awaiting review do not count.
    `advisory`: the criterion is in `Query.exclude_criteria` (per-criterion rows only)."""
    keys = group_keys(q, criterion_first=True)
    by_criterion = "criterion" in keys
    extra: list[str | Sql] = ["criterion <> 'overall'"]
    if q.exclude_criteria and not by_criterion:
        extra.append(Sql("criterion NOT IN (SELECT unnest(?::VARCHAR[]))", (list(q.exclude_criteria),)))
    aggs = (f"{_count('n_applicable', 'n')}, {_count('passed', 'passed')}, "
            f"{_count('not_applicable', 'not_applicable')}")
    with connection(con) as c:
        src = result_source(c, q)
        w = where(q, criterion=True, extra=tuple(extra))
        sel = ", ".join(keys)
        sql = (Sql(f"SELECT {sel + ', ' if keys else ''}{aggs} FROM ") + src + Sql(" src") + w
               + (Sql(f" GROUP BY {sel} ORDER BY {_order(keys)}") if keys else Sql("")))
        df = c.execute(sql.text, list(sql.params)).df()
    df["failed"] = df["n"] - df["passed"]
    df["value"] = df["passed"] / df["n"].where(df["n"] > 0)
    df["ci_low"], df["ci_high"] = wilson(df["passed"], df["n"], q.resolved_level)
    cols = ["passed", "failed", "not_applicable"]
    if by_criterion:
        df["advisory"] = df["criterion"].isin(q.exclude_criteria)
        cols.append("advisory")
    return _finish(df, keys, q, "pass_rates", cols)


def qa_score(con: Con, q: Query) -> pd.DataFrame:
    """Mean weighted QA score (0..1) per group, t interval clipped to 0..1; `sd`. A contact
    whose results a review changed, or that has an excluded (advisory) criterion, is scored
    again from its counted criteria (weights: `Query.weights`, else 1 each)."""
    _no_criterion(q, "qa_score")
    keys = group_keys(q)
    aggs = f"{_count('n_score', 'n')}, sum(sum_score) AS s, sum(sumsq_score) AS sq"
    with connection(con) as c:
        src = result_source(c, q, scores=True)
        df = _aggregate(c, keys, src, aggs, q, having="sum(n_score) > 0", extra=("criterion = 'overall'",))
    n = df["n"].where(df["n"] > 0)
    df["value"] = df["s"] / n
    df["sd"] = np.sqrt(np.clip((df["sq"] - df["s"] ** 2 / n) / (n - 1).where(n > 1), 0, None))
    lo, hi = mean_ci(df["value"], df["sd"].fillna(0), df["n"], q.resolved_level)
    df["ci_low"], df["ci_high"] = np.clip(lo, 0, 1), np.clip(hi, 0, 1)
    return _finish(df, keys, q, "qa_score", ["sd"])


def agent_scorecard(con: Con, q: Query) -> pd.DataFrame:
    """One row per agent (agent_id, agent_name, team, any further group_by columns, the period):
    the QA score as `n`/`value`/`ci_low`/`ci_high`/`small_n`, then `csat_n`, `csat`,
    `csat_low`, `csat_high`, `csat_small_n`, `topbox_share`, `nps_n`, `nps`, `nps_low`,
    `nps_high`, `nps_small_n`, and the weakest counted criterion (`weakest_criterion`,
    `weakest_pass_rate`; ties: first by name; advisory criteria left out)."""
    _no_criterion(q, "agent_scorecard")
    groups = SCORECARD_KEYS + tuple(g for g in q.group_by if g not in SCORECARD_KEYS)
    sq = q.but(group_by=groups)
    keys = group_keys(sq)
    with connection(con) as c:
        qa = qa_score(c, sq).drop(columns=["sd"])
        cs = csat(c, sq)
        np_ = nps(c, sq)
        pr = pass_rates(c, sq.but(group_by=("criterion",) + groups))
    cs = cs[keys + ["n", "value", "ci_low", "ci_high", "small_n", "topbox_share"]].rename(columns={
        "n": "csat_n", "value": "csat", "ci_low": "csat_low", "ci_high": "csat_high", "small_n": "csat_small_n"})
    np_ = np_[keys + ["n", "value", "ci_low", "ci_high", "small_n"]].rename(columns={
        "n": "nps_n", "value": "nps", "ci_low": "nps_low", "ci_high": "nps_high", "small_n": "nps_small_n"})
    pr = pr[(pr["n"] > 0) & ~pr["advisory"]]
    weakest = (pr.sort_values(["value", "criterion"], kind="stable")
               .groupby(keys, dropna=False).head(1)[keys + ["criterion", "value"]]
               .rename(columns={"criterion": "weakest_criterion", "value": "weakest_pass_rate"}))
    out = (qa.merge(cs, on=keys, how="outer").merge(np_, on=keys, how="outer")
           .merge(weakest, on=keys, how="left"))
    for col in ("n", "csat_n", "nps_n"):
        out[col] = out[col].fillna(0).astype("int64")
    min_n = q.resolved_min_n()
    for col, n in (("small_n", "n"), ("csat_small_n", "csat_n"), ("nps_small_n", "nps_n")):
        out[col] = out[n] < min_n
    out = out.sort_values(keys).reset_index(drop=True)
    out.attrs.update(metric="agent_scorecard", min_n=min_n, level=q.resolved_level)
    return out
