-- Signing out every other session of an account runs in batches, so that thousands of
-- sessions never hold the write lock at once. The session doing it claims the account
-- here first: another session asking the same at the same moment finds the claim and is
-- signed out, not in charge (one survives). A claim older than a minute is abandoned.
CREATE TABLE sign_out_claims (
    user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    started_at BIGINT NOT NULL
);
