#include "services/AuthService.h"

#include "Log.h"
#include "core/AuditActions.h"
#include "crypto/Random.h"
#include "services/ApiError.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace vigie::server {

User toApiUser(const UserRecord& r)
{
    return User{r.id, r.email, r.displayName, r.role};
}

DeviceInfo storedDeviceInfo(DeviceInfo info)
{
    if (info.userAgent.size() > kMaxStoredUserAgent) {
        size_t end = kMaxStoredUserAgent;
        while (end > 0 && (static_cast<unsigned char>(info.userAgent[end]) & 0xC0) == 0x80)
            --end;
        info.userAgent.resize(end);
    }
    return info;
}

AuditRecord auditEvent(const std::string& action, TimePoint at, std::optional<std::string> actor,
                       std::optional<std::string> targetUser, std::optional<std::string> targetSession,
                       std::optional<std::string> ip, std::optional<std::string> reason)
{
    return AuditRecord{{},
                       at,
                       std::move(actor),
                       action,
                       std::move(targetUser),
                       std::move(targetSession),
                       std::move(ip),
                       std::move(reason),
                       std::nullopt};
}

AuthService::AuthService(SessionStore& store, const ServerConfig& config, PasswordHasher& hasher,
                         const TokenSigner& signer, const PasswordPolicy& passwords, const ServerClock& clock)
    : m_store(store), m_config(config), m_hasher(hasher), m_signer(signer), m_passwords(passwords),
      m_clock(clock), m_throttle(store, config)
{}

TokenResponse AuthService::issueTokens(const UserRecord& user, const std::string& sessionId,
                                       TimePoint expiresAt, const std::string& refreshToken, TimePoint now)
{
    // An access token never outlives its session.
    const auto untilEnd = std::chrono::duration_cast<std::chrono::seconds>(expiresAt - now);
    const auto lifetime =
        std::max(std::chrono::seconds(1), std::min(m_config.accessTokenSeconds(), untilEnd));
    TokenResponse r;
    r.accessToken = m_signer.sign(user.id, sessionId, now, lifetime);
    r.expiresIn = lifetime.count();
    r.refreshToken = refreshToken;
    r.sessionId = sessionId;
    r.user = toApiUser(user);
    return r;
}

SessionRecord AuthService::insertSession(const UserRecord& user, const ClientContext& client,
                                         TimePoint createdAt, TimePoint lastActivity,
                                         const std::string& refreshTokenHash)
{
    SessionRecord s;
    s.id = newUuid();
    s.userId = user.id;
    s.deviceInfoJson = dumpJson(nlohmann::json(storedDeviceInfo(client.deviceInfo)));
    if (!client.ipAddress.empty())
        s.ipAddress = client.ipAddress;
    if (client.location)
        s.locationDataJson = dumpJson(nlohmann::json(*client.location));
    s.createdAt = createdAt;
    s.lastActivity = lastActivity;
    s.expiresAt = createdAt + m_config.sessionLifetime;
    s.authenticatedAt = createdAt;
    s.refreshTokenHash = refreshTokenHash;
    m_store.insertSession(s, auditEvent("login", createdAt, user.id, user.id, s.id, s.ipAddress),
                          idleCutoff(createdAt), m_config.maxSessionsPerAccount);
    return s;
}

std::string AuthService::createSession(const UserRecord& user, const ClientContext& client,
                                       TimePoint createdAt, TimePoint lastActivity)
{
    // Nobody holds this session's refresh token: it only shows up in the list.
    return insertSession(user, client, createdAt, lastActivity, sha256Hex(newOpaqueToken())).id;
}

UserRecord AuthService::verifyCountedPassword(const std::string& email, const std::string& password,
                                              const std::string& ipAddress, TimePoint now,
                                              const std::optional<std::string>& signedInAs,
                                              const char* purpose)
{
    bool burstStarted = false;
    try {
        m_throttle.reserve(email, ipAddress, now, burstStarted);
    } catch (const ApiError&) {
        // One event per throttled burst: enough to see an attack, not one row per request.
        if (burstStarted) {
            const auto user = m_store.findUserByEmail(email);
            m_store.appendAudit(auditEvent("login_throttled", now, signedInAs,
                                           user ? std::optional(user->id) : std::nullopt, std::nullopt,
                                           ipAddress, std::string("too many wrong passwords to ") + purpose));
        }
        throw;
    }

    const auto user = m_store.findUserByEmail(email);
    bool ok = false;
    if (user && !user->disabled)
        ok = m_hasher.verify(user->passwordHash, password);
    else
        m_hasher.verifyDummy(password); // same cost as a real check: timing does not reveal accounts

    if (!ok) {
        m_store.appendAudit(auditEvent(audit_action::kLoginFailed, now, signedInAs,
                                       user ? std::optional(user->id) : std::nullopt, std::nullopt, ipAddress,
                                       signedInAs ? std::optional(std::string(purpose)) : std::nullopt));
        throw ApiError::invalidCredentials();
    }
    m_throttle.succeeded(email, ipAddress, now);
    return *user;
}

TokenResponse AuthService::login(const std::string& email, const std::string& password,
                                 const ClientContext& client)
{
    const TimePoint now = m_clock.now();
    const UserRecord user =
        verifyCountedPassword(email, password, client.ipAddress, now, std::nullopt, "sign in");
    const std::string refreshToken = newOpaqueToken();
    const SessionRecord s = insertSession(user, client, now, now, sha256Hex(refreshToken));
    return issueTokens(user, s.id, s.expiresAt, refreshToken, now);
}

TokenResponse AuthService::refresh(const std::string& refreshToken, const std::string& ipAddress)
{
    const TimePoint now = m_clock.now();
    const std::string newToken = newOpaqueToken();
    const auto result =
        m_store.rotateRefreshToken(sha256Hex(refreshToken), sha256Hex(newToken), now, idleCutoff(now),
                                   auditEvent("refresh_reuse", now, std::nullopt, std::nullopt, std::nullopt,
                                              ipAddress, std::string("refresh token presented twice")));
    if (result.outcome != RefreshOutcome::Rotated)
        throw ApiError::invalidGrant();
    const auto user = m_store.findUserById(result.session->userId);
    if (!user || user->disabled)
        throw ApiError::invalidGrant();
    return issueTokens(*user, result.session->id, result.session->expiresAt, newToken, now);
}

void AuthService::reauthenticate(const Caller& caller, const std::string& password)
{
    const TimePoint now = m_clock.now();
    const auto user = m_store.findUserById(caller.userId);
    if (!user)
        throw ApiError::unauthorized();
    bool burstStarted = false;
    try {
        m_throttle.checkSession(caller.sessionId, now, burstStarted);
    } catch (const ApiError&) {
        if (burstStarted)
            m_store.appendAudit(auditEvent("login_throttled", now, user->id, user->id, caller.sessionId,
                                           caller.ipAddress, "too many wrong passwords to re-authenticate"));
        throw;
    }
    if (!m_hasher.verify(user->passwordHash, password)) {
        m_throttle.recordSessionFailure(caller.sessionId, now);
        m_store.appendAudit(auditEvent("login_failed", now, user->id, user->id, caller.sessionId,
                                       caller.ipAddress, "reauthenticate"));
        throw ApiError::invalidCredentials();
    }
    m_throttle.clearSession(caller.sessionId);
    m_store.markAuthenticated(
        caller.sessionId, now,
        auditEvent("reauthenticated", now, user->id, user->id, caller.sessionId, caller.ipAddress));
}

int AuthService::changePassword(const Caller& caller, const std::string& currentPassword,
                                const std::string& newPassword, bool signOutOthers)
{
    const TimePoint now = m_clock.now();
    const auto account = m_store.findUserById(caller.userId);
    if (!account)
        throw ApiError::unauthorized();
    // The current password first: the rules below (the same as the current one) must not let a
    // holder of a stolen token test guesses of it.
    const UserRecord user = verifyCountedPassword(account->email, currentPassword, caller.ipAddress, now,
                                                  caller.userId, "change the password");
    std::optional<std::string> weakness;
    try {
        weakness = m_passwords.weakness(newPassword, currentPassword);
    } catch (const PasswordDictionaryUnavailable& e) {
        // Fail closed: no password is accepted unchecked.
        Log::error(std::string("password change: ") + e.what());
        throw ApiError::serviceUnavailable();
    }
    if (weakness)
        throw ApiError::weakPassword(*weakness);
    const auto revoked = m_store.changePassword(
        user.id, m_hasher.hash(newPassword), caller.sessionId, signOutOthers, now, idleCutoff(now),
        auditEvent(audit_action::kPasswordChanged, now, user.id, user.id, caller.sessionId, caller.ipAddress),
        auditEvent(audit_action::kOtherSessionsRevoked, now, user.id, user.id, std::nullopt, caller.ipAddress,
                   std::string("password changed")));
    // The caller's own session ended since its request was authenticated.
    if (!revoked)
        throw ApiError::unauthorized();
    return *revoked;
}

void AuthService::logout(const Caller& caller)
{
    const TimePoint now = m_clock.now();
    // The session may have been revoked a moment ago elsewhere; signing out is still a success.
    m_store.revokeSession(
        caller.userId, caller.sessionId, now, idleCutoff(now), caller.userId, std::string("signed_out"),
        auditEvent("logout", now, caller.userId, caller.userId, caller.sessionId, caller.ipAddress));
}

Caller AuthService::authenticate(const std::string& bearerToken, const std::string& ipAddress)
{
    const TimePoint now = m_clock.now();
    const auto claims = m_signer.verify(bearerToken, now);
    if (!claims)
        throw ApiError::unauthorized();
    const auto session = m_store.sessionForAuth(claims->sessionId);
    if (!session || session->userId != claims->userId || !isLiveSession(*session, now, m_config.idleTimeout))
        throw ApiError::unauthorized();
    // Coalesced: the row's own last_activity says when it was last written, so several
    // servers on one database coalesce together without shared memory.
    if (now - session->lastActivity >= m_config.activityWriteInterval)
        m_store.touchSession(claims->sessionId, now);
    return Caller{claims->userId,
                  claims->sessionId,
                  session->role,
                  session->authenticatedAt,
                  ipAddress,
                  session->sessionsVersion,
                  effectiveIdleTimeout(m_config.idleTimeout, session->accountIdleTimeout)};
}

User AuthService::currentUser(const Caller& caller)
{
    const auto user = m_store.findUserById(caller.userId);
    if (!user)
        throw ApiError::unauthorized();
    return toApiUser(*user);
}

} // namespace vigie::server
