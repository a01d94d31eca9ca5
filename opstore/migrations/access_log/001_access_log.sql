-- Every view of a contact by a person (agent analytics is personnel monitoring): who, when, what.
-- user_id is kept without a foreign key, so removing a user keeps their trail.
CREATE TABLE access_log (
    id @ID@,
    at TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    contact_id TEXT NOT NULL,
    action TEXT NOT NULL,
    address TEXT
);
CREATE INDEX access_log_contact ON access_log (contact_id, at);
CREATE INDEX access_log_user ON access_log (user_id, at);
