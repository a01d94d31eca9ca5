-- stg_contacts_base: one row per contact, the two column families reconciled (the roster comes in
-- stg_contacts). Precedence for contacts (docs/warehouse.md):
--   agent, channel, times, queue, organisation: call metadata first, then the transcript;
--   language: the transcript's (what was spoken) first, then metadata unless 'auto';
--   agent name and team: the roster row valid on the contact's local day, then metadata, then
--   the transcript.
SELECT
    contact_id,
    date,
    coalesce(m_started_utc, t_started_utc) AS started_utc,
    coalesce(m_started_local, t_started_local) AS started_local,
    coalesce(m_agent_id, t_agent_id) AS agent_id,
    coalesce(m_agent_name, t_agent_name) AS src_agent_name,
    coalesce(m_team, t_team) AS src_team,
    coalesce(m_channel, t_channel) AS channel,
    coalesce(t_language, nullif(m_language, 'auto')) AS language,
    coalesce(m_organisation, t_organisation) AS organisation,
    coalesce(m_queue, t_queue) AS queue,
    m_wait_s AS wait_s,
    coalesce(m_handle_s, t_duration_s) AS handle_s,
    coalesce(m_abandoned, false) AS abandoned,
    t_n_turns AS n_turns,
    t_source_file IS NOT NULL AS has_transcript,
    coalesce(m_customer_key, t_customer_key) AS customer_key,
    t_audio AS audio,
    m_source_file, t_source_file
FROM ${raw_contacts}
