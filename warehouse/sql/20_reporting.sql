-- Reporting views: facts joined to the contact's dimensions. The Python API in
-- warehouse/analytics.py groups these by whitelisted columns and adds n, intervals and the
-- small-n flag; the dashboard reads them the same way.

-- One row per survey response, on the day/week/month of the contact it rates.
CREATE OR REPLACE VIEW rpt_survey_facts AS
SELECT
    s.response_id, s.contact_id, c.day, c.week, c.month,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation,
    s.csat, s.csat_scale, s.csat_10, s.csat_topbox, s.nps, s.promoter, s.detractor,
    s.link_method
FROM stg_surveys s
JOIN stg_contacts c USING (contact_id);

-- One row per contact and criterion ('overall' is the weighted QA score).
CREATE OR REPLACE VIEW rpt_result_facts AS
SELECT
    r.contact_id, r.criterion, r.outcome, r.passed, r.applicable, r.score, r.scorecard,
    c.day, c.week, c.month,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation
FROM stg_results r
JOIN stg_contacts c USING (contact_id);

-- One row per surveyed contact: satisfaction beside the QA score and operational measures.
CREATE OR REPLACE VIEW rpt_contact_satisfaction AS
SELECT
    f.contact_id, f.response_id, f.day, f.week, f.month,
    f.language, f.channel, f.team, f.agent_id, f.agent_name, f.queue, f.organisation,
    f.csat, f.csat_scale, f.csat_10, f.csat_topbox, f.nps, f.promoter, f.detractor,
    o.score AS qa_score,
    c.wait_s, c.handle_s, c.abandoned,
    rc.repeat_contact
FROM rpt_survey_facts f
JOIN stg_contacts c USING (contact_id)
LEFT JOIN stg_results o ON o.contact_id = f.contact_id AND o.criterion = 'overall'
LEFT JOIN stg_repeat_contacts rc ON rc.contact_id = f.contact_id;

-- Behaviour beside satisfaction, long form: one row per surveyed contact and criterion.
CREATE OR REPLACE VIEW rpt_behaviour_satisfaction AS
SELECT
    f.contact_id, f.day, f.week, f.month, f.language, f.channel, f.team, f.agent_id,
    r.criterion, r.outcome, r.passed, r.applicable,
    f.csat_10, f.csat_topbox, f.nps, f.promoter, f.detractor
FROM rpt_survey_facts f
JOIN stg_results r ON r.contact_id = f.contact_id AND r.criterion <> 'overall';
