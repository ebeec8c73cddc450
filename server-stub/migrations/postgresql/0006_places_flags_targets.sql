-- API v1.1: where a session was last seen, its unusual-sign-in flags, and which device each
-- audit event was about. See the SQLite migration of the same number for the stored forms.
ALTER TABLE user_sessions ADD COLUMN last_ip_address TEXT;
ALTER TABLE user_sessions ADD COLUMN last_location_data TEXT;  -- a place, as location_data
ALTER TABLE user_sessions ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';  -- JSON array of flag names
UPDATE user_sessions SET last_ip_address = ip_address, last_location_data = location_data;

-- The target session as it was when the event was written, kept when the session is purged;
-- filled in by the trigger below, so that no write path can forget it.
ALTER TABLE audit_events ADD COLUMN target_session TEXT;

CREATE FUNCTION audit_events_target_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.target_session_id IS NOT NULL AND NEW.target_session IS NULL THEN
        NEW.target_session := (
            SELECT json_build_object('name', s.name, 'device_info', s.device_info::json,
                                     'location_data', s.location_data::json)::text
            FROM user_sessions s WHERE s.id = NEW.target_session_id);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_events_target_session BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_target_session();

-- What an account has signed in with and from (see the SQLite migration).
CREATE TABLE known_sign_ins (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mark    TEXT NOT NULL,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, mark)
);

INSERT INTO known_sign_ins (user_id, mark, last_at)
SELECT user_id, 'device:' || coalesce(device_info::json->>'browser', '') || '|' ||
                coalesce(device_info::json->>'os', '') || '|' ||
                coalesce(device_info::json->>'device_type', 'unknown'),
       max(created_at)
FROM user_sessions GROUP BY 1, 2
ON CONFLICT DO NOTHING;
INSERT INTO known_sign_ins (user_id, mark, last_at)
SELECT user_id, 'country:' || (location_data::json->>'country_code'), max(created_at)
FROM user_sessions WHERE location_data::json->>'country_code' IS NOT NULL GROUP BY 1, 2
ON CONFLICT DO NOTHING;

-- Session lists show the last-seen place and the flags: a change must change the version.
CREATE OR REPLACE FUNCTION user_sessions_version_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1
    WHERE id IN (SELECT n.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE (n.is_active, n.last_activity, n.expires_at, n.device_info, n.ip_address,
                        n.location_data, n.name, n.last_ip_address, n.last_location_data, n.flags)
                       IS DISTINCT FROM (o.is_active, o.last_activity, o.expires_at, o.device_info,
                                         o.ip_address, o.location_data, o.name, o.last_ip_address,
                                         o.last_location_data, o.flags));
    RETURN NULL;
END
$$;
