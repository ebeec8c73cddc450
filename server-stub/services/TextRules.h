#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigie::server {

// The number of code points of well-formed UTF-8 text; nullopt when it is not.
std::optional<size_t> codePointCount(std::string_view text);

// A session name as a PATCH body gives it (API.md v1.1): Unicode white space trimmed from both
// ends; nullopt when nothing is left (the name is cleared). Throws ApiError 400 when the text
// is not UTF-8, holds a control character (C0, DEL, C1), or is longer than
// session::kNameMaxLength code points once trimmed.
std::optional<std::string> checkedSessionName(std::string_view name);

} // namespace vigie::server
