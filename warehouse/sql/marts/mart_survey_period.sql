-- mart_survey_period: mart_survey_daily rolled up per agent and ISO week or month ('agent_week',
-- 'agent_month'), the survey half of the precomputed scorecards (see mart_result_period.sql for
-- `day`, `date` and why a week belongs to the month it starts in). Dimensions outside the agent
-- (language, channel, queue, organisation) are NULL; sums and sums of squares keep every
-- interval exact, as in the daily mart.
SELECT
    grain, coalesce(strftime(day, '%Y-%m'), 'undated') AS date, day, week, month,
    CAST(NULL AS VARCHAR) AS language, CAST(NULL AS VARCHAR) AS channel,
    team, agent_id, agent_name, CAST(NULL AS VARCHAR) AS queue, CAST(NULL AS VARCHAR) AS organisation,
    n_csat, sum_csat, sumsq_csat, topbox, n_nps, promoters, passives, detractors
FROM (
    SELECT 'agent_week' AS grain, week AS day, week, CAST(NULL AS DATE) AS month, team, agent_id, agent_name,
           sum(n_csat) AS n_csat, sum(sum_csat) AS sum_csat, sum(sumsq_csat) AS sumsq_csat, sum(topbox) AS topbox,
           sum(n_nps) AS n_nps, sum(promoters) AS promoters, sum(passives) AS passives,
           sum(detractors) AS detractors
    FROM ${mart_survey_daily}
    WHERE grain = 'all' AND coalesce(strftime(week, '%Y-%m'), 'undated') IN (SELECT d FROM ${_mart_scope})
    GROUP BY week, team, agent_id, agent_name
    UNION ALL
    SELECT 'agent_month' AS grain, month AS day, CAST(NULL AS DATE) AS week, month, team, agent_id, agent_name,
           sum(n_csat), sum(sum_csat), sum(sumsq_csat), sum(topbox),
           sum(n_nps), sum(promoters), sum(passives), sum(detractors)
    FROM ${mart_survey_daily}
    WHERE grain = 'all' AND date IN (SELECT d FROM ${_mart_scope})
    GROUP BY month, team, agent_id, agent_name
)
ORDER BY grain, day
