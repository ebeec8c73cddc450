-- A per-user counter that changes whenever any of the user's sessions changes (sign-in,
-- activity, refresh, revocation, purge), kept by triggers so that no write path, server
-- or command-line tool can forget it. Servers cache a user's session list under it.
ALTER TABLE users ADD COLUMN sessions_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER user_sessions_version_on_insert AFTER INSERT ON user_sessions
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1 WHERE id = NEW.user_id;
END;

CREATE TRIGGER user_sessions_version_on_update
    AFTER UPDATE OF is_active, last_activity, expires_at, device_info, ip_address, location_data ON user_sessions
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1 WHERE id = NEW.user_id;
END;

CREATE TRIGGER user_sessions_version_on_delete AFTER DELETE ON user_sessions
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1 WHERE id = OLD.user_id;
END;
