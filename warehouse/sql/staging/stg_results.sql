-- stg_results: one row per contact and criterion, with passed and applicable.
SELECT
    contact_id, criterion, outcome, score, count, scorecard, reason, evidence,
    confidence, coalesce(needs_review, false) AS needs_review,
    outcome = 'pass' AS passed,
    outcome <> 'n/a' AS applicable,
    source_file, source_row
FROM ${raw_results}
