#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct pwquality_settings;

namespace vigie::server {

// The dictionary of common passwords cannot be read (cracklib-runtime missing or broken).
class PasswordDictionaryUnavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// What a new password must be (API.md v1.1), for the API and the command line alike: 8 to
// 1024 code points, not the current one, and not common. "Common" is libpwquality's
// dictionary verdict only (cracklib's list of common and breached passwords and their simple
// variations), none of its composition rules; a palindrome, which libpwquality refuses before
// it looks in the dictionary, counts as common.
class PasswordPolicy
{
public:
    // Checks that the dictionary works (a common password is refused, a random one accepted);
    // throws PasswordDictionaryUnavailable when it does not: the server refuses to start
    // rather than accept passwords it cannot check.
    PasswordPolicy();
    ~PasswordPolicy();
    PasswordPolicy(const PasswordPolicy&) = delete;
    PasswordPolicy& operator=(const PasswordPolicy&) = delete;

    // nullopt when newPassword may be used; else the rule it breaks, as one sentence for the
    // user. Throws PasswordDictionaryUnavailable when the dictionary went away since.
    std::optional<std::string>
    weakness(const std::string& newPassword,
             const std::optional<std::string>& currentPassword = std::nullopt) const;

private:
    std::optional<std::string> dictionaryVerdict(const std::string& password) const;

    pwquality_settings* m_settings;
    mutable std::mutex m_mutex; // cracklib keeps state between calls
};

} // namespace vigie::server
