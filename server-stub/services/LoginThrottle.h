#pragma once

#include "ServerConfig.h"
#include "store/SessionStore.h"

#include <string>
#include <vector>

namespace vigie::server {

// Counts failed password checks per account and per address in the store (so several
// servers on one database share the counts) and refuses further attempts with a wait.
class LoginThrottle
{
public:
    LoginThrottle(SessionStore& store, const ServerConfig& config) : m_store(store), m_config(config) {}

    // Reserves one sign-in attempt for the account and the address before the password is
    // checked, so that a burst of concurrent attempts gets at most the allowed number of
    // password checks; throws ApiError 429 with Retry-After while either is throttled. The
    // attempt counts as a failure unless succeeded() takes it back.
    void reserve(const std::string& email, const std::string& address, TimePoint now, bool& burstStarted);
    void succeeded(const std::string& email, const std::string& address, TimePoint reservedAt);

    // Throws ApiError 429 with Retry-After while the account or the address is throttled;
    // sets burstStarted first when this is the first refusal since throttling began.
    void check(const std::string& email, const std::string& address, TimePoint now, bool& burstStarted);
    void recordFailure(const std::string& email, const std::string& address, TimePoint now);
    void recordSuccess(const std::string& email);

    // Re-authentication is counted per session, apart from the account's login count: failed
    // logins by someone else never lock the signed-in owner out of re-authenticating.
    void checkSession(const std::string& sessionId, TimePoint now, bool& burstStarted);
    void recordSessionFailure(const std::string& sessionId, TimePoint now);
    void clearSession(const std::string& sessionId);

    static std::string accountKey(const std::string& email);
    // Addresses count by AddressRecognition::clientGroup (an IPv6 client by its /64).
    static std::string addressKey(const std::string& address);
    static std::string sessionKey(const std::string& sessionId);

private:
    long long secondsUntilAllowed(const std::string& key, TimePoint now, bool& burstStarted);

    SessionStore& m_store;
    const ServerConfig& m_config;
};

} // namespace vigie::server
