"""The SQL relations the result metrics read: the marts (fast) or effective result rows.

A criterion result's *effective* outcome is a person's reviewed outcome where the query carries
one (`Query.reviews`), else the automatic outcome. A result awaiting review (`needs_review`:
low confidence) does not count until a review decides it. The marts hold the automatic,
counted results aggregated per day; the query layer keeps them fast under reviews by adding
*count deltas*: for each reviewed result in the query's range, minus its automatic contribution
(when it counted) plus its reviewed one, as extra rows shaped like the mart's.

Every relation returned here has the columns of `RESULT_COLUMNS` (plus queue and organisation
on the row-level path), one row per day x dimensions x criterion (mart) or per result (rows).
"""
from __future__ import annotations

import duckdb

from warehouse.marts import PERIOD_DIMS, PERIOD_GRAINS, RESULT_GRAINS
from warehouse.query import (GROUP_COLUMNS, Query, Sql, dimensions_needed, has_column, has_relation, needs_rows,
                             period_unit, reason_join, reviews_sql)

DIMS = ("day", "week", "month", "language", "channel", "team", "agent_id", "agent_name")
COUNTS = ("n_applicable", "passed", "not_applicable", "n_score", "sum_score", "sumsq_score")
RESULT_COLUMNS = DIMS + ("criterion",) + COUNTS


def _needs_review_expr(con: duckdb.DuckDBPyConnection) -> str:
    # Lakes written before results carried a confidence have no such column: nothing awaits review.
    return "coalesce(r.needs_review, false)" if has_column(con, "raw_results", "needs_review") else "false"


def _confidence_expr(con: duckdb.DuckDBPyConnection) -> str:
    return "r.confidence" if has_column(con, "raw_results", "confidence") else "CAST(NULL AS DOUBLE)"


def partition_filter(q: Query, alias: str = "r") -> Sql:
    """Lake partitions (local months, 'YYYY-MM') that can hold the query's date range: DuckDB
    then skips the other months' files."""
    conds, params = [], []
    if q.date_from is not None:
        conds.append(f"{alias}.date >= ?")
        params.append(q.date_from.strftime("%Y-%m"))
    if q.date_to is not None:
        conds.append(f"{alias}.date <= ?")
        params.append(q.date_to.strftime("%Y-%m"))
    return Sql(" AND ".join(conds), tuple(params))


def effective_results(con: duckdb.DuckDBPyConnection, q: Query, *, detail: bool = False,
                      overall: bool = False, contacts: Sql | None = None) -> Sql:
    """One row per result in the query's partitions: contact_id, criterion, auto_outcome,
    outcome (effective), reviewed, score (a reviewed pass 1, fail 0, n/a NULL; the automatic
    score where the review agrees), needs_review, counted. `detail` adds count, reason,
    confidence, evidence and the review's reviewer/reason; `overall` keeps the 'overall' rows;
    `contacts`: only the contacts of this relation (a one-column SELECT)."""
    nr = _needs_review_expr(con)
    reviews = q.effective_reviews()
    cond = [] if overall else ["r.criterion <> 'overall'"]
    part = partition_filter(q)
    if part.text:
        cond.append(part.text)
    if contacts is not None:
        cond.append("r.contact_id IN " + contacts.text)
        part = Sql(part.text, part.params + contacts.params)
    extra = ""
    if detail:
        extra = (f", r.count, r.reason, {_confidence_expr(con)} AS confidence, r.evidence"
                 + (", v.reviewer, v.review_reason" if reviews else
                    ", CAST(NULL AS VARCHAR) AS reviewer, CAST(NULL AS VARCHAR) AS review_reason"))
    where = (" WHERE " + " AND ".join(cond)) if cond else ""
    if not reviews:
        return Sql(f"(SELECT r.contact_id, r.criterion, r.outcome AS auto_outcome, r.outcome, false AS reviewed, "
                   f"r.score, {nr} AS needs_review, NOT {nr} AS counted{extra} FROM raw_results r{where})",
                   part.params)
    rv = reviews_sql(reviews)
    if detail:
        rv = Sql("(SELECT unnest(?::VARCHAR[]) AS contact_id, unnest(?::VARCHAR[]) AS criterion, "
                 "unnest(?::VARCHAR[]) AS outcome, unnest(?::VARCHAR[]) AS reviewer, "
                 "unnest(?::VARCHAR[]) AS review_reason)",
                 rv.params + ([r.reviewer for r in reviews], [r.reason for r in reviews]))
    score = ("CASE WHEN v.outcome IS NULL OR v.outcome = r.outcome THEN r.score "
             "WHEN v.outcome = 'pass' THEN 1.0 WHEN v.outcome = 'fail' THEN 0.0 END")
    return (Sql(f"(SELECT r.contact_id, r.criterion, r.outcome AS auto_outcome, coalesce(v.outcome, r.outcome) AS outcome, "
                f"v.outcome IS NOT NULL AS reviewed, {score} AS score, {nr} AS needs_review, "
                f"v.outcome IS NOT NULL OR NOT {nr} AS counted{extra} FROM raw_results r LEFT JOIN ")
            + rv + Sql(f" v ON v.contact_id = r.contact_id AND v.criterion = r.criterion{where})", part.params))


def row_source(con: duckdb.DuckDBPyConnection, q: Query) -> Sql:
    """Counted effective results, one row each, with the contact's dimensions (the path for
    groupings outside the mart grains, e.g. queue or organisation)."""
    e = effective_results(con, q)
    rsel = ", cr.reason" if reason_join(q) else ""
    return (Sql("(SELECT c.contact_id, c.day, c.week, c.month, c.language, c.channel, c.team, c.agent_id, c.agent_name, "
                f"c.queue, c.organisation{rsel}, e.criterion, "
                "CAST(e.outcome <> 'n/a' AS INTEGER) AS n_applicable, CAST(e.outcome = 'pass' AS INTEGER) AS passed, "
                "CAST(e.outcome = 'n/a' AS INTEGER) AS not_applicable, CAST(e.score IS NOT NULL AS INTEGER) AS n_score, "
                "e.score AS sum_score, e.score * e.score AS sumsq_score FROM ")
            + e + Sql(" e JOIN mart_contacts c USING (contact_id)" + reason_join(q) + " WHERE e.counted)"))


def mart_grain(q: Query) -> str | None:
    """The smallest mart_result_daily grain holding every dimension the query needs (None:
    none does, use the row-level path)."""
    need = dimensions_needed(q)
    if needs_rows(q):
        return None
    for grain, dims in RESULT_GRAINS.items():  # ordered smallest first
        if need <= dims:
            return grain
    return None


def period_grain(con: duckdb.DuckDBPyConnection, q: Query, kind: str) -> str | None:
    """The grain of the rolled-up agent mart `mart_<kind>_period` (kind "result" or "survey")
    that answers the query exactly, or None: the query needs no dimension beyond the agent's
    (agent_id, agent_name, team), groups by week, month or no period, and its date range covers
    whole periods of that unit (warehouse.query.period_unit); the mart must exist."""
    if needs_rows(q) or not dimensions_needed(q) <= PERIOD_DIMS:
        return None
    unit = period_unit(q)
    if unit is None or not has_relation(con, f"mart_{kind}_period"):
        return None
    return PERIOD_GRAINS[unit]


def _review_deltas(con: duckdb.DuckDBPyConnection, q: Query) -> Sql:
    """Rows shaped like mart_result_daily that turn the mart's counts (every automatic result)
    into the counted ones: a reviewed result counts its reviewed outcome instead of the automatic
    one; a result awaiting review (needs_review) and not reviewed counts not at all. Criterion
    rows only ('overall' deltas: `_overall_deltas`)."""
    nr = _needs_review_expr(con)
    rv = reviews_sql(q.effective_reviews())
    part = partition_filter(q)
    new_score = ("CASE WHEN v.outcome = r.outcome THEN r.score WHEN v.outcome = 'pass' THEN 1.0 "
                 "WHEN v.outcome = 'fail' THEN 0.0 END")
    new = "v.outcome IS NOT NULL"  # a review decides; else (pending) the result drops out
    sel = (f"SELECT c.day, c.week, c.month, c.language, c.channel, c.team, c.agent_id, c.agent_name, r.criterion, "
           f"CASE WHEN {new} THEN CAST(v.outcome <> 'n/a' AS INTEGER) ELSE 0 END - CAST(r.outcome <> 'n/a' AS INTEGER) AS n_applicable, "
           f"CASE WHEN {new} THEN CAST(v.outcome = 'pass' AS INTEGER) ELSE 0 END - CAST(r.outcome = 'pass' AS INTEGER) AS passed, "
           f"CASE WHEN {new} THEN CAST(v.outcome = 'n/a' AS INTEGER) ELSE 0 END - CAST(r.outcome = 'n/a' AS INTEGER) AS not_applicable, "
           f"CAST(({new_score}) IS NOT NULL AS INTEGER) - CAST(r.score IS NOT NULL AS INTEGER) AS n_score, "
           f"coalesce({new_score}, 0) - coalesce(r.score, 0) AS sum_score, "
           f"coalesce(({new_score}) * ({new_score}), 0) - coalesce(r.score * r.score, 0) AS sumsq_score FROM (")
    # two scans a filter can prune: pending results (Parquet statistics skip the row groups
    # without one) and the reviewed contacts' other results
    head = "SELECT r.contact_id, r.criterion, r.outcome, r.score, {nr} AS needs_review FROM raw_results r " \
           "WHERE r.criterion <> 'overall'" + (" AND " + part.text if part.text else "")
    ids = sorted({r.contact_id for r in q.effective_reviews()})
    rows = Sql(head.format(nr="false") + " AND r.contact_id IN (SELECT unnest(?::VARCHAR[]))"
               + (f" AND NOT {nr}" if nr != "false" else ""), part.params + (ids,))
    if nr != "false":
        rows = Sql(head.format(nr="true") + " AND r.needs_review", part.params) + Sql(" UNION ALL ") + rows
    return (Sql(sel) + rows + Sql(") r LEFT JOIN ") + rv
            + Sql(" v ON v.contact_id = r.contact_id AND v.criterion = r.criterion "
                  "JOIN mart_contacts c ON c.contact_id = r.contact_id WHERE v.outcome IS NOT NULL OR r.needs_review"))


def weights_sql(q: Query) -> Sql:
    w = dict(q.weights or {})
    return Sql("(SELECT unnest(?::VARCHAR[]) AS criterion, unnest(?::DOUBLE[]) AS w)",
               (list(w), [float(x) for x in w.values()]))


def touched_contacts(con: duckdb.DuckDBPyConnection, q: Query) -> Sql:
    """The contacts a review or a pending result touches, in the query's partitions (a small
    set; the pending part reads only `needs_review`, which Parquet statistics let DuckDB skip)."""
    ids = sorted({r.contact_id for r in q.effective_reviews()})
    sql = Sql("(SELECT unnest(?::VARCHAR[]) AS contact_id", (ids,))
    if has_column(con, "raw_results", "needs_review"):
        part = partition_filter(q)
        sql = sql + Sql(" UNION SELECT r.contact_id FROM raw_results r WHERE r.needs_review"
                        + (" AND " + part.text if part.text else ""), part.params)
    return sql + Sql(")")


def contact_scores(con: duckdb.DuckDBPyConnection, q: Query, *, only_touched: bool,
                   contacts: Sql | None = None) -> Sql:
    """Per contact: the stored overall score (`old`, NULL when it did not count) and the
    effective one (`new`): recomputed as the weighted mean of the counted, applicable, scored,
    non-excluded criteria where a review, an exclusion or a pending review touched the contact,
    else the stored one. `only_touched`: just the touched contacts (for deltas). `contacts`:
    just these contacts (a one-column SELECT), touched or not."""
    if only_touched and contacts is None:
        contacts = touched_contacts(con, q)
    e = effective_results(con, q, overall=True, contacts=contacts)
    excl = list(q.exclude_criteria)
    ex_cond = "criterion IN (SELECT unnest(?::VARCHAR[]))"
    body = (Sql("(SELECT contact_id, "
                "any_value(score) FILTER (criterion = 'overall' AND counted) AS old, "
                "bool_or(criterion <> 'overall' AND ((reviewed AND outcome IS DISTINCT FROM auto_outcome) "
                f"OR needs_review OR ({ex_cond} AND outcome <> 'n/a' AND score IS NOT NULL))) AS touched, "
                "sum(coalesce(w.w, 1.0) * score) FILTER (counts) / nullif(sum(coalesce(w.w, 1.0)) FILTER (counts), 0) AS recomputed "
                "FROM (SELECT *, criterion <> 'overall' AND counted AND outcome <> 'n/a' AND score IS NOT NULL "
                f"AND NOT {ex_cond} AS counts FROM ", (excl, excl))
            + e + Sql(") x LEFT JOIN ") + weights_sql(q) + Sql(" w USING (criterion) GROUP BY contact_id)"))
    sel = "SELECT contact_id, old, CASE WHEN touched THEN recomputed ELSE old END AS new FROM "
    return Sql("(" + sel) + body + Sql(" s" + (" WHERE touched)" if only_touched else ")"))


def any_pending(con: duckdb.DuckDBPyConnection, q: Query) -> bool:
    """Whether a result in the query's partitions awaits review (Parquet statistics let DuckDB
    skip every row group without one). Without one, and without reviews, the marts' counts are
    the counted ones: no correction to add."""
    if not has_column(con, "raw_results", "needs_review"):
        return False
    part = partition_filter(q)
    sql = ("SELECT count(*) FROM (SELECT 1 FROM raw_results r WHERE r.needs_review"
           + (" AND " + part.text if part.text else "") + " LIMIT 1)")
    return bool(con.execute(sql, list(part.params)).fetchall()[0][0])


def exclusion_applies(con: duckdb.DuckDBPyConnection, q: Query) -> bool:
    """The QA score of `q` can come from mart_result_exclusion: one advisory criterion, no
    reviews, no weights (the mart rescores with weight 1), a mart grain holding the query's
    dimensions, and the mart present (a snapshot published before it existed lacks it)."""
    return (len(q.exclude_criteria) == 1 and not q.reviews and not q.weights and mart_grain(q) is not None
            and has_relation(con, "mart_result_exclusion"))


def _exclusion_source(con: duckdb.DuckDBPyConnection, q: Query) -> Sql:
    """The 'overall' rows of the QA score without the query's one advisory criterion: those of
    mart_result_daily plus the changes of mart_result_exclusion, plus per contact with a result
    awaiting review its row-path score minus what the marts count for it. Equal to the row path
    (`contact_scores` over every contact) up to the rounding of sums of doubles."""
    grain, crit = mart_grain(q), q.exclude_criteria[0]
    dims = ", ".join(DIMS)
    cols = f"{dims}, 'overall' AS criterion, 0 AS n_applicable, 0 AS passed, 0 AS not_applicable, " \
           "n_score, sum_score, sumsq_score"
    src = Sql(f"(SELECT {cols} FROM mart_result_daily WHERE grain = ? AND criterion = 'overall' "
              f"UNION ALL SELECT {cols} FROM mart_result_exclusion WHERE grain = ? AND criterion = ?",
              (grain, grain, crit))
    if any_pending(con, q):
        src = src + Sql(" UNION ALL ") + _pending_corrections(con, q, crit)
    return src + Sql(")")


def _pending_corrections(con: duckdb.DuckDBPyConnection, q: Query, crit: str) -> Sql:
    """Per contact with a result awaiting review (no reviews on this path: `touched_contacts`
    are those): the row path's score (`contact_scores`) minus the one the marts count, which
    counts every automatic result (mart_result_exclusion.sql: the other counted criteria's mean
    where `crit` counted, else the stored overall score)."""
    pending = touched_contacts(con, q)
    s = contact_scores(con, q, only_touched=False, contacts=pending)
    e = effective_results(con, q, overall=True, contacts=pending)
    counts = "criterion <> 'overall' AND auto_outcome <> 'n/a' AND score IS NOT NULL"
    marts = (Sql("(SELECT contact_id, CASE WHEN bool_or(criterion = ? AND " + counts + ") "
                 f"THEN (sum(score) FILTER ({counts}) - any_value(score) FILTER (criterion = ? AND {counts})) "
                 f"/ nullif(count(*) FILTER ({counts}) - 1, 0) "
                 "ELSE any_value(score) FILTER (criterion = 'overall') END AS m FROM ", (crit, crit))
             + e + Sql(" GROUP BY contact_id)"))
    return (Sql("SELECT c.day, c.week, c.month, c.language, c.channel, c.team, c.agent_id, c.agent_name, "
                "'overall' AS criterion, 0 AS n_applicable, 0 AS passed, 0 AS not_applicable, "
                "CAST(s.new IS NOT NULL AS INTEGER) - CAST(a.m IS NOT NULL AS INTEGER) AS n_score, "
                "coalesce(s.new, 0) - coalesce(a.m, 0) AS sum_score, "
                "coalesce(s.new * s.new, 0) - coalesce(a.m * a.m, 0) AS sumsq_score FROM ")
            + s + Sql(" s JOIN ") + marts + Sql(" a USING (contact_id) JOIN mart_contacts c USING (contact_id)"))


def _overall_deltas(con: duckdb.DuckDBPyConnection, q: Query) -> Sql:
    s = contact_scores(con, q, only_touched=True)
    return (Sql("SELECT c.day, c.week, c.month, c.language, c.channel, c.team, c.agent_id, c.agent_name, "
                "'overall' AS criterion, 0 AS n_applicable, 0 AS passed, 0 AS not_applicable, "
                "CAST(s.new IS NOT NULL AS INTEGER) - CAST(s.old IS NOT NULL AS INTEGER) AS n_score, "
                "coalesce(s.new, 0) - coalesce(s.old, 0) AS sum_score, "
                "coalesce(s.new * s.new, 0) - coalesce(s.old * s.old, 0) AS sumsq_score FROM ")
            + s + Sql(" s JOIN mart_contacts c USING (contact_id)"))


def result_source(con: duckdb.DuckDBPyConnection, q: Query, *, scores: bool = False) -> Sql:
    """The relation a result metric aggregates: mart grain rows (+ review deltas) when a grain
    covers the query, else counted effective rows. `scores`: the QA score is wanted ('overall'
    rows), which excluded criteria force onto the row path."""
    grain = mart_grain(q)
    reviews = bool(q.reviews)
    if scores and q.exclude_criteria:
        if exclusion_applies(con, q):  # one advisory criterion: mart rows, not every result
            return _exclusion_source(con, q)
        grain = None
    if grain is None:
        if not scores:
            return row_source(con, q)
        s = contact_scores(con, q, only_touched=False)
        rsel = ", cr.reason" if reason_join(q) else ""
        return (Sql("(SELECT c.contact_id, c.day, c.week, c.month, c.language, c.channel, c.team, c.agent_id, "
                    f"c.agent_name, c.queue, c.organisation{rsel}, 'overall' AS criterion, 0 AS n_applicable, 0 AS passed, "
                    "0 AS not_applicable, CAST(s.new IS NOT NULL AS INTEGER) AS n_score, s.new AS sum_score, "
                    "s.new * s.new AS sumsq_score FROM ")
                + s + Sql(" s JOIN mart_contacts c USING (contact_id)" + reason_join(q) + ")"))
    cols = ", ".join(RESULT_COLUMNS)
    pgrain = period_grain(con, q, "result")
    if pgrain is not None:  # whole weeks or months per agent: the rolled-up rows
        mart = Sql(f"SELECT {cols} FROM mart_result_period WHERE grain = ?", (pgrain,))
    else:
        mart = Sql(f"SELECT {cols} FROM mart_result_daily WHERE grain = ?", (grain,))
    # deltas: reviews, or results awaiting review (the marts hold every automatic result)
    if not reviews and not any_pending(con, q):
        return Sql("(") + mart + Sql(")")
    deltas = _overall_deltas(con, q) if scores else _review_deltas(con, q)
    return Sql("(") + mart + Sql(" UNION ALL ") + deltas + Sql(")")


__all__ = ["GROUP_COLUMNS", "RESULT_COLUMNS", "any_pending", "contact_scores", "exclusion_applies", "effective_results", "mart_grain", "period_grain",
           "partition_filter", "result_source", "row_source"]
