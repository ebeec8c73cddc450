#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vigie {

// Durations as the server's options write them: "900ms", "3s", "15m", "2h", "14d".
// A bare number means seconds. Negative, empty or overflowing values are rejected.
std::optional<std::chrono::milliseconds> parseDuration(std::string_view text);

std::string formatDuration(std::chrono::milliseconds d);

} // namespace vigie
