-- Contact reasons (signals, `meeluister ingest --reasons`): one row per contact and reason, rank 0
-- the primary one. A figure grouped by reason counts a contact once under each of its reasons;
-- filtered by reason, once (warehouse.query.where).
SELECT contact_id, reason, rank, confidence, evidence, taxonomy, rank = 0 AS is_primary
FROM ${raw_contact_reasons}
