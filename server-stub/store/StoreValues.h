#pragma once

#include "core/ApiTypes.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>

// How every store writes values, so that SQLite and PostgreSQL databases hold the same data:
// times as Unix milliseconds (UTC), emails also under a lower-case key for the
// case-insensitive match API.md asks for.
namespace vigie::server::storevalues {

inline long long toMs(TimePoint t)
{
    return t.time_since_epoch().count();
}

inline TimePoint fromMs(long long ms)
{
    return TimePoint(std::chrono::milliseconds(ms));
}

inline std::string lowerAscii(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace vigie::server::storevalues
