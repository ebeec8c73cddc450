-- Failed and throttled sign-ins for emails that are no account hold a stranger's IP address
-- and nothing an account holder can see: the cleanup deletes them after --retention, in
-- batches, along this index.
CREATE INDEX audit_events_unknown_login_failures ON audit_events (at)
    WHERE action IN ('login_failed', 'login_throttled') AND target_user_id IS NULL;
