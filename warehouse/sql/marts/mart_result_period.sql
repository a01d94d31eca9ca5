-- mart_result_period: the 'agent' grain of mart_result_daily rolled up per ISO week and per month,
-- so an agent scorecard, a team's glance or an agent's trend over whole periods reads a few rows
-- per agent instead of every day (docs/dashboard.md, "Precomputed periods"):
--   'agent_week'  week × agent_id × agent_name × team × criterion;
--   'agent_month' month × agent_id × agent_name × team × criterion.
-- `day` is the period's first day, so a query whose date range covers whole periods selects exactly
-- its periods with the same `day >= ? AND day <= ?` filter as the daily mart (the query layer uses
-- this mart only for such ranges: warehouse/results_sql.py period_grain). Columns outside a row's
-- grain are NULL (language, channel; `week` on month rows, `month` on week rows: a week can run
-- into the next month). `date`, the partition, is the month of the period's first day: a week that
-- runs into the next month is rebuilt with its first month, which every refresh scope holds (the
-- scope is the months an ingest rewrote plus the month before each: warehouse/marts.py).
SELECT
    grain, coalesce(strftime(day, '%Y-%m'), 'undated') AS date, day, week, month,
    CAST(NULL AS VARCHAR) AS language, CAST(NULL AS VARCHAR) AS channel,
    team, agent_id, agent_name, criterion,
    n_applicable, passed, not_applicable, n_score, sum_score, sumsq_score
FROM (
    SELECT 'agent_week' AS grain, week AS day, week, CAST(NULL AS DATE) AS month,
           team, agent_id, agent_name, criterion,
           sum(n_applicable) AS n_applicable, sum(passed) AS passed, sum(not_applicable) AS not_applicable,
           sum(n_score) AS n_score, sum(sum_score) AS sum_score, sum(sumsq_score) AS sumsq_score
    FROM ${mart_result_daily}
    WHERE grain = 'agent' AND coalesce(strftime(week, '%Y-%m'), 'undated') IN (SELECT d FROM ${_mart_scope})
    GROUP BY week, team, agent_id, agent_name, criterion
    UNION ALL
    SELECT 'agent_month' AS grain, month AS day, CAST(NULL AS DATE) AS week, month,
           team, agent_id, agent_name, criterion,
           sum(n_applicable), sum(passed), sum(not_applicable),
           sum(n_score), sum(sum_score), sum(sumsq_score)
    FROM ${mart_result_daily}
    WHERE grain = 'agent' AND date IN (SELECT d FROM ${_mart_scope})
    GROUP BY month, team, agent_id, agent_name, criterion
)
ORDER BY grain, day
