#pragma once

#include <string_view>

namespace vigie::server {

// The server's one logger: timestamped lines on stderr. Callers never pass tokens,
// passwords or SQL; request lines carry the path without its query string.
namespace Log {
void info(std::string_view message);
void warning(std::string_view message);
void error(std::string_view message);
} // namespace Log

} // namespace vigie::server
