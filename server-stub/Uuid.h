#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigie {

// The canonical (lower-case, hyphenated 8-4-4-4-12) form of a UUID, or nullopt when the
// text is not one. Upper-case input is accepted, as docs/openapi.yaml says.
std::optional<std::string> canonicalUuid(std::string_view text);

// Formats 16 random bytes as a version 4 UUID.
std::string uuidV4FromBytes(const unsigned char (&bytes)[16]);

} // namespace vigie
