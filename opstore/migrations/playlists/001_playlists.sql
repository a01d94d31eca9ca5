-- Trainers' named selections of example moments (contact, criterion, evidence turn).
CREATE TABLE playlists (
    id @ID@,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE playlist_items (
    playlist_id BIGINT NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    contact_id TEXT NOT NULL,
    agent_id TEXT,                      -- with the contact's day: finds the result again in one small query
    contact_day TEXT,
    criterion TEXT NOT NULL,
    outcome TEXT NOT NULL,
    turn_idx INTEGER,
    start_s DOUBLE PRECISION,
    end_s DOUBLE PRECISION,
    PRIMARY KEY (playlist_id, position)
);
