#pragma once

#include "store/SqlStore.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace vigie::server {

class PgConnection;

// SqlStore on PostgreSQL through libpq, for several stateless servers on one database.
// A bounded pool of connections, each with its statements prepared on first use; rules that
// span rows are one statement or one transaction with row locks, so that two servers never
// both win. A lost database makes calls throw StoreUnavailable; broken connections are
// dropped and replaced, so service resumes by itself when the database is back.
class PostgresStore final : public SqlStore
{
public:
    PostgresStore(std::string url, int poolSize);
    ~PostgresStore() override;

    std::unique_ptr<AuditNotifications> auditNotifications() override;

protected:
    int migrateSchema() override;
    // Retries a deadlock or serialization failure, and a pooled connection found dead on its
    // first statement (the database restarted since).
    void withConnection(Access access, const std::function<void(SqlConnection&)>& work) override;

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

// A warning when the URL reaches a database on another machine without requiring TLS
// (sslmode=require or verify-full): passwords' hashes and sessions would cross the network
// readable. nullopt for a local host or socket, or a TLS-requiring URL.
std::optional<std::string> postgresTransportWarning(const std::string& url);

} // namespace vigie::server
