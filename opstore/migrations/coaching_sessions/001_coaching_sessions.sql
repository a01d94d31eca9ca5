-- Coaching sessions a team leader logs (agent, focus criterion, date, note); the agent acknowledges.
CREATE TABLE coaching_sessions (
    id @ID@,
    agent_id TEXT NOT NULL,
    criterion TEXT NOT NULL,
    session_date TEXT NOT NULL,         -- YYYY-MM-DD
    note TEXT NOT NULL DEFAULT '',
    logged_by TEXT NOT NULL,
    logged_at TEXT NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at TEXT
);
CREATE INDEX coaching_sessions_agent ON coaching_sessions (agent_id, session_date);
