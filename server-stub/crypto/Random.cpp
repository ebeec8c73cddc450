#include "crypto/Random.h"

#include "Uuid.h"

#include <cstdio>
#include <cstdlib>
#include <sodium.h>

namespace vigie::server {

void initCrypto()
{
    if (sodium_init() < 0) {
        std::fputs("error: libsodium could not be initialised\n", stderr);
        std::exit(2);
    }
}

std::string newUuid()
{
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    return uuidV4FromBytes(bytes);
}

std::string newOpaqueToken()
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes, sizeof bytes);
    return out;
}

std::string sha256Hex(std::string_view data)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return toHex(digest, sizeof digest);
}

std::string toHex(const unsigned char* data, size_t size)
{
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

bool fromHex(std::string_view hex, std::vector<unsigned char>& out)
{
    if (hex.size() % 2 != 0)
        return false;
    out.clear();
    // libsodium's pointers must not be null, and an empty vector's data() may be.
    if (hex.empty())
        return true;
    out.assign(hex.size() / 2, 0);
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0)
        return false;
    return len == out.size() && end == hex.data() + hex.size();
}

bool constantTimeEquals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace vigie::server
