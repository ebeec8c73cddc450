-- API v1.1: where a session was last seen, its unusual-sign-in flags, and which device each
-- audit event was about.
--
-- location_data now holds a place with every name the GeoIP database had for it
-- ({"city": {"en": "Munich", "de": "München"}, …, "country_code": "DE"}), so that it can be
-- named in each reader's language; rows written before keep their one name per field, and
-- readers accept both forms.
ALTER TABLE user_sessions ADD COLUMN last_ip_address TEXT;
ALTER TABLE user_sessions ADD COLUMN last_location_data TEXT;  -- a place, as location_data
ALTER TABLE user_sessions ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';  -- JSON array of flag names
UPDATE user_sessions SET last_ip_address = ip_address, last_location_data = location_data;

-- The target session as it was when the event was written: {"name", "device_info",
-- "location_data"} (a place), kept when the session itself is purged. Filled in by the
-- trigger below, so that no write path, server or command-line tool can forget it.
ALTER TABLE audit_events ADD COLUMN target_session TEXT;

CREATE TRIGGER audit_events_target_session AFTER INSERT ON audit_events
WHEN NEW.target_session_id IS NOT NULL AND NEW.target_session IS NULL
BEGIN
    UPDATE audit_events SET target_session = (
        SELECT json_object('name', s.name, 'device_info', json(s.device_info),
                           'location_data', json(s.location_data))
        FROM user_sessions s WHERE s.id = NEW.target_session_id)
    WHERE seq = NEW.seq;
END;

-- What an account has signed in with and from: one row per device (browser family, OS
-- family, device type) and per country, with the last sign-in that used it. Never purged
-- with old sessions (a handful of rows per account), so flags do not depend on --retention.
CREATE TABLE known_sign_ins (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mark    TEXT NOT NULL,     -- "device:<browser>|<os>|<type>" or "country:<ISO code>"
    last_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, mark)
) WITHOUT ROWID;

-- What the sessions kept so far say, so that an account's next sign-in is judged against
-- them rather than taken for its first.
INSERT OR IGNORE INTO known_sign_ins (user_id, mark, last_at)
SELECT user_id, 'device:' || coalesce(json_extract(device_info, '$.browser'), '') || '|' ||
                coalesce(json_extract(device_info, '$.os'), '') || '|' ||
                coalesce(json_extract(device_info, '$.device_type'), 'unknown'),
       max(created_at)
FROM user_sessions GROUP BY 1, 2;
INSERT OR IGNORE INTO known_sign_ins (user_id, mark, last_at)
SELECT user_id, 'country:' || json_extract(location_data, '$.country_code'), max(created_at)
FROM user_sessions WHERE json_extract(location_data, '$.country_code') IS NOT NULL GROUP BY 1, 2;

-- Session lists show the last-seen place and the flags: a change must change the version.
DROP TRIGGER user_sessions_version_on_update;
CREATE TRIGGER user_sessions_version_on_update
    AFTER UPDATE OF is_active, last_activity, expires_at, device_info, ip_address, location_data, name,
                    last_ip_address, last_location_data, flags ON user_sessions
BEGIN
    UPDATE users SET sessions_version = sessions_version + 1 WHERE id = NEW.user_id;
END;
