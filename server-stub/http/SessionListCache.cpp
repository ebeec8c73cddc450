#include "http/SessionListCache.h"

namespace vigie::server {

namespace {
std::string keyOf(const std::string& userId, const std::string& sessionId, std::string_view language)
{
    return userId + '/' + sessionId + '/' + std::string(language);
}
} // namespace

std::optional<std::string> SessionListCache::find(const std::string& userId, const std::string& sessionId,
                                                  std::string_view language, long long version, TimePoint now)
{
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(keyOf(userId, sessionId, language));
    if (it == m_index.end())
        return std::nullopt;
    Entry& e = *it->second;
    if (e.version != version || now >= e.validUntil)
        return std::nullopt;
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return e.body;
}

void SessionListCache::store(const std::string& userId, const std::string& sessionId,
                             std::string_view language, long long version, TimePoint validUntil,
                             std::string body)
{
    if (body.size() > m_maxBytes / 4)
        return; // a huge list would evict everything else; it is rare enough to build each time
    std::lock_guard lock(m_mutex);
    const std::string key = keyOf(userId, sessionId, language);
    if (auto it = m_index.find(key); it != m_index.end()) {
        m_bytes -= it->second->body.size();
        m_lru.erase(it->second);
        m_index.erase(it);
    }
    m_bytes += body.size();
    m_lru.push_front(Entry{key, version, validUntil, std::move(body)});
    m_index.emplace(key, m_lru.begin());
    while (m_bytes > m_maxBytes && !m_lru.empty()) {
        m_bytes -= m_lru.back().body.size();
        m_index.erase(m_lru.back().key);
        m_lru.pop_back();
    }
}

} // namespace vigie::server
