-- A per-user counter that changes whenever any of the user's sessions changes (sign-in,
-- activity, refresh, revocation, purge), kept by triggers so that no write path, server
-- or command-line tool can forget it. Servers cache a user's session list under it.
-- Statement-level triggers bump each user once per statement: revoking 10,000 sessions in
-- one UPDATE writes the user's row once, not 10,000 times.
ALTER TABLE users ADD COLUMN sessions_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION user_sessions_version_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1
    WHERE id IN (SELECT user_id FROM new_rows);
    RETURN NULL;
END
$$;

-- Only the columns a session list shows or filters on count, as in the SQLite trigger.
CREATE FUNCTION user_sessions_version_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1
    WHERE id IN (SELECT n.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE (n.is_active, n.last_activity, n.expires_at, n.device_info, n.ip_address,
                        n.location_data)
                       IS DISTINCT FROM (o.is_active, o.last_activity, o.expires_at, o.device_info,
                                         o.ip_address, o.location_data));
    RETURN NULL;
END
$$;

CREATE FUNCTION user_sessions_version_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1
    WHERE id IN (SELECT user_id FROM old_rows);
    RETURN NULL;
END
$$;

CREATE TRIGGER user_sessions_version_on_insert AFTER INSERT ON user_sessions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION user_sessions_version_on_insert();

CREATE TRIGGER user_sessions_version_on_update AFTER UPDATE ON user_sessions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION user_sessions_version_on_update();

CREATE TRIGGER user_sessions_version_on_delete AFTER DELETE ON user_sessions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION user_sessions_version_on_delete();
