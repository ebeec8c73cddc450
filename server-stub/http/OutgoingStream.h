#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace vigie::server {

// The body of a response that stays open (Server-Sent Events): messages are queued by any
// thread and written by the connection's coroutine, which waits on a timer meanwhile, so an
// open stream holds no thread. The queue is bounded: a reader that stops reading is cut off
// (it reconnects and catches up) instead of making the server buffer for it.
class OutgoingStream : public std::enable_shared_from_this<OutgoingStream>
{
public:
    struct Options
    {
        size_t maxQueuedBytes = 128 * 1024;
        // Written when nothing else was for this long, so that proxies and clients see the
        // stream alive (and a vanished client is found by the failing write).
        std::chrono::milliseconds heartbeatAfter{25000};
        std::string heartbeat;
        // The stream ends by itself then (the access token's expiry).
        std::chrono::steady_clock::time_point endAt = std::chrono::steady_clock::time_point::max();
    };

    explicit OutgoingStream(Options options) : m_options(std::move(options)) {}
    OutgoingStream(const OutgoingStream&) = delete;
    OutgoingStream& operator=(const OutgoingStream&) = delete;

    // Any thread. Queues a message; false when the stream has ended, or ends now because
    // the queue holds maxQueuedBytes already. An unbounded push (a replay, bounded by the
    // audit trail itself) is never refused for size.
    bool push(std::string message, bool bounded = true);
    // Any thread: ends the stream once what is queued has been written.
    void finish();
    // Called once, on the connection's strand, when the stream stops for any reason.
    void setOnClosed(std::function<void()> onClosed);

    const Options& options() const { return m_options; }

    // The transport's side, on the connection's strand.
    struct Taken
    {
        std::string data;
        bool end = false;
    };
    // From now on a push wakes the timer the transport waits on between writes.
    boost::asio::steady_timer& attach(boost::asio::any_io_executor executor);
    Taken take();
    // Once, when the transport stops (whatever the reason): drops the timer and tells the
    // owner of the stream (the event hub) through onClosed.
    void closed();

private:
    void wake(); // with m_mutex held

    const Options m_options;
    std::mutex m_mutex;
    std::string m_queue;
    bool m_ending = false;
    std::optional<boost::asio::steady_timer> m_signal;
    std::optional<boost::asio::any_io_executor> m_executor;
    std::function<void()> m_onClosed;
};

} // namespace vigie::server
