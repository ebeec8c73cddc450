#pragma once

#include <semaphore>
#include <string>
#include <string_view>

namespace vigie::server {

// Argon2id through libsodium at OWASP's floor or above (m = 19 MiB, t = 2, p = 1).
// At most a few hashes run at once: each one takes 19 MiB, and a burst of logins must not
// be able to push the server out of memory.
class PasswordHasher
{
public:
    PasswordHasher();

    std::string hash(std::string_view password);
    bool verify(const std::string& storedHash, std::string_view password);

    // Spends the same time as verify() against a real hash, for unknown accounts, so that
    // response times do not reveal which emails exist.
    void verifyDummy(std::string_view password);

private:
    std::counting_semaphore<4> m_slots{4};
    std::string m_dummyHash;
};

} // namespace vigie::server
