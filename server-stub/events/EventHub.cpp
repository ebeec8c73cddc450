#include "events/EventHub.h"

#include "Log.h"
#include "core/AuditActions.h"
#include "core/TimeFormat.h"
#include "http/ApiJson.h"
#include "http/OutgoingStream.h"
#include "services/ApiError.h"

#include <algorithm>
#include <charconv>
#include <fcntl.h>
#include <map>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <set>
#include <unistd.h>

namespace vigie::server {

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int kBatch = 500;
constexpr auto kPollInterval = std::chrono::milliseconds(500); // SQLite: other processes' writes
constexpr auto kSessionCheckInterval = std::chrono::seconds(25);
constexpr auto kFirstBackoff = std::chrono::milliseconds(500);
constexpr auto kMaxBackoff = std::chrono::seconds(30);
constexpr auto kRetryAfterFailure = std::chrono::seconds(1);
constexpr long long kRetryAfterTooManyStreams = 30; // s: a vanished client's stream is found by then

// The events after which the stream's own session is over: the stream ends right after it.
bool endsSession(const AuditRecord& e, const std::string& sessionId)
{
    using namespace audit_action;
    static const std::set<std::string, std::less<>> ending = {kSessionRevoked, kOtherSessionsRevoked, kLogout,
                                                              kRefreshReuse, kSessionExpired};
    return e.targetSessionId == sessionId && ending.count(e.action) > 0;
}

// API.md: every action of the user's trail except refresh (which would only say that the
// client did what it always does).
bool isStreamed(const AuditRecord& e)
{
    return e.action != audit_action::kRefresh;
}

std::optional<long long> parseCursor(const std::string& text)
{
    long long value = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || p != end || value < 0)
        return std::nullopt;
    return value;
}

} // namespace

struct EventHub::Subscription
{
    std::string userId;
    std::string sessionId;
    std::string language; // places are named in it (the request's Accept-Language)
    std::shared_ptr<OutgoingStream> out;
    // While the replay runs, live events wait here; then those after the replay's last
    // event are sent, and later live events up to it are dropped: no gap, no duplicate.
    bool replaying = false;
    long long after = 0;
    struct Pending
    {
        long long seq;
        std::string text;
        bool ends;
    };
    std::vector<Pending> pending;
};

EventHub::EventHub(SessionStore& store, SessionService& sessions, const ServerConfig& config)
    : m_store(store), m_sessions(sessions), m_config(config)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        throw std::runtime_error("cannot create the event hub's wake-up pipe");
    m_wakeRead = fds[0];
    m_wakeWrite = fds[1];
    m_last = m_store.newestAuditSeq();
    m_store.setAuditListener([this] { poke(); });
    m_thread = std::thread([this] { run(); });
}

EventHub::~EventHub()
{
    m_store.setAuditListener(nullptr);
    m_stopping = true;
    poke();
    m_thread.join();
    close(m_wakeRead);
    close(m_wakeWrite);
}

void EventHub::poke()
{
    const char byte = 1;
    // A full pipe already holds a wake-up: nothing is lost.
    [[maybe_unused]] const auto written = write(m_wakeWrite, &byte, 1);
}

std::string EventHub::message(const SequencedAudit& row, const std::string& viewerUserId,
                              const SessionRecord* session, bool isCurrent, std::string_view language) const
{
    AuditRecord event = row.event;
    hideOtherActorsAddress(event, viewerUserId);
    std::string text = "id: " + std::to_string(row.seq) + "\nevent: " + event.action + "\ndata: {\"event\":";
    text += dumpJson(auditEventJson(event, language));
    text += ",\"session\":";
    if (session)
        appendSession(text, *session, isCurrent, language);
    else
        text += "null";
    text += "}\n\n";
    return text;
}

void EventHub::deliver(Subscription& s, long long seq, const std::string& text, bool ends)
{
    if (s.replaying) {
        s.pending.push_back({seq, text, ends});
        return;
    }
    if (seq <= s.after)
        return;
    // A refused push has ended the stream (its reader fell behind): it unsubscribes itself.
    if (s.out->push(text) && ends)
        s.out->finish();
}

std::shared_ptr<OutgoingStream> EventHub::open(const Caller& caller,
                                               const std::optional<std::string>& lastEventId,
                                               const std::string& language)
{
    std::optional<long long> cursor;
    // An empty Last-Event-ID is what an EventSource sends before it has seen an id: none.
    if (lastEventId && !lastEventId->empty()) {
        cursor = parseCursor(*lastEventId);
        if (!cursor || *cursor > m_store.newestAuditSeq())
            throw ApiError::invalidRequest("Last-Event-ID is not an event id this server sent.");
    }

    OutgoingStream::Options options;
    options.heartbeat = ": keep-alive\n\n";
    options.endAt = SteadyClock::now() + (caller.accessExpiresAt - nowMs());
    auto sub = std::make_shared<Subscription>();
    sub->userId = caller.userId;
    sub->sessionId = caller.sessionId;
    sub->language = language;
    sub->out = std::make_shared<OutgoingStream>(std::move(options));
    sub->replaying = true;
    {
        std::lock_guard lock(m_mutex);
        int& open = m_perSession[caller.sessionId];
        if (open >= kMaxStreamsPerSession)
            throw ApiError(429, error_code::kTooManyRequests,
                           "This session already has " + std::to_string(kMaxStreamsPerSession) +
                               " open event streams; close one first.",
                           kRetryAfterTooManyStreams);
        ++open;
        m_byUser[caller.userId].push_back(sub);
        ++m_generation;
    }
    sub->out->setOnClosed([this, weak = std::weak_ptr(sub)] {
        if (auto s = weak.lock())
            unsubscribe(s);
    });
    poke(); // the hub may have skipped a write while it saw no subscriber

    try {
        // Without a cursor the stream starts now: what the trail holds is history.
        long long after = cursor ? *cursor : m_store.newestAuditSeq();
        for (bool more = cursor.has_value(); more;) {
            const auto rows = m_store.auditEventsAfter(after, caller.userId, kBatch);
            more = rows.size() == size_t(kBatch);
            std::optional<std::vector<SessionRecord>> sessions;
            for (const auto& row : rows) {
                after = row.seq;
                if (!isStreamed(row.event))
                    continue;
                // A replayed login carries its session as it is now, or null once it ended.
                const SessionRecord* session = nullptr;
                if (row.event.action == "login" && row.event.targetSessionId) {
                    if (!sessions)
                        sessions = m_sessions.listOwn(caller);
                    auto it = std::find_if(sessions->begin(), sessions->end(), [&](const SessionRecord& s) {
                        return s.id == *row.event.targetSessionId;
                    });
                    session = it == sessions->end() ? nullptr : &*it;
                }
                sub->out->push(message(row, caller.userId, session,
                                       session && session->id == caller.sessionId, language),
                               /*bounded=*/false);
                if (endsSession(row.event, caller.sessionId))
                    sub->out->finish();
            }
        }
        std::lock_guard lock(m_mutex);
        sub->replaying = false;
        sub->after = after;
        for (const auto& p : sub->pending)
            deliver(*sub, p.seq, p.text, p.ends);
        sub->pending.clear();
    } catch (...) {
        unsubscribe(sub);
        throw;
    }
    return sub->out;
}

void EventHub::unsubscribe(const std::shared_ptr<Subscription>& sub)
{
    std::lock_guard lock(m_mutex);
    auto user = m_byUser.find(sub->userId);
    if (user == m_byUser.end())
        return;
    auto& list = user->second;
    auto it = std::find(list.begin(), list.end(), sub);
    if (it == list.end())
        return;
    list.erase(it);
    if (list.empty())
        m_byUser.erase(user);
    if (auto n = m_perSession.find(sub->sessionId); n != m_perSession.end() && --n->second <= 0)
        m_perSession.erase(n);
}

void EventHub::readNew()
{
    std::unique_lock lock(m_mutex);
    if (m_byUser.empty()) {
        // Nobody listens: only remember where the trail ends, unless someone subscribes
        // meanwhile (their events are then read below, from where the hub was).
        const long long generation = m_generation;
        lock.unlock();
        const long long newest = m_store.newestAuditSeq();
        lock.lock();
        if (m_generation == generation) {
            m_last = std::max(m_last, newest);
            return;
        }
    }
    lock.unlock();
    for (;;) {
        const auto rows = m_store.auditEventsAfter(m_last, std::nullopt, kBatch);
        dispatch(rows);
        if (rows.size() < size_t(kBatch))
            return;
    }
}

void EventHub::dispatch(const std::vector<SequencedAudit>& rows)
{
    if (rows.empty())
        return;
    // The logins' sessions, read before taking the lock, once per user of the batch.
    std::unordered_map<std::string, std::vector<SessionRecord>> sessionsOf;
    std::set<std::string> listening;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& row : rows)
            if (row.event.targetUserId && m_byUser.count(*row.event.targetUserId))
                listening.insert(*row.event.targetUserId);
    }
    for (const auto& row : rows) {
        const auto& e = row.event;
        if (e.action != "login" || !e.targetUserId || !listening.count(*e.targetUserId) ||
            sessionsOf.count(*e.targetUserId))
            continue;
        Caller owner;
        owner.userId = *e.targetUserId;
        sessionsOf.emplace(owner.userId, m_sessions.listOwn(owner));
    }

    std::lock_guard lock(m_mutex);
    for (const auto& row : rows) {
        m_last = row.seq;
        const auto& e = row.event;
        if (!isStreamed(e) || !e.targetUserId)
            continue;
        auto subs = m_byUser.find(*e.targetUserId);
        if (subs == m_byUser.end())
            continue;
        const SessionRecord* session = nullptr;
        if (auto list = sessionsOf.find(*e.targetUserId); list != sessionsOf.end() && e.targetSessionId) {
            auto it = std::find_if(list->second.begin(), list->second.end(),
                                   [&](const SessionRecord& s) { return s.id == *e.targetSessionId; });
            session = it == list->second.end() ? nullptr : &*it;
        }
        // Written once per kind of stream: the session's own streams see is_current true, and
        // each language its own place names.
        std::map<std::pair<bool, std::string>, std::string> texts;
        for (const auto& sub : subs->second) {
            const bool isCurrent = session && session->id == sub->sessionId;
            auto [text, fresh] = texts.try_emplace({isCurrent, sub->language});
            if (fresh)
                text->second = message(row, sub->userId, session, isCurrent, sub->language);
            deliver(*sub, row.seq, text->second, endsSession(e, sub->sessionId));
        }
    }
}

void EventHub::checkSessions()
{
    // Idle expiry and ends that wrote no event: each open session checked now and then.
    std::set<std::string> sessionIds;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [user, subs] : m_byUser)
            for (const auto& sub : subs)
                sessionIds.insert(sub->sessionId);
    }
    std::set<std::string> ended;
    for (const auto& id : sessionIds) {
        const TimePoint now = nowMs();
        const auto view = m_store.sessionForAuth(id);
        if (!view || !isLiveSession(*view, now, m_config.idleTimeout))
            ended.insert(id);
    }
    if (ended.empty())
        return;
    std::lock_guard lock(m_mutex);
    for (const auto& [user, subs] : m_byUser)
        for (const auto& sub : subs)
            if (ended.count(sub->sessionId))
                sub->out->finish();
}

void EventHub::run()
{
    std::unique_ptr<AuditNotifications> notifications = m_store.auditNotifications();
    bool listening = false;
    auto backoff = kFirstBackoff;
    auto reconnectAt = SteadyClock::now();
    auto nextPoll = SteadyClock::now();
    auto nextCheck = SteadyClock::now() + kSessionCheckInterval;
    bool readPending = false;
    auto retryAt = SteadyClock::time_point::max();

    while (!m_stopping) {
        auto now = SteadyClock::now();
        if (notifications && !listening && now >= reconnectAt) {
            std::string error;
            listening = notifications->listen(error);
            if (listening) {
                backoff = kFirstBackoff;
                readPending = true; // catch up on what was written while not listening
            } else {
                Log::warning("event streams: cannot listen for other servers' events (" + error +
                             "); retrying in " + std::to_string(backoff.count()) + " ms");
                reconnectAt = now + backoff;
                backoff = std::min<std::chrono::milliseconds>(backoff * 2, kMaxBackoff);
            }
        }
        bool haveStreams = false;
        {
            std::lock_guard lock(m_mutex);
            haveStreams = !m_byUser.empty();
        }
        if (!notifications && haveStreams && now >= nextPoll) {
            nextPoll = now + kPollInterval;
            try {
                readPending = readPending || m_store.newestAuditSeq() > m_last;
            } catch (const StoreError&) {
                // The next poll tries again.
            }
        }
        if (readPending || now >= retryAt) {
            readPending = false;
            retryAt = SteadyClock::time_point::max();
            try {
                readNew();
            } catch (const StoreError& e) {
                Log::warning(std::string("event streams: cannot read the audit trail: ") + e.what());
                retryAt = now + kRetryAfterFailure;
            }
        }
        if (haveStreams && now >= nextCheck) {
            nextCheck = now + kSessionCheckInterval;
            try {
                checkSessions();
            } catch (const StoreError&) {
                // Checked again next time.
            }
        }

        // Sleep until a poke, a notification, or the next timed step.
        auto until = std::min(retryAt, haveStreams ? nextCheck : SteadyClock::time_point::max());
        if (!notifications && haveStreams)
            until = std::min(until, nextPoll);
        if (notifications && !listening)
            until = std::min(until, reconnectAt);
        now = SteadyClock::now();
        int timeout = -1;
        if (until != SteadyClock::time_point::max())
            timeout = int(std::max<long long>(
                0, std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count() + 1));
        pollfd fds[2] = {{m_wakeRead, POLLIN, 0}, {listening ? notifications->socket() : -1, POLLIN, 0}};
        if (::poll(fds, 2, timeout) < 0)
            continue;
        if (fds[0].revents & POLLIN) {
            char drain[256];
            while (read(m_wakeRead, drain, sizeof drain) > 0) {
            }
            readPending = true;
        }
        if (listening && (fds[1].revents & (POLLIN | POLLERR | POLLHUP))) {
            if (notifications->consume()) {
                readPending = true;
            } else {
                listening = false;
                reconnectAt = SteadyClock::now();
                Log::warning("event streams: lost the connection that listens for other servers' events; "
                             "reconnecting");
            }
        }
    }
}

} // namespace vigie::server
