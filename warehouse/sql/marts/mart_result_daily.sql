-- mart_result_daily: QA results aggregated per contact day and criterion, at two grains computed
-- in one pass (GROUPING SETS):
--   'lct'   day × language × channel × team × criterion (management: pass rates per group);
--   'agent' day × agent_id × agent_name × team × criterion (team leaders: agent scorecards).
-- Columns outside a row's grain are NULL. n_applicable/passed/not_applicable give pass rates
-- (Wilson); n_score/sum_score/sumsq_score give the mean QA score with its t interval.
-- Grouped by day only (fewer hash keys: the aggregation dominates the refresh); the partition,
-- week and month follow from the day (the partition is the contact's local month).
SELECT
    grain,
    coalesce(strftime(day, '%Y-%m'), 'undated') AS date, day,
    CAST(date_trunc('week', day) AS DATE) AS week, CAST(date_trunc('month', day) AS DATE) AS month,
    language, channel, team, agent_id, agent_name, criterion,
    n_applicable, passed, not_applicable, n_score, sum_score, sumsq_score
FROM (
SELECT
    CASE WHEN grouping(c.agent_id) = 1 THEN 'lct' ELSE 'agent' END AS grain,
    c.day, c.language, c.channel, c.team, c.agent_id, c.agent_name,
    r.criterion,
    count(*) FILTER (r.applicable) AS n_applicable,
    count(*) FILTER (r.passed) AS passed,
    count(*) FILTER (NOT r.applicable) AS not_applicable,
    count(r.score) AS n_score,
    sum(r.score) AS sum_score,
    sum(r.score * r.score) AS sumsq_score
FROM ${stg_results} r
JOIN ${mart_contacts} c USING (contact_id)
WHERE c.date IN (SELECT d FROM ${_mart_scope})
GROUP BY GROUPING SETS (
    (c.day, c.language, c.channel, c.team, r.criterion),
    (c.day, c.agent_id, c.agent_name, c.team, r.criterion)
)
)
ORDER BY grain, day
