-- Live event streams read the audit trail by seq ("everything after the last seq delivered"),
-- so a row must never become visible after a row with a larger seq. A sequence alone does
-- not promise that: values are taken at insert and transactions commit in any order. Every
-- statement that inserts audit events therefore first takes one transaction-scoped advisory
-- lock, in a BEFORE STATEMENT trigger, which fires before the statement's rows (and so their
-- seq values) are formed; the lock is held until commit, so audit-writing transactions commit
-- one at a time, in seq order. The cost is that those transactions (sign-ins, revocations)
-- queue for the moment between their audit insert and their commit, which every write path
-- keeps as its last step.
CREATE FUNCTION vigie_audit_events_serialize() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(24322740867891203); -- 0x5669676965'0003
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_events_serialize BEFORE INSERT ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION vigie_audit_events_serialize();

-- Every server LISTENs on vigie_audit; the notification, sent at commit, names the event by its
-- seq, and the rows stay the truth (a listener that missed some reads from its last seq).
CREATE FUNCTION vigie_audit_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vigie_audit', NEW.seq::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_events_notify AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION vigie_audit_events_notify();
