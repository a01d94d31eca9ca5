"""mart_result_daily from first-load results held in memory, aggregated with numpy.

The SQL mart (sql/marts/mart_result_daily.sql) hash-aggregates 7.76 M benchmark results by
two grouping sets of five string keys: 17 s CPU from the lake, 10 s even from Arrow in memory.
Here each contact gets two integer group numbers once (1 M contacts: its day × language ×
channel × team, and its day × agent × name × team), each result row the pair (group, criterion)
as one integer, and the counts and sums are `np.bincount`s; the partition, week and month follow
from the day in Arrow. No SQL is copied here: the rows are the mart's, column for column, and
tests/warehouse/test_marts.py rebuilds the mart from the lake with the SQL file and compares.
"""
from __future__ import annotations

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


def build_result_daily(con: Any, results: pa.Table, contacts: ContactIndex) -> str:
    """Aggregate `results` (criterion, outcome, score, contact_row: rows of `contacts`) into the
    rows of mart_result_daily, registered as a relation whose name is returned, for
    `refresh_marts(builders=...)` (which inserts the rows in `_mart_scope`). The caller releases
    it (`release`)."""
    dims = fetch_arrow(con.execute(
        "SELECT contact_id, day, language, channel, team, agent_id, agent_name FROM mart_contacts"))
    # mart_contacts row of each contact in `contacts` (-1: not in the mart, its results drop out
    # like the SQL's inner join would drop them)
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
    # count(score) counts non-NULL scores; sum() sums them (a NaN value included, as DuckDB does)
    has_score = results["score"].is_valid().to_numpy(zero_copy_only=False)
    s = np.where(has_score, results["score"].to_numpy(), 0.0)
    if not keep.all():
        crow, crit_codes = crow[keep], crit_codes[keep]
        passed, na, applicable, has_score, s = passed[keep], na[keep], applicable[keep], has_score[keep], s[keep]
    n_crit = len(crit_values)
    pieces = []
    for grain, cols in (("lct", _LCT), ("agent", _AGENT)):
        gid, groups = _group(dims, cols)
        key = gid[crow] * n_crit + crit_codes
        span = (int(gid.max(initial=-1)) + 1) * n_crit
        if span <= 32_000_000:  # dense: bincount over every possible key, no sort of the rows
            rows_per_key = np.bincount(key, minlength=span)
            uniq = np.flatnonzero(rows_per_key)
            slot = np.full(span, -1, np.int64)
            slot[uniq] = np.arange(len(uniq))
            inv = slot[key]
        else:
            uniq, inv = np.unique(key, return_inverse=True)
        m = len(uniq)

        def count(w: np.ndarray) -> pa.Array:
            return pa.array(np.bincount(inv, weights=w, minlength=m).astype(np.int64))

        n_score = np.bincount(inv, weights=has_score, minlength=m).astype(np.int64)
        none = n_score == 0
        g = groups.take(pa.array(uniq // n_crit))
        cols_out = {c: g[c] for c in cols}
        for c in ("language", "channel", "agent_id", "agent_name"):
            if c not in cols_out:
                cols_out[c] = pa.nulls(m, pa.string())
        pieces.append(pa.table({
            "grain": pa.array([grain] * m, pa.string()), **cols_out,
            "criterion": crit_values.take(pa.array(uniq % n_crit)),
            "n_applicable": count(applicable), "passed": count(passed), "not_applicable": count(na),
            "n_score": pa.array(n_score),
            "sum_score": pa.array(np.bincount(inv, weights=s, minlength=m), mask=none),
            "sumsq_score": pa.array(np.bincount(inv, weights=s * s, minlength=m), mask=none),
        }).select(["grain", "day", "language", "channel", "team", "agent_id", "agent_name", "criterion",
                   "n_applicable", "passed", "not_applicable", "n_score", "sum_score", "sumsq_score"]))
    rows = pa.concat_tables(pieces)
    day = rows["day"]
    date = pc.fill_null(pc.strftime(day, format="%Y-%m"), "undated")
    week = pc.floor_temporal(day, unit="week", week_starts_monday=True)
    month = pc.floor_temporal(day, unit="month")
    rows = rows.add_column(1, "date", date).add_column(3, "week", week).add_column(4, "month", month)
    con.register(_NAME, rows.sort_by([("grain", "ascending"), ("day", "ascending")]))
    return _NAME


def release(con: Any) -> None:
    try:
        con.unregister(_NAME)
    except Exception:  # never registered
        pass
