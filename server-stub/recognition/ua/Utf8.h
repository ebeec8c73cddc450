#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigie::ua {

// The longest prefix of text that fits in maxBytes, cut on a character boundary, with every
// byte that is not part of well-formed UTF-8 replaced by U+FFFD (as Python's
// decode("utf-8", "replace") would, one replacement per bad byte). Returns text itself when it
// needs no change, else a view of storage.
std::string_view validUtf8Prefix(std::string_view text, size_t maxBytes, std::string& storage);

} // namespace vigie::ua
