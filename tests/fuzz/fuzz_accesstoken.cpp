// TokenSigner::verify(), the check every authenticated request goes through. The first byte
// picks how the rest is used:
//  - even: as the token itself (what an attacker can send; libjwt must refuse it safely);
//  - odd: as "<header JSON>\n<claims JSON>", signed here with the server's key, so that the
//    claims checks behind the signature get exercised too: an accepted token must be HS256,
//    carry our iss and aud, sub and sid, and be unexpired.
#include "crypto/TokenSigner.h"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <string>
#include <string_view>
#include <vector>

namespace {

using vigie::server::TokenSigner;

// The key the seed corpus was signed with: 32 bytes of 0x42.
const std::vector<unsigned char> kKey(32, 0x42);
// 2026-12-01T00:00:00Z: the seeds' tokens expire after it.
constexpr long long kNow = 1796083200;

std::string base64Url(std::string_view bytes)
{
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

std::string signedToken(std::string_view header, std::string_view claims)
{
    const std::string input = base64Url(header) + "." + base64Url(claims);
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, kKey.data(), kKey.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    return input + "." + base64Url(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

void require(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    static const TokenSigner signer(kKey);
    const vigie::TimePoint now{std::chrono::seconds(kNow)};
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) {
        if (const auto claims = signer.verify(std::string(rest), now))
            require(claims->expiresAt > kNow);
        return 0;
    }
    const size_t newline = rest.find('\n');
    if (newline == std::string_view::npos)
        return 0;
    const std::string_view header = rest.substr(0, newline);
    const std::string_view body = rest.substr(newline + 1);
    const auto claims = signer.verify(signedToken(header, body), now);
    if (!claims)
        return 0;
    require(claims->expiresAt > kNow);
    // What libjwt accepted, nlohmann must read the same way (both are strict JSON parsers).
    const auto h = nlohmann::json::parse(header, nullptr, false);
    const auto c = nlohmann::json::parse(body, nullptr, false);
    if (h.is_discarded() || c.is_discarded())
        return 0;
    require(h.is_object() && h.value("alg", "") == "HS256");
    require(c.is_object() && c.value("iss", "") == "vigie-server" && c.value("aud", "") == "vigie");
    require(c.value("sub", "") == claims->userId && c.value("sid", "") == claims->sessionId);
    return 0;
}
