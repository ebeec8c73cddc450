-- Nothing to do on SQLite: one writer at a time commits audit rows in seq order, and other
-- processes' events are found by polling the newest seq (PostgreSQL's 0007 adds NOTIFY).
SELECT 1;
