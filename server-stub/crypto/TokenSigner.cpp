#include "crypto/TokenSigner.h"

#include "crypto/Random.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <jwt.h>
#include <memory>
#include <sodium.h>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace vigie::server {

namespace {
constexpr const char* kIssuer = "vigie-server";
constexpr const char* kAudience = "vigie";

struct JwtDeleter
{
    void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;
} // namespace

TokenSigner::TokenSigner(std::vector<unsigned char> key) : m_key(std::move(key)) {}

std::string TokenSigner::sign(const std::string& userId, const std::string& sessionId, TimePoint now,
                              std::chrono::seconds lifetime) const
{
    jwt_t* raw = nullptr;
    if (jwt_new(&raw) != 0)
        throw std::runtime_error("jwt_new failed");
    JwtPtr jwt(raw);
    const long long iat = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    jwt_add_grant(jwt.get(), "sub", userId.c_str());
    jwt_add_grant(jwt.get(), "sid", sessionId.c_str());
    jwt_add_grant(jwt.get(), "iss", kIssuer);
    jwt_add_grant(jwt.get(), "aud", kAudience);
    jwt_add_grant(jwt.get(), "jti", newUuid().c_str());
    jwt_add_grant_int(jwt.get(), "iat", long(iat));
    jwt_add_grant_int(jwt.get(), "exp", long(iat + lifetime.count()));
    if (jwt_set_alg(jwt.get(), JWT_ALG_HS256, m_key.data(), int(m_key.size())) != 0)
        throw std::runtime_error("jwt_set_alg failed");
    char* encoded = jwt_encode_str(jwt.get());
    if (!encoded)
        throw std::runtime_error("jwt_encode_str failed");
    std::string out(encoded);
    std::free(encoded);
    return out;
}

std::optional<AccessClaims> TokenSigner::verify(const std::string& token, TimePoint now) const
{
    // A JWT has exactly three non-empty base64url parts; reject anything else before parsing.
    size_t dots = 0;
    for (char c : token) {
        if (c == '.')
            ++dots;
        else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
            return std::nullopt;
    }
    if (dots != 2 || token.size() > 4096)
        return std::nullopt;

    jwt_t* raw = nullptr;
    // With a key, libjwt verifies the signature with the algorithm the header names, and
    // refuses "none"; the algorithm is pinned below so that HS384/HS512 are refused too.
    if (jwt_decode(&raw, token.c_str(), m_key.data(), int(m_key.size())) != 0 || !raw)
        return std::nullopt;
    JwtPtr jwt(raw);
    // libjwt reads the algorithm's name case-insensitively; JOSE names are case-sensitive, and
    // only the exact "HS256" is ours.
    const char* alg = jwt_get_header(jwt.get(), "alg");
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256 || !alg || std::strcmp(alg, "HS256") != 0)
        return std::nullopt;

    const char* iss = jwt_get_grant(jwt.get(), "iss");
    const char* aud = jwt_get_grant(jwt.get(), "aud");
    const char* sub = jwt_get_grant(jwt.get(), "sub");
    const char* sid = jwt_get_grant(jwt.get(), "sid");
    if (!iss || std::strcmp(iss, kIssuer) != 0 || !aud || std::strcmp(aud, kAudience) != 0 || !sub || !sid)
        return std::nullopt;
    errno = 0;
    const long exp = jwt_get_grant_int(jwt.get(), "exp");
    if (errno != 0)
        return std::nullopt;
    const long iat = jwt_get_grant_int(jwt.get(), "iat");
    const long long nowSec = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (exp <= nowSec)
        return std::nullopt;
    return AccessClaims{sub, sid, iat, exp};
}

std::vector<unsigned char> loadOrCreateJwtSecret(const std::string& path)
{
    std::ifstream in(path);
    if (!in) {
        if (errno != ENOENT)
            throw std::runtime_error("cannot read JWT secret file " + path + ": " + std::strerror(errno));
        unsigned char key[32];
        randombytes_buf(key, sizeof key);
        const std::string hex = toHex(key, sizeof key) + "\n";
        sodium_memzero(key, sizeof key);
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            throw std::runtime_error("cannot create JWT secret file " + path + ": " + std::strerror(errno));
        const bool ok = ::write(fd, hex.data(), hex.size()) == ssize_t(hex.size()) && ::fsync(fd) == 0;
        ::close(fd);
        if (!ok) {
            ::unlink(path.c_str());
            throw std::runtime_error("cannot write JWT secret file " + path);
        }
        return loadOrCreateJwtSecret(path);
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    std::vector<unsigned char> key;
    if (!fromHex(text, key))
        throw std::runtime_error("JWT secret file " + path + " is not hex text");
    if (key.size() < 32)
        throw std::runtime_error("JWT secret in " + path + " is shorter than 256 bits (64 hex digits)");
    return key;
}

} // namespace vigie::server
