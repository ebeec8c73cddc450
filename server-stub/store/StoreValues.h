#pragma once

#include "core/ApiTypes.h"

#include <chrono>
#include <string>
#include <string_view>

// How every store writes values, so that SQLite and PostgreSQL databases hold the same data:
// times as Unix milliseconds (UTC), emails also under a case-folded key for the
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

// The one key under which an email is stored, looked up and throttled: compared
// case-insensitively beyond ASCII (Élodie@exemple.test and élodie@exemple.test are one
// account), through ICU.
std::string emailKey(std::string_view email);

} // namespace vigie::server::storevalues
