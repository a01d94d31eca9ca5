-- Reporting views, over the marts (warehouse/marts.py, sql/marts/*.sql), which hold the
-- reconciled contacts and the per-day aggregates refreshed at ingest. The Python API in
-- warehouse/analytics.py reads the aggregates directly and adds n, intervals and the small-n
-- flag; these row-level views serve drill-downs and any grouping the aggregates do not cover.

-- One row per survey response, on the day/week/month of the contact it rates.
CREATE OR REPLACE VIEW rpt_survey_facts AS
SELECT
    s.response_id, s.contact_id, c.day, c.week, c.month,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation,
    s.csat, s.csat_scale, s.csat_10, s.csat_topbox, s.nps, s.promoter, s.detractor,
    s.link_method
FROM stg_surveys s
JOIN mart_contacts c USING (contact_id);

-- One row per contact and criterion ('overall' is the weighted QA score).
CREATE OR REPLACE VIEW rpt_result_facts AS
SELECT
    r.contact_id, r.criterion, r.outcome, r.passed, r.applicable, r.score, r.scorecard,
    c.day, c.week, c.month,
    c.language, c.channel, c.team, c.agent_id, c.agent_name, c.queue, c.organisation
FROM stg_results r
JOIN mart_contacts c USING (contact_id);

-- rpt_result_facts shaped like mart_result_daily (one row = one result), for groupings outside
-- the mart's grains (queue, organisation): the same aggregate SQL then runs on either.
CREATE OR REPLACE VIEW rpt_result_rows AS
SELECT
    day, week, month, language, channel, team, agent_id, agent_name, queue, organisation, criterion,
    CAST(coalesce(applicable, false) AS INTEGER) AS n_applicable,
    CAST(coalesce(passed, false) AS INTEGER) AS passed,
    CAST(coalesce(NOT applicable, false) AS INTEGER) AS not_applicable,
    CAST(score IS NOT NULL AS INTEGER) AS n_score,
    score AS sum_score,
    score * score AS sumsq_score
FROM rpt_result_facts;

-- One row per surveyed contact: satisfaction beside the QA score and operational measures.
CREATE OR REPLACE VIEW rpt_contact_satisfaction AS
SELECT
    contact_id, response_id, day, week, month,
    language, channel, team, agent_id, agent_name, queue, organisation,
    csat, csat_scale, csat_10, csat_topbox, nps, promoter, detractor,
    qa_score, wait_s, handle_s, abandoned, repeat_contact
FROM mart_contact_satisfaction;

-- Behaviour beside satisfaction, long form: one row per surveyed contact and criterion.
CREATE OR REPLACE VIEW rpt_behaviour_satisfaction AS
SELECT
    s.contact_id, s.day, s.week, s.month, s.language, s.channel, s.team, s.agent_id,
    b.criterion, b.outcome, b.outcome = 'pass' AS passed, b.outcome <> 'n/a' AS applicable,
    s.csat_10, s.csat_topbox, s.nps, s.promoter, s.detractor
FROM mart_contact_satisfaction s
JOIN mart_behaviour b USING (contact_id);
