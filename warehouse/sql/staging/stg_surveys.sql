-- stg_surveys: one row per linked response; csat_10 on the 1-10 scale, top-box, promoter, detractor.
SELECT
    s.response_id, s.contact_id, s.link_method, s.tool, s.submitted_utc, s.submitted_local,
    s.survey_language, s.csat, s.csat_scale, s.csat_norm,
    1 + 9 * s.csat_norm AS csat_10,  -- every CSAT on the 1-10 rapportcijfer scale
    CASE s.csat_scale
        WHEN 10 THEN s.csat >= CAST((SELECT value FROM ${settings} WHERE key = 'csat_topbox_10') AS DOUBLE)
        WHEN 5 THEN s.csat >= CAST((SELECT value FROM ${settings} WHERE key = 'csat_topbox_5') AS DOUBLE)
    END AS csat_topbox,
    s.nps,
    s.nps >= 9 AS promoter,
    s.nps <= 6 AS detractor,
    s.comment, s.source_file, s.source_row
FROM ${raw_surveys} s
