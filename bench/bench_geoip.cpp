// GeoIP lookup cost, as vigie-server pays it on every sign-in: text address in, location_data
// out. Target: under 2 µs per lookup.
//
//   bench_geoip [DATABASE.mmdb] [LOOKUPS]
//
// The database defaults to the checked-in demo file; any GeoLite2-City shaped file works.

#include "recognition/GeoIpDatabase.h"
#include "recognition/IpAddress.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace vigie;

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kSetSize = 4096;

std::string randomPublicAddress(std::mt19937& rng)
{
    for (;;) {
        IpAddress::Bytes bytes{};
        if (rng() % 4 == 0) {
            // Global unicast IPv6, 2000::/3.
            for (auto& b : bytes)
                b = std::uint8_t(rng());
            bytes[0] = std::uint8_t(0x20 | (bytes[0] & 0x1f));
        } else {
            const auto v4 = IpAddress::fromIpv4(std::uint32_t(rng()));
            bytes = v4.bytes();
        }
        const auto address = IpAddress::fromBytes(bytes);
        if (!address.isNonRoutable())
            return address.toString();
    }
}

// Addresses in every network of the demo file (the part of 203.0.113.0/24 from .192 on is
// deliberately empty there).
std::string randomDemoAddress(std::mt19937& rng)
{
    char text[48];
    switch (rng() % 4) {
    case 0:
        std::snprintf(text, sizeof text, "192.0.2.%u", unsigned(rng() % 256));
        break;
    case 1:
        std::snprintf(text, sizeof text, "198.51.100.%u", unsigned(rng() % 256));
        break;
    case 2:
        std::snprintf(text, sizeof text, "203.0.113.%u", unsigned(rng() % 192));
        break;
    default:
        std::snprintf(text, sizeof text, "2001:db8:%x::%x", unsigned(1 + rng() % 10),
                      unsigned(rng() % 65536));
    }
    return text;
}

struct Sets
{
    std::vector<std::string> located;
    std::vector<std::string> unlocated;
};

// Located addresses come from the demo ranges and from random public addresses, so that a
// real database (where the demo ranges are empty) is measured on real hits too.
Sets addressSets(const GeoIpDatabase& db, std::mt19937& rng)
{
    Sets sets;
    for (size_t tries = 0;
         tries < 4'000'000 && (sets.located.size() < kSetSize || sets.unlocated.size() < kSetSize); ++tries) {
        const std::string address = tries % 2 ? randomDemoAddress(rng) : randomPublicAddress(rng);
        auto& set = db.lookup(address, "en") ? sets.located : sets.unlocated;
        if (set.size() < kSetSize)
            set.push_back(address);
    }
    std::shuffle(sets.located.begin(), sets.located.end(), rng);
    std::shuffle(sets.unlocated.begin(), sets.unlocated.end(), rng);
    return sets;
}

struct Result
{
    double nsPerLookup = 0;
    size_t found = 0;
};

// Best of several passes, so that a busy neighbour on a shared machine does not count.
template <typename Lookup> Result measure(size_t setSize, size_t lookups, Lookup&& lookup)
{
    Result result{1e30, 0};
    for (int pass = 0; pass < 7; ++pass) {
        size_t hits = 0;
        const auto start = Clock::now();
        for (size_t i = 0; i < lookups; ++i)
            hits += lookup(i % setSize) ? 1 : 0;
        const std::chrono::duration<double, std::nano> elapsed = Clock::now() - start;
        result.nsPerLookup = std::min(result.nsPerLookup, elapsed.count() / double(lookups));
        result.found = hits;
    }
    return result;
}

void report(const char* what, const Result& result, size_t lookups)
{
    std::printf("%-40s %7.0f ns/lookup  (%zu of %zu located)\n", what, result.nsPerLookup, result.found,
                lookups);
}

} // namespace

int main(int argc, char** argv)
{
    const std::string path = argc > 1 ? argv[1] : VIGIE_DEMO_GEOIP_DB;
    const size_t lookups = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
    if (lookups == 0) {
        std::fprintf(stderr, "bench_geoip: LOOKUPS must be a positive number\n");
        return 2;
    }

    std::unique_ptr<GeoIpDatabase> db;
    try {
        db = std::make_unique<GeoIpDatabase>(path);
    } catch (const std::runtime_error& e) {
        std::fprintf(stderr, "bench_geoip: %s\n", e.what());
        return 2;
    }

    std::mt19937 rng(20261125);
    const Sets sets = addressSets(*db, rng);
    if (sets.located.empty()) {
        std::fprintf(stderr, "bench_geoip: %s locates none of the sampled addresses\n", path.c_str());
        return 1;
    }
    std::vector<IpAddress> parsed;
    for (const auto& text : sets.located)
        parsed.push_back(*IpAddress::parse(text));

    std::printf(
        "database %s (%s)\n%zu lookups per pass over %zu located and %zu unlocated addresses, best of 7 "
        "passes\n",
        path.c_str(), db->databaseType().c_str(), lookups, sets.located.size(), sets.unlocated.size());
    const auto& located = sets.located;
    const auto& unlocated = sets.unlocated;
    report("located, en",
           measure(located.size(), lookups, [&](size_t i) { return db->lookup(located[i], "en"); }), lookups);
    report("located, fr",
           measure(located.size(), lookups, [&](size_t i) { return db->lookup(located[i], "fr"); }), lookups);
    report("located, already parsed, fr",
           measure(parsed.size(), lookups, [&](size_t i) { return db->lookup(parsed[i], "fr"); }), lookups);
    if (!unlocated.empty())
        report("not in the database, en",
               measure(unlocated.size(), lookups, [&](size_t i) { return db->lookup(unlocated[i], "en"); }),
               lookups);
    report("parse and canonical form only",
           measure(located.size(), lookups, [&](size_t i) { return canonicalIp(located[i]); }), lookups);
    return 0;
}
