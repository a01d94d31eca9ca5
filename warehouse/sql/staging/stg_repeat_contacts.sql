-- Repeat contact: the same customer (keyed hash of the caller id) contacts again within
-- `repeat_window_days` (default 7) after this contact started. NULL when the caller is unknown.
SELECT
    contact_id,
    CASE WHEN customer_key IS NULL THEN NULL
         ELSE coalesce(
             lead(started_utc) OVER (PARTITION BY customer_key ORDER BY started_utc, contact_id)
               <= started_utc + to_days(CAST((SELECT value FROM ${settings} WHERE key = 'repeat_window_days') AS INTEGER)),
             false)
    END AS repeat_contact
FROM ${stg_contacts_base}
