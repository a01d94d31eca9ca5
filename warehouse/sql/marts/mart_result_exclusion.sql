-- mart_result_exclusion: what leaving one criterion out of the QA score (an advisory criterion,
-- Query.exclude_criteria) changes, per contact day, dimensions and left-out criterion, at the
-- two grains of mart_result_daily ('lct', 'agent'; columns outside a row's grain are NULL).
-- A contact whose criterion counts in its score (applicable, scored) is scored again from its
-- other counted criteria (weight 1 each: the score of warehouse/results_sql.py contact_scores);
-- a row holds the change to the 'overall' row of mart_result_daily: n_score, sum_score and
-- sumsq_score of the new score minus those of the stored one. The QA score without criterion X
-- is then mart_result_daily's 'overall' rows plus this mart's rows of X (a few thousand rows a
-- month) instead of every result of the month re-read. Like mart_result_daily it counts every
-- automatic result: results awaiting review and reviews are corrections the query layer adds.
-- (p.s - x.score) is the sum of the other criteria's scores up to rounding.
WITH counted AS (
    SELECT contact_id, criterion, score FROM ${stg_results}
    WHERE criterion <> 'overall' AND applicable AND score IS NOT NULL
),
per_contact AS (
    SELECT contact_id, sum(score) AS s, count(*) AS n FROM counted GROUP BY contact_id
),
stored AS (
    SELECT contact_id, score AS old FROM ${stg_results} WHERE criterion = 'overall'
),
rescored AS (
    SELECT x.contact_id, x.criterion, o.old, (p.s - x.score) / nullif(p.n - 1, 0) AS new
    FROM counted x JOIN per_contact p USING (contact_id) LEFT JOIN stored o USING (contact_id)
)
SELECT
    grain,
    coalesce(strftime(day, '%Y-%m'), 'undated') AS date, day,
    CAST(date_trunc('week', day) AS DATE) AS week, CAST(date_trunc('month', day) AS DATE) AS month,
    language, channel, team, agent_id, agent_name, criterion,
    n_score, sum_score, sumsq_score
FROM (
SELECT
    CASE WHEN grouping(c.agent_id) = 1 THEN 'lct' ELSE 'agent' END AS grain,
    c.day, c.language, c.channel, c.team, c.agent_id, c.agent_name,
    x.criterion,
    CAST(sum(CAST(x.new IS NOT NULL AS INTEGER) - CAST(x.old IS NOT NULL AS INTEGER)) AS BIGINT) AS n_score,
    sum(coalesce(x.new, 0) - coalesce(x.old, 0)) AS sum_score,
    sum(coalesce(x.new * x.new, 0) - coalesce(x.old * x.old, 0)) AS sumsq_score
FROM rescored x
JOIN ${mart_contacts} c USING (contact_id)
WHERE c.date IN (SELECT d FROM ${_mart_scope})
GROUP BY GROUPING SETS (
    (c.day, c.language, c.channel, c.team, x.criterion),
    (c.day, c.agent_id, c.agent_name, c.team, x.criterion)
)
)
ORDER BY grain, day
