-- rpt_result_facts: One row per contact and criterion ('overall' is the weighted QA score).
SELECT
    r.contact_id, r.criterion, r.outcome, r.passed, r.applicable, r.score, r.scorecard,
    c.day, c.week, c.month,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation
FROM ${stg_results} r
JOIN ${mart_contacts} c USING (contact_id)
