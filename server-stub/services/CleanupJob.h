#pragma once

#include "ServerConfig.h"
#include "services/ServerClock.h"
#include "store/SessionStore.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace vigie::server {

// Purges sessions that were revoked or ended more than --retention ago, with their address
// and device data, on its own thread, in small batches so that no request waits long for
// the database's write lock.
class CleanupJob
{
public:
    // Small enough that one batch holds the write lock for a few milliseconds on a large backlog.
    static constexpr int kBatchSize = 64;

    CleanupJob(SessionStore& store, const ServerConfig& config, const ServerClock& clock = systemClock());
    ~CleanupJob();

    void start();
    void stop();
    int runOnce(); // all batches due now; returns the sessions deleted

private:
    void loop();

    SessionStore& m_store;
    const ServerConfig& m_config;
    const ServerClock& m_clock;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace vigie::server
