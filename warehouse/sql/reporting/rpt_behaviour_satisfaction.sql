-- rpt_behaviour_satisfaction: Behaviour beside satisfaction, long form: one row per surveyed contact and criterion.
SELECT
    s.contact_id, s.day, s.week, s.month, s.language, s.channel, s.team, s.agent_id,
    b.criterion, b.outcome, b.outcome = 'pass' AS passed, b.outcome <> 'n/a' AS applicable,
    s.csat_10, s.csat_topbox, s.nps, s.promoter, s.detractor
FROM ${mart_contact_satisfaction} s
JOIN ${mart_behaviour} b USING (contact_id)
