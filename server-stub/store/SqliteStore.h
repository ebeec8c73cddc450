#pragma once

#include "store/SessionStore.h"

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct sqlite3;

namespace vigie::server {

class SqliteConnection;

// SessionStore on an SQLite file in WAL mode: many readers, one writer at a time, each
// thread on its own pooled connection with its prepared statements cached.
class SqliteStore final : public SessionStore
{
public:
    explicit SqliteStore(std::string path);
    ~SqliteStore() override;

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
    std::unique_ptr<SqliteConnection> openConnection();
    std::unique_ptr<SqliteConnection> takeConnection();
    Lease acquire();
    Lease acquireWriter();
    void release(std::unique_ptr<SqliteConnection> connection);

    std::string m_path;
    std::mutex m_poolMutex;
    std::mutex m_writeMutex;

    // WAL checkpoints run here, off the request path: left to SQLite, the commit that crosses
    // the threshold copies the WAL into the database while holding the write lock.
    void checkpointLoop();
    std::mutex m_checkpointMutex;
    std::condition_variable m_checkpointWake;
    bool m_stopping = false;
    std::thread m_checkpointer;
    std::vector<std::unique_ptr<SqliteConnection>> m_pool;
};

} // namespace vigie::server
