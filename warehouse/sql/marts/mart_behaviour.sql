-- mart_behaviour: surveyed contact × criterion, 'overall' excluded: the long form behind
-- behaviour × satisfaction and the key-driver matrix. Narrow on purpose (2 M rows at 300 k
-- surveys): rpt_behaviour_satisfaction joins mart_contact_satisfaction for the dimensions and
-- satisfaction, after that side's filters.
SELECT
    c.date, s.contact_id, r.criterion, r.outcome
FROM ${stg_surveys} s
JOIN ${mart_contacts} c USING (contact_id)
JOIN ${stg_results} r ON r.contact_id = s.contact_id AND r.criterion <> 'overall'
WHERE c.date IN (SELECT d FROM ${_mart_scope})
ORDER BY c.date
