#include "store/SqlStore.h"

#include "crypto/Random.h"

#include <algorithm>
#include <map>

namespace vigie::server {

namespace {

using storevalues::emailKey;

UserRecord readUser(const SqlRows& r)
{
    UserRecord u;
    u.id = r.text(0);
    u.email = r.text(1);
    u.displayName = r.text(2);
    u.role = roleFromString(r.text(3)).value_or(Role::User);
    u.passwordHash = r.text(4);
    u.disabled = !r.isNull(5);
    u.idleTimeout = r.optDuration(6);
    return u;
}

SessionRecord readSession(const SqlRows& r)
{
    SessionRecord s;
    s.id = r.text(0);
    s.userId = r.text(1);
    s.deviceInfoJson = r.text(2);
    s.ipAddress = r.optText(3);
    s.locationDataJson = r.optText(4);
    s.createdAt = r.time(5);
    s.lastActivity = r.time(6);
    s.expiresAt = r.time(7);
    s.authenticatedAt = r.time(8);
    s.isActive = r.boolean(9);
    s.revokedAt = r.optTime(10);
    s.revokedBy = r.optText(11);
    s.revokedReason = r.optText(12);
    s.refreshTokenHash = r.text(13);
    s.name = r.optText(14);
    return s;
}

AuditRecord readAudit(const SqlRows& r)
{
    AuditRecord e;
    e.id = r.text(0);
    e.at = r.time(1);
    e.actorUserId = r.optText(2);
    e.action = r.text(3);
    e.targetUserId = r.optText(4);
    e.targetSessionId = r.optText(5);
    e.ipAddress = r.optText(6);
    e.reason = r.optText(7);
    return e;
}

SessionAuthView readAuthView(const SqlRows& r)
{
    SessionAuthView v;
    v.userId = r.text(0);
    v.role = roleFromString(r.text(1)).value_or(Role::User);
    v.userDisabled = !r.isNull(2);
    v.isActive = r.boolean(3);
    v.expiresAt = r.time(4);
    v.lastActivity = r.time(5);
    v.authenticatedAt = r.time(6);
    v.sessionsVersion = r.integer(7);
    v.accountIdleTimeout = r.optDuration(8);
    return v;
}

std::string auditId(const AuditRecord& e)
{
    return e.id.empty() ? newUuid() : e.id;
}

void insertAudit(SqlConnection& c, const char* sql, const AuditRecord& e)
{
    const std::string id = auditId(e);
    execute(c, sql, id, e.at, e.actorUserId, e.action, e.targetUserId, e.targetSessionId, e.ipAddress,
            e.reason);
}

// The parameters of SqlStatements::revokeOtherSessions; the values must outlive the statement.
std::array<SqlValue, 10> otherSessionsParams(const std::string& userId, const std::string& keepSessionId,
                                             TimePoint now, TimePoint idleCutoff, const AuditRecord& e,
                                             int batch)
{
    return {sqlValue(userId),         sqlValue(keepSessionId), sqlValue(now),
            sqlValue(idleCutoff),     sqlValue(e.actorUserId), sqlValue(e.action),
            sqlValue(e.targetUserId), sqlValue(e.ipAddress),   sqlValue(e.reason),
            sqlValue(batch)};
}

template <typename Read> auto readAll(SqlRows& rows, Read read)
{
    std::vector<decltype(read(rows))> out;
    while (rows.next())
        out.push_back(read(rows));
    return out;
}

} // namespace

int SqlStore::executeAll(SqlConnection& c, const SqlScript& script, std::span<const SqlValue> params)
{
    int changed = 0;
    for (const char* sql : script)
        changed = c.execute(sql, params);
    return changed;
}

int SqlStore::runScript(SqlConnection& c, const SqlScript& script, std::span<const SqlValue> params)
{
    if (script.size() == 1)
        return c.execute(script.front(), params);
    SqlTransaction tx(c);
    const int changed = executeAll(c, script, params);
    tx.commit();
    return changed;
}

int SqlStore::migrate()
{
    const int applied = migrateSchema();
    rekeyEmails();
    return applied;
}

void SqlStore::rekeyEmails()
{
    run(Access::Write, [&](SqlConnection& c) {
        SqlTransaction tx(c);
        struct Row
        {
            std::string id, key;
        };
        std::vector<Row> changed;
        std::map<std::string, std::string> owners; // new key → user id
        {
            const auto r = query(c, m_sql.userEmails);
            while (r->next()) {
                const std::string id = r->text(0), key = emailKey(r->text(1));
                if (const auto [it, added] = owners.emplace(key, id); !added)
                    throw StoreError("accounts " + it->second + " and " + id +
                                     " have the same email once case is compared beyond ASCII; change one "
                                     "of the two addresses (or disable and rename the account) with the "
                                     "previous version, then start this one");
                if (key != r->text(2))
                    changed.push_back({id, key});
            }
        }
        // Through a temporary key each, so that keys trading places never meet in the index.
        for (const auto& row : changed)
            execute(c, m_sql.setEmailKey, row.id, "rekey:" + row.id);
        for (const auto& row : changed)
            execute(c, m_sql.setEmailKey, row.id, row.key);
        tx.commit();
    });
}

void SqlStore::ping()
{
    run(Access::Read, [](SqlConnection& c) { query(c, "SELECT 1")->next(); });
}

bool SqlStore::insertUser(const UserRecord& u)
{
    const std::string key = emailKey(u.email);
    const std::string role = toString(u.role);
    return run(Access::Write, [&](SqlConnection& c) {
        return execute(c, m_sql.insertUser, u.id, u.email, key, u.displayName, role, u.passwordHash) == 1;
    });
}

std::optional<UserRecord> SqlStore::findUserByEmail(const std::string& email)
{
    const std::string key = emailKey(email);
    return run(Access::Read, [&](SqlConnection& c) -> std::optional<UserRecord> {
        const auto r = query(c, m_sql.userByEmailKey, key);
        return r->next() ? std::optional(readUser(*r)) : std::nullopt;
    });
}

std::optional<UserRecord> SqlStore::findUserById(const std::string& id)
{
    return run(Access::Read, [&](SqlConnection& c) -> std::optional<UserRecord> {
        const auto r = query(c, m_sql.userById, id);
        return r->next() ? std::optional(readUser(*r)) : std::nullopt;
    });
}

void SqlStore::updatePassword(const std::string& userId, const std::string& passwordHash)
{
    run(Access::Write, [&](SqlConnection& c) { execute(c, m_sql.updatePassword, userId, passwordHash); });
}

void SqlStore::setIdleTimeout(const std::string& userId, std::optional<std::chrono::milliseconds> timeout,
                              const AuditRecord& event)
{
    run(Access::Write, [&](SqlConnection& c) {
        SqlTransaction tx(c);
        execute(c, m_sql.setIdleTimeout, userId, timeout);
        insertAudit(c, m_sql.insertAudit, event);
        tx.commit();
    });
}

bool SqlStore::isLive(SqlConnection& c, const std::string& userId, const std::string& sessionId,
                      TimePoint now, TimePoint idleCutoff) const
{
    const auto r = query(c, m_sql.liveSession, userId, sessionId, now, idleCutoff);
    return r->next() && !r->isNull(0) && r->boolean(0);
}

bool SqlStore::claimSignOut(SqlConnection& c, const std::string& userId, const std::string& keepSessionId,
                            TimePoint now, TimePoint idleCutoff) const
{
    return execute(c, m_sql.claimSignOut, userId, keepSessionId, now, now - kSignOutAbandonedAfter) == 1 &&
           isLive(c, userId, keepSessionId, now, idleCutoff);
}

std::optional<int> SqlStore::changePassword(const std::string& userId, const std::string& passwordHash,
                                            const std::string& keepSessionId, bool signOutOthers,
                                            TimePoint now, TimePoint idleCutoff, const AuditRecord& e,
                                            const AuditRecord& revoked)
{
    const std::string eventId = auditId(e);
    const std::array authenticated{
        sqlValue(keepSessionId), sqlValue(now),      sqlValue(eventId),        sqlValue(e.at),
        sqlValue(e.actorUserId), sqlValue(e.action), sqlValue(e.targetUserId), sqlValue(e.targetSessionId),
        sqlValue(e.ipAddress),   sqlValue(e.reason)};
    const auto others = otherSessionsParams(userId, keepSessionId, now, idleCutoff, revoked, kSignOutBatch);
    return run(Access::Write, [&](SqlConnection& c) -> std::optional<int> {
        // One transaction, in the lock order of revokeOtherSessions (the account's claim, the
        // sessions, then the user row): a session revoked by a concurrent sign-out or password
        // change of another session finds itself no longer live and changes nothing.
        SqlTransaction tx(c);
        if (!claimSignOut(c, userId, keepSessionId, now, idleCutoff))
            return std::nullopt;
        int count = 0;
        for (int batch = kSignOutBatch; signOutOthers && batch == kSignOutBatch; count += batch)
            batch = executeAll(c, m_sql.revokeOtherSessions, others);
        executeAll(c, m_sql.markAuthenticated, authenticated);
        execute(c, m_sql.updatePassword, userId, passwordHash);
        execute(c, m_sql.releaseSignOut, userId, keepSessionId);
        tx.commit();
        return count;
    });
}

std::optional<int> SqlStore::resetPassword(const std::string& email, const std::string& passwordHash,
                                           TimePoint now, const AuditRecord& e, const AuditRecord& revoked)
{
    const std::string key = emailKey(email);
    return run(Access::Write, [&](SqlConnection& c) -> std::optional<int> {
        SqlTransaction tx(c);
        std::string userId;
        {
            const auto user = query(c, m_sql.userIdByEmailKey, key);
            if (!user->next())
                return std::nullopt;
            userId = user->text(0);
        }
        // Sessions first, then the user: the lock order of disableUser.
        const std::array params{sqlValue(userId),
                                sqlValue(now),
                                SqlValue(),
                                sqlValue("password_reset"),
                                sqlValue(revoked.actorUserId),
                                sqlValue(revoked.action),
                                sqlValue(revoked.reason)};
        const int count = executeAll(c, m_sql.revokeAllSessions, params);
        execute(c, m_sql.updatePassword, userId, passwordHash);
        AuditRecord event = e;
        event.targetUserId = userId;
        insertAudit(c, m_sql.insertAudit, event);
        tx.commit();
        return count;
    });
}

bool SqlStore::disableUser(const std::string& email, TimePoint now)
{
    const std::string key = emailKey(email);
    return run(Access::Write, [&](SqlConnection& c) {
        SqlTransaction tx(c);
        std::string userId;
        {
            const auto user = query(c, m_sql.userIdByEmailKey, key);
            if (!user->next())
                return false;
            userId = user->text(0);
        }
        // Sessions first, then the user: the same lock order as every other writer (a session
        // row, then its user's sessions_version through the trigger), so no deadlock.
        const std::array params{sqlValue(userId),
                                sqlValue(now),
                                SqlValue(),
                                sqlValue("account_disabled"),
                                SqlValue(),
                                sqlValue("session_revoked"),
                                sqlValue("account disabled")};
        executeAll(c, m_sql.revokeAllSessions, params);
        execute(c, m_sql.disableUser, userId, now);
        tx.commit();
        return true;
    });
}

void SqlStore::insertSession(const SessionRecord& s, const AuditRecord& e, TimePoint idleCutoff,
                             int maxActiveSessions)
{
    const std::string eventId = auditId(e);
    const std::array params{sqlValue(s.id),
                            sqlValue(s.userId),
                            sqlValue(s.deviceInfoJson),
                            sqlValue(s.ipAddress),
                            sqlValue(s.locationDataJson),
                            sqlValue(s.createdAt),
                            sqlValue(s.lastActivity),
                            sqlValue(s.expiresAt),
                            sqlValue(s.authenticatedAt),
                            sqlValue(s.refreshTokenHash),
                            sqlValue(eventId),
                            sqlValue(e.at),
                            sqlValue(e.actorUserId),
                            sqlValue(e.action),
                            sqlValue(e.targetUserId),
                            sqlValue(e.targetSessionId),
                            sqlValue(e.ipAddress),
                            sqlValue(e.reason)};
    const std::array limitParams{sqlValue(s.userId),
                                 sqlValue(s.createdAt),
                                 sqlValue(idleCutoff),
                                 sqlValue(maxActiveSessions),
                                 sqlValue(s.userId),
                                 sqlValue(s.ipAddress),
                                 sqlValue("session limit reached")};
    run(Access::Write, [&](SqlConnection& c) {
        SqlTransaction tx(c);
        executeAll(c, m_sql.insertSession, params);
        executeAll(c, m_sql.revokeOverLimit, limitParams);
        tx.commit();
    });
}

std::optional<SessionAuthView> SqlStore::sessionForAuth(const std::string& sessionId)
{
    return run(Access::Read, [&](SqlConnection& c) -> std::optional<SessionAuthView> {
        const auto r = query(c, m_sql.sessionForAuth, sessionId);
        return r->next() ? std::optional(readAuthView(*r)) : std::nullopt;
    });
}

std::vector<SessionRecord> SqlStore::activeSessions(const std::string& userId, TimePoint now,
                                                    TimePoint idleCutoff)
{
    return run(Access::Read, [&](SqlConnection& c) {
        const auto r = query(c, m_sql.liveSessions, userId, now, idleCutoff);
        return readAll(*r, readSession);
    });
}

void SqlStore::touchSession(const std::string& sessionId, TimePoint now)
{
    run(Access::Write, [&](SqlConnection& c) { execute(c, m_sql.touchSession, sessionId, now); });
}

void SqlStore::markAuthenticated(const std::string& sessionId, TimePoint now, const AuditRecord& e)
{
    const std::string eventId = auditId(e);
    const std::array params{
        sqlValue(sessionId),     sqlValue(now),      sqlValue(eventId),        sqlValue(e.at),
        sqlValue(e.actorUserId), sqlValue(e.action), sqlValue(e.targetUserId), sqlValue(e.targetSessionId),
        sqlValue(e.ipAddress),   sqlValue(e.reason)};
    run(Access::Write, [&](SqlConnection& c) { runScript(c, m_sql.markAuthenticated, params); });
}

std::optional<SessionRecord> SqlStore::renameSession(const std::string& userId, const std::string& sessionId,
                                                     const std::optional<std::string>& name, TimePoint now,
                                                     TimePoint idleCutoff, const AuditRecord& event)
{
    return run(Access::Write, [&](SqlConnection& c) -> std::optional<SessionRecord> {
        SqlTransaction tx(c);
        std::optional<SessionRecord> renamed;
        {
            const auto r = query(c, m_sql.renameSession, userId, sessionId, name, now, idleCutoff);
            if (!r->next())
                return std::nullopt;
            renamed = readSession(*r);
        }
        insertAudit(c, m_sql.insertAudit, event);
        tx.commit();
        return renamed;
    });
}

RefreshResult SqlStore::rotateRefreshToken(const std::string& oldHash, const std::string& newHash,
                                           TimePoint now, TimePoint idleCutoff, const AuditRecord& reuseEvent)
{
    return run(Access::Write, [&](SqlConnection& c) -> RefreshResult {
        // One transaction: of two concurrent refreshes with the same token, the second one
        // sees the token already rotated away, which is reuse.
        SqlTransaction tx(c);
        std::optional<SessionRecord> current;
        {
            const auto r = query(c, m_sql.sessionByRefreshHash, oldHash);
            if (r->next())
                current = readSession(*r);
        }
        if (current) {
            if (!isLive(c, current->userId, current->id, now, idleCutoff))
                return {RefreshOutcome::Invalid, std::nullopt};
            execute(c, m_sql.recordUsedRefreshToken, oldHash, current->id, now);
            execute(c, m_sql.rotateRefreshToken, current->id, newHash, now);
            tx.commit();
            current->refreshTokenHash = newHash;
            current->lastActivity = std::max(current->lastActivity, now);
            return {RefreshOutcome::Rotated, current};
        }

        // A token rotated away: theft, whether or not the session has ended since (while it is
        // kept, a replayed stolen token leaves a trace). The presenter is not signed in: the
        // event has no actor, and targets the session's owner.
        std::optional<SessionRecord> reused;
        {
            const auto r = query(c, m_sql.sessionOfUsedRefreshToken, oldHash);
            if (!r->next())
                return {RefreshOutcome::Invalid, std::nullopt};
            reused = readSession(*r);
        }
        if (reused->isActive)
            execute(c, m_sql.revokeForReuse, reused->id, now);
        reused->isActive = false;
        AuditRecord e = reuseEvent;
        e.actorUserId.reset();
        e.targetUserId = reused->userId;
        e.targetSessionId = reused->id;
        insertAudit(c, m_sql.insertAudit, e);
        tx.commit();
        return {RefreshOutcome::Reused, reused};
    });
}

bool SqlStore::revokeSession(const std::string& userId, const std::string& sessionId, TimePoint now,
                             TimePoint idleCutoff, const std::optional<std::string>& revokedBy,
                             const std::optional<std::string>& reason, const AuditRecord& e)
{
    const std::string eventId = auditId(e);
    const std::array params{sqlValue(userId),     sqlValue(sessionId),      sqlValue(now),
                            sqlValue(idleCutoff), sqlValue(revokedBy),      sqlValue(reason),
                            sqlValue(eventId),    sqlValue(e.at),           sqlValue(e.actorUserId),
                            sqlValue(e.action),   sqlValue(e.targetUserId), sqlValue(e.ipAddress),
                            sqlValue(e.reason)};
    // Of two servers revoking the same session, one changes the row and writes the event;
    // the other changes nothing and reports it.
    return run(Access::Write, [&](SqlConnection& c) {
        if (m_sql.revokeSession.size() == 1)
            return c.execute(m_sql.revokeSession.front(), params) == 1;
        SqlTransaction tx(c);
        if (c.execute(m_sql.revokeSession.front(), params) != 1)
            return false;
        for (size_t i = 1; i < m_sql.revokeSession.size(); ++i)
            c.execute(m_sql.revokeSession[i], params);
        tx.commit();
        return true;
    });
}

std::optional<int> SqlStore::revokeOtherSessions(const std::string& userId, const std::string& keepSessionId,
                                                 TimePoint now, TimePoint idleCutoff, const AuditRecord& e)
{
    // Batches, each its own short transaction, so that an account with thousands of sessions
    // never holds the write lock (SQLite) or thousands of row locks (PostgreSQL) for long.
    constexpr int kBatch = kSignOutBatch;
    const auto params = otherSessionsParams(userId, keepSessionId, now, idleCutoff, e, kBatch);
    return run(Access::Write, [&](SqlConnection& c) -> std::optional<int> {
        int revoked = 0;
        {
            // The first batch claims the account, then checks that the kept session is live.
            // The claim's row is the account's one lock: a second session asking at the same
            // moment waits on it, then finds the account claimed, or (once the first is done)
            // its own session revoked, and changes nothing. One survives.
            SqlTransaction tx(c);
            if (!claimSignOut(c, userId, keepSessionId, now, idleCutoff))
                return std::nullopt;
            revoked = executeAll(c, m_sql.revokeOtherSessions, params);
            tx.commit();
        }
        try {
            for (int batch = revoked; batch == kBatch;) {
                SqlTransaction tx(c);
                batch = executeAll(c, m_sql.revokeOtherSessions, params);
                tx.commit();
                revoked += batch;
            }
        } catch (...) {
            try {
                execute(c, m_sql.releaseSignOut, userId, keepSessionId);
            } catch (const StoreError&) {
                // The claim is abandoned after a minute; the first error is the one to report.
            }
            throw;
        }
        execute(c, m_sql.releaseSignOut, userId, keepSessionId);
        return revoked;
    });
}

int SqlStore::revokeAllSessions(const std::string& userId, TimePoint now,
                                const std::optional<std::string>& revokedBy, const std::string& revokedReason,
                                const AuditRecord& e)
{
    const std::array params{sqlValue(userId),        sqlValue(now),           sqlValue(revokedBy),
                            sqlValue(revokedReason), sqlValue(e.actorUserId), sqlValue(e.action),
                            sqlValue(e.reason)};
    return run(Access::Write,
               [&](SqlConnection& c) { return runScript(c, m_sql.revokeAllSessions, params); });
}

void SqlStore::appendAudit(const AuditRecord& event)
{
    run(Access::Write, [&](SqlConnection& c) { insertAudit(c, m_sql.insertAudit, event); });
}

std::vector<AuditRecord> SqlStore::auditEvents(const std::optional<std::string>& userId, int limit)
{
    return run(Access::Read, [&](SqlConnection& c) {
        const auto r = userId ? query(c, m_sql.userAudit, limit, *userId) : query(c, m_sql.allAudit, limit);
        return readAll(*r, readAudit);
    });
}

void SqlStore::recordLoginFailure(const std::vector<std::string>& keys, TimePoint now)
{
    run(Access::Write, [&](SqlConnection& c) {
        SqlTransaction tx(c);
        for (const auto& key : keys)
            execute(c, m_sql.insertLoginFailure, key, now);
        tx.commit();
    });
}

std::vector<TimePoint> SqlStore::loginFailures(const std::string& key, TimePoint since)
{
    return run(Access::Read, [&](SqlConnection& c) {
        const auto r = query(c, m_sql.loginFailures, key, since);
        return readAll(*r, [](const SqlRows& row) { return row.time(0); });
    });
}

void SqlStore::clearLoginFailures(const std::string& key)
{
    run(Access::Write, [&](SqlConnection& c) { execute(c, m_sql.clearLoginFailures, key); });
}

bool SqlStore::reserveLoginAttempt(const std::vector<std::string>& keys, TimePoint now, TimePoint since,
                                   int max)
{
    std::vector<std::string> ordered = keys;
    std::sort(ordered.begin(), ordered.end()); // one lock order for every server: no deadlock
    return run(Access::Write, [&](SqlConnection& c) {
        SqlTransaction tx(c);
        for (const auto& key : ordered) {
            if (m_sql.lockLoginKey)
                query(c, m_sql.lockLoginKey, key)->next();
            const auto count = query(c, m_sql.countLoginFailures, key, since, max);
            if (count->next() && count->integer(0) >= max)
                return false;
        }
        for (const auto& key : ordered)
            execute(c, m_sql.insertLoginFailure, key, now);
        tx.commit();
        return true;
    });
}

void SqlStore::releaseLoginAttempt(const std::string& key, TimePoint at)
{
    run(Access::Write, [&](SqlConnection& c) { execute(c, m_sql.releaseLoginFailure, key, at); });
}

int SqlStore::purgeBatch(TimePoint purgeBefore, std::chrono::milliseconds idleTimeout,
                         TimePoint failuresBefore, int batchSize)
{
    return run(Access::Write, [&](SqlConnection& c) {
        SqlTransaction tx(c);
        // One batch at a time across all servers: the others skip this round, and the one
        // that holds the lock keeps going until the backlog is gone.
        if (m_sql.purgeLock) {
            const auto lock = query(c, m_sql.purgeLock);
            if (!lock->next() || !lock->boolean(0))
                return 0;
        }
        // Three bounded index range scans: a UNION of them would first collect every match of
        // all three into a temporary b-tree, which is a million rows when the backlog is large.
        const struct
        {
            const char* sql;
            TimePoint before;
        } ended[] = {
            {m_sql.purgeRevoked, purgeBefore},
            {m_sql.purgeExpired, purgeBefore},
            {m_sql.purgeIdle, purgeBefore - idleTimeout},
            {m_sql.purgeAccountIdle, purgeBefore},
        };
        int deleted = 0;
        for (const auto& step : ended) {
            if (deleted >= batchSize)
                break;
            deleted += execute(c, step.sql, step.before, batchSize - deleted);
        }
        // Failed sign-ins for no account: a stranger's address, kept as long as ended sessions.
        if (deleted < batchSize)
            deleted += execute(c, m_sql.purgeUnknownAccountLoginFailures, purgeBefore, batchSize - deleted);
        execute(c, m_sql.purgeLoginFailures, failuresBefore, batchSize);
        tx.commit();
        return deleted;
    });
}

} // namespace vigie::server
