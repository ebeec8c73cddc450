#pragma once

#include "store/SessionStore.h"
#include "store/SqlConnection.h"

#include <functional>
#include <optional>
#include <type_traits>
#include <vector>

// The columns every dialect selects in this order, so that one reader maps the rows.
#define VIGIE_USER_COLUMNS "id, email, display_name, role, password_hash, disabled_at, idle_timeout_ms"
#define VIGIE_SESSION_COLUMNS                                                                                \
    "id, user_id, device_info, ip_address, location_data, created_at, last_activity, expires_at, "           \
    "authenticated_at, is_active, revoked_at, revoked_by, revoked_reason, refresh_token_hash, name"
#define VIGIE_AUDIT_COLUMNS                                                                                  \
    "id, at, actor_user_id, action, target_user_id, target_session_id, ip_address, reason"
#define VIGIE_AUTH_VIEW_COLUMNS                                                                              \
    "s.user_id, u.role, u.disabled_at, s.is_active, s.expires_at, s.last_activity, s.authenticated_at, "     \
    "u.sessions_version, u.idle_timeout_ms"
// An account's own idle timeout (API.md v1.1 settings) on top of the server's cut-off, for a
// session row (`session`: its table or alias) at the time `now` (a parameter): the rule of
// effectiveIdleTimeout() in SQL, the same text in both dialects.
#define VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(session, now)                                                      \
    "NOT EXISTS (SELECT 1 FROM users iu WHERE iu.id = " session ".user_id AND " session                      \
    ".last_activity <= " now " - iu.idle_timeout_ms)"

namespace vigie::server {

// A dialect's SQL text for each step SqlStore takes, with the parameters in the order given.
// A step of several statements (a SqlScript) runs them in one transaction with the same
// parameters; a dialect that can do it in one statement gives one.
using SqlScript = std::vector<const char*>;

struct SqlStatements
{
    const char* insertUser; // id, email, email key, display name, role, password hash → 1 row changed or 0
    const char* userByEmailKey;   // email key → user columns
    const char* userById;         // id → user columns
    const char* updatePassword;   // user id, hash
    const char* setIdleTimeout;   // user id, milliseconds or null
    const char* userIdByEmailKey; // email key → id
    const char* userEmails;       // → id, email, email key
    const char* setEmailKey;      // id, email key
    // user id, now, revoked by, revoked reason, event actor, event action, event reason.
    // The last statement's row count is the number of sessions revoked; each gets an event.
    SqlScript revokeAllSessions;
    const char* disableUser; // user id, now

    // session id, user id, device info, ip, location, created, last activity, expires,
    // authenticated, refresh hash, then the event: id, at, actor, action, target user,
    // target session, ip, reason
    SqlScript insertSession;
    // user id, now, idle cut-off, how many to keep, event actor, event ip, event reason: revokes
    // the live sessions past the newest ones kept, one session_revoked event each.
    SqlScript revokeOverLimit;
    const char* insertAudit;    // event id, at, actor, action, target user, target session, ip, reason
    const char* sessionForAuth; // session id → auth view columns
    const char* liveSessions;   // user id, now, idle cut-off → session columns, last activity first
    const char* touchSession;   // session id, now
    // session id, now, then the event as in insertSession
    SqlScript markAuthenticated;
    // user id, session id, name, now, idle cut-off → the renamed live session's columns
    const char* renameSession;

    // Rotation: the session whose current refresh hash this is (locked against a concurrent
    // rotation where the dialect needs it) → session columns.
    const char* sessionByRefreshHash;      // hash
    const char* recordUsedRefreshToken;    // hash, session id, now
    const char* rotateRefreshToken;        // session id, new hash, now
    const char* sessionOfUsedRefreshToken; // hash → session columns, whether still active or not
    const char* revokeForReuse;            // session id, now

    // user id, session id, now, idle cut-off, revoked by, reason, then the event: id, at,
    // actor, action, target user, ip, reason. The last statement's row count is 1 when revoked.
    SqlScript revokeSession;
    // user id, session id, now, idle cut-off → true when that session of the user is live
    const char* liveSession;
    // user id, keep session id, now, abandoned before → 1 row changed when the claim is ours
    const char* claimSignOut;
    const char* releaseSignOut; // user id, keep session id
    // user id, keep session id, now, idle cut-off, actor, action, target user, ip, reason,
    // batch size: the next batch of the other live sessions. The last
    // statement's row count is the number of sessions revoked; each gets an event.
    SqlScript revokeOtherSessions;

    const char* allAudit;  // limit → audit columns, newest first
    const char* userAudit; // limit, user id → audit columns, newest first

    const char* insertLoginFailure; // key, at
    const char* loginFailures;      // key, since → at, oldest first
    const char* clearLoginFailures; // key
    // Reserving an attempt: the lock that serialises attempts on one key across servers for
    // the transaction (null where the database has one writer anyway), the count of a key's
    // failures (key, since, limit → at most limit), and taking one back (key, at).
    const char* lockLoginKey;
    const char* countLoginFailures;
    const char* releaseLoginFailure;

    // Purge: the lock that lets one server purge at a time (→ true when taken; null where the
    // database has one writer anyway), then each bounded delete: before, limit.
    const char* purgeLock;
    const char* purgeRevoked;
    const char* purgeExpired;
    const char* purgeIdle;
    const char* purgeAccountIdle; // idle past the account's own timeout: before (not minus it), limit
    const char* purgeLoginFailures;
    const char* purgeUnknownAccountLoginFailures; // audit events: before, limit
};

// SessionStore written once over a dialect's connection and SQL text: row mapping, the
// live-session rule, the rotation decision and the purge plan live here.
class SqlStore : public SessionStore
{
public:
    // The dialect's numbered SQL migrations, then the email keys recomputed wherever the
    // folding rule changed (refusing to go on when two accounts would share a key).
    int migrate() override;
    void ping() override;

    bool insertUser(const UserRecord& user) override;
    std::optional<UserRecord> findUserByEmail(const std::string& email) override;
    std::optional<UserRecord> findUserById(const std::string& id) override;
    void updatePassword(const std::string& userId, const std::string& passwordHash) override;
    void setIdleTimeout(const std::string& userId, std::optional<std::chrono::milliseconds> timeout,
                        const AuditRecord& event) override;
    std::optional<int> changePassword(const std::string& userId, const std::string& passwordHash,
                                      const std::string& keepSessionId, bool signOutOthers, TimePoint now,
                                      TimePoint idleCutoff, const AuditRecord& event,
                                      const AuditRecord& revokedEventTemplate) override;
    std::optional<int> resetPassword(const std::string& email, const std::string& passwordHash, TimePoint now,
                                     const AuditRecord& event,
                                     const AuditRecord& revokedEventTemplate) override;
    bool disableUser(const std::string& email, TimePoint now) override;

    void insertSession(const SessionRecord& session, const AuditRecord& event, TimePoint idleCutoff,
                       int maxActiveSessions) override;
    std::optional<SessionAuthView> sessionForAuth(const std::string& sessionId) override;
    std::vector<SessionRecord> activeSessions(const std::string& userId, TimePoint now,
                                              TimePoint idleCutoff) override;
    void touchSession(const std::string& sessionId, TimePoint now) override;
    void markAuthenticated(const std::string& sessionId, TimePoint now, const AuditRecord& event) override;
    std::optional<SessionRecord> renameSession(const std::string& userId, const std::string& sessionId,
                                               const std::optional<std::string>& name, TimePoint now,
                                               TimePoint idleCutoff, const AuditRecord& event) override;
    RefreshResult rotateRefreshToken(const std::string& oldHash, const std::string& newHash, TimePoint now,
                                     TimePoint idleCutoff, const AuditRecord& reuseEvent) override;
    bool revokeSession(const std::string& userId, const std::string& sessionId, TimePoint now,
                       TimePoint idleCutoff, const std::optional<std::string>& revokedBy,
                       const std::optional<std::string>& reason, const AuditRecord& event) override;
    std::optional<int> revokeOtherSessions(const std::string& userId, const std::string& keepSessionId,
                                           TimePoint now, TimePoint idleCutoff,
                                           const AuditRecord& eventTemplate) override;
    int revokeAllSessions(const std::string& userId, TimePoint now,
                          const std::optional<std::string>& revokedBy, const std::string& revokedReason,
                          const AuditRecord& eventTemplate) override;

    void appendAudit(const AuditRecord& event) override;
    std::vector<AuditRecord> auditEvents(const std::optional<std::string>& userId, int limit) override;

    void recordLoginFailure(const std::vector<std::string>& keys, TimePoint now) override;
    std::vector<TimePoint> loginFailures(const std::string& key, TimePoint since) override;
    void clearLoginFailures(const std::string& key) override;
    bool reserveLoginAttempt(const std::vector<std::string>& keys, TimePoint now, TimePoint since,
                             int max) override;
    void releaseLoginAttempt(const std::string& key, TimePoint at) override;

    int purgeBatch(TimePoint purgeBefore, std::chrono::milliseconds idleTimeout, TimePoint failuresBefore,
                   int batchSize) override;

protected:
    enum class Access { Read, Write };
    explicit SqlStore(const SqlStatements& sql) : m_sql(sql) {}

    // Runs work on a connection of the dialect's pool; Write: one writer at a time where
    // the database needs it. The dialect may run work again after a retryable conflict.
    virtual void withConnection(Access access, const std::function<void(SqlConnection&)>& work) = 0;
    virtual int migrateSchema() = 0;

private:
    template <typename Work> auto run(Access access, Work&& work)
    {
        using Result = std::invoke_result_t<Work&, SqlConnection&>;
        if constexpr (std::is_void_v<Result>) {
            withConnection(access, work);
        } else {
            std::optional<Result> out;
            withConnection(access, [&](SqlConnection& c) { out.emplace(work(c)); });
            return std::move(*out);
        }
    }
    void rekeyEmails();
    bool isLive(SqlConnection& c, const std::string& userId, const std::string& sessionId, TimePoint now,
                TimePoint idleCutoff) const;
    // Claims the account for signing other sessions out (see revokeOtherSessions) and checks
    // that the kept session is live; false: another session is at it, or this one has ended.
    bool claimSignOut(SqlConnection& c, const std::string& userId, const std::string& keepSessionId,
                      TimePoint now, TimePoint idleCutoff) const;
    // Signing other sessions out: the batch size, and when a claim on the account is abandoned.
    static constexpr int kSignOutBatch = 500;
    static constexpr auto kSignOutAbandonedAfter = std::chrono::minutes(1);
    int runScript(SqlConnection& c, const SqlScript& script, std::span<const SqlValue> params);
    static int executeAll(SqlConnection& c, const SqlScript& script, std::span<const SqlValue> params);

    const SqlStatements& m_sql;
};

} // namespace vigie::server
