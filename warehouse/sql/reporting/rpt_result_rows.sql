-- rpt_result_rows: rpt_result_facts shaped like mart_result_daily (one row = one result), for groupings outside
-- the mart's grains (queue, organisation): the same aggregate SQL then runs on either.
SELECT
    day, week, month, language, channel, team, agent_id, agent_name, queue, organisation, criterion,
    CAST(coalesce(applicable, false) AS INTEGER) AS n_applicable,
    CAST(coalesce(passed, false) AS INTEGER) AS passed,
    CAST(coalesce(NOT applicable, false) AS INTEGER) AS not_applicable,
    CAST(score IS NOT NULL AS INTEGER) AS n_score,
    score AS sum_score,
    score * score AS sumsq_score
FROM ${rpt_result_facts}
