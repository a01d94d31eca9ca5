-- rpt_survey_facts. Reporting views read the marts (the reconciled contacts and the per-day
-- aggregates refreshed at ingest); warehouse/analytics.py reads the aggregates directly, these
-- row-level views serve drill-downs and groupings the aggregates do not cover.
-- One row per survey response, on the day/week/month of the contact it rates.
SELECT
    s.response_id, s.contact_id, c.day, c.week, c.month,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation,
    s.csat, s.csat_scale, s.csat_10, s.csat_topbox, s.nps, s.promoter, s.detractor,
    s.link_method
FROM ${stg_surveys} s
JOIN ${mart_contacts} c USING (contact_id)
