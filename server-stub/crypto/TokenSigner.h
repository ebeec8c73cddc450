#pragma once

#include "core/ApiTypes.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace vigie::server {

struct AccessClaims
{
    std::string userId;    // sub
    std::string sessionId; // sid
    long long issuedAt = 0;
    long long expiresAt = 0;
};

// Signs and verifies access tokens: JWT, HS256 pinned, iss "vigie-server", aud "vigie".
// libjwt does the encoding and the signature; this class decides what is acceptable.
class TokenSigner
{
public:
    explicit TokenSigner(std::vector<unsigned char> key);

    std::string sign(const std::string& userId, const std::string& sessionId, TimePoint now,
                     std::chrono::seconds lifetime) const;

    // nullopt for anything but a well-formed, HS256-signed, unexpired token with our iss/aud
    // and both sub and sid.
    std::optional<AccessClaims> verify(const std::string& token, TimePoint now) const;

private:
    std::vector<unsigned char> m_key;
};

// Reads the hex secret (at least 64 hex digits), creating it with mode 0600 when missing.
// Throws std::runtime_error with a one-line message otherwise.
std::vector<unsigned char> loadOrCreateJwtSecret(const std::string& path);

} // namespace vigie::server
