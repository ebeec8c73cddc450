#pragma once

#include <string>
#include <string_view>

namespace vigie::server {

// The server's one logger: timestamped lines on stderr. Callers never pass tokens,
// passwords or SQL; request lines carry the path without its query string.
namespace Log {
// Every line is one line: control characters (a decoded %0A in a path, say) and backslashes
// are written as \xNN, so nothing a client sends can forge or split a log line.
std::string printable(std::string_view text);

void info(std::string_view message);
void warning(std::string_view message);
void error(std::string_view message);
} // namespace Log

} // namespace vigie::server
