#pragma once

#include "ServerConfig.h"
#include "services/Caller.h"
#include "services/ServerClock.h"
#include "store/SessionStore.h"

#include <optional>
#include <string>
#include <vector>

namespace vigie::server {

// A user's own sessions and audit trail, and the staff's view of another user's.
class SessionService
{
public:
    SessionService(SessionStore& store, const ServerConfig& config, const ServerClock& clock = systemClock())
        : m_store(store), m_config(config), m_clock(clock)
    {}

    // The caller's active sessions: the current one first, then by last activity.
    std::vector<SessionRecord> listOwn(const Caller& caller);
    void revokeOwn(const Caller& caller, const std::string& sessionId);
    int revokeOtherOwn(const Caller& caller);
    // Names one of the caller's live sessions (nullopt clears the name); 404 when there is no
    // such session. Returns the session as the caller's list shows it.
    SessionRecord renameOwn(const Caller& caller, const std::string& sessionId,
                            const std::optional<std::string>& name);
    AccountSettings settings(const Caller& caller) const;
    // 400 unless kMinIdleTimeoutSeconds <= idleTimeoutSeconds <= the server's --idle-timeout.
    AccountSettings updateSettings(const Caller& caller, long long idleTimeoutSeconds);
    std::vector<AuditRecord> ownAudit(const Caller& caller, int limit);

    std::vector<User> findUsers(const Caller& staff, const std::string& email);
    std::vector<SessionRecord> listForUser(const Caller& staff, const std::string& userId);
    void revokeForUser(const Caller& staff, const std::string& userId, const std::string& sessionId,
                       const std::optional<std::string>& reason);
    std::vector<AuditRecord> audit(const Caller& staff, const std::optional<std::string>& userId, int limit);

    // For /healthz: throws StoreUnavailable when the database does not answer.
    void checkDatabase() { m_store.ping(); }

private:
    void requireFreshAuthentication(const Caller& caller, TimePoint now) const;
    void requireFreshAuthenticationToRevoke(const Caller& caller, const std::string& ownerId,
                                            const std::string& sessionId, TimePoint now);
    void requireStaff(const Caller& caller) const;
    TimePoint idleCutoff(TimePoint now) const { return now - m_config.idleTimeout; }

    SessionStore& m_store;
    const ServerConfig& m_config;
    const ServerClock& m_clock;
};

} // namespace vigie::server
