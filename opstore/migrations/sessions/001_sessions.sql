-- Server-side sessions. The browser holds a random token; the store keeps only its SHA-256.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    address TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
