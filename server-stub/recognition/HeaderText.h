#pragma once

#include <string_view>

namespace vigie {

// A header field's value or list element without the optional white space around it
// (RFC 9110 §5.6.3: spaces and tabs).
inline std::string_view trimmedOws(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

} // namespace vigie
