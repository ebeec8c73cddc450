#pragma once

#include "ServerConfig.h"
#include "services/Caller.h"
#include "services/SessionService.h"
#include "store/SessionStore.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace vigie::server {

class OutgoingStream;

// The live event streams of one server (GET /api/users/me/events): who is subscribed, and
// the audit trail read once for all of them. One thread follows the trail: it wakes when
// this process wrote (poke()), when PostgreSQL notifies a write by another server, or every
// 500 ms on SQLite while a stream is open (another process on the same file); it reads the
// events after the newest one it has dispatched and queues each on its target user's
// streams. The rows are the truth: a missed wake-up is caught up by the next read.
class EventHub
{
public:
    static constexpr int kMaxStreamsPerSession = 4;

    EventHub(SessionStore& store, SessionService& sessions, const ServerConfig& config);
    ~EventHub();
    EventHub(const EventHub&) = delete;
    EventHub& operator=(const EventHub&) = delete;

    // Opens a stream of the caller's events, after lastEventId (replayed first) when given.
    // Throws ApiError: 400 for a cursor this server never issued, 429 past
    // kMaxStreamsPerSession open streams of the session.
    std::shared_ptr<OutgoingStream> open(const Caller& caller, const std::optional<std::string>& lastEventId);

    // Any thread: audit events may have been written.
    void poke();

private:
    struct Subscription;
    struct Message;
    void run();
    void readNew();
    void dispatch(const std::vector<SequencedAudit>& rows);
    void checkSessions();
    void unsubscribe(const std::shared_ptr<Subscription>& subscription);
    std::string message(const SequencedAudit& row, const std::string& viewerUserId,
                        const SessionRecord* session, bool isCurrent) const;
    static void deliver(Subscription& subscription, long long seq, const std::string& text, bool ends);

    SessionStore& m_store;
    SessionService& m_sessions;
    const ServerConfig& m_config;

    std::mutex m_mutex; // guards the maps and the generation
    std::unordered_map<std::string, std::vector<std::shared_ptr<Subscription>>> m_byUser;
    std::unordered_map<std::string, int> m_perSession;
    long long m_generation = 0; // counts subscriptions made
    long long m_last = 0;       // the newest seq dispatched; only on the hub's thread

    int m_wakeRead = -1; // the self-pipe poke() writes to
    int m_wakeWrite = -1;
    std::atomic<bool> m_stopping = false;
    std::thread m_thread;
};

} // namespace vigie::server
