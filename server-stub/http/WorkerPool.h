#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vigie::server {

// A fixed set of threads for blocking work (database round trips, password hashing) with a
// bounded queue: when the queue is full, tryPost() refuses at once, so that a burst is shed
// with a 503 instead of waiting without bound. The I/O threads never block on it.
class WorkerPool
{
public:
    struct Job
    {
        virtual ~Job() = default;
        virtual void run() = 0;
    };

    WorkerPool(std::string name, int threads, size_t queueLimit);
    ~WorkerPool(); // finishes the queued jobs, then joins

    // Queues the job and takes it; false when the queue already holds queueLimit jobs, and
    // then the job is left with the caller, not run.
    bool tryPost(std::unique_ptr<Job>& job);

    const std::string& name() const { return m_name; }

private:
    void work();

    std::string m_name;
    size_t m_queueLimit;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::unique_ptr<Job>> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace vigie::server
