-- stg_contacts: stg_contacts_base with day, week, month, the end time, and agent name and team
-- from the roster row valid on the contact's local day.
SELECT
    b.contact_id,
    b.date,
    b.started_utc,
    b.started_local,
    CAST(b.started_local AS DATE) AS day,
    CAST(date_trunc('week', b.started_local) AS DATE) AS week,
    CAST(date_trunc('month', b.started_local) AS DATE) AS month,
    b.agent_id,
    coalesce(r.agent_name, b.src_agent_name) AS agent_name,
    coalesce(r.team, b.src_team) AS team,
    b.channel, b.language, b.organisation, b.queue,
    b.wait_s, b.handle_s, b.abandoned, b.n_turns, b.has_transcript, b.customer_key, b.audio,
    -- when the contact ended: the survey time window starts here
    b.started_utc + to_microseconds(CAST(coalesce(b.handle_s, 0) * 1e6 AS BIGINT)) AS ended_utc,
    b.m_source_file, b.t_source_file
FROM ${stg_contacts_base} b
LEFT JOIN ${roster} r
    ON r.agent_id = b.agent_id
   AND CAST(b.started_local AS DATE) BETWEEN r.valid_from AND coalesce(r.valid_to, DATE '9999-12-31')
