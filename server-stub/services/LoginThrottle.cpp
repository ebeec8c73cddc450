#include "services/LoginThrottle.h"

#include "AddressRecognition.h"
#include "services/ApiError.h"

#include <algorithm>
#include <cctype>

namespace vigie::server {

std::string LoginThrottle::accountKey(const std::string& email)
{
    std::string key = "account:" + email;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return key;
}

std::string LoginThrottle::addressKey(const std::string& address)
{
    return "address:" + AddressRecognition::clientGroup(address);
}

long long LoginThrottle::secondsUntilAllowed(const std::string& key, TimePoint now)
{
    const auto failures = m_store.loginFailures(key, now - m_config.loginFailureWindow);
    const size_t max = size_t(m_config.loginMaxFailures);
    if (failures.size() < max)
        return 0;
    // Allowed again once enough of the oldest failures leave the window.
    const TimePoint freeAt = failures[failures.size() - max] + m_config.loginFailureWindow;
    const auto ms = (freeAt - now).count();
    return std::max<long long>(1, (ms + 999) / 1000);
}

void LoginThrottle::check(const std::string& email, const std::string& address, TimePoint now)
{
    const long long wait =
        std::max(secondsUntilAllowed(accountKey(email), now), secondsUntilAllowed(addressKey(address), now));
    if (wait > 0)
        throw ApiError::tooManyRequests(wait);
}

void LoginThrottle::reserve(const std::string& email, const std::string& address, TimePoint now)
{
    check(email, address, now);
    if (m_store.reserveLoginAttempt({accountKey(email), addressKey(address)}, now,
                                    now - m_config.loginFailureWindow, m_config.loginMaxFailures))
        return;
    // Concurrent attempts took the last places since the check.
    check(email, address, now);
    throw ApiError::tooManyRequests(1);
}

void LoginThrottle::succeeded(const std::string& email, const std::string& address, TimePoint reservedAt)
{
    m_store.clearLoginFailures(accountKey(email));
    m_store.releaseLoginAttempt(addressKey(address), reservedAt);
}

void LoginThrottle::recordFailure(const std::string& email, const std::string& address, TimePoint now)
{
    m_store.recordLoginFailure({accountKey(email), addressKey(address)}, now);
}

void LoginThrottle::recordSuccess(const std::string& email)
{
    m_store.clearLoginFailures(accountKey(email));
}

} // namespace vigie::server
