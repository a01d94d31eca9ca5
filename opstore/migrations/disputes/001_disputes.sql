-- Disputes: an agent contests one automatic criterion result; a team leader upholds or overturns it.
-- Every step is a row in dispute_events (who, when, what); the decision becomes a review.
CREATE TABLE disputes (
    id @ID@,
    contact_id TEXT NOT NULL,
    criterion TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    contact_day TEXT NOT NULL,          -- the contact's local day (YYYY-MM-DD): the window counts from it
    auto_outcome TEXT NOT NULL,         -- the automatic outcome contested
    comment TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',  -- open | upheld | overturned
    decided_by TEXT,
    decided_at TEXT,
    decision_reason TEXT,
    reviewed_outcome TEXT
);
-- One open dispute per contact and criterion.
CREATE UNIQUE INDEX disputes_one_open ON disputes (contact_id, criterion) WHERE status = 'open';
CREATE INDEX disputes_agent ON disputes (agent_id, status);

CREATE TABLE dispute_events (
    id @ID@,
    dispute_id BIGINT NOT NULL REFERENCES disputes(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,               -- opened | upheld | overturned
    detail TEXT
);
CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, at);

-- Reviewed outcomes: a person's decision beside the automatic result (from a dispute, or a human
-- review of a low-confidence result). The latest per contact and criterion counts.
CREATE TABLE reviews (
    id @ID@,
    contact_id TEXT NOT NULL,
    criterion TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    reason TEXT,
    dispute_id BIGINT REFERENCES disputes(id)
);
CREATE INDEX reviews_contact ON reviews (contact_id, criterion, decided_at);
