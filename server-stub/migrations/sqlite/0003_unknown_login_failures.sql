-- Failed sign-ins for addresses that are no account hold a stranger's IP address and nothing
-- an account holder can see: the cleanup deletes them after --retention, in batches, along
-- this index.
CREATE INDEX audit_events_unknown_login_failures ON audit_events (at)
    WHERE action = 'login_failed' AND target_user_id IS NULL;
