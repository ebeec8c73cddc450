#pragma once

#include "core/ApiTypes.h"

#include <array>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vigie::ua {

// A small thread-safe LRU of parse results, keyed by the prepared User-Agent and client hints.
// Sharded so that concurrent requests rarely wait on one another.
class ResultCache
{
public:
    explicit ResultCache(size_t capacity = 8192);

    std::optional<DeviceInfo> find(const std::string& key);
    void insert(const std::string& key, const DeviceInfo& value);
    void clear();

private:
    static constexpr size_t kShards = 16;

    struct Shard
    {
        std::mutex mutex;
        std::list<std::pair<std::string, DeviceInfo>> entries; // most recently used first
        std::unordered_map<std::string_view, std::list<std::pair<std::string, DeviceInfo>>::iterator> index;
    };

    Shard& shardFor(const std::string& key, size_t& hash);

    size_t m_capacityPerShard;
    std::array<Shard, kShards> m_shards;
};

} // namespace vigie::ua
