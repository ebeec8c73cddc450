#include "services/CleanupJob.h"

#include "Log.h"
#include "core/TimeFormat.h"

namespace vigie::server {

CleanupJob::CleanupJob(SessionStore& store, const ServerConfig& config) : m_store(store), m_config(config) {}

CleanupJob::~CleanupJob()
{
    stop();
}

void CleanupJob::start()
{
    m_thread = std::thread([this] { loop(); });
}

void CleanupJob::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

int CleanupJob::runOnce()
{
    int total = 0;
    for (;;) {
        const TimePoint now = nowMs();
        const int deleted = m_store.purgeBatch(now - m_config.retention, m_config.idleTimeout,
                                               now - m_config.loginFailureWindow, kBatchSize);
        total += deleted;
        if (deleted < kBatchSize)
            break;
        // Let waiting writers in between batches.
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, std::chrono::milliseconds(2), [this] { return m_stopping; }))
            break;
    }
    return total;
}

void CleanupJob::loop()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, m_config.cleanupInterval, [this] { return m_stopping; }))
                return;
        }
        try {
            if (const int n = runOnce(); n > 0)
                Log::info("cleanup: purged " + std::to_string(n) + " ended sessions");
        } catch (const std::exception& e) {
            Log::error(std::string("cleanup failed: ") + e.what());
        }
    }
}

} // namespace vigie::server
