#pragma once

#include "store/SessionStore.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace vigie::server {

class PgConnection;

// SessionStore on PostgreSQL through libpq, for several stateless servers on one database.
// A bounded pool of connections, each with its statements prepared on first use; rules that
// span rows are one statement or one transaction with row locks, so that two servers never
// both win. A lost database makes calls throw StoreUnavailable; broken connections are
// dropped and replaced, so service resumes by itself when the database is back.
class PostgresStore final : public SessionStore
{
public:
    PostgresStore(std::string url, int poolSize);
    ~PostgresStore() override;

    int migrate() override;
    void ping() override;

    bool insertUser(const UserRecord& user) override;
    std::optional<UserRecord> findUserByEmail(const std::string& email) override;
    std::optional<UserRecord> findUserById(const std::string& id) override;
    void updatePassword(const std::string& userId, const std::string& passwordHash) override;
    bool disableUser(const std::string& email, TimePoint now) override;

    void insertSession(const SessionRecord& session, const AuditRecord& event) override;
    std::optional<SessionAuthView> sessionForAuth(const std::string& sessionId) override;
    std::vector<SessionRecord> activeSessions(const std::string& userId, TimePoint now,
                                              TimePoint idleCutoff) override;
    void touchSession(const std::string& sessionId, TimePoint now) override;
    void markAuthenticated(const std::string& sessionId, TimePoint now, const AuditRecord& event) override;
    RefreshResult rotateRefreshToken(const std::string& oldHash, const std::string& newHash, TimePoint now,
                                     TimePoint idleCutoff, const AuditRecord& reuseEvent) override;
    bool revokeSession(const std::string& userId, const std::string& sessionId, TimePoint now,
                       TimePoint idleCutoff, const std::optional<std::string>& revokedBy,
                       const std::optional<std::string>& reason, const AuditRecord& event) override;
    int revokeOtherSessions(const std::string& userId, const std::string& keepSessionId, TimePoint now,
                            TimePoint idleCutoff, const AuditRecord& eventTemplate) override;

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

private:
    class Lease;
    struct Waiter
    {
        std::condition_variable wake;
        std::unique_ptr<PgConnection> handed; // a pooled connection passed on by release()
        bool slot = false;                    // or room to open a new one
    };
    Lease acquire();
    void release(std::unique_ptr<PgConnection> connection);
    void freeSlot(); // with m_mutex held
    std::unique_ptr<PgConnection> connect();
    // Runs work on a pooled connection; retries a deadlock or serialization failure, and a
    // pooled connection found dead on its first statement (the database restarted since).
    template <typename Work> auto run(Work&& work);

    std::string m_url;
    int m_poolSize;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<PgConnection>> m_idle;
    std::deque<Waiter*> m_waiters; // oldest first
    int m_open = 0;                // connections in use or idle, and slots being opened
    // After a failed connection attempt, calls fail fast for a moment instead of each one
    // waiting for its own connection timeout.
    std::chrono::steady_clock::time_point m_downUntil{};
};

} // namespace vigie::server
