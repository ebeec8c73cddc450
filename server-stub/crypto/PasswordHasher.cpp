#include "crypto/PasswordHasher.h"

#include "crypto/Random.h"

#include <sodium.h>
#include <stdexcept>

namespace vigie::server {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024u * 1024u;

struct SlotGuard
{
    explicit SlotGuard(std::counting_semaphore<4>& s) : sem(s) { sem.acquire(); }
    ~SlotGuard() { sem.release(); }
    std::counting_semaphore<4>& sem;
};
} // namespace

PasswordHasher::PasswordHasher()
{
    m_dummyHash = hash(newOpaqueToken());
}

std::string PasswordHasher::hash(std::string_view password)
{
    SlotGuard slot(m_slots);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool PasswordHasher::verify(const std::string& storedHash, std::string_view password)
{
    SlotGuard slot(m_slots);
    return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verifyDummy(std::string_view password)
{
    (void)verify(m_dummyHash, password);
}

} // namespace vigie::server
