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
    const std::string line = formatRfc3339(nowMs()) + " " + level + " " + std::string(message) + "\n";
    std::lock_guard lock(g_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}
} // namespace

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
