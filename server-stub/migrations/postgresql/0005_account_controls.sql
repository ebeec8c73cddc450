-- API v1.1 account controls, as in SQLite: the user's own name for a session (NULL: none),
-- and an account's own idle timeout (NULL: the server's --idle-timeout; never longer than it).
ALTER TABLE user_sessions ADD COLUMN name TEXT;
ALTER TABLE users ADD COLUMN idle_timeout_ms BIGINT;

-- A session list shows the name: renaming changes the list, so it changes the version the
-- servers cache lists under.
CREATE OR REPLACE FUNCTION user_sessions_version_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1
    WHERE id IN (SELECT n.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE (n.is_active, n.last_activity, n.expires_at, n.device_info, n.ip_address,
                        n.location_data, n.name)
                       IS DISTINCT FROM (o.is_active, o.last_activity, o.expires_at, o.device_info,
                                         o.ip_address, o.location_data, o.name));
    RETURN NULL;
END
$$;

-- Which sessions are live depends on the account's idle timeout: changing it changes the list.
CREATE FUNCTION users_idle_timeout_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sessions_version := OLD.sessions_version + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER users_idle_timeout_version BEFORE UPDATE OF idle_timeout_ms ON users
    FOR EACH ROW WHEN (NEW.idle_timeout_ms IS DISTINCT FROM OLD.idle_timeout_ms)
    EXECUTE FUNCTION users_idle_timeout_version();

-- The cleanup job finds the sessions idle past their account's own timeout from here.
CREATE INDEX users_with_idle_timeout ON users (id) WHERE idle_timeout_ms IS NOT NULL;
