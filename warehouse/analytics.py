"""Deprecated: the pre-`Query` analytics names, as thin wrappers over the query layer.

New code calls `warehouse.csat(con, Query(...))` and the other functions of warehouse/metrics.py
(docs/warehouse.md, "Query layer"). These wrappers keep the old signatures and the old column
names (`csat_mean`, `csat_lo`, `pass_rate`, ...) for callers not yet moved, and go in a later
release. Each builds one `Query` and renames the new frame's columns; none holds logic of its own.
"""
from __future__ import annotations

import warnings
from typing import Any, Mapping, Sequence

import pandas as pd

from warehouse import metrics
from warehouse.query import AnalyticsOptions, Con, Query

_KNOWN = ("date_from", "date_to")


def _query(by: Sequence[str] | str | None, period: str | None, filters: Mapping[str, Any] | None,
           options: AnalyticsOptions | None, criteria: Sequence[str] | None = None) -> Query:
    f = dict(filters or {})
    dates = {k: f.pop(k) for k in _KNOWN if k in f}
    if criteria:
        f["criterion"] = tuple(criteria)
    opts = options or AnalyticsOptions()
    return Query(group_by=(by,) if isinstance(by, str) else tuple(by or ()), period=period, filters=f,
                 min_n=opts.min_n, level=opts.level, **dates)


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"warehouse.{old} is deprecated; use warehouse.{new}(con, Query(...))", DeprecationWarning,
                  stacklevel=3)


def csat_by(wh: Con, by: Sequence[str] | str | None = ("language", "channel"), period: str | None = None,
            filters: Mapping[str, Any] | None = None, options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """Deprecated: `csat`, columns csat_mean/csat_sd/csat_lo/csat_hi/topbox_lo/topbox_hi."""
    _deprecated("csat_by", "csat")
    return metrics.csat(wh, _query(by, period, filters, options)).rename(columns={
        "value": "csat_mean", "sd": "csat_sd", "ci_low": "csat_lo", "ci_high": "csat_hi",
        "topbox_low": "topbox_lo", "topbox_high": "topbox_hi"})


def nps_by(wh: Con, by: Sequence[str] | str | None = ("language", "channel"), period: str | None = None,
           filters: Mapping[str, Any] | None = None, options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """Deprecated: `nps`, columns nps/nps_lo/nps_hi."""
    _deprecated("nps_by", "nps")
    return metrics.nps(wh, _query(by, period, filters, options)).rename(columns={
        "value": "nps", "ci_low": "nps_lo", "ci_high": "nps_hi"})


def pass_rates_by(wh: Con, by: Sequence[str] | str | None = ("language", "channel"), period: str | None = None,
                  filters: Mapping[str, Any] | None = None, criteria: Sequence[str] | None = None,
                  options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """Deprecated: `pass_rates` grouped by criterion first, columns pass_rate/pass_lo/pass_hi."""
    _deprecated("pass_rates_by", "pass_rates")
    q = _query(by, period, filters, options, criteria)
    q = q.but(group_by=("criterion",) + q.group_by)
    return metrics.pass_rates(wh, q).rename(columns={
        "value": "pass_rate", "ci_low": "pass_lo", "ci_high": "pass_hi"})


def qa_score_by(wh: Con, by: Sequence[str] | str | None = ("agent_id",), period: str | None = None,
                filters: Mapping[str, Any] | None = None, options: AnalyticsOptions | None = None) -> pd.DataFrame:
    """Deprecated: `qa_score`, columns qa_mean/qa_sd/qa_lo/qa_hi."""
    _deprecated("qa_score_by", "qa_score")
    return metrics.qa_score(wh, _query(by, period, filters, options)).rename(columns={
        "value": "qa_mean", "sd": "qa_sd", "ci_low": "qa_lo", "ci_high": "qa_hi"})


def _filters_query(filters: Mapping[str, Any] | None) -> Query:
    return _query(None, None, filters, None)


def driver_inputs(wh: Con, filters: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Deprecated: `warehouse.driver_inputs(con, Query(...))`."""
    from warehouse.drivers import driver_inputs as drivers_di

    _deprecated("analytics.driver_inputs", "driver_inputs")
    return drivers_di(wh, _filters_query(filters))
