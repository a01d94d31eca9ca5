-- Staging views: one clean row per entity, sources reconciled. Executed after the raw_* views
-- (created in Python over the Parquet lake). Precedence for contacts (docs/warehouse.md):
--   agent, channel, times, queue, organisation: call metadata first, then the transcript;
--   language: the transcript's (what was spoken) first, then metadata unless 'auto';
--   agent name and team: the roster row valid on the contact's local day, then metadata, then
--   the transcript.

CREATE OR REPLACE VIEW stg_contacts_base AS
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
    m_source_file, t_source_file
FROM raw_contacts;

CREATE OR REPLACE VIEW stg_contacts AS
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
    b.wait_s, b.handle_s, b.abandoned, b.n_turns, b.has_transcript, b.customer_key,
    -- when the contact ended: the survey time window starts here
    b.started_utc + to_microseconds(CAST(coalesce(b.handle_s, 0) * 1e6 AS BIGINT)) AS ended_utc,
    b.m_source_file, b.t_source_file
FROM stg_contacts_base b
LEFT JOIN roster r
    ON r.agent_id = b.agent_id
   AND CAST(b.started_local AS DATE) BETWEEN r.valid_from AND coalesce(r.valid_to, DATE '9999-12-31');

-- Repeat contact: the same customer (keyed hash of the caller id) contacts again within
-- `repeat_window_days` (default 7) after this contact started. NULL when the caller is unknown.
CREATE OR REPLACE VIEW stg_repeat_contacts AS
SELECT
    contact_id,
    CASE WHEN customer_key IS NULL THEN NULL
         ELSE coalesce(
             lead(started_utc) OVER (PARTITION BY customer_key ORDER BY started_utc, contact_id)
               <= started_utc + to_days(CAST((SELECT value FROM settings WHERE key = 'repeat_window_days') AS INTEGER)),
             false)
    END AS repeat_contact
FROM stg_contacts_base;

CREATE OR REPLACE VIEW stg_results AS
SELECT
    contact_id, criterion, outcome, score, count, scorecard, reason, evidence,
    outcome = 'pass' AS passed,
    outcome <> 'n/a' AS applicable,
    source_file, source_row
FROM raw_results;

CREATE OR REPLACE VIEW stg_surveys AS
SELECT
    s.response_id, s.contact_id, s.link_method, s.tool, s.submitted_utc, s.submitted_local,
    s.survey_language, s.csat, s.csat_scale, s.csat_norm,
    1 + 9 * s.csat_norm AS csat_10,  -- every CSAT on the 1-10 rapportcijfer scale
    CASE s.csat_scale
        WHEN 10 THEN s.csat >= CAST((SELECT value FROM settings WHERE key = 'csat_topbox_10') AS DOUBLE)
        WHEN 5 THEN s.csat >= CAST((SELECT value FROM settings WHERE key = 'csat_topbox_5') AS DOUBLE)
    END AS csat_topbox,
    s.nps,
    s.nps >= 9 AS promoter,
    s.nps <= 6 AS detractor,
    s.comment, s.source_file, s.source_row
FROM raw_surveys s;
