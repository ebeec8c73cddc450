-- API v1.1 account controls: the user's own name for a session (NULL: none), and an
-- account's own idle timeout (NULL: the server's --idle-timeout; never longer than it).
ALTER TABLE user_sessions ADD COLUMN name TEXT;
ALTER TABLE users ADD COLUMN idle_timeout_ms INTEGER;

-- A session list shows the name: renaming changes the list, so it changes the version the
-- servers cache lists under.
DROP TRIGGER user_sessions_version_on_update;
CREATE TRIGGER user_sessions_version_on_update
    AFTER UPDATE OF is_active, last_activity, expires_at, device_info, ip_address, location_data, name
    ON user_sessions
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1 WHERE id = NEW.user_id;
END;

-- Which sessions are live depends on the account's idle timeout: changing it changes the list.
CREATE TRIGGER users_idle_timeout_version AFTER UPDATE OF idle_timeout_ms ON users
    WHEN NEW.idle_timeout_ms IS NOT OLD.idle_timeout_ms
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1 WHERE id = NEW.id;
END;

-- The cleanup job finds the sessions idle past their account's own timeout from here.
CREATE INDEX users_with_idle_timeout ON users (id) WHERE idle_timeout_ms IS NOT NULL;
