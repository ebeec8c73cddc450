#include "http/OutgoingStream.h"

#include <boost/asio/post.hpp>

namespace vigie::server {

bool OutgoingStream::push(std::string message, bool bounded)
{
    std::lock_guard lock(m_mutex);
    if (m_ending)
        return false;
    if (bounded && m_queue.size() + message.size() > m_options.maxQueuedBytes) {
        // Cut off, not buffered: what was queued is dropped too, since the client will ask
        // for everything after the last event it did read.
        m_queue.clear();
        m_ending = true;
        wake();
        return false;
    }
    m_queue += message;
    wake();
    return true;
}

void OutgoingStream::finish()
{
    std::lock_guard lock(m_mutex);
    m_ending = true;
    wake();
}

void OutgoingStream::setOnClosed(std::function<void()> onClosed)
{
    std::lock_guard lock(m_mutex);
    m_onClosed = std::move(onClosed);
}

void OutgoingStream::wake()
{
    // Posted to the strand, the cancel runs only once the coroutine is suspended: either in
    // its wait (which it ends) or in a write (after which it takes the queue anyway).
    if (m_executor)
        boost::asio::post(*m_executor, [self = shared_from_this()] {
            if (self->m_signal)
                self->m_signal->cancel();
        });
}

boost::asio::steady_timer& OutgoingStream::attach(boost::asio::any_io_executor executor)
{
    std::lock_guard lock(m_mutex);
    m_signal.emplace(executor);
    m_executor = std::move(executor);
    return *m_signal;
}

OutgoingStream::Taken OutgoingStream::take()
{
    std::lock_guard lock(m_mutex);
    Taken taken{std::move(m_queue), m_ending};
    m_queue.clear();
    return taken;
}

void OutgoingStream::closed()
{
    std::function<void()> onClosed;
    {
        std::lock_guard lock(m_mutex);
        m_ending = true;
        m_executor.reset();
        m_signal.reset(); // on the strand, before the I/O context can go away
        onClosed = std::move(m_onClosed);
        m_onClosed = nullptr;
    }
    if (onClosed)
        onClosed();
}

} // namespace vigie::server
