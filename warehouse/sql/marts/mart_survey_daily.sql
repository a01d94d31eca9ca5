-- mart_survey_daily: survey responses aggregated per contact day and every groupable dimension.
-- Sums and sums of squares keep every interval exact: mean = sum/n, s² = (sumsq − sum²/n)/(n − 1)
-- (t interval), top-box and NPS shares are counts (Wilson, multinomial NPS variance).
-- grain 'all' holds every dimension of analytics.GROUP_COLUMNS (a day has ~1 response per agent,
-- so this is already small: ~300 k rows for 300 k responses would be the worst case).
SELECT
    'all' AS grain,
    coalesce(strftime(day, '%Y-%m'), 'undated') AS date, day,
    CAST(date_trunc('week', day) AS DATE) AS week, CAST(date_trunc('month', day) AS DATE) AS month,
    * EXCLUDE (day)
FROM (
SELECT
    c.day,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation,
    count(s.csat_10) AS n_csat,
    sum(s.csat_10) AS sum_csat,
    sum(s.csat_10 * s.csat_10) AS sumsq_csat,
    count(*) FILTER (s.csat_10 IS NOT NULL AND s.csat_topbox) AS topbox,
    count(s.nps) AS n_nps,
    count(*) FILTER (s.nps IS NOT NULL AND s.promoter) AS promoters,
    count(*) FILTER (s.nps BETWEEN 7 AND 8) AS passives,
    count(*) FILTER (s.nps IS NOT NULL AND s.detractor) AS detractors
FROM ${stg_surveys} s
JOIN ${mart_contacts} c USING (contact_id)
WHERE c.date IN (SELECT d FROM ${_mart_scope})
GROUP BY ALL
)
ORDER BY day
