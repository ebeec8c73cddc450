#pragma once

#include "core/ApiTypes.h"

#include <optional>
#include <string>
#include <string_view>

namespace vigie {

// RFC 3339 in UTC with 'Z' and second precision: "2026-11-25T08:00:00Z".
std::string formatRfc3339(TimePoint t);

// Accepts RFC 3339 with any fraction and a 'Z' or numeric offset; nullopt otherwise.
std::optional<TimePoint> parseRfc3339(std::string_view text);

TimePoint nowMs();

} // namespace vigie
