#include "services/LoginThrottle.h"

#include "AddressRecognition.h"
#include "crypto/Random.h"
#include "services/ApiError.h"
#include "store/StoreValues.h"

#include <algorithm>
#include <cctype>

namespace vigie::server {

namespace {

// Keys are stored with every failure: whatever a client sends, a key stays this short. A
// longer value (no real email or address is) is kept as its hash.
constexpr size_t kMaxKeyValue = 320;

std::string boundedKey(const char* prefix, const std::string& value)
{
    if (value.size() <= kMaxKeyValue)
        return prefix + value;
    return std::string(prefix) + "sha256:" + sha256Hex(value);
}

} // namespace

std::string LoginThrottle::accountKey(const std::string& email)
{
    return boundedKey("account:", storevalues::emailKey(email));
}

std::string LoginThrottle::addressKey(const std::string& address)
{
    return boundedKey("address:", AddressRecognition::clientGroup(address));
}

std::string LoginThrottle::sessionKey(const std::string& sessionId)
{
    return "session:" + sessionId;
}

long long LoginThrottle::secondsUntilAllowed(const std::string& key, TimePoint now, bool& burstStarted)
{
    const auto failures = m_store.loginFailures(key, now - m_config.loginFailureWindow);
    const size_t max = size_t(m_config.loginMaxFailures);
    if (failures.size() < max)
        return 0;
    // No failure is recorded while throttled, so the last one began this burst. A marker
    // written at the burst's first refusal lets the caller audit it once, not per request.
    const std::string marker = "throttled:" + key;
    if (m_store.loginFailures(marker, failures.back() - std::chrono::milliseconds(1)).empty()) {
        m_store.recordLoginFailure({marker}, now);
        burstStarted = true;
    }
    // Allowed again once enough of the oldest failures leave the window.
    const TimePoint freeAt = failures[failures.size() - max] + m_config.loginFailureWindow;
    const auto ms = (freeAt - now).count();
    return std::max<long long>(1, (ms + 999) / 1000);
}

void LoginThrottle::check(const std::string& email, const std::string& address, TimePoint now,
                          bool& burstStarted)
{
    const long long wait = std::max(secondsUntilAllowed(accountKey(email), now, burstStarted),
                                    secondsUntilAllowed(addressKey(address), now, burstStarted));
    if (wait > 0)
        throw ApiError::tooManyRequests(wait);
}

void LoginThrottle::reserve(const std::string& email, const std::string& address, TimePoint now,
                            bool& burstStarted)
{
    check(email, address, now, burstStarted);
    if (m_store.reserveLoginAttempt({accountKey(email), addressKey(address)}, now,
                                    now - m_config.loginFailureWindow, m_config.loginMaxFailures))
        return;
    // Concurrent attempts took the last places since the check.
    check(email, address, now, burstStarted);
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

void LoginThrottle::checkSession(const std::string& sessionId, TimePoint now, bool& burstStarted)
{
    if (const long long wait = secondsUntilAllowed(sessionKey(sessionId), now, burstStarted); wait > 0)
        throw ApiError::tooManyRequests(wait);
}

void LoginThrottle::recordSessionFailure(const std::string& sessionId, TimePoint now)
{
    m_store.recordLoginFailure({sessionKey(sessionId)}, now);
}

void LoginThrottle::clearSession(const std::string& sessionId)
{
    m_store.clearLoginFailures(sessionKey(sessionId));
}

} // namespace vigie::server
