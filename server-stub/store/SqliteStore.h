#pragma once

#include "store/SqlStore.h"

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vigie::server {

class SqliteConnection;

// SqlStore on an SQLite file in WAL mode: many readers, one writer at a time, each
// thread on its own pooled connection with its prepared statements cached.
class SqliteStore final : public SqlStore
{
public:
    explicit SqliteStore(std::string path);
    ~SqliteStore() override;

protected:
    int migrateSchema() override;
    void withConnection(Access access, const std::function<void(SqlConnection&)>& work) override;

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
