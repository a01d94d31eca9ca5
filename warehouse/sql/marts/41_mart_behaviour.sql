-- mart_behaviour: surveyed contact × criterion (rpt_behaviour_satisfaction's rows, 'overall'
-- excluded): the long form behind behaviour × satisfaction and the key-driver matrix.
SELECT
    c.date,
    s.contact_id, c.day, c.week, c.month, c.language, c.channel, c.team, c.agent_id,
    r.criterion, r.outcome, r.passed, r.applicable,
    s.csat_10, s.csat_topbox, s.nps, s.promoter, s.detractor
FROM stg_surveys s
JOIN mart_contacts c USING (contact_id)
JOIN stg_results r ON r.contact_id = s.contact_id AND r.criterion <> 'overall'
WHERE c.date IN (SELECT d FROM _mart_scope)
ORDER BY c.date, c.team, c.day
