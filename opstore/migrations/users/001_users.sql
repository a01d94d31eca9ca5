-- Users of the product. Passwords are argon2id hashes (argon2-cffi), never the password.
CREATE TABLE users (
    id @ID@,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('agent', 'team_leader', 'trainer', 'management', 'admin')),
    agent_id TEXT,
    display_name TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- The teams a team leader leads (or an agent belongs to); one row per team.
CREATE TABLE user_teams (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team TEXT NOT NULL,
    PRIMARY KEY (user_id, team)
);
-- Failed logins, per key ('user:NAME' or 'addr:IP'), for slowing down password guessing.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    first_failed_at TEXT NOT NULL,
    locked_until TEXT NOT NULL
);
