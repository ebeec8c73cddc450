#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigie::server {

// Call once before any thread starts; exits the process if libsodium cannot start.
void initCrypto();

std::string newUuid();

// 256 bits from the OS CSPRNG, base64url without padding (43 characters).
std::string newOpaqueToken();

// SHA-256 as lower-case hex: refresh tokens are stored only this way. A plain hash is
// enough for 256-bit random secrets; no one can brute-force the preimage.
std::string sha256Hex(std::string_view data);

std::string toHex(const unsigned char* data, size_t size);

// Decodes hex text; false on an odd length or a non-hex character.
bool fromHex(std::string_view hex, std::vector<unsigned char>& out);

bool constantTimeEquals(std::string_view a, std::string_view b);

} // namespace vigie::server
