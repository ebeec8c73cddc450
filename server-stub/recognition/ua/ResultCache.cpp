#include "recognition/ua/ResultCache.h"

#include <functional>

namespace vigie::ua {

ResultCache::ResultCache(size_t capacity) : m_capacityPerShard(std::max<size_t>(1, capacity / kShards)) {}

ResultCache::Shard& ResultCache::shardFor(const std::string& key, size_t& hash)
{
    hash = std::hash<std::string_view>{}(key);
    // The low bits pick the bucket inside the shard's map; use high ones for the shard.
    return m_shards[(hash >> 56) % kShards];
}

std::optional<DeviceInfo> ResultCache::find(const std::string& key)
{
    size_t hash = 0;
    Shard& shard = shardFor(key, hash);
    std::lock_guard lock(shard.mutex);
    const auto it = shard.index.find(std::string_view(key));
    if (it == shard.index.end())
        return std::nullopt;
    shard.entries.splice(shard.entries.begin(), shard.entries, it->second);
    return it->second->second;
}

void ResultCache::insert(const std::string& key, const DeviceInfo& value)
{
    size_t hash = 0;
    Shard& shard = shardFor(key, hash);
    std::lock_guard lock(shard.mutex);
    if (shard.index.count(std::string_view(key)))
        return;
    shard.entries.emplace_front(key, value);
    // The map's keys view the strings the list owns; list nodes never move.
    shard.index.emplace(std::string_view(shard.entries.front().first), shard.entries.begin());
    if (shard.entries.size() > m_capacityPerShard) {
        shard.index.erase(std::string_view(shard.entries.back().first));
        shard.entries.pop_back();
    }
}

void ResultCache::clear()
{
    for (Shard& shard : m_shards) {
        std::lock_guard lock(shard.mutex);
        shard.index.clear();
        shard.entries.clear();
    }
}

} // namespace vigie::ua
