#pragma once

#include "ServerConfig.h"
#include "crypto/PasswordHasher.h"
#include "crypto/TokenSigner.h"
#include "services/Caller.h"
#include "services/LoginThrottle.h"
#include "services/PasswordPolicy.h"
#include "services/ServerClock.h"
#include "store/SessionStore.h"

#include <string>

namespace vigie::server {

// Sign-in, token refresh, re-authentication, sign-out, and the check every authenticated
// request goes through.
class AuthService
{
public:
    AuthService(SessionStore& store, const ServerConfig& config, PasswordHasher& hasher,
                const TokenSigner& signer, const PasswordPolicy& passwords,
                const ServerClock& clock = systemClock());

    TokenResponse login(const std::string& email, const std::string& password, const ClientContext& client);
    TokenResponse refresh(const std::string& refreshToken, const std::string& ipAddress);
    void reauthenticate(const Caller& caller, const std::string& password);
    void logout(const Caller& caller);
    // POST /api/users/me/password: the current password is checked (and counted, throttled)
    // as at sign-in, the new one against PasswordPolicy; returns how many other sessions were
    // revoked. The caller's session becomes freshly authenticated.
    int changePassword(const Caller& caller, const std::string& currentPassword,
                       const std::string& newPassword, bool signOutOthers);

    // Verifies the bearer token and that its session is active, unexpired and its account
    // enabled, and records activity (coalesced). Throws ApiError 401 otherwise.
    Caller authenticate(const std::string& bearerToken, const std::string& ipAddress);

    User currentUser(const Caller& caller);

    // Creates a session directly (the demo data); returns its id.
    std::string createSession(const UserRecord& user, const ClientContext& client, TimePoint createdAt,
                              TimePoint lastActivity);

private:
    // A password check counted and throttled like a sign-in, per account and per address:
    // 429 while throttled, else 401 invalid_credentials (audited) when the password is wrong.
    // signedInAs: the user checking their own password again, for the audit trail.
    UserRecord verifyCountedPassword(const std::string& email, const std::string& password,
                                     const std::string& ipAddress, TimePoint now,
                                     const std::optional<std::string>& signedInAs, const char* purpose);
    SessionRecord insertSession(const UserRecord& user, const ClientContext& client, TimePoint createdAt,
                                TimePoint lastActivity, const std::string& refreshTokenHash);
    TokenResponse issueTokens(const UserRecord& user, const std::string& sessionId, TimePoint expiresAt,
                              const std::string& refreshToken, TimePoint now);
    TimePoint idleCutoff(TimePoint now) const { return now - m_config.idleTimeout; }

    SessionStore& m_store;
    const ServerConfig& m_config;
    PasswordHasher& m_hasher;
    const TokenSigner& m_signer;
    const PasswordPolicy& m_passwords;
    const ServerClock& m_clock;
    LoginThrottle m_throttle;
};

User toApiUser(const UserRecord& record);

// The longest User-Agent a session keeps (in bytes); a longer one is cut at a UTF-8 boundary.
constexpr size_t kMaxStoredUserAgent = 16 * 1024;
// device_info as a session stores it (and `parse-ua` prints it).
DeviceInfo storedDeviceInfo(DeviceInfo info);

AuditRecord auditEvent(const std::string& action, TimePoint at, std::optional<std::string> actor,
                       std::optional<std::string> targetUser, std::optional<std::string> targetSession,
                       std::optional<std::string> ip, std::optional<std::string> reason = std::nullopt);

} // namespace vigie::server
