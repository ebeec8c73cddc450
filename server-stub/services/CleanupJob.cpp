#include "services/CleanupJob.h"

#include "Log.h"

namespace vigie::server {

CleanupJob::CleanupJob(SessionStore& store, const ServerConfig& config, const ServerClock& clock)
    : m_store(store), m_config(config), m_clock(clock)
{}

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
        const TimePoint now = m_clock.now();
        const auto started = std::chrono::steady_clock::now();
        const int deleted = m_store.purgeBatch(now - m_config.retention, m_config.idleTimeout,
                                               now - m_config.loginFailureWindow, kBatchSize);
        const auto spent = std::chrono::steady_clock::now() - started;
        total += deleted;
        if (deleted < kBatchSize)
            break;
        // Between batches, leave the write lock to requests for twice as long as the batch
        // held it: a large backlog takes longer, requests keep two thirds of the capacity.
        std::unique_lock lock(m_mutex);
        const auto pause =
            std::max<std::chrono::steady_clock::duration>(std::chrono::milliseconds(2), 2 * spent);
        if (m_wake.wait_for(lock, pause, [this] { return m_stopping; }))
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
                Log::info("cleanup: purged " + std::to_string(n) +
                          " ended sessions and failed sign-ins for no account");
        } catch (const std::exception& e) {
            Log::error(std::string("cleanup failed: ") + e.what());
        }
    }
}

} // namespace vigie::server
