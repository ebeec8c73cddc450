#include "Duration.h"

#include <charconv>
#include <limits>

namespace vigie {

std::optional<std::chrono::milliseconds> parseDuration(std::string_view text)
{
    long long value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr == begin || value < 0)
        return std::nullopt;
    const std::string_view unit(ptr, size_t(end - ptr));
    long long factor = 0;
    if (unit == "ms")
        factor = 1;
    else if (unit == "s" || unit.empty())
        factor = 1000;
    else if (unit == "m")
        factor = 60'000;
    else if (unit == "h")
        factor = 3'600'000;
    else if (unit == "d")
        factor = 86'400'000;
    else
        return std::nullopt;
    if (value > std::numeric_limits<long long>::max() / factor / 1000)
        return std::nullopt;
    return std::chrono::milliseconds(value * factor);
}

std::string formatDuration(std::chrono::milliseconds d)
{
    const long long ms = d.count();
    if (ms % 86'400'000 == 0 && ms != 0)
        return std::to_string(ms / 86'400'000) + "d";
    if (ms % 3'600'000 == 0 && ms != 0)
        return std::to_string(ms / 3'600'000) + "h";
    if (ms % 60'000 == 0 && ms != 0)
        return std::to_string(ms / 60'000) + "m";
    if (ms % 1000 == 0)
        return std::to_string(ms / 1000) + "s";
    return std::to_string(ms) + "ms";
}

} // namespace vigie
