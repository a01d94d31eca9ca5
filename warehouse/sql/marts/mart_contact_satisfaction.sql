-- mart_contact_satisfaction: one row per surveyed contact (rpt_contact_satisfaction's rows):
-- satisfaction beside the weighted QA score ('overall'), wait, handle time and repeat contact,
-- plus `outcomes`: the contact's other results as text, RS criterion US outcome RS ... RS
-- (ASCII record/unit separators chr(30)/chr(31); NULL outcome as ''; in criterion order, so the
-- text does not depend on the order of the lake's files), so the key-driver matrix
-- is one scan of this table (criteria are data, not columns). Text, not a MAP: DuckDB took 3x
-- longer to store a MAP column for 300 k contacts than this string.
SELECT
    c.date,
    s.contact_id, s.response_id, c.day, c.week, c.month,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation,
    s.csat, s.csat_scale, s.csat_10, s.csat_topbox, s.nps, s.promoter, s.detractor,
    o.score AS qa_score,
    c.wait_s, c.handle_s, c.abandoned,
    c.repeat_contact,
    o.outcomes
FROM ${stg_surveys} s
JOIN ${mart_contacts} c USING (contact_id)
LEFT JOIN (
    SELECT contact_id,
           any_value(score) FILTER (criterion = 'overall') AS score,
           chr(30) || string_agg(criterion || chr(31) || coalesce(outcome, ''), chr(30) ORDER BY criterion) FILTER (criterion <> 'overall')
               || chr(30) AS outcomes
    FROM ${stg_results}
    WHERE contact_id IN (SELECT s2.contact_id FROM ${stg_surveys} s2 JOIN ${mart_contacts} c2 USING (contact_id)
                         WHERE c2.date IN (SELECT d FROM ${_mart_scope}))
    GROUP BY contact_id
) o ON o.contact_id = s.contact_id
WHERE c.date IN (SELECT d FROM ${_mart_scope})
ORDER BY c.date, c.team, c.day
