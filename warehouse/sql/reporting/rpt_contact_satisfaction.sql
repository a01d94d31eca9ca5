-- rpt_contact_satisfaction: One row per surveyed contact: satisfaction beside the QA score and operational measures.
SELECT
    contact_id, response_id, day, week, month,
    language, channel, team, agent_id, agent_name, queue, organisation,
    csat, csat_scale, csat_10, csat_topbox, nps, promoter, detractor,
    qa_score, wait_s, handle_s, abandoned, repeat_contact
FROM ${mart_contact_satisfaction}
