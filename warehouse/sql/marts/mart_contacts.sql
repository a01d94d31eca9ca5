-- mart_contacts: stg_contacts materialised (two column families reconciled, team from the roster
-- row valid on the contact's local day) plus the repeat-contact flag, so that dashboard queries and
-- survey linking never re-derive 1 M contacts. Refreshed by warehouse/marts.py for the partitions in
-- the parameter table `_mart_scope(d)` (affected months and the month before each: a contact late
-- in May is a repeat when the same customer calls again early in June).
-- Provenance and the customer key stay in the lake (stg_contacts): a million unique strings
-- are most of the cost of writing this table, and no report reads them.
SELECT c.* EXCLUDE (m_source_file, t_source_file, customer_key), rc.repeat_contact
FROM ${stg_contacts} c
LEFT JOIN ${stg_repeat_contacts} rc USING (contact_id)
WHERE c.date IN (SELECT d FROM ${_mart_scope})
ORDER BY c.date
