-- mart_contact_satisfaction: one row per surveyed contact (rpt_contact_satisfaction's rows):
-- satisfaction beside the weighted QA score ('overall'), wait, handle time and repeat contact.
SELECT
    c.date,
    s.contact_id, s.response_id, c.day, c.week, c.month,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation,
    s.csat, s.csat_scale, s.csat_10, s.csat_topbox, s.nps, s.promoter, s.detractor,
    o.score AS qa_score,
    c.wait_s, c.handle_s, c.abandoned,
    c.repeat_contact
FROM stg_surveys s
JOIN mart_contacts c USING (contact_id)
LEFT JOIN stg_results o ON o.contact_id = s.contact_id AND o.criterion = 'overall'
WHERE c.date IN (SELECT d FROM _mart_scope)
ORDER BY c.date, c.team, c.day
