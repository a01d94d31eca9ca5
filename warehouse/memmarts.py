"""mart_result_daily and mart_result_exclusion from first-load results held in memory,
aggregated with numpy.

The SQL mart (sql/marts/mart_result_daily.sql) hash-aggregates 7.76 M benchmark results by
two grouping sets of five string keys: 17 s CPU from the lake, 10 s even from Arrow in memory.
Here each contact gets two integer group numbers once (1 M contacts: its day × language ×
channel × team, and its day × agent × name × team), each result row the pair (group, criterion)
as one integer, and the counts and sums are `np.bincount`s; the partition, week and month follow
from the day in Arrow. No SQL is copied here: the rows are the mart's, column for column, and
tests/warehouse/test_marts.py rebuilds the mart from the lake with the SQL file and compares.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from warehouse.contact_lookup import ContactIndex
from warehouse.lake import fetch_arrow
from warehouse.marts import RESULT_GRAINS

_LCT = ("day", "language", "channel", "team")  # GROUPING SETS of mart_result_daily.sql, in its order
_AGENT = ("day", "agent_id", "agent_name", "team")
assert set(_LCT) - {"day"} == RESULT_GRAINS["lct"] and set(_AGENT) - {"day"} == RESULT_GRAINS["agent"]

_NAME = "_mem_result_daily"
_EXCLUSION = "_mem_result_exclusion"


def _codes(col: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """Integer code per value (NULL is a value of its own) and the values by code."""
    enc = pc.dictionary_encode(col, null_encoding="encode")
    enc = enc.combine_chunks() if isinstance(enc, pa.ChunkedArray) else enc
    return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary


def _group(table: pa.Table, cols: tuple[str, ...]) -> tuple[np.ndarray, pa.Table]:
    """Group number per row of `table` by `cols` (NULLs equal), and one row of `cols` per group."""
    key = np.zeros(table.num_rows, np.int64)
    span = 1  # key < span
    for c in cols:
        codes, values = _codes(table[c])
        if span * (len(values) + 1) >= 2 ** 62:  # compact first: the key must not overflow
            _, key = np.unique(key, return_inverse=True)
            span = int(key.max(initial=0)) + 1
        key = key * (len(values) + 1) + codes
        span *= len(values) + 1
    _, key = np.unique(key, return_inverse=True)  # dense group numbers 0..n-1
    key = key.astype(np.int64)
    n = int(key.max(initial=-1)) + 1
    first = np.full(n, -1, np.int64)
    first[key[::-1]] = np.arange(table.num_rows - 1, -1, -1)  # first row of each group
    return key, table.select(list(cols)).take(pa.array(first))


@dataclass(frozen=True)
class _Facts:
    """First-load results joined to their mart_contacts rows (rows without one dropped, as the
    SQL's inner join drops them)."""

    dims: pa.Table  # mart_contacts: contact_id, day, language, channel, team, agent_id, agent_name
    crow: np.ndarray  # per result: its row of `dims`
    crit: np.ndarray  # per result: criterion code
    criteria: pa.Array  # criterion by code
    passed: np.ndarray
    na: np.ndarray
    applicable: np.ndarray
    has_score: np.ndarray  # count(score) counts non-NULL scores
    score: np.ndarray  # 0 where NULL (sum() sums the others, a NaN value included, as DuckDB does)
    groups: dict[str, tuple[np.ndarray, pa.Table]] = field(default_factory=dict)  # per grain, `_group`


_CACHE: dict[tuple[int, int], _Facts] = {}  # the first load's facts, for both builders (until `release`)


def _facts(con: Any, results: pa.Table, contacts: ContactIndex) -> _Facts:
    key = (id(results), id(contacts))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _join(con, results, contacts)
    return _CACHE[key]


def _join(con: Any, results: pa.Table, contacts: ContactIndex) -> _Facts:
    dims = fetch_arrow(con.execute(
        "SELECT contact_id, day, language, channel, team, agent_id, agent_name FROM mart_contacts"))
    # mart_contacts row of each contact in `contacts` (-1: not in the mart)
    pos = np.full(len(contacts), -1, np.int64)
    rows = contacts.lookup(dims["contact_id"])
    pos[rows[rows >= 0]] = np.flatnonzero(rows >= 0)
    results = results.unify_dictionaries()
    crow = pos[results["contact_row"].to_numpy()]
    keep = crow >= 0
    crit_codes, crit_values = _codes(results["criterion"])
    outcome = results["outcome"]
    outcome = outcome.cast(pa.string()) if pa.types.is_dictionary(outcome.type) else outcome
    passed = pc.fill_null(pc.equal(outcome, "pass"), False).to_numpy(zero_copy_only=False)
    na = pc.fill_null(pc.equal(outcome, "n/a"), False).to_numpy(zero_copy_only=False)
    applicable = pc.fill_null(pc.not_equal(outcome, "n/a"), False).to_numpy(zero_copy_only=False)
    has_score = results["score"].is_valid().to_numpy(zero_copy_only=False)
    s = np.where(has_score, results["score"].to_numpy(), 0.0)
    f = (crow, crit_codes, passed, na, applicable, has_score, s)
    if not keep.all():
        f = tuple(a[keep] for a in f)
    return _Facts(dims, f[0], f[1], crit_values, *f[2:])


def _keys(f: _Facts, crow: np.ndarray, crit: np.ndarray):  # type: ignore[no-untyped-def]
    """Per grain of mart_result_daily: (grain, its columns, the groups' rows, per fact its group
    number, the groups as (group of dims, criterion code))."""
    n_crit = len(f.criteria)
    for grain, cols in (("lct", _LCT), ("agent", _AGENT)):
        if grain not in f.groups:
            f.groups[grain] = _group(f.dims, cols)
        gid, groups = f.groups[grain]
        key = gid[crow] * n_crit + crit
        span = (int(gid.max(initial=-1)) + 1) * n_crit
        if span <= 32_000_000:  # dense: bincount over every possible key, no sort of the rows
            rows_per_key = np.bincount(key, minlength=span)
            uniq = np.flatnonzero(rows_per_key)
            slot = np.full(span, -1, np.int64)
            slot[uniq] = np.arange(len(uniq))
            inv = slot[key]
        else:
            uniq, inv = np.unique(key, return_inverse=True)
        yield grain, cols, groups.take(pa.array(uniq // n_crit)), inv, f.criteria.take(pa.array(uniq % n_crit))


def _finish(con: Any, pieces: list[pa.Table], name: str) -> str:
    """The grains' rows with date, week and month from the day, registered as `name`."""
    rows = pa.concat_tables(pieces)
    day = rows["day"]
    date = pc.fill_null(pc.strftime(day, format="%Y-%m"), "undated")
    week = pc.floor_temporal(day, unit="week", week_starts_monday=True)
    month = pc.floor_temporal(day, unit="month")
    rows = rows.add_column(1, "date", date).add_column(3, "week", week).add_column(4, "month", month)
    con.register(name, rows.sort_by([("grain", "ascending"), ("day", "ascending")]))
    return name


def _dim_columns(grain: str, cols: tuple[str, ...], g: pa.Table, m: int) -> dict[str, Any]:
    out: dict[str, Any] = {"grain": pa.array([grain] * m, pa.string())}
    out.update({c: g[c] for c in cols})
    for c in ("language", "channel", "agent_id", "agent_name"):
        if c not in out:
            out[c] = pa.nulls(m, pa.string())
    return out


_DIMS = ["grain", "day", "language", "channel", "team", "agent_id", "agent_name", "criterion"]


def build_result_daily(con: Any, results: pa.Table, contacts: ContactIndex) -> str:
    """Aggregate `results` (criterion, outcome, score, contact_row: rows of `contacts`) into the
    rows of mart_result_daily, registered as a relation whose name is returned, for
    `refresh_marts(builders=...)` (which inserts the rows in `_mart_scope`). The caller releases
    it (`release`)."""
    f = _facts(con, results, contacts)
    pieces = []
    for grain, cols, g, inv, crit in _keys(f, f.crow, f.crit):
        m = len(g)

        def count(w: np.ndarray) -> pa.Array:
            return pa.array(np.bincount(inv, weights=w, minlength=m).astype(np.int64))

        n_score = np.bincount(inv, weights=f.has_score, minlength=m).astype(np.int64)
        none = n_score == 0
        pieces.append(pa.table({
            **_dim_columns(grain, cols, g, m), "criterion": crit,
            "n_applicable": count(f.applicable), "passed": count(f.passed), "not_applicable": count(f.na),
            "n_score": pa.array(n_score),
            "sum_score": pa.array(np.bincount(inv, weights=f.score, minlength=m), mask=none),
            "sumsq_score": pa.array(np.bincount(inv, weights=f.score * f.score, minlength=m), mask=none),
        }).select(_DIMS + ["n_applicable", "passed", "not_applicable", "n_score", "sum_score", "sumsq_score"]))
    return _finish(con, pieces, _NAME)


def build_result_exclusion(con: Any, results: pa.Table, contacts: ContactIndex) -> str:
    """The rows of mart_result_exclusion (sql/marts/mart_result_exclusion.sql) from the same
    first-load results: per counted criterion of a contact (applicable, scored, not 'overall'),
    the contact's score without it (the other counted criteria's mean) minus its stored overall
    score, summed per grain, day, dimensions and criterion. Registered like `build_result_daily`."""
    f = _facts(con, results, contacts)
    n_dims = f.dims.num_rows
    overall = np.flatnonzero(pc.equal(f.criteria, "overall").to_numpy(zero_copy_only=False))
    is_overall = np.isin(f.crit, overall)
    old_has = np.zeros(n_dims, bool)
    old = np.zeros(n_dims)
    old_has[f.crow[is_overall]] = f.has_score[is_overall]
    old[f.crow[is_overall]] = f.score[is_overall]
    counted = ~is_overall & f.applicable & f.has_score
    crow, crit, x = f.crow[counted], f.crit[counted], f.score[counted]
    total = np.bincount(crow, weights=x, minlength=n_dims)
    others = np.bincount(crow, minlength=n_dims)[crow] - 1
    new_has = others > 0
    new = np.where(new_has, (total[crow] - x) / np.maximum(others, 1), 0.0)
    o_has, o = old_has[crow], old[crow]
    d_n = new_has.astype(np.int64) - o_has
    d_s = new - np.where(o_has, o, 0.0)
    d_sq = new * new - np.where(o_has, o * o, 0.0)
    pieces = []
    for grain, cols, g, inv, cr in _keys(f, crow, crit):
        m = len(g)
        pieces.append(pa.table({
            **_dim_columns(grain, cols, g, m), "criterion": cr,
            "n_score": pa.array(np.bincount(inv, weights=d_n, minlength=m).round().astype(np.int64)),
            "sum_score": pa.array(np.bincount(inv, weights=d_s, minlength=m)),
            "sumsq_score": pa.array(np.bincount(inv, weights=d_sq, minlength=m)),
        }).select(_DIMS + ["n_score", "sum_score", "sumsq_score"]))
    return _finish(con, pieces, _EXCLUSION)


def release(con: Any) -> None:
    _CACHE.clear()
    for name in (_NAME, _EXCLUSION):
        try:
            con.unregister(name)
        except Exception:  # never registered
            pass
