#include "Log.h"

#include "core/TimeFormat.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace vigie::server::Log {

namespace {
std::mutex g_mutex;

void write(const char* level, std::string_view message)
{
    const std::string line = formatRfc3339(nowMs()) + " " + level + " " + printable(message) + "\n";
    std::lock_guard lock(g_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}
} // namespace

std::string printable(std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f || c == '\\') {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

void info(std::string_view message)
{
    write("info", message);
}

void warning(std::string_view message)
{
    write("warning", message);
}

void error(std::string_view message)
{
    write("error", message);
}

} // namespace vigie::server::Log
