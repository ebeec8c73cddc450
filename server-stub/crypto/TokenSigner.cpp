#include "crypto/TokenSigner.h"

#include "crypto/Random.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <jwt.h>
#include <memory>
#include <sodium.h>
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

namespace {

// Writes a new secret beside path and links it into place only when it is whole: a crash
// leaves at most a stray temporary file, never an empty or half-written secret, and of
// servers starting together on one new database the first link wins and every server then
// reads that one secret.
void createJwtSecret(const std::string& path)
{
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    const std::string hex = toHex(key, sizeof key) + "\n";
    sodium_memzero(key, sizeof key);
    std::string temp = path + ".tmp.XXXXXX";
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC); // mode 0600
    if (fd < 0)
        throw std::runtime_error("cannot create JWT secret file " + path + ": " + std::strerror(errno));
    const bool written = ::fchmod(fd, 0600) == 0 &&
                         ::write(fd, hex.data(), hex.size()) == ssize_t(hex.size()) && ::fsync(fd) == 0;
    ::close(fd);
    const bool linked = written && (::link(temp.c_str(), path.c_str()) == 0 || errno == EEXIST);
    const int linkError = errno;
    ::unlink(temp.c_str());
    if (!written || !linked)
        throw std::runtime_error("cannot write JWT secret file " + path +
                                 (written ? std::string(": ") + std::strerror(linkError) : std::string()));
}

} // namespace

std::vector<unsigned char> loadOrCreateJwtSecret(const std::string& path)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        createJwtSecret(path);
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0)
        throw std::runtime_error("cannot read JWT secret file " + path + ": " + std::strerror(errno));
    struct stat st
    {
    };
    const bool statted = ::fstat(fd, &st) == 0;
    std::string text;
    char buffer[4096];
    for (ssize_t n; statted && (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        text.append(buffer, size_t(n));
    ::close(fd);
    if (!statted)
        throw std::runtime_error("cannot read JWT secret file " + path + ": " + std::strerror(errno));
    // Whoever can read the secret can sign in as anyone: refuse to start on a file others
    // can read or change, and say how to fix it.
    if (st.st_uid != ::geteuid())
        throw std::runtime_error("JWT secret file " + path + " is owned by uid " + std::to_string(st.st_uid) +
                                 ", not by this server's user (uid " + std::to_string(::geteuid()) +
                                 "): run chown " + std::to_string(::geteuid()) + " " + path);
    if ((st.st_mode & 077) != 0)
        throw std::runtime_error("JWT secret file " + path +
                                 " is readable or writable by group or others: run "
                                 "chmod 600 " +
                                 path);
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
