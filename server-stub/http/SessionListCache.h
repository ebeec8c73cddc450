#pragma once

#include "core/ApiTypes.h"

#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vigie::server {

// Recently served session-list bodies, keyed by user, current session and the language places
// are named in, and valid while
// the user's sessions_version (kept by database triggers, so every server and tool bumps
// it) is unchanged and no listed session has reached its expiry or idle end. Several
// servers on one database stay correct: the version lives in the database.
class SessionListCache
{
public:
    explicit SessionListCache(size_t maxBytes = 8u << 20) : m_maxBytes(maxBytes) {}

    std::optional<std::string> find(const std::string& userId, const std::string& sessionId,
                                    std::string_view language, long long version, TimePoint now);
    void store(const std::string& userId, const std::string& sessionId, std::string_view language,
               long long version, TimePoint validUntil, std::string body);

private:
    struct Entry
    {
        std::string key;
        long long version;
        TimePoint validUntil;
        std::string body;
    };

    std::mutex m_mutex;
    std::list<Entry> m_lru; // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
    size_t m_bytes = 0;
    size_t m_maxBytes;
};

} // namespace vigie::server
