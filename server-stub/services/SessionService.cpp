#include "services/SessionService.h"

#include "core/AuditActions.h"
#include "services/ApiError.h"
#include "services/AuthService.h"

#include <algorithm>

namespace vigie::server {

void SessionService::requireFreshAuthentication(const Caller& caller, TimePoint now) const
{
    if (now - caller.authenticatedAt > m_config.reauthWindow)
        throw ApiError::reauthenticationRequired();
}

void SessionService::requireFreshAuthenticationToRevoke(const Caller& caller, const std::string& ownerId,
                                                        const std::string& sessionId, TimePoint now)
{
    if (now - caller.authenticatedAt <= m_config.reauthWindow)
        return;
    // An unknown session is a 404 before any password prompt: asking for the password only
    // to then say the session is gone would be pointless.
    const auto sessions = m_store.activeSessions(ownerId, now, idleCutoff(now));
    if (std::none_of(sessions.begin(), sessions.end(),
                     [&](const SessionRecord& s) { return s.id == sessionId; }))
        throw ApiError::notFound("No such session.");
    throw ApiError::reauthenticationRequired();
}

void SessionService::requireStaff(const Caller& caller) const
{
    if (!caller.isStaff())
        throw ApiError::forbidden();
}

std::vector<SessionRecord> SessionService::listOwn(const Caller& caller)
{
    const TimePoint now = m_clock.now();
    auto sessions = m_store.activeSessions(caller.userId, now, idleCutoff(now));
    auto current = std::find_if(sessions.begin(), sessions.end(),
                                [&](const SessionRecord& s) { return s.id == caller.sessionId; });
    if (current != sessions.end())
        std::rotate(sessions.begin(), current, current + 1);
    return sessions;
}

void SessionService::revokeOwn(const Caller& caller, const std::string& sessionId)
{
    const TimePoint now = m_clock.now();
    const bool isCurrent = sessionId == caller.sessionId;
    if (!isCurrent)
        requireFreshAuthenticationToRevoke(caller, caller.userId, sessionId, now);
    const bool revoked = m_store.revokeSession(
        caller.userId, sessionId, now, idleCutoff(now), caller.userId,
        std::string(isCurrent ? "signed_out" : "revoked_by_user"),
        auditEvent("session_revoked", now, caller.userId, caller.userId, sessionId, caller.ipAddress));
    if (!revoked)
        throw ApiError::notFound("No such session.");
}

int SessionService::revokeOtherOwn(const Caller& caller)
{
    const TimePoint now = m_clock.now();
    requireFreshAuthentication(caller, now);
    const auto revoked =
        m_store.revokeOtherSessions(caller.userId, caller.sessionId, now, idleCutoff(now),
                                    auditEvent("other_sessions_revoked", now, caller.userId, caller.userId,
                                               std::nullopt, caller.ipAddress));
    // The caller's own session was revoked since its request was authenticated (by another of
    // its sessions signing the others out at the same moment): it is signed out, not in charge.
    if (!revoked)
        throw ApiError::unauthorized();
    return *revoked;
}

SessionRecord SessionService::renameOwn(const Caller& caller, const std::string& sessionId,
                                        const std::optional<std::string>& name)
{
    const TimePoint now = m_clock.now();
    auto renamed = m_store.renameSession(caller.userId, sessionId, name, now, idleCutoff(now),
                                         auditEvent(audit_action::kSessionRenamed, now, caller.userId,
                                                    caller.userId, sessionId, caller.ipAddress));
    if (!renamed)
        throw ApiError::notFound("No such session.");
    return std::move(*renamed);
}

AccountSettings SessionService::settings(const Caller& caller) const
{
    using std::chrono::duration_cast;
    using std::chrono::seconds;
    return AccountSettings{duration_cast<seconds>(caller.idleTimeout).count(),
                           duration_cast<seconds>(m_config.idleTimeout).count()};
}

AccountSettings SessionService::updateSettings(const Caller& caller, long long idleTimeoutSeconds)
{
    const long long max = settings(caller).maxIdleTimeoutSeconds;
    if (idleTimeoutSeconds < kMinIdleTimeoutSeconds || idleTimeoutSeconds > max)
        throw ApiError::invalidRequest("'idle_timeout_seconds' must be an integer from " +
                                       std::to_string(kMinIdleTimeoutSeconds) + " to " + std::to_string(max) +
                                       ".");
    const TimePoint now = m_clock.now();
    m_store.setIdleTimeout(caller.userId, std::chrono::seconds(idleTimeoutSeconds),
                           auditEvent(audit_action::kSettingsChanged, now, caller.userId, caller.userId,
                                      std::nullopt, caller.ipAddress,
                                      "idle timeout " + std::to_string(idleTimeoutSeconds) + " s"));
    return AccountSettings{idleTimeoutSeconds, max};
}

std::vector<AuditRecord> SessionService::ownAudit(const Caller& caller, int limit)
{
    auto events = m_store.auditEvents(caller.userId, limit);
    // Staff acting on this account stay identifiable by id, but their address is theirs.
    for (auto& e : events)
        if (e.actorUserId && *e.actorUserId != caller.userId)
            e.ipAddress.reset();
    return events;
}

std::vector<User> SessionService::findUsers(const Caller& staff, const std::string& email)
{
    requireStaff(staff);
    std::vector<User> users;
    if (auto user = m_store.findUserByEmail(email)) {
        users.push_back(toApiUser(*user));
        m_store.appendAudit(auditEvent("support_lookup", m_clock.now(), staff.userId, user->id, std::nullopt,
                                       staff.ipAddress, "user search"));
    }
    return users;
}

std::vector<SessionRecord> SessionService::listForUser(const Caller& staff, const std::string& userId)
{
    requireStaff(staff);
    if (!m_store.findUserById(userId))
        throw ApiError::notFound("No such user.");
    const TimePoint now = m_clock.now();
    m_store.appendAudit(auditEvent("support_lookup", now, staff.userId, userId, std::nullopt, staff.ipAddress,
                                   "sessions viewed"));
    return m_store.activeSessions(userId, now, idleCutoff(now));
}

void SessionService::revokeForUser(const Caller& staff, const std::string& userId,
                                   const std::string& sessionId, const std::optional<std::string>& reason)
{
    requireStaff(staff);
    const TimePoint now = m_clock.now();
    requireFreshAuthenticationToRevoke(staff, userId, sessionId, now);
    const bool revoked = m_store.revokeSession(
        userId, sessionId, now, idleCutoff(now), staff.userId, reason,
        auditEvent("session_revoked", now, staff.userId, userId, sessionId, staff.ipAddress, reason));
    if (!revoked)
        throw ApiError::notFound("No such session.");
}

std::vector<AuditRecord> SessionService::audit(const Caller& staff, const std::optional<std::string>& userId,
                                               int limit)
{
    requireStaff(staff);
    // Reading the whole log is a look-up too, of no one in particular.
    m_store.appendAudit(auditEvent("support_lookup", m_clock.now(), staff.userId, userId, std::nullopt,
                                   staff.ipAddress, "audit viewed"));
    return m_store.auditEvents(userId, limit);
}

} // namespace vigie::server
