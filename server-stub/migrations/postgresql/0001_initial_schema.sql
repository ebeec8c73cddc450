-- Users, their sessions, the audit trail and login throttling: the SQLite schema of the
-- same number in PostgreSQL's dialect. Times are BIGINT milliseconds since the Unix epoch.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL UNIQUE,          -- lower-case email: emails compare case-insensitively
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('user', 'support', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    disabled_at   BIGINT
);

CREATE TABLE user_sessions (
    id                 TEXT PRIMARY KEY,
    user_id            TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_info        TEXT NOT NULL,            -- JSON, API.md device_info
    ip_address         TEXT,
    location_data      TEXT,                     -- JSON, API.md location_data, or NULL
    created_at         BIGINT NOT NULL,
    last_activity      BIGINT NOT NULL,
    expires_at         BIGINT NOT NULL,
    authenticated_at   BIGINT NOT NULL,          -- last password entry: the re-authentication window
    is_active          BOOLEAN NOT NULL DEFAULT TRUE,
    revoked_at         BIGINT,
    revoked_by         TEXT,
    revoked_reason     TEXT,
    refresh_token_hash TEXT NOT NULL UNIQUE      -- SHA-256 of the current refresh token
);
-- Listing a user's active sessions, newest activity first.
CREATE INDEX user_sessions_by_user ON user_sessions (user_id, is_active, last_activity);
-- Cleanup: absolute expiry, idle expiry and long-revoked sessions.
CREATE INDEX user_sessions_by_expiry ON user_sessions (expires_at);
CREATE INDEX user_sessions_by_activity ON user_sessions (last_activity);
CREATE INDEX user_sessions_by_revocation ON user_sessions (revoked_at) WHERE revoked_at IS NOT NULL;

-- Refresh tokens that were rotated away: presenting one again is theft.
CREATE TABLE used_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES user_sessions(id) ON DELETE CASCADE,
    used_at    BIGINT NOT NULL
);
CREATE INDEX used_refresh_tokens_by_session ON used_refresh_tokens (session_id);

CREATE TABLE audit_events (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- newest = largest
    id                TEXT NOT NULL UNIQUE,
    at                BIGINT NOT NULL,
    actor_user_id     TEXT,
    action            TEXT NOT NULL,
    target_user_id    TEXT,
    target_session_id TEXT,
    ip_address        TEXT,
    reason            TEXT
);
CREATE INDEX audit_events_by_actor ON audit_events (actor_user_id, seq);
CREATE INDEX audit_events_by_target ON audit_events (target_user_id, seq);

-- The id lets the cleanup delete bounded batches (PostgreSQL has no stable rowid).
CREATE TABLE login_failures (
    id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL,   -- "account:<email_key>" or "address:<ip>"
    at  BIGINT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);
CREATE INDEX login_failures_by_time ON login_failures (at);
